import { resolve } from 'node:path';
import { readManifest } from '../batch/manifest.js';
import {
  batchExitCode,
  type ItemOutcome,
  isOk,
  toItemError,
  uploadFailureKind,
} from '../batch/outcome.js';
import { createProgress } from '../batch/progress.js';
import { ResultsWriter, readResults } from '../batch/results-file.js';
import { itemKeys, planStep, priorStates, type Step } from '../batch/resume.js';
import type { AssetsApi } from '../client-types.js';
import type { CommandContext, CommandModule } from '../context.js';
import { UsageError } from '../errors.js';
import { parseIntegerInRange } from '../validate.js';
import { refOf, timeoutOption } from './shared.js';

export interface BatchOptions {
  manifest: string;
  results: string;
  concurrency: number;
  wait: boolean;
  timeoutMs: number;
  retryUnknown: boolean;
}

/** Enough to hide latency without looking like abuse of an API with undocumented rate limits. */
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 16;

export const command: CommandModule<BatchOptions> = {
  parse([manifest], opts) {
    if (!manifest || manifest.trim() === '') {
      throw new UsageError('<manifest> is required: a .json or .csv file listing the uploads.');
    }
    if (opts.timeout !== undefined && opts.wait !== true) {
      throw new UsageError('--timeout only applies with --wait; add --wait or drop --timeout.');
    }
    return {
      manifest,
      results: typeof opts.results === 'string' ? opts.results : `${manifest}.results.jsonl`,
      concurrency:
        typeof opts.concurrency === 'string'
          ? parseIntegerInRange(opts.concurrency, '--concurrency', 1, MAX_CONCURRENCY)
          : DEFAULT_CONCURRENCY,
      wait: opts.wait === true,
      timeoutMs: timeoutOption(opts.timeout),
      retryUnknown: opts.retryUnknown === true,
    };
  },

  async run(options, ctx) {
    const { cwd } = ctx.io;
    // Everything that can be wrong with the input is found before the first request.
    const items = await readManifest(resolve(cwd, options.manifest), options.manifest);
    const keys = itemKeys(items);
    const resultsPath = resolve(cwd, options.results);
    const states = priorStates(readResults(resultsPath, options.results));
    const steps: Step[] = keys.map((key) => planStep(states.get(key) ?? { kind: 'new' }, options));
    const outcomes: ItemOutcome[] = items.map((item, i) => {
      const step = steps[i] as Step;
      const base = { index: item.index, where: item.where, input: item.input };
      if (step.do !== 'skip') return { ...base, status: 'interrupted' };
      const assetId = step.assetId;
      const withId = assetId ? { assetId, ref: refOf(assetId) } : {};
      const prior = states.get(keys[i] as string);
      const lastError = prior && 'lastError' in prior ? prior.lastError : undefined;
      if (step.reason === 'done')
        return { ...base, ...withId, status: 'skipped', previousRun: true };
      return {
        ...base,
        ...withId,
        status: step.reason,
        previousRun: true,
        error:
          step.reason === 'unknown'
            ? {
                type: 'OutcomeUnknown',
                message:
                  'an earlier run sent this upload but never learned whether it created an asset; it is not re-uploaded. Check, then rerun with --retry-unknown to upload it again.',
              }
            : (lastError ?? {
                type: 'KyyAssetFailedError',
                message: 'review failed in an earlier run',
              }),
      };
    });

    const queue = items.map((_, i) => i).filter((i) => steps[i]?.do !== 'skip');
    const assets = queue.length > 0 ? await ctx.assets() : undefined;
    const skippedOk = outcomes.filter((o) => o.previousRun && isOk(o)).length;
    const skippedFailed = outcomes.filter((o) => o.previousRun && !isOk(o)).length;
    if (skippedOk + skippedFailed > 0) {
      ctx.out.info(
        `Resuming from ${options.results}: ${skippedOk} done earlier${skippedFailed > 0 ? `, ${skippedFailed} need attention` : ''}, ${queue.length} to do.`,
      );
    }

    const writer = new ResultsWriter(resultsPath, options.results);
    const progress = await createProgress(ctx.out, items.length, {
      ok: skippedOk,
      failed: skippedFailed,
    });
    let done = skippedOk + skippedFailed;
    let next = 0;
    const worker = async () => {
      // Ctrl-C stops new uploads from starting; the ones in flight finish, so none is left unknown.
      while (!ctx.signal.aborted && next < queue.length) {
        const i = queue[next++] as number;
        const outcome = await processItem(i);
        outcomes[i] = outcome;
        done++;
        progress.finished(outcome, done);
      }
    };

    const processItem = async (i: number): Promise<ItemOutcome> => {
      const item = items[i] as (typeof items)[number];
      const key = keys[i] as string;
      const step = steps[i] as Step;
      const api = assets as AssetsApi;
      const base = { index: item.index, where: item.where, input: item.input };
      const record = { key, index: item.index, input: item.input };
      let assetId: string;
      if (step.do === 'upload') {
        writer.append({ ...record, event: 'started' });
        try {
          // No abort signal: stopping an upload halfway would leave its outcome unknown.
          ({ assetId } = await api.upload(item.input));
        } catch (error) {
          const kind = uploadFailureKind(error);
          const itemError = toItemError(error);
          writer.append({ ...record, event: kind, error: itemError });
          return { ...base, status: kind, error: itemError };
        }
        writer.append({ ...record, event: 'uploaded', assetId });
        if (!options.wait) return { ...base, status: 'uploaded', assetId, ref: refOf(assetId) };
      } else if (step.do === 'wait') {
        assetId = step.assetId;
      } else {
        throw new Error('unreachable: skipped items are not queued');
      }
      const withId = { ...base, assetId, ref: refOf(assetId) };
      if (ctx.signal.aborted) return { ...withId, status: 'interrupted' };
      try {
        await api.waitUntilActive(assetId, { timeoutMs: options.timeoutMs, signal: ctx.signal });
        writer.append({ ...record, event: 'active', assetId });
        return { ...withId, status: 'active' };
      } catch (error) {
        const itemError = toItemError(error);
        if (itemError.kind === 'abort' || ctx.signal.aborted)
          return { ...withId, status: 'interrupted' };
        if (itemError.kind === 'asset-failed') {
          writer.append({ ...record, event: 'review-failed', assetId, error: itemError });
          return { ...withId, status: 'review-failed', error: itemError };
        }
        writer.append({ ...record, event: 'wait-failed', assetId, error: itemError });
        const status = itemError.kind === 'wait-timeout' ? 'wait-timeout' : 'wait-failed';
        return { ...withId, status, error: itemError };
      }
    };

    try {
      await Promise.all(
        Array.from({ length: Math.min(options.concurrency, queue.length) }, worker),
      );
    } finally {
      progress.stop();
      writer.close();
    }
    return summarise(outcomes, options, ctx);
  },
};

