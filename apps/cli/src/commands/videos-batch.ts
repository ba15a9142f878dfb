import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type BatchClient,
  JsonlStore,
  ResultsFileError,
  type RowPolicy,
  runVideoBatch,
  type StoredRow,
} from '@kyyvideo/jobs';
import { acquireRunLock } from '../batch/run-lock.js';
import { readVideoManifest, type VideoManifestRow } from '../batch/video-manifest.js';
import { createVideoProgress } from '../batch/video-progress.js';
import { messageInCliTerms } from '../client-messages.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { kyyCommand, shellWord } from '../next-command.js';
import { quote } from '../quote.js';
import { DEFAULT_VIDEO_CONCURRENCY, DEFAULT_VIDEO_TIMEOUT_S } from '../video-help.js';
import { checkExistingFiles } from '../videos-batch/existing-files.js';
import { describePlan, latestIn, planBatch, statesOf } from '../videos-batch/plan.js';
import { summarise } from '../videos-batch/summary.js';

export interface VideosBatchOptions {
  manifest: string;
  outDir: string;
  /** Default: `<manifest>.results.jsonl`. */
  results?: string;
  /** Tasks in flight at the service. */
  concurrency: number;
  uploadReferences?: boolean;
  /** Seconds between polls; absent = the client's default (the documentation's advice). */
  interval?: number;
  /** Seconds, per task, in this run. */
  timeout: number;
  dryRun?: boolean;
  maxTasks?: number;
  retryFailed?: boolean;
  retryUnknown?: boolean;
  /** Replace files in --out-dir that the results file does not record as the row's download. */
  force?: boolean;
}

function policyOf(options: VideosBatchOptions): RowPolicy {
  return {
    await: true,
    download: true,
    retryFailed: options.retryFailed === true,
    retryUnknown: options.retryUnknown === true,
  };
}

/**
 * The same command, to resume, with the flags that shape the run (pace, time limit, files to
 * replace); the retry flags are left out (they are a new decision) and --max-tasks asks for a
 * new budget.
 */
function rerunCommand(options: VideosBatchOptions, ctx: CommandContext): string {
  const parts = [
    'videos batch',
    shellWord(options.manifest),
    '--out-dir',
    shellWord(options.outDir),
  ];
  if (options.results !== undefined) parts.push('--results', shellWord(options.results));
  if (options.uploadReferences) parts.push('--upload-references');
  if (options.concurrency !== DEFAULT_VIDEO_CONCURRENCY) {
    parts.push('--concurrency', String(options.concurrency));
  }
  if (options.interval !== undefined) parts.push('--interval', String(options.interval));
  if (options.timeout !== DEFAULT_VIDEO_TIMEOUT_S) parts.push('--timeout', String(options.timeout));
  // Files it was told to replace are still there until their rows download.
  if (options.force) parts.push('--force');
  if (options.maxTasks !== undefined) parts.push('--max-tasks <n>');
  return kyyCommand(ctx.globals, parts.join(' '));
}

export async function videosBatch(options: VideosBatchOptions, ctx: CommandContext) {
  const { cwd } = ctx.io;
  const uploadReferences = options.uploadReferences === true;
  // Every problem of every row is found before the first request.
  const rows = await readVideoManifest(resolve(cwd, options.manifest), options.manifest, {
    uploadReferences,
  });
  const resultsShown = options.results ?? `${options.manifest}.results.jsonl`;
  const resultsPath = resolve(cwd, resultsShown);
  const outDir = resolve(cwd, options.outDir);
  if (options.dryRun) {
    const latest = readableLatest(resultsPath, resultsShown);
    // The real run's refusal, found by the dry run that is meant to preview it.
    if (!options.force) {
      await checkExistingFiles(rows, latest, {
        outDir,
        outDirShown: options.outDir,
        resultsShown,
      });
    }
    const plan = planBatch(rows, statesOf(latest), policyOf(options));
    return {
      data: { dryRun: true, ...plan, toCreate: plan.toCreate.map((r) => r.out) },
      human: describePlan(plan, rows.length),
    };
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unwritable';
    throw new UsageError(
      `Cannot create --out-dir ${quote(options.outDir)} (${reason}); pass a writable folder.`,
    );
  }
  // Before reading what earlier runs did: a run still going would otherwise be repeated.
  const lock = acquireRunLock(resultsPath, resultsShown);
  try {
    return await runRows(rows, options, ctx, { resultsPath, resultsShown, outDir });
  } finally {
    lock.release();
  }
}

