import { resolve } from 'node:path';
import type { PrepareItem, PrepareProgress } from '@kyyvideo/client';
import { readManifest } from '../batch/manifest.js';
import {
  batchExitCode,
  type ItemOutcome,
  type ItemStatus,
  outcomeOfFailure,
} from '../batch/outcome.js';
import { createProgress } from '../batch/progress.js';
import { type ResultEvent, ResultsWriter, readResults } from '../batch/results-file.js';
import { itemKeys, planStep, priorStates, type Step } from '../batch/resume.js';
import { acquireRunLock } from '../batch/run-lock.js';
import { summarise } from '../batch/summary.js';
import type { CommandContext } from '../context.js';
import { refOf } from './shared.js';

/** The results-file line that records a failed item; an interrupted one records nothing. */
const FAILURE_EVENT: Partial<Record<ItemStatus, ResultEvent>> = {
  rejected: 'rejected',
  unknown: 'unknown',
  'review-failed': 'review-failed',
  // The file keeps one event for "waiting stopped"; a rerun waits again either way.
  'wait-timeout': 'wait-failed',
  'wait-failed': 'wait-failed',
};

export interface BatchOptions {
  manifest: string;
  /** Default: `<manifest>.results.jsonl`. */
  results?: string;
  concurrency: number;
  wait?: boolean;
  /** Seconds, per item, with wait. */
  timeout: number;
  retryUnknown?: boolean;
}

/** What an earlier run left, as this run reports it (nothing is sent for these). */
function previousOutcome(
  base: Pick<ItemOutcome, 'index' | 'where' | 'input'>,
  step: Extract<Step, { do: 'skip' }>,
  lastError: ItemOutcome['error'],
): ItemOutcome {
  const withId = step.assetId ? { assetId: step.assetId, ref: refOf(step.assetId) } : {};
  if (step.reason === 'done') return { ...base, ...withId, status: 'skipped', previousRun: true };
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
}

export async function batch(options: BatchOptions, ctx: CommandContext) {
  const { cwd } = ctx.io;
  const resultsShown = options.results ?? `${options.manifest}.results.jsonl`;
  // Everything that can be wrong with the input is found before the first request.
  const items = await readManifest(resolve(cwd, options.manifest), options.manifest);
  const resultsPath = resolve(cwd, resultsShown);
  // Before reading what earlier runs did: a run still going would otherwise be repeated.
  const lock = acquireRunLock(resultsPath, resultsShown);
  try {
    return await runBatch(options, ctx, items, resultsPath, resultsShown);
  } finally {
    lock.release();
  }
}

