import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  KyyAssetFailedError,
  type KyyAssets,
  KyyError,
  KyyVideoFailedError,
  type KyyVideos,
} from '@kyyvideo/client';
import { downloadToFile, isVideoFile } from '@kyyvideo/client/node';
import type { RowError, RowEvent } from './machine.js';
import { pause } from './pause.js';
import { withReferences } from './references.js';
import {
  type DescribeError,
  isExpiredUrl,
  type Redact,
  sendMayHaveCreated,
  toRowError,
} from './row-error.js';
import type { StoredRow } from './store.js';

/** The calls a batch makes: a `KyyClient` has them (tests may pass a stand-in). */
export interface BatchClient {
  /** Needed only when the batch has video rows. */
  videos?: KyyVideos;
  assets: Pick<KyyAssets, 'upload' | 'waitUntilActive'>;
}

/** What the actions need from the run: the client, where files go, and time limits. */
export interface ActionContext {
  kyy: BatchClient;
  outDir: string;
  signal: AbortSignal;
  redact: Redact;
  describeError?: DescribeError;
  /** Pause between task polls; the client's default when absent. */
  intervalMs?: number;
  /** Time limit of one video wait in this run. */
  timeoutMs?: number;
  /** Time limit of one asset review wait. */
  assetTimeoutMs?: number;
  /** Called as a download's bytes arrive. */
  onBytes?: (row: StoredRow, bytes: number) => void;
}

function videosOf(ctx: ActionContext): KyyVideos {
  if (!ctx.kyy.videos) throw new TypeError('runBatch: video rows need a client with videos');
  return ctx.kyy.videos;
}

/**
 * Sends the row's create or upload. Never given the run's signal: a request that has started
 * is let finish, because abandoning it would leave its outcome unknown.
 */
export async function send(
  row: StoredRow,
  refs: ReadonlyMap<string, string>,
  ctx: ActionContext,
): Promise<RowEvent> {
  try {
    const id =
      row.kind === 'video'
        ? (await videosOf(ctx).create(withReferences(row.input.task, refs))).id
        : (await ctx.kyy.assets.upload(row.input.upload)).assetId;
    return { type: 'sent', id };
  } catch (error) {
    const error_ = toRowError(error, ctx.redact, ctx.describeError);
    if (!sendMayHaveCreated(error)) return { type: 'send-rejected', error: error_ };
    // An answer that named what it made: it exists, so follow it rather than call it unknown.
    const named = error instanceof KyyError ? (error.taskId ?? error.assetId) : undefined;
    return named === undefined
      ? { type: 'send-unknown', error: error_ }
      : { type: 'sent', id: named };
  }
}

/**
 * Waits for what the send made. `justSent`: the create answered `queued` a moment ago, so with
 * a chosen interval the first read waits one interval instead of asking at once.
 */
export async function poll(
  row: StoredRow,
  id: string,
  ctx: ActionContext,
  justSent = false,
): Promise<RowEvent> {
  try {
    if (row.kind === 'video') {
      if (justSent && ctx.intervalMs !== undefined) {
        await pause(ctx.intervalMs, ctx.signal);
        if (ctx.signal.aborted) return { type: 'interrupted' };
      }
      const task = await videosOf(ctx).waitUntilDone(id, {
        signal: ctx.signal,
        // The rows of a batch start their waits at different moments already; a chosen
        // interval is kept exactly, so a task is seen done one interval after it is.
        ...(ctx.intervalMs === undefined
          ? {}
          : { intervalMs: ctx.intervalMs, exactInterval: true }),
        ...(ctx.timeoutMs === undefined ? {} : { timeoutMs: ctx.timeoutMs }),
      });
      return { type: 'completed', url: task.video_url };
    }
    await ctx.kyy.assets.waitUntilActive(id, {
      signal: ctx.signal,
      ...(ctx.assetTimeoutMs === undefined ? {} : { timeoutMs: ctx.assetTimeoutMs }),
    });
    return { type: 'completed' };
  } catch (error) {
    if (error instanceof KyyVideoFailedError || error instanceof KyyAssetFailedError) {
      return { type: 'failed', error: toRowError(error, ctx.redact, ctx.describeError) };
    }
    if (ctx.signal.aborted) return { type: 'interrupted' };
    return { type: 'poll-stopped', error: toRowError(error, ctx.redact, ctx.describeError) };
  }
}

function expiredError(id: string, error: RowError): RowError {
  return {
    ...error,
    type: 'VideoUrlExpired',
    message: `the video_url of task ${id} no longer serves the video (${error.message}); a video_url lasts about 24 hours. Run the same command again to read the task again; if the service still answers with a dead URL, the video is lost.`,
  };
}

export async function download(
  row: StoredRow,
  id: string,
  url: string,
  ctx: ActionContext,
): Promise<RowEvent> {
  if (row.kind !== 'video') throw new TypeError('only video rows download');
  const path = resolve(ctx.outDir, row.input.out);
  // downloadToFile removes what a killed earlier download of this file left, and refuses a
  // body that is not a video: nothing is kept then.
  try {
    // A queued batch's files go to a folder of its own, made on its first download.
    await mkdir(dirname(path), { recursive: true });
    const saved = await downloadToFile({ videos: videosOf(ctx) }, url, path, {
      signal: ctx.signal,
      ...(ctx.onBytes && { onProgress: (p) => ctx.onBytes?.(row, p.receivedBytes) }),
    });
    return { type: 'downloaded', file: row.input.out, bytes: saved.bytes };
  } catch (error) {
    if (ctx.signal.aborted) return { type: 'interrupted' };
    const error_ = toRowError(error, ctx.redact, ctx.describeError);
    return isExpiredUrl(error)
      ? { type: 'download-failed', error: expiredError(id, error_), expired: true }
      : { type: 'download-failed', error: error_ };
  }
}

export async function verify(file: string, ctx: ActionContext): Promise<RowEvent> {
  const path = resolve(ctx.outDir, file);
  return (await isVideoFile(path)) ? { type: 'file-valid' } : { type: 'file-invalid' };
}
