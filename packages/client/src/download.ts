import { checkUrl, errorsOf } from '@kyyvideo/contract';
import {
  KyyAbortError,
  KyyConnectionError,
  KyyDownloadError,
  KyyError,
  KyyInputError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
} from './errors.js';
import { sentence } from './input.js';
import { classifyThrown } from './network.js';
import { parseRetryAfter } from './retry-after.js';
import { type RetrySettings, retrying } from './retry-policy.js';
import { safeCause } from './safe-cause.js';
import { safely } from './signals.js';
import { SNIFF_BYTES, startsLikeVideo, textTypeOf } from './video-sniff.js';
import type { DownloadOptions, VideoDownload, VideoTask } from './video-types.js';

/**
 * Fetching the finished video. Not on the API's request path (send): `video_url` is another
 * host's signed URL, so the request carries no Authorization header (the key never goes to a
 * foreign host), redirects are followed (nothing secret can be forwarded), and the answer is
 * streamed, up to `maxDownloadBytes`. It is a GET, safe to repeat, so failures before the first
 * byte (connection, timeout, 408/429/5xx) are retried like `get`, by the same loop and backoff
 * (retry-policy.ts); a failure mid-stream errors the stream, and `rangeStart` asks for the rest
 * (`Range: bytes=N-`), which the host may grant (206) or answer with the whole file again.
 */

export interface DownloadDeps extends RetrySettings {
  fetch: typeof fetch;
  /** Time limit until the answer's headers arrive, per attempt; the body then has no limit. */
  timeoutMs: number;
  /** The largest video accepted (the client's `maxDownloadBytes`). */
  maxDownloadBytes: number;
}

const OPERATION = 'video-download' as const;

/** The URL to fetch: a completed task's `video_url`, or a URL given as is. */
export function videoUrlOf(taskOrUrl: VideoTask | string): string {
  const url =
    typeof taskOrUrl === 'string'
      ? taskOrUrl
      : typeof taskOrUrl === 'object' && taskOrUrl !== null
        ? taskOrUrl.video_url
        : undefined;
  if (typeof taskOrUrl === 'object' && taskOrUrl !== null && typeof url !== 'string') {
    throw new KyyInputError(
      `download: task "${String(taskOrUrl.id)}" has no video_url (status ${String(taskOrUrl.status)}); wait for it with videos.waitUntilDone first.`,
      { operation: 'input' },
    );
  }
  const problems = errorsOf(checkUrl(url, 'video_url'));
  if (problems.length > 0) {
    throw new KyyInputError(`download: ${problems.map((p) => sentence(p, '')).join(' ')}`, {
      operation: 'input',
      problems,
    });
  }
  return url as string;
}

function statusError(response: Response, host: string): KyyError {
  const { status } = response;
  const base = { operation: OPERATION, httpStatus: status };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const withRetry = retryAfterMs === undefined ? base : { ...base, retryAfterMs };
  if (status === 408) {
    return new KyyTimeoutError(`${host} timed out sending the video (HTTP 408). Try again.`, base);
  }
  if (status === 429) {
    return new KyyRateLimitError(
      `${host} is rate limiting the download (HTTP 429). Wait and try again.`,
      withRetry,
    );
  }
  if (status >= 500) {
    return new KyyServerError(
      `${host} failed with HTTP ${status} while sending the video. Try again later.`,
      withRetry,
    );
  }
  return new KyyDownloadError(
    `${host} refused the video (HTTP ${status}). A video_url stays valid for about 24 hours after the task completes: if it is older, it has expired.`,
    base,
  );
}