function readableLatest(path: string, shown: string) {
  try {
    return latestIn(path);
  } catch (error) {
    throw resultsFileProblem(error, shown);
  }
}

function resultsFileProblem(error: unknown, shown: string): unknown {
  if (!(error instanceof ResultsFileError)) return error;
  return new UsageError(
    `The results file ${quote(shown)}${error.line ? ` line ${error.line}` : ''}: ${error.message}. Fix or remove that line, or pass --results with another file.`,
  );
}

function openStore(path: string, shown: string, ctx: CommandContext): JsonlStore {
  try {
    return new JsonlStore(path, { redact: (text) => ctx.redact(text) });
  } catch (error) {
    throw resultsFileProblem(error, shown);
  }
}

async function runRows(
  rows: readonly VideoManifestRow[],
  options: VideosBatchOptions,
  ctx: CommandContext,
  files: { resultsPath: string; resultsShown: string; outDir: string },
) {
  // Read once: the refusal below and the count of videos already downloaded.
  const latest = readableLatest(files.resultsPath, files.resultsShown);
  if (!options.force) {
    await checkExistingFiles(rows, latest, {
      outDir: files.outDir,
      outDirShown: options.outDir,
      resultsShown: files.resultsShown,
    });
  }
  const store = openStore(files.resultsPath, files.resultsShown, ctx);
  const rerun = rerunCommand(options, ctx);
  try {
    const kyy: BatchClient = { videos: (await ctx.videos()).videos, assets: await ctx.assets() };
    const before = planBatch(rows, statesOf(latest), policyOf(options)).downloaded;
    const progress = await createVideoProgress(ctx.out, rows.length, before);
    ctx.onSecondInterrupt?.(() => {
      progress.stop();
      // Cursor back on, line wrap back on, whatever state the bar left them in.
      if (ctx.io.stderr.isTTY) ctx.io.stderr.write('\u001b[?25h\u001b[?7h');
      ctx.io.stderr.write(
        `\nStopped. Every step so far is recorded in ${files.resultsShown}; to resume: ${rerun}\n`,
      );
    });
    const sayStopping = () =>
      progress.note(
        'Ctrl-C: letting the creates already sent finish, starting no more, stopping the waits (Ctrl-C again to quit now).',
      );
    ctx.signal.addEventListener('abort', sayStopping, { once: true });
    let result: Awaited<ReturnType<typeof runVideoBatch>>;
    try {
      result = await runVideoBatch(kyy, rows, {
        store,
        outDir: files.outDir,
        concurrency: options.concurrency,
        signal: ctx.signal,
        retryFailed: options.retryFailed === true,
        retryUnknown: options.retryUnknown === true,
        timeoutMs: Math.round(options.timeout * 1000),
        ...(options.interval === undefined
          ? {}
          : { intervalMs: Math.round(options.interval * 1000) }),
        ...(options.maxTasks === undefined ? {} : { maxSends: options.maxTasks }),
        redact: (text) => ctx.redact(text),
        describeError: (error) => messageInCliTerms(error, ctx.globals),
        onEvent: (event) => progress.onEvent(event),
      });
    } finally {
      ctx.signal.removeEventListener('abort', sayStopping);
      // Cleared before the summary: the summary must not be written over the bar.
      progress.stop();
    }
    const stored = new Map<string, StoredRow>(store.rows().map((row) => [row.key, row]));
    return summarise(
      {
        rows,
        stored,
        result,
        resultsFile: files.resultsShown,
        rerun,
        retryUnknown: options.retryUnknown === true,
      },
      ctx.out,
    );
  } finally {
    await store.close();
  }
}
