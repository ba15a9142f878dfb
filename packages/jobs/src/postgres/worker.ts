import type { BatchClient } from '../actions.js';
import { type BatchEvent, type BatchOptions, runBatch } from '../engine.js';
import type { QueueConnection } from './connection.js';
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
  /** A lane's run ended with an error (another worker took its row over); the lane goes on. */
  onLaneError?: (error: unknown) => void;
  redact?: BatchOptions['redact'];
}

export interface WorkerResult {
  /** Creates sent by this worker. */
  sends: number;
  rowsSettled: number;
  bytesDownloaded: number;
  /** The service refused the API key: every lane stopped taking rows, which stay resumable. */
  keyRefused: boolean;
}

const DEFAULT_WORKER_CONCURRENCY = 4;
const DEFAULT_IDLE_MS = 2_000;
const LANE_BACKOFF_MAX_MS = 30_000;

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
  // A refused key refuses every lane's creates alike: the first refusal stops them all.
  const keyStop = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, keyStop.signal])
    : keyStop.signal;
  const store = new PostgresBatchStore(queue, {
    idleMs: options.idleMs ?? DEFAULT_IDLE_MS,
    exitWhenIdle: options.exitWhenIdle === true,
  });
  const total: WorkerResult = { sends: 0, rowsSettled: 0, bytesDownloaded: 0, keyRefused: false };
  const lane = async () => {
    for (let failures = 0; ; failures++) {
      try {
        const result = await runBatch(kyy, [], {
          store,
          concurrency: 1,
          signal,
          outDir: options.outDir,
          ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
          ...(options.onEvent && { onEvent: options.onEvent }),
          ...(options.redact && { redact: options.redact }),
        });
        total.sends += result.sends;
        total.rowsSettled += result.rows.length;
        total.bytesDownloaded += result.bytesDownloaded;
        if (result.keyRefused) {
          total.keyRefused = true;
          keyStop.abort();
        }
        return;
      } catch (error) {
        options.onLaneError?.(error);
        if (signal.aborted) return;
        // A lost row costs nothing to retry at once; an error that stays (a dropped table, a
        // revoked grant) must not spin: wait longer each time, up to LANE_BACKOFF_MAX_MS.
        await pause(Math.min(LANE_BACKOFF_MAX_MS, 250 * 2 ** failures), signal);
      }
    }
  };
  try {
    const lanes = Math.max(1, options.concurrency ?? DEFAULT_WORKER_CONCURRENCY);
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await store.close();
  }
  return total;
}
