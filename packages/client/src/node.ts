/// <reference types="node" />
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { KyyConnectionError } from './errors.js';
import { checkSaveTarget, removeStaleParts, tempPathFor } from './save-target.js';
import type { KyyClient } from './types.js';
import { SNIFF_BYTES, startsLikeVideo } from './video-sniff.js';
import type { DownloadOptions, VideoDownload, VideoTask } from './video-types.js';

/**
 * Node-only helpers (`@kyyvideo/client/node`), kept out of the main entry so browser bundles
 * never see `node:` imports.
 */

export { checkSaveTarget, type SaveTarget } from './save-target.js';

/**
 * Whether the file at `path` starts like a video, by the same rule `downloadToFile` applies to
 * the bytes it receives: how a rerun tells a finished download from a file someone replaced.
 * False when it cannot be read.
 */
export async function isVideoFile(path: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return startsLikeVideo(head.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle?.close().catch(() => {});
  }
}

export interface SavedVideo {
  /** The absolute path written. */
  path: string;
  bytes: number;
  /** The URL it came from. */
  url: string;
}

/**
 * Writes `stream` into `handle` from `position` on, one chunk at a time, each awaited before the
 * next is read: when the stream breaks, `written` is exactly what reached the file (no buffer in
 * between loses bytes), so a resume asks for precisely the rest.
 */
async function writeFrom(
  handle: FileHandle,
  stream: ReadableStream<Uint8Array>,
  position: number,
  written: { bytes: number },
): Promise<void> {
  const reader = stream.getReader();
  let at = position;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      await handle.write(value, 0, value.byteLength, at);
      at += value.byteLength;
      written.bytes += value.byteLength;
    }
  } catch (error) {
    await reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/**
 * Writes a stream to `path` atomically: into a temporary file beside it (same directory, so the
 * rename cannot cross file systems), flushed to disk, then renamed over `path`. On any failure or
 * abort the temporary file is removed and `path` is untouched: there is never a partial file.
 */
export async function writeFileAtomically(
  stream: ReadableStream<Uint8Array>,
  path: string,
  options: { signal?: AbortSignal; expectedBytes?: number } = {},
): Promise<{ path: string; bytes: number }> {
  const target = resolve(path);
  const temp = tempPathFor(target);
  // 'wx': never follow or reuse an existing file at the temporary name.
  const handle = await open(temp, 'wx');
  let bytes = 0;
  try {
    const sink = new Writable({
      write(chunk: Uint8Array, _encoding: string, done: (error?: Error | null) => void) {
        handle.write(chunk).then(() => {
          bytes += chunk.byteLength;
          done();
        }, done);
      },
    });
    await pipeline(
      Readable.fromWeb(stream as NodeReadableStream<Uint8Array>),
      sink,
      options.signal ? { signal: options.signal } : {},
    );
    if (options.expectedBytes !== undefined && bytes !== options.expectedBytes) {
      throw new KyyConnectionError(
        `The download ended after ${bytes} of ${options.expectedBytes} bytes; nothing was written to ${target}. Download again.`,
        { operation: 'video-download', provablyNotSent: false },
      );
    }
    await handle.sync();
    await handle.close();
    await rename(temp, target);
    return { path: target, bytes };
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

/**
 * How many times one download resumes after its connection broke mid-body. Each resume asks only
 * for the missing bytes; a host that keeps cutting the connection is failing, and the error then
 * says so (the caller can download again).
 */
export const MAX_DOWNLOAD_RESUMES = 3;

/** A connection that broke mid-body (not an abort, a size or a content refusal): resumable. */
function isCut(error: unknown): boolean {
  return error instanceof KyyConnectionError;
}

/**
 * Downloads a completed task's video (or a `video_url`) to `path`, atomically (see
 * {@link writeFileAtomically}). An existing file at `path` is replaced only once the whole video
 * has arrived. The path is checked first ({@link checkSaveTarget}: its folder exists, it is not a
 * folder), before anything is requested. Temporary files left beside `path` by a download that
 * was killed are removed. When the connection breaks mid-body, the download resumes with
 * `Range: bytes=N-` where the host allows it (else it starts over), up to
 * {@link MAX_DOWNLOAD_RESUMES} times. Errors are the client's (KyyAbortError, KyyDownloadError,
 * KyyInputError for the path, …).
 */
export async function downloadToFile(
  kyy: Pick<KyyClient, 'videos'>,
  taskOrUrl: VideoTask | string,
  path: string,
  options: DownloadOptions = {},
): Promise<SavedVideo> {
  const { path: target } = await checkSaveTarget(path);
  await removeStaleParts(target);
  let video: VideoDownload = await kyy.videos.download(taskOrUrl, options);
  const temp = tempPathFor(target);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    const written = { bytes: 0 };
    for (let resumes = 0; ; resumes++) {
      // The host sent the whole file again (it ignored or refused the range): start over.
      if (video.offset !== written.bytes) {
        await handle.truncate(0);
        written.bytes = 0;
      }
      try {
        // No signal here: the download stream itself ends with KyyAbortError when it fires.
        await writeFrom(handle, video.body, written.bytes, written);
        break;
      } catch (error) {
        if (!isCut(error) || resumes >= MAX_DOWNLOAD_RESUMES || options.signal?.aborted) {
          throw error;
        }
      }
      video = await kyy.videos.download(video.url, { ...options, rangeStart: written.bytes });
    }
    await handle.sync();
    await handle.close();
    await rename(temp, target);
    return { path: target, bytes: written.bytes, url: video.url };
  } catch (error) {
    await video.body.cancel().catch(() => {});
    await handle?.close().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
