import type { Output } from '../output.js';
import { plural } from '../plural.js';
import { type ItemOutcome, isOk } from './outcome.js';

export interface SummaryContext {
  resultsFile: string;
  interrupted: boolean;
  exitCode: number;
  out: Output;
}

/** The word the progress bar and the summary both use for items Ctrl-C stopped. */
export const INTERRUPTED_WORD = 'interrupted';

/**
 * What running the same command again will do with each item, in the terms of resume.ts's plan:
 * rejected and never-started items are uploaded, uploaded ones are waited for again (with
 * --wait), unknown ones are left alone without --retry-unknown, failed reviews stay failed.
 */
export function rerunPlan(outcomes: readonly ItemOutcome[]): string | undefined {
  const count = (...statuses: ItemOutcome['status'][]) =>
    outcomes.filter((o) => statuses.includes(o.status)).length;
  const upload =
    count('rejected') + outcomes.filter((o) => o.status === 'interrupted' && !o.assetId).length;
  const waitAgain =
    count('wait-timeout', 'wait-failed') +
    outcomes.filter((o) => o.status === 'interrupted' && o.assetId).length;
  const unknown = count('unknown');
  const reviewFailed = count('review-failed');
  const does: string[] = [];
  if (upload > 0) does.push(`upload ${plural(upload, 'item', 'items')} again`);
  if (waitAgain > 0)
    does.push(
      `wait again (with --wait) for ${plural(waitAgain, 'uploaded asset', 'uploaded assets')}`,
    );
  if (unknown > 0)
    does.push(
      `leave ${plural(unknown, 'item', 'items')} of unknown outcome alone (add --retry-unknown to upload ${unknown === 1 ? 'it' : 'them'} again, which may create duplicates)`,
    );
  if (reviewFailed > 0)
    does.push(
      `report ${plural(reviewFailed, 'failed review', 'failed reviews')} again, uploading nothing`,
    );
  if (does.length === 0) return undefined;
  return `Running the same command again will ${does.join('; ')}; finished items are skipped.`;
}

export function summarise(outcomes: ItemOutcome[], s: SummaryContext) {
  const count = (pred: (o: ItemOutcome) => boolean) => outcomes.filter(pred).length;
  const summary = {
    total: outcomes.length,
    succeeded: count(isOk),
    failed: count((o) => !isOk(o) && o.status !== 'interrupted'),
    skipped: count((o) => o.status === 'skipped'),
    unknown: count((o) => o.status === 'unknown'),
    interrupted: count((o) => o.status === 'interrupted'),
  };
  const data = {
    ok: s.exitCode === 0,
    interrupted: s.interrupted,
    resultsFile: s.resultsFile,
    summary,
    items: outcomes,
  };
  if (s.out.quiet) {
    const ids = outcomes.filter(isOk).map((o) => o.assetId);
    return { data, exitCode: s.exitCode, human: ids.join('\n') };
  }
  const c = s.out.color;
  const lines = [
    `${c.bold(`${summary.succeeded}/${summary.total} succeeded`)}` +
      (summary.skipped > 0 ? ` (${summary.skipped} done in an earlier run)` : '') +
      (summary.failed > 0 ? `, ${c.red(`${summary.failed} failed`)}` : '') +
      (summary.interrupted > 0
        ? `, ${c.yellow(`${summary.interrupted} ${INTERRUPTED_WORD}`)}`
        : ''),
  ];
  for (const o of outcomes.filter((o) => !isOk(o) && o.status !== 'interrupted')) {
    const id = o.assetId ? ` ${o.assetId}` : '';
    lines.push(`  ${o.where}  ${c.red(o.status)}${id}  ${o.error?.message.split('\n')[0] ?? ''}`);
  }
  if (s.interrupted) lines.push(c.yellow('Interrupted. Run the same command again to resume.'));
  if (summary.unknown > 0) {
    lines.push(
      `${summary.unknown} upload${summary.unknown === 1 ? '' : 's'} may or may not have created an asset and ${summary.unknown === 1 ? 'was' : 'were'} not retried; add --retry-unknown to upload again (may create duplicates).`,
    );
  }
  const plan = rerunPlan(outcomes);
  if (plan) lines.push(plan);
  lines.push(c.dim(`Results: ${s.resultsFile}`));
  return { data, exitCode: s.exitCode, human: lines.join('\n') };
}