async function runBatch(
  options: BatchOptions,
  ctx: CommandContext,
  items: Awaited<ReturnType<typeof readManifest>>,
  resultsPath: string,
  resultsShown: string,
) {
  const keys = itemKeys(items);
  const states = priorStates(readResults(resultsPath, resultsShown));
  const plan = { wait: options.wait === true, retryUnknown: options.retryUnknown === true };
  const steps: Step[] = keys.map((key) => planStep(states.get(key) ?? { kind: 'new' }, plan));
  const outcomes: ItemOutcome[] = items.map((item, i) => {
    const step = steps[i] as Step;
    const base = { index: item.index, where: item.where, input: item.input };
    if (step.do !== 'skip') return { ...base, status: 'interrupted' };
    const prior = states.get(keys[i] as string);
    return previousOutcome(base, step, prior && 'lastError' in prior ? prior.lastError : undefined);
  });

  // The items this run sends, in manifest order: uploads, and waits for earlier uploads.
  const queue = items.map((_, i) => i).filter((i) => steps[i]?.do !== 'skip');
  const work: PrepareItem[] = queue.map((i) => {
    const step = steps[i] as Step;
    return step.do === 'wait' ? { waitFor: step.assetId } : (items[i]?.input as PrepareItem);
  });
  const assets = queue.length > 0 ? await ctx.assets() : undefined;
  const earlierOk = outcomes.filter((o) => o.status === 'skipped').length;
  const earlierFailed = outcomes.filter((o) => o.previousRun && o.status !== 'skipped').length;
  if (earlierOk + earlierFailed > 0) {
    ctx.out.info(
      `Resuming from ${resultsShown}: ${earlierOk} done earlier${earlierFailed > 0 ? `, ${earlierFailed} need attention` : ''}, ${queue.length} to do.`,
    );
  }

  const writer = new ResultsWriter(resultsPath, resultsShown, ctx.redact);
  const progress = await createProgress(ctx.out, items.length, {
    ok: earlierOk,
    failed: earlierFailed,
  });
  const stopProgressOnSecondInterrupt = () => {
    // The bin shim exits at once on a second Ctrl-C: leave the terminal usable and say what
    // is on disk before it does.
    progress.stop();
    // Cursor back on, line wrap back on, whatever state the bar left them in.
    if (ctx.io.stderr.isTTY) ctx.io.stderr.write('\u001b[?25h\u001b[?7h');
    ctx.io.stderr.write(
      `\nStopped. Every finished step is recorded in ${resultsShown}; run the same command again to resume.\n`,
    );
  };
  ctx.onSecondInterrupt?.(stopProgressOnSecondInterrupt);
  const sayStopping = () =>
    ctx.out.info(
      'Ctrl-C: letting the uploads in flight finish, starting no more (Ctrl-C again to quit now).',
    );
  ctx.signal.addEventListener('abort', sayStopping, { once: true });
  const uploadedNow = new Set<number>();

  const record = (i: number) => {
    const item = items[i] as (typeof items)[number];
    return { key: keys[i] as string, index: item.index, input: item.input };
  };
  // The batch engine's own count of the items it finished, after those earlier runs settled.
  const settle = (i: number, outcome: ItemOutcome, doneNow: number) => {
    outcomes[i] = outcome;
    progress.finished(outcome, earlierOk + earlierFailed + doneNow);
  };

  const onProgress = (event: PrepareProgress) => {
    if (event.type === 'deleted') return;
    const i = queue[event.index] as number;
    const item = items[i] as (typeof items)[number];
    const base = { index: item.index, where: item.where, input: item.input };
    switch (event.type) {
      case 'uploading':
        // On disk before the upload is sent: a kill from here on leaves "outcome unknown".
        writer.append({ ...record(i), event: 'started' });
        return;
      case 'uploaded':
        uploadedNow.add(i);
        writer.append({ ...record(i), event: 'uploaded', assetId: event.assetId });
        return;
      case 'ready': {
        // Without --wait the engine calls an item ready as soon as it is uploaded.
        if (options.wait) writer.append({ ...record(i), event: 'active', assetId: event.assetId });
        const status = options.wait ? 'active' : 'uploaded';
        settle(i, { ...base, status, assetId: event.assetId, ref: event.ref }, event.done);
        return;
      }
      case 'failed': {
        const uploaded = uploadedNow.has(i) || steps[i]?.do === 'wait';
        const outcome = outcomeOfFailure(
          base,
          event.error,
          uploaded,
          ctx.signal.aborted,
          options.timeout,
        );
        const resultEvent = FAILURE_EVENT[outcome.status];
        if (resultEvent !== undefined) {
          writer.append({
            ...record(i),
            event: resultEvent,
            ...(outcome.assetId === undefined ? {} : { assetId: outcome.assetId }),
            ...(outcome.error === undefined ? {} : { error: outcome.error }),
          });
        }
        settle(i, outcome, event.done);
        return;
      }
    }
  };

  try {
    if (assets && work.length > 0) {
      await assets.prepare(work, {
        concurrency: options.concurrency,
        wait: options.wait === true,
        waitTimeoutMs: Math.round(options.timeout * 1000),
        signal: ctx.signal,
        // Ctrl-C stops new uploads from starting; the ones in flight finish, so none is left
        // unknown. Waits stop at once (the asset exists; a rerun waits again).
        finishStartedUploads: true,
        onProgress,
      });
    }
  } finally {
    ctx.signal.removeEventListener('abort', sayStopping);
    progress.stop();
    writer.close();
  }
  return summarise(outcomes, {
    resultsFile: resultsShown,
    interrupted: ctx.signal.aborted,
    exitCode: batchExitCode(outcomes, ctx.signal.aborted),
    out: ctx.out,
  });
}
