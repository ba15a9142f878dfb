import { resolve } from 'node:path';
import {
  JsonlStore,
  ResultsFileError,
  type RowPolicy,
  type RowSpec,
  runBatch,
  start,
} from '@kyyvideo/jobs';
import { type ManifestItem, readManifest } from '../batch/manifest.js';
import {
  batchExitCode,
  type ItemOutcome,
  isOk,
  outcomeOfRow,
  type RowRun,
} from '../batch/outcome.js';
import { type BatchProgress, createProgress } from '../batch/progress.js';
import { itemKeys } from '../batch/resume.js';
import { acquireRunLock } from '../batch/run-lock.js';
import { summarise } from '../batch/summary.js';
import { messageInCliTerms } from '../client-messages.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';

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

export async function batch(options: BatchOptions, ctx: CommandContext) {
  const { cwd } = ctx.io;
  const resultsShown = options.results ?? `${options.manifest}.results.jsonl`;
  // Everything that can be wrong with the input is found before the first request.
  const items = await readManifest(resolve(cwd, options.manifest), options.manifest);
  const resultsPath = resolve(cwd, resultsShown);
  // Before reading what earlier runs did: a run still going would otherwise be repeated.
  const lock = acquireRunLock(resultsPath, resultsShown);
  try {
    const store = openStore(resultsPath, resultsShown, ctx);
    try {
      return await runBatchOfAssets(options, ctx, items, store, resultsShown);
    } finally {
      await store.close();
    }
  } finally {
    lock.release();
  }
}

function openStore(path: string, shown: string, ctx: CommandContext): JsonlStore {
  try {
    return new JsonlStore(path, { redact: (text) => ctx.redact(text) });
  } catch (error) {
    if (!(error instanceof ResultsFileError)) throw error;
    throw new UsageError(
      error.line === undefined
        ? `The results file ${quote(shown)} ${error.message}; pass --results <file> somewhere writable.`
        : `The results file ${quote(shown)} line ${error.line} is not a kyy batch record. Fix or remove that line, or pass --results with another file.`,
    );
  }
}

/** Ctrl-C once: say so without garbling the bar; twice: leave the terminal usable, then exit. */
function handleInterrupts(ctx: CommandContext, progress: BatchProgress, resultsShown: string) {
  ctx.onSecondInterrupt?.(() => {
    progress.stop();
    // Cursor back on, line wrap back on, whatever state the bar left them in.
    if (ctx.io.stderr.isTTY) ctx.io.stderr.write('\u001b[?25h\u001b[?7h');
    ctx.io.stderr.write(
      `\nStopped. Every finished step is recorded in ${resultsShown}; run the same command again to resume.\n`,
    );
  });
  const sayStopping = () =>
    progress.note(
      'Ctrl-C: letting the uploads in flight finish, starting no more (Ctrl-C again to quit now).',
    );
  ctx.signal.addEventListener('abort', sayStopping, { once: true });
  return () => ctx.signal.removeEventListener('abort', sayStopping);
}

/**
 * The rows an earlier run settled (nothing is sent for them now) and how many of those
 * succeeded: counted, and said, before this run starts.
 */
function settledEarlier(
  store: JsonlStore,
  options: BatchOptions,
  outcomeOf: (key: string, run: RowRun) => ItemOutcome,
) {
  const policy: RowPolicy = {
    await: options.wait === true,
    download: false,
    retryFailed: false,
    retryUnknown: options.retryUnknown === true,
  };
  const earlier = new Set<string>();
  let earlierOk = 0;
  for (const row of store.rows()) {
    const step = start(row.state, policy);
    if (step.action.do !== 'stop') continue;
    earlier.add(row.key);
    const run = { before: row.state, state: step.state, reason: step.action.reason };
    if (isOk(outcomeOf(row.key, run))) earlierOk++;
  }
  return { earlier, earlierOk };
}

async function runBatchOfAssets(
  options: BatchOptions,
  ctx: CommandContext,
  items: readonly ManifestItem[],
  store: JsonlStore,
  resultsShown: string,
) {
  const keys = itemKeys(items);
  const rows: RowSpec[] = items.map((item, i) => ({
    key: keys[i] as string,
    index: item.index + 1,
    kind: 'asset',
    input: { upload: item.input },
  }));
  const itemOf = new Map(rows.map((row, i) => [row.key, items[i] as ManifestItem]));
  const base = (item: ManifestItem) => ({
    index: item.index,
    where: item.where,
    input: item.input,
  });
  const runs = new Map<string, RowRun>();
  const outcomes = (): ItemOutcome[] =>
    items.map((item, i) => outcomeOfRow(base(item), runs.get(keys[i] as string)));

  await store.add({ rows });
  const { earlier, earlierOk } = settledEarlier(store, options, (key, run) =>
    outcomeOfRow(base(itemOf.get(key) as ManifestItem), run),
  );
  const earlierFailed = earlier.size - earlierOk;
  if (earlier.size > 0) {
    ctx.out.info(
      `Resuming from ${resultsShown}: ${earlierOk} done earlier${earlierFailed > 0 ? `, ${earlierFailed} need attention` : ''}, ${items.length - earlier.size} to do.`,
    );
  }
  const assets = await ctx.assets();
  const progress = await createProgress(ctx.out, items.length, {
    ok: earlierOk,
    failed: earlierFailed,
  });
  const stopListening = handleInterrupts(ctx, progress, resultsShown);
  let done = earlier.size;
  try {
    await runBatch({ assets }, rows, {
      store,
      concurrency: options.concurrency,
      signal: ctx.signal,
      waitForAssets: options.wait === true,
      retryUnknown: options.retryUnknown === true,
      assetTimeoutMs: Math.round(options.timeout * 1000),
      redact: (text) => ctx.redact(text),
      describeError: (error) =>
        messageInCliTerms(error, ctx.globals, { timeoutSeconds: options.timeout }),
      onEvent: (event) => {
        if (event.type !== 'settled') return;
        const run: RowRun = {
          before: event.row.state,
          state: event.state,
          reason: event.reason,
          ...(event.error && { error: event.error }),
        };
        runs.set(event.row.key, run);
        if (earlier.has(event.row.key)) return;
        const item = itemOf.get(event.row.key) as ManifestItem;
        progress.finished(outcomeOfRow(base(item), run), ++done);
      },
    });
  } finally {
    stopListening();
    // Cleared before the summary: the summary must not be written over the bar.
    progress.stop();
  }
  const all = outcomes();
  return summarise(all, {
    resultsFile: resultsShown,
    interrupted: ctx.signal.aborted,
    exitCode: batchExitCode(all, ctx.signal.aborted),
    out: ctx.out,
  });
}