/** One attempt: resolves once headers arrive, with the controller that ends the body. */
async function open(
  deps: DownloadDeps,
  url: string,
  host: string,
  signal: AbortSignal | undefined,
  rangeStart: number,
): Promise<{ response: Response; controller: AbortController; release: () => void }> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const release = () => signal?.removeEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${deps.timeoutMs} ms`));
  }, deps.timeoutMs);
  try {
    const response = await deps.fetch(url, {
      method: 'GET',
      signal: controller.signal,
      redirect: 'follow',
      credentials: 'omit',
      ...(rangeStart > 0 ? { headers: { range: `bytes=${rangeStart}-` } } : {}),
    });
    // 416: the host cannot serve that range; the caller starts over from the first byte.
    const unsatisfiable = rangeStart > 0 && response.status === 416;
    if ((response.ok && response.body !== null) || unsatisfiable) {
      return { response, controller, release };
    }
    // Not awaited: a cancel can wait on the other branch of a teed body (a cloned Response).
    void response.body?.cancel().catch(() => {});
    throw response.ok
      ? new KyyDownloadError(`${host} answered without a body.`, {
          operation: OPERATION,
          httpStatus: response.status,
        })
      : statusError(response, host);
  } catch (error) {
    release();
    if (error instanceof KyyError) throw error;
    throw classifyThrown(error, {
      operation: OPERATION,
      callerSignal: signal,
      timedOut,
      timeoutMs: deps.timeoutMs,
      redact: deps.redact,
      host,
    });
  } finally {
    clearTimeout(timer);
  }
}

const KIB = 1024;

function size(bytes: number): string {
  for (const [unit, scale] of [
    ['GiB', KIB ** 3],
    ['MiB', KIB ** 2],
  ] as const) {
    if (bytes >= scale) return `${Number((bytes / scale).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

function tooLarge(host: string, max: number): KyyDownloadError {
  return new KyyDownloadError(
    `${host} sent more than ${size(max)} (maxDownloadBytes), far more than a generated video, so the download was stopped. Check the URL; if the video really is that large, raise maxDownloadBytes.`,
    { operation: OPERATION },
  );
}

function notVideo(host: string, what: string): KyyDownloadError {
  return new KyyDownloadError(
    `${host} sent ${what}, not a video, so nothing was saved. The link may have expired (a video_url lasts about 24 hours) or point at an error page; read the task again for its video_url.`,
    { operation: OPERATION },
  );
}

/** Where the body starts in the file, and its length; undefined when the host's 206 is not ours. */
interface Placement {
  /** The file offset of the body's first byte. */
  offset: number;
  /** Bytes in this body, from Content-Length or Content-Range, when known. */
  length?: number;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

function placementOf(response: Response, rangeStart: number): Placement | undefined {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const length = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
  if (response.status === 416) return undefined;
  if (response.status !== 206) return length === undefined ? { offset: 0 } : { offset: 0, length };
  const match = CONTENT_RANGE.exec(response.headers.get('content-range')?.trim() ?? '');
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  // A part that starts elsewhere (or a 206 nobody asked for) cannot be placed: start over.
  if (match === null || rangeStart === 0 || start !== rangeStart || end < start) return undefined;
  return { offset: start, length: end - start + 1 };
}

/**
 * The body, counted for progress and against the size limit, its first bytes checked to be a
 * video (when it starts the file), ended with KyyAbortError when the signal fires mid-stream.
 */
function observed(
  opened: Awaited<ReturnType<typeof open>>,
  place: Placement,
  host: string,
  max: number,
  options: DownloadOptions,
): ReadableStream<Uint8Array> {
  const { response, controller, release } = opened;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const { signal, onProgress } = options;
  const { offset, length } = place;
  let received = 0;
  // The first bytes are held back until they show a video (only when the body starts the file).
  let head: Uint8Array | undefined = offset === 0 ? new Uint8Array(0) : undefined;
  const aborted = () =>
    new KyyAbortError('The video download was aborted by its AbortSignal.', {
      operation: OPERATION,
      cause: signal?.reason,
    });
  const cut = (error?: unknown) =>
    new KyyConnectionError(
      `The connection to ${host} broke after ${offset + received}${length === undefined ? '' : ` of ${offset + length}`} bytes of the video. Download again.`,
      {
        operation: OPERATION,
        provablyNotSent: false,
        ...(error === undefined ? {} : { cause: safeCause(error) }),
      },
    );
  // A body that ignores the fetch signal (an injected fetch) still ends on abort.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  const finish = () => {
    signal?.removeEventListener('abort', onAbort);
    release();
  };
  const fail = (stream: ReadableStreamDefaultController<Uint8Array>, error: KyyError) => {
    finish();
    controller.abort(error);
    void reader.cancel(error).catch(() => {});
    stream.error(error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          finish();
          stream.error(signal?.aborted ? aborted() : cut(error));
          return;
        }
        if (signal?.aborted) return fail(stream, aborted());
        if (chunk.done) {
          finish();
          if (head !== undefined && received === 0) {
            stream.error(notVideo(host, 'an empty body'));
          } else if (head !== undefined && !startsLikeVideo(head)) {
            stream.error(notVideo(host, `${received} bytes that do not start like a video`));
          } else if (length !== undefined && received < length) stream.error(cut());
          else {
            if (head !== undefined && head.length > 0) stream.enqueue(head);
            stream.close();
          }
          return;
        }
        received += chunk.value.byteLength;
        if (offset + received > max) return fail(stream, tooLarge(host, max));
        safely(
          onProgress,
          length === undefined
            ? { receivedBytes: offset + received }
            : { receivedBytes: offset + received, totalBytes: offset + length },
        );
        if (head === undefined) {
          stream.enqueue(chunk.value);
          return;
        }
        const joined = new Uint8Array(head.length + chunk.value.byteLength);
        joined.set(head);
        joined.set(chunk.value, head.length);
        if (joined.length < SNIFF_BYTES) {
          head = joined;
          continue;
        }
        if (!startsLikeVideo(joined)) {
          return fail(
            stream,
            notVideo(host, 'a body that does not start like a video (an MP4 has "ftyp" at byte 4)'),
          );
        }
        head = undefined;
        stream.enqueue(joined);
        return;
      }
    },
    cancel(reason) {
      finish();
      controller.abort(reason);
      void reader.cancel(reason).catch(() => {});
    },
  });
}

