import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BatchClient, BatchEvent } from '@kyyvideo/jobs';
import { messageInCliTerms } from '../client-messages.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { openQueueAt } from '../queue/open-queue.js';
import { quote } from '../quote.js';

export interface WorkerCommandOptions {
  queue: string;
  outDir: string;
  concurrency: number;
  /** Seconds between status checks of a task; absent = the client's default. */
  interval?: number;
  lease?: number;
  exitWhenIdle?: boolean;
}

/** How often an idle worker looks for rows at most (it also does so when --interval is shorter). */
const IDLE_LOOK_MAX_MS = 2_000;

function settledLine(event: Extract<BatchEvent, { type: 'settled' }>): string {
  const { row, state } = event;
  const name = row.kind === 'video' ? row.input.out : row.key;
  switch (state.phase) {
    case 'downloaded':
      return `${row.key} downloaded ${name} (${state.bytes} bytes, task ${state.id})`;
    case 'failed':
      return `${row.key} failed: ${state.error.message}`;
    case 'rejected':
      return `${row.key} rejected (nothing was created): ${state.error.message}`;
    case 'unknown':
      return `${row.key} unknown: ${state.error.message}`;
    case 'new':
    case 'ready':
      return `${row.key} not created: the batch's --max-tasks is reached, or this worker is stopping`;
    default:
      return `${row.key} paused at ${state.phase}; any worker picks it up again${event.error ? ` (${event.error.message})` : ''}`;
  }
}

/**
 * `kyy worker`: works on the rows of every batch queued in the database until Ctrl-C / SIGTERM
 * (or, with --exit-when-idle, until nothing is left). Stopping leaves rows in progress to any
 * worker; a worker that dies holds its rows until its lease runs out.
 */
export async function worker(options: WorkerCommandOptions, ctx: CommandContext) {
  const outDir = resolve(ctx.io.cwd, options.outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(
      `Cannot create --out-dir ${quote(options.outDir)} (${reason}); pick a writable folder.`,
    );
  }
  // The key is resolved before the database is touched: a worker without one would take rows.
  const api = await ctx.videos();
  const assets = await ctx.assets();
  const { runWorker, displayUrl, LANE_FAILURES_TO_STOP, WorkerStoppedError } = await import(
    '@kyyvideo/jobs/postgres'
  );
  let lastProblem = '';
  const queue = await openQueueAt(options.queue, {
    ...(options.lease !== undefined && { leaseSeconds: options.lease }),
    onError: (error) => {
      // pg-boss and the pool report each failed connection while PostgreSQL restarts: say it once.
      const line = `worker: database: ${ctx.redact(error.message)}`;
      if (line !== lastProblem) ctx.out.info(line);
      lastProblem = line;
    },
  });
  ctx.out.info(
    `worker: taking rows from ${displayUrl(options.queue)} (${options.concurrency} at a time, lease ${queue.leaseSeconds} s); each batch's videos go to ${outDir}/<batch>/. Ctrl-C stops taking rows.`,
  );
  const kyy: BatchClient = { videos: api.videos, assets };
  try {
    const result = await runWorker(kyy, queue, {
      describeError: (error) => messageInCliTerms(error, ctx.globals),
      outDir,
      concurrency: options.concurrency,
      ...(options.interval !== undefined && {
        intervalMs: options.interval * 1000,
        // An idle worker looks for rows as often as it polls, up to its default.
        idleMs: Math.min(options.interval * 1000, IDLE_LOOK_MAX_MS),
      }),
      exitWhenIdle: options.exitWhenIdle === true,
      signal: ctx.signal,
      redact: ctx.redact,
      onEvent: (event) => {
        if (event.type === 'settled') ctx.out.info(`worker: ${settledLine(event)}`);
      },
      onLaneError: (error) =>
        ctx.out.info(
          `worker: ${ctx.redact(error instanceof Error ? error.message : String(error))}`,
        ),
    }).catch((error: unknown) => {
      if (!(error instanceof WorkerStoppedError)) throw error;
      return { ...error.result, stoppedBy: error };
    });
    if ('stoppedBy' in result) {
      const { cause } = result.stoppedBy;
      const why = ctx.redact(cause instanceof Error ? cause.message : String(cause));
      const { stoppedBy: _, ...counts } = result;
      return {
        data: { ...counts, stoppedBy: why, interrupted: false },
        exitCode: EXIT.failed,
        human: `worker: ${LANE_FAILURES_TO_STOP} failures in a row with no row finished in between, so this worker stopped taking rows. The last: ${why}\n(${counts.rowsSettled} rows handled, ${counts.sends} creates sent; rows in progress stay resumable by any worker.) Fix the cause (is --queue the database the batch was queued in, with its tables?), then start the worker again.`,
      };
    }
    if (result.keyRefused) {
      return {
        data: { ...result, interrupted: ctx.signal.aborted },
        exitCode: EXIT.failed,
        human: `worker: the service refused the API key, so this worker stopped taking rows (${result.rowsSettled} rows handled, ${result.sends} creates sent); the rows not sent stay queued. Check KYY_API_KEY (or --api-key-file) and --base-url, then start the worker again.`,
      };
    }
    const stopped = ctx.signal.aborted
      ? 'stopped; rows in progress are left for any worker (start one again to go on).'
      : 'nothing left to do.';
    return {
      data: { ...result, interrupted: ctx.signal.aborted },
      human: `worker: ${result.rowsSettled} rows handled, ${result.sends} creates sent; ${stopped}`,
    };
  } finally {
    await queue.close();
  }
}
