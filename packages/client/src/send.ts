import type { paths } from '@kyyvideo/contract';
import type { Client } from 'openapi-fetch';
import { cappedFetch } from './capped-fetch.js';
import type { Answer, RequestOperation } from './envelope.js';
import { KyyAbortError, KyyError, KyyInvalidResponseError, KyyRedirectError } from './errors.js';
import { classifyThrown } from './network.js';
import { PlainRequest } from './plain-request.js';
import { type RetryRule, type RetrySettings, retrying } from './retry-policy.js';
import { timedSignal } from './signals.js';

export interface SendSettings extends RetrySettings {
  raw: Client<paths>;
  /** True once middleware was registered on `raw`: it is then given real Requests. */
  hasMiddleware: () => boolean;
  /** The fetch openapi-fetch was created with; each attempt wraps it with the size cap. */
  fetch: typeof fetch;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** What the request cores (assets, videos) are built from. */
export interface CoreDeps {
  settings: SendSettings;
  validate: 'strict' | 'off';
}

/** What each attempt adds to a request: its timeout, the size cap, no redirects, the raw body. */
export interface AttemptInit {
  signal: AbortSignal;
  // Success bodies come back unread and are read in `attempt`, within the size cap.
  parseAs: 'stream';
  // Never follow: a followed 307/308 resends a POST, a followed 303 turns it into a GET.
  redirect: 'manual';
  fetch: typeof fetch;
  /** Set while no middleware is registered: fetch then gets the URL and init (plain-request.ts). */
  Request?: typeof PlainRequest;
}

/** openapi-fetch's answer, whatever the path: the body typing ends at the interpreter. */
export interface RawAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** One operation of the API: everything `send` needs to perform it, retries included. */
export interface Operation<T> {
  operation: RequestOperation;
  /**
   * The request, made with openapi-fetch's typed methods so that the spec checks its path, path
   * parameters and body at compile time. It must pass `init` on: that is the attempt's timeout,
   * size cap and redirect rule.
   */
  request: (raw: Client<paths>, init: AttemptInit) => Promise<RawAnswer>;
  /** The ids the operation is about, for its errors. */
  assetId?: string;
  taskId?: string;
  retry: RetryRule;
  /** Turns an answer into the result, or throws the typed error (see envelope.ts). */
  interpret: (answer: Answer) => T;
  /**
   * Sees every failed attempt, before the retry decision: returns a result to end the call
   * successfully (delete's "already gone"), or the error to go on with (upload's "outcome unknown").
   */
  recover?: (error: KyyError) => T | KyyError;
  signal?: AbortSignal | undefined;
}

/** The ids an operation is about, for its errors. */
function where(op: Operation<unknown>): { assetId?: string; taskId?: string } {
  return {
    ...(op.assetId === undefined ? {} : { assetId: op.assetId }),
    ...(op.taskId === undefined ? {} : { taskId: op.taskId }),
  };
}

function abortError(op: Operation<unknown>): KyyAbortError {
  return new KyyAbortError(`The ${op.operation} call was aborted by its AbortSignal.`, {
    operation: op.operation,
    ...where(op),
    cause: op.signal?.reason,
  });
}

const KIB = 1024;

function size(bytes: number): string {
  return bytes >= KIB * KIB && bytes % (KIB * KIB) === 0
    ? `${bytes / (KIB * KIB)} MiB`
    : `${bytes} bytes`;
}

/** One request under its own timeout; whatever happens becomes an answer or a typed error. */
async function attempt<T>(settings: SendSettings, op: Operation<T>): Promise<T> {
  const timer = timedSignal(op.signal, settings.timeoutMs);
  const capped = cappedFetch(settings.fetch, settings.maxResponseBytes);
  const ids = where(op);
  try {
    let result: RawAnswer;
    let body: unknown;
    try {
      result = await op.request(settings.raw, {
        signal: timer.signal,
        parseAs: 'stream',
        redirect: 'manual',
        fetch: capped.fetch,
        ...(settings.hasMiddleware() ? {} : { Request: PlainRequest }),
      });
      body = result.response.ok ? await capped.read(result.response) : result.error;
    } catch (error) {
      if (capped.exceeded()) {
        throw new KyyInvalidResponseError(
          `${op.operation}: the answer is larger than ${size(settings.maxResponseBytes)} (maxResponseBytes), far more than any documented answer, so it was not read. Check that baseUrl points at the KyyVideo2 API.`,
          { operation: op.operation, ...ids },
        );
      }
      throw classifyThrown(error, {
        operation: op.operation,
        ...ids,
        callerSignal: op.signal,
        timedOut: timer.timedOut(),
        timeoutMs: settings.timeoutMs,
        redact: settings.redact,
      });
    }
    const { response } = result;
    const redirected =
      response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    if (redirected) {
      const location = response.headers.get('location');
      const shown = location === null ? undefined : settings.redact(location);
      throw new KyyRedirectError(
        `${op.operation}: the server answered with a redirect (HTTP ${response.status || '3xx'}${shown === undefined ? '' : ` to ${shown}`}), which the client never follows${op.retry === 'once' ? ' (the request was not resent)' : ''}. Point baseUrl at the API's own address.`,
        {
          operation: op.operation,
          ...ids,
          ...(response.status ? { httpStatus: response.status } : {}),
          ...(shown === undefined ? {} : { location: shown }),
        },
      );
    }
    // A network-error Response (`Response.error()`, status 0) is how a custom fetch or a mock
    // says "the connection failed"; browsers' fetch rejects instead. Treat both the same.
    if (response.type === 'error' || response.status === 0) {
      throw classifyThrown(new TypeError('fetch failed: the response was a network error'), {
        operation: op.operation,
        ...ids,
        callerSignal: op.signal,
        timedOut: false,
        timeoutMs: settings.timeoutMs,
        redact: settings.redact,
      });
    }
    return op.interpret({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body,
    });
  } finally {
    timer.dispose();
  }
}

/**
 * The one request path every operation takes: an attempt, its failure offered to `recover`, then
 * the shared retry loop (see retry-policy.ts) under the operation's rule.
 */
export function send<T>(settings: SendSettings, op: Operation<T>): Promise<T> {
  return retrying(settings, {
    rule: op.retry,
    signal: op.signal,
    aborted: () => abortError(op),
    async attempt() {
      try {
        return await attempt(settings, op);
      } catch (error) {
        if (!(error instanceof KyyError) || op.recover === undefined) throw error;
        const recovered = op.recover(error);
        if (recovered instanceof KyyError) throw recovered;
        return recovered;
      }
    },
  });
}