/** Ends an answer that will not be read. */
function abandon(opened: Awaited<ReturnType<typeof open>>): void {
  opened.release();
  opened.controller.abort();
  void opened.response.body?.cancel().catch(() => {});
}

export async function download(
  deps: DownloadDeps,
  taskOrUrl: VideoTask | string,
  options: DownloadOptions = {},
): Promise<VideoDownload> {
  const url = videoUrlOf(taskOrUrl);
  const host = new URL(url).host;
  const { signal } = options;
  const max = options.maxDownloadBytes ?? deps.maxDownloadBytes;
  const rangeStart = options.rangeStart ?? 0;
  for (const [name, value, least] of [
    ['maxDownloadBytes', max, 1],
    ['rangeStart', rangeStart, 0],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < least) {
      throw new KyyInputError(
        `download: ${name} must be a whole number of bytes of at least ${least}, got ${String(value)}.`,
        { operation: 'input' },
      );
    }
  }
  // The attempt ends when the headers arrive: a failure in the body is never retried here.
  return retrying(deps, {
    rule: 'idempotent',
    signal,
    aborted: () =>
      new KyyAbortError('The video download was aborted by its AbortSignal.', {
        operation: OPERATION,
        cause: signal?.reason,
      }),
    async attempt() {
      let opened = await open(deps, url, host, signal, rangeStart);
      let place = placementOf(opened.response, rangeStart);
      if (place === undefined) {
        // The host did not resume where asked: take the whole file again.
        abandon(opened);
        opened = await open(deps, url, host, signal, 0);
        place = placementOf(opened.response, 0) ?? { offset: 0 };
      }
      const contentType = opened.response.headers.get('content-type') ?? undefined;
      const text = textTypeOf(contentType ?? null);
      if (text !== undefined) {
        abandon(opened);
        throw notVideo(host, `"${text.slice(0, 60)}"`);
      }
      if (place.length !== undefined && place.offset + place.length > max) {
        abandon(opened);
        throw tooLarge(host, max);
      }
      return {
        body: observed(opened, place, host, max, options),
        url,
        offset: place.offset,
        ...(place.length === undefined ? {} : { contentLength: place.length }),
        ...(contentType === undefined ? {} : { contentType }),
      };
    },
  });
}
