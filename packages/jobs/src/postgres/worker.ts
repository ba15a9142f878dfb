import type { BatchClient } from '../actions.js';
import { type BatchEvent, type BatchOptions, runBatch, tally } from '../engine.js';
import type { QueueConnection } from './connection.js';
import { LANE_FAILURES_TO_STOP, LaneHealth } from './lane-health.js';
import { pause } from './reconnect.js';
import { PostgresBatchStore } from './store.js';

export interface WorkerOptions {
  /** Shared storage in production: every worker writes the MP4s here. */
  outDir: string;
  /** Rows worked on at once by this worker (default 4). */
  concurrency?: number;
  /** Pause between task polls (default: the client's). */
  intervalMs?: number;
  /** How often an idle worker looks for new rows (default 2 s). */
  idleMs?: number;
  /** Stop once no row is pending or held by a live worker. */
  exitWhenIdle?: boolean;
  /** Stops taking rows; rows in progress are left resumable by any worker. */
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /**
   * A lane's run ended with an error; the lane goes on. After {@link LANE_FAILURES_TO_STOP}
   * failures in a row of an error that is neither a row taken over nor a lost connection, the
   * worker stops and `runWorker` rejects with a {@link WorkerStoppedError}.
   */
  onLaneError?: (error: unknown) => void;
  redact?: BatchOptions['redact'];
  /** Words a row's error for the people reading the store (default: the error's message). */
  describeError?: BatchOptions['describeError'];
}

export interface WorkerResult {
  /** Creates sent by this worker. */
  sends: number;
  rowsSettled: number;
  bytesDownloaded: number;
  /** The service refused the API key: every lane stopped taking rows, which stay resumable. */
  keyRefused: boolean;
}

/**
 * The worker gave up on an error that kept coming back (a dropped table, a revoked grant, a bug):
 * retrying it would only spin. Every lane stopped taking rows; rows in progress stay resumable by
 * any worker once the cause is fixed.
 */
export class WorkerStoppedError extends Error {
  override readonly name = 'WorkerStoppedError';
  constructor(
    override readonly cause: unknown,
    /** What the worker did before it stopped. */
    readonly result: WorkerResult,
  ) {
    super(
      `the worker stopped: one of its lanes failed ${LANE_FAILURES_TO_STOP} times in a row, the last time with: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

const DEFAULT_WORKER_CONCURRENCY = 4;
const DEFAULT_IDLE_MS = 2_000;

/**
 * Works on the rows of every queued batch until stopped (or, with `exitWhenIdle`, until none is
 * left). Each lane is one engine run of one row at a time, so a lane whose row was taken over by
 * another worker (a lease that ran out) starts again without stopping the others.
 */
export async function runWorker(
  kyy: BatchClient,
  queue: QueueConnection,
  options: WorkerOptions,
): Promise<WorkerResult> {
  // A refused key refuses every lane's creates alike: the first refusal stops them all. So does
  // an error that keeps coming back.
  const stopAll = new AbortController();
  let lasting: { error: unknown } | undefined;
  const signal = options.signal
    ? AbortSignal.any([options.signal, stopAll.signal])
    : stopAll.signal;
  const store = new PostgresBatchStore(queue, {
    idleMs: options.idleMs ?? DEFAULT_IDLE_MS,
    exitWhenIdle: options.exitWhenIdle === true,
  });
  const total: WorkerResult = { sends: 0, rowsSettled: 0, bytesDownloaded: 0, keyRefused: false };
  /** Counted from the engine's events, so a lane whose run throws loses none of its work. */
  const count = (event: BatchEvent) => {
    if (event.type === 'settled') total.rowsSettled++;
    tally(total, event);
  };
  const lane = async () => {
    const health = new LaneHealth();
    const onEvent = (event: BatchEvent) => {
      count(event);
      if (event.type === 'settled') health.settled();
      options.onEvent?.(event);
    };
    for (;;) {
      try {
        const result = await runBatch(kyy, [], {
          store,
          concurrency: 1,
          signal,
          outDir: options.outDir,
          onEvent,
          ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
          ...(options.redact && { redact: options.redact }),
          ...(options.describeError && { describeError: options.describeError }),
        });
        if (result.keyRefused) {
          total.keyRefused = true;
          stopAll.abort();
        }
        return;
      } catch (error) {
        options.onLaneError?.(error);
        if (signal.aborted) return;
        const next = health.failed(error);
        if (next.do === 'stop') {
          lasting ??= { error };
          stopAll.abort();
          return;
        }
        if (next.afterMs > 0) await pause(next.afterMs, signal);
      }
    }
  };
  try {
    const lanes = Math.max(1, options.concurrency ?? DEFAULT_WORKER_CONCURRENCY);
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await store.close();
  }
  if (lasting) throw new WorkerStoppedError(lasting.error, total);
  return total;
}