function summarise(outcomes: ItemOutcome[], options: BatchOptions, ctx: CommandContext) {
  const interrupted = ctx.signal.aborted;
  const count = (pred: (o: ItemOutcome) => boolean) => outcomes.filter(pred).length;
  const summary = {
    total: outcomes.length,
    succeeded: count(isOk),
    failed: count((o) => !isOk(o) && o.status !== 'interrupted'),
    skipped: count((o) => o.status === 'skipped'),
    unknown: count((o) => o.status === 'unknown'),
    interrupted: count((o) => o.status === 'interrupted'),
  };
  const exitCode = batchExitCode(outcomes, interrupted);
  const data = {
    ok: exitCode === 0,
    interrupted,
    resultsFile: options.results,
    summary,
    items: outcomes,
  };
  if (ctx.out.quiet) {
    return {
      data,
      exitCode,
      human: outcomes
        .filter(isOk)
        .map((o) => o.assetId)
        .join('\n'),
    };
  }
  const c = ctx.out.color;
  const lines = [
    `${c.bold(`${summary.succeeded}/${summary.total} succeeded`)}` +
      (summary.skipped > 0 ? ` (${summary.skipped} done in an earlier run)` : '') +
      (summary.failed > 0 ? `, ${c.red(`${summary.failed} failed`)}` : '') +
      (summary.interrupted > 0 ? `, ${c.yellow(`${summary.interrupted} not finished`)}` : ''),
  ];
  const failed = outcomes.filter((o) => !isOk(o) && o.status !== 'interrupted');
  for (const o of failed) {
    const id = o.assetId ? ` ${o.assetId}` : '';
    lines.push(`  ${o.where}  ${c.red(o.status)}${id}  ${o.error?.message.split('\n')[0] ?? ''}`);
  }
  if (interrupted) {
    lines.push(c.yellow('Interrupted. Run the same command again to resume.'));
  } else if (failed.some((o) => o.status !== 'unknown' && o.status !== 'review-failed')) {
    lines.push('Run the same command again to retry what failed; finished items are skipped.');
  }
  if (summary.unknown > 0) {
    lines.push(
      `${summary.unknown} upload${summary.unknown === 1 ? '' : 's'} may or may not have created an asset and ${summary.unknown === 1 ? 'was' : 'were'} not retried; add --retry-unknown to upload again (may create duplicates).`,
    );
  }
  lines.push(c.dim(`Results: ${options.results}`));
  return { data, exitCode, human: lines.join('\n') };
}
