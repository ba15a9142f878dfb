/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { KyyConnectionError } from './errors.js';
import type { KyyClient } from './types.js';
import type { DownloadOptions, VideoTask } from './video-types.js';

/**
 * Node-only helpers (`@kyyvideo/client/node`), kept out of the main entry so browser bundles
 * never see `node:` imports.
 */

export interface SavedVideo {
  /** The absolute path written. */
  path: string;
  bytes: number;
  /** The URL it came from. */
  url: string;
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
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
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
 * Downloads a completed task's video (or a `video_url`) to `path`, atomically (see
 * {@link writeFileAtomically}). An existing file at `path` is replaced only once the whole video
 * has arrived. Errors are the client's (KyyAbortError, KyyDownloadError, …).
 */
export async function downloadToFile(
  kyy: Pick<KyyClient, 'videos'>,
  taskOrUrl: VideoTask | string,
  path: string,
  options: DownloadOptions = {},
): Promise<SavedVideo> {
  const video = await kyy.videos.download(taskOrUrl, options);
  try {
    // No signal here: the download stream itself ends with KyyAbortError when it fires.
    const saved = await writeFileAtomically(video.body, path, {
      ...(video.contentLength === undefined ? {} : { expectedBytes: video.contentLength }),
    });
    return { ...saved, url: video.url };
  } catch (error) {
    await video.body.cancel().catch(() => {});
    throw error;
  }
}
