import {
  type BatchResult,
  type RowError,
  type RowState,
  resumeUnknownError,
  type StoredRow,
} from '@kyyvideo/jobs';
import type { VideoManifestRow } from '../batch/video-manifest.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { plural } from '../plural.js';
import { megabytes } from '../video/download-bar.js';

export interface RowReport {
  where: string;
  out: string;
  state: RowState['phase'];
  taskId?: string;
  error?: RowError;
}

export interface SummaryInput {
  rows: readonly VideoManifestRow[];
  /** The store's rows after the run (state of every manifest row). */
  stored: ReadonlyMap<string, StoredRow>;
  result: BatchResult;
  resultsFile: string;
  rerun: string;
  retryUnknown: boolean;
}

/**
 * The exit code: Ctrl-C first (130), then anything unclear or refused (1: unknown creates,
 * rejected rows, polls or downloads that stopped), then the budget (7: rows left), then failed
 * tasks (6); 0 only when every row is downloaded.
 */
export function exitCodeOf(reports: readonly RowReport[], result: BatchResult): number {
  if (result.interrupted) return EXIT.interrupted;
  const states = new Set(reports.map((r) => r.state));
  const troubled = reports.some(
    (r) => r.state === 'unknown' || r.state === 'rejected' || (r.error && r.state !== 'failed'),
  );
  if (troubled) return EXIT.failed;
  if (
    result.budgetReached &&
    reports.some((r) => r.state !== 'downloaded' && r.state !== 'failed')
  ) {
    return EXIT.budgetReached;
  }
  if (states.has('failed')) return EXIT.generationFailed;
  return reports.every((r) => r.state === 'downloaded') ? EXIT.ok : EXIT.failed;
}

/** The engine's own sentence for a row found mid-send names its library option; kyy's a flag. */
function inCliTerms(error: RowError | undefined): RowError | undefined {
  if (!error || error.type !== resumeUnknownError.type) return error;
  return {
    ...error,
    message:
      'an earlier run stopped after sending this create and before its answer arrived; it may have been created. It is not sent again without --retry-unknown (which may pay twice).',
  };
}

export function reportsOf(input: SummaryInput): RowReport[] {
  const errors = new Map(input.result.rows.map((r) => [r.row.key, r.error]));
  return input.rows.map((row) => {
    const state = input.stored.get(row.key)?.state ?? { phase: 'new' as const };
    const error = inCliTerms(errors.get(row.key) ?? ('error' in state ? state.error : undefined));
    return {
      where: row.where,
      out: row.out,
      state: state.phase,
      ...('id' in state && state.id !== undefined && { taskId: state.id }),
      ...(error && { error }),
    };
  });
}

/** Creates sent in this run, and their seconds of video by model. */
function createdNow(input: SummaryInput) {
  const sent = new Set(input.result.sentKeys);
  const rows = input.rows.filter((row) => sent.has(row.key));
  const secondsByModel: Record<string, number> = {};
  for (const row of rows) {
    secondsByModel[row.task.model] = (secondsByModel[row.task.model] ?? 0) + row.seconds;
  }
  return { creates: rows.length, uploads: sent.size - rows.length, secondsByModel };
}

export function summarise(input: SummaryInput, out: Output) {
  const reports = reportsOf(input);
  const exitCode = exitCodeOf(reports, input.result);
  const created = createdNow(input);
  const counts: Record<string, number> = {};
  for (const r of reports) counts[r.state] = (counts[r.state] ?? 0) + 1;
  const data = {
    ok: exitCode === EXIT.ok,
    interrupted: input.result.interrupted,
    budgetReached: input.result.budgetReached,
    keyRefused: input.result.keyRefused,
    resultsFile: input.resultsFile,
    counts,
    createsSent: created.creates,
    uploadsSent: created.uploads,
    secondsByModel: created.secondsByModel,
    bytesDownloaded: input.result.bytesDownloaded,
    rows: reports,
  };
  if (out.quiet) {
    const files = reports.filter((r) => r.state === 'downloaded').map((r) => r.out);
    return { data, exitCode, human: files.join('\n') };
  }
  const c = out.color;
  const downloaded = counts.downloaded ?? 0;
  const lines = [
    c.bold(`${downloaded}/${reports.length} downloaded`) +
      Object.entries(counts)
        .filter(([state]) => state !== 'downloaded')
        .map(([state, n]) => `, ${n} ${state}`)
        .join('') +
      ` (${data.createsSent} created now, ${megabytes(data.bytesDownloaded)} downloaded)`,
  ];
  for (const r of reports.filter((r) => r.error && r.state !== 'downloaded')) {
    const id = r.taskId ? ` ${r.taskId}` : '';
    lines.push(
      `  ${r.where}  ${r.out}  ${c.red(r.state)}${id}  ${r.error?.message.split('\n')[0]}`,
    );
  }
  if (input.result.budgetReached) {
    const left = reports.filter((r) => r.state === 'new' || r.state === 'ready').length;
    lines.push(c.yellow(`Budget reached (--max-tasks): ${plural(left, 'row')} not created.`));
  }
  if (input.result.keyRefused) {
    const left = reports.filter((r) => r.state === 'new' || r.state === 'ready').length;
    lines.push(
      c.red(
        `The service refused the API key: no further create was sent (${plural(left, 'row')} not sent), and a refused create made nothing, so every row stays resumable. Check KYY_API_KEY (or --api-key-file) and --base-url, then resume.`,
      ),
    );
  }
  const unknown = counts.unknown ?? 0;
  if (unknown > 0 && !input.retryUnknown) {
    lines.push(
      `${plural(unknown, 'create')} may have reached the service (outcome unknown) and ${unknown === 1 ? 'is' : 'are'} not sent again; check, then add --retry-unknown to create again (may pay twice).`,
    );
  }
  if ((counts.failed ?? 0) > 0)
    lines.push('Failed tasks stay failed on a rerun; add --retry-failed to create them again.');
  if (exitCode !== EXIT.ok) lines.push(`To resume: ${input.rerun}`);
  lines.push(c.dim(`Results: ${input.resultsFile}`));
  return { data, exitCode, human: lines.join('\n') };
}
