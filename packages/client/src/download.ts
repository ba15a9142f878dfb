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
import { safely } from './signals.js';
import type { DownloadOptions, VideoDownload, VideoTask } from './video-types.js';

/**
 * Fetching the finished video. Not on the API's request path (send): `video_url` is another
 * host's signed URL, so the request carries no Authorization header (the key never goes to a
 * foreign host), redirects are followed (nothing secret can be forwarded), and the answer is not
 * capped (videos are large) but streamed. It is a GET, safe to repeat, so failures before the
 * first byte (connection, timeout, 408/429/5xx) are retried like `get`, by the same loop and
 * backoff (retry-policy.ts); a failure mid-stream errors the stream (no resume: call again).
 */

export interface DownloadDeps extends RetrySettings {
  fetch: typeof fetch;
  /** Time limit until the answer's headers arrive, per attempt; the body then has no limit. */
  timeoutMs: number;
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
    });
    if (response.ok && response.body !== null) return { response, controller, release };
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
    });
  } finally {
    clearTimeout(timer);
  }
}

/** The body, counted for progress, ended with KyyAbortError when the signal fires mid-stream. */
function observed(
  opened: Awaited<ReturnType<typeof open>>,
  total: number | undefined,
  host: string,
  options: DownloadOptions,
): ReadableStream<Uint8Array> {
  const { response, controller, release } = opened;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const { signal, onProgress } = options;
  let received = 0;
  const aborted = () =>
    new KyyAbortError('The video download was aborted by its AbortSignal.', {
      operation: OPERATION,
      cause: signal?.reason,
    });
  // A body that ignores the fetch signal (an injected fetch) still ends on abort.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  const finish = () => {
    signal?.removeEventListener('abort', onAbort);
    release();
  };
  return new ReadableStream<Uint8Array>({
    async pull(stream) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        finish();
        stream.error(
          signal?.aborted
            ? aborted()
            : classifyThrown(error, {
                operation: OPERATION,
                timedOut: false,
                timeoutMs: 0,
              }),
        );
        return;
      }
      if (signal?.aborted) {
        finish();
        stream.error(aborted());
        return;
      }
      if (chunk.done) {
        finish();
        if (total !== undefined && received < total) {
          stream.error(
            new KyyConnectionError(
              `The connection to ${host} ended after ${received} of ${total} bytes. Download again.`,
              { operation: OPERATION, provablyNotSent: false },
            ),
          );
        } else stream.close();
        return;
      }
      received += chunk.value.byteLength;
      safely(
        onProgress,
        total === undefined
          ? { receivedBytes: received }
          : { receivedBytes: received, totalBytes: total },
      );
      stream.enqueue(chunk.value);
    },
    cancel(reason) {
      finish();
      controller.abort(reason);
      void reader.cancel(reason).catch(() => {});
    },
  });
}

export async function download(
  deps: DownloadDeps,
  taskOrUrl: VideoTask | string,
  options: DownloadOptions = {},
): Promise<VideoDownload> {
  const url = videoUrlOf(taskOrUrl);
  const host = new URL(url).host;
  const { signal } = options;
  // The attempt ends when the headers arrive: a failure in the body is never retried.
  return retrying(deps, {
    rule: 'idempotent',
    signal,
    aborted: () =>
      new KyyAbortError('The video download was aborted by its AbortSignal.', {
        operation: OPERATION,
        cause: signal?.reason,
      }),
    async attempt() {
      const opened = await open(deps, url, host, signal);
      const declared = Number(opened.response.headers.get('content-length') ?? Number.NaN);
      const total = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
      const contentType = opened.response.headers.get('content-type') ?? undefined;
      return {
        body: observed(opened, total, host, options),
        url,
        ...(total === undefined ? {} : { contentLength: total }),
        ...(contentType === undefined ? {} : { contentType }),
      };
    },
  });
}
