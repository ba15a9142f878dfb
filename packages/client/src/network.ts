import {
  KyyAbortError,
  KyyConnectionError,
  type KyyError,
  type KyyOperation,
  KyyTimeoutError,
} from './errors.js';
import { safeCause } from './safe-cause.js';

/**
 * Error codes that prove the request never left this machine: the name did not resolve
 * (ENOTFOUND, EAI_AGAIN) or nothing accepted the connection (ECONNREFUSED). Anything else — a
 * reset, a timeout, a dropped socket — may have happened after the server read the request.
 */
export const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
]);

/** Every `code` found along `cause` chains and inside AggregateErrors (undici wraps both ways). */
function leafCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const nested = [
    ...(Array.isArray(record.errors) ? record.errors : []),
    ...(record.cause !== undefined ? [record.cause] : []),
  ].flatMap((e) => leafCodes(e, seen));
  if (nested.length > 0) return nested;
  return typeof record.code === 'string' ? [record.code] : [];
}

/**
 * fetch refuses ports reserved for other protocols (6000, 6667, …: the Fetch standard's "bad
 * port" list) before it opens any connection. undici reports it as a leaf error with this message.
 */
const BAD_PORT_MESSAGE = 'bad port';

/** True when the failure is fetch refusing the port itself: nothing was sent anywhere. */
function refusedPort(error: unknown, seen = new Set<unknown>()): boolean {
  if (typeof error !== 'object' || error === null || seen.has(error)) return false;
  seen.add(error);
  const record = error as { message?: unknown; cause?: unknown };
  return record.message === BAD_PORT_MESSAGE || refusedPort(record.cause, seen);
}

/** True only when every failure found in the error is one that proves nothing was sent. */
export function provablyNotSent(error: unknown): boolean {
  if (refusedPort(error)) return true;
  const codes = leafCodes(error);
  return codes.length > 0 && codes.every((code) => NEVER_SENT_CODES.has(code));
}

export interface ThrownContext {
  operation: KyyOperation;
  assetId?: string;
  taskId?: string;
  /** The caller's signal: if it fired, the failure is an abort. */
  callerSignal?: AbortSignal;
  /** True when the per-attempt timer fired. */
  timedOut: boolean;
  timeoutMs: number;
  /** Removes the API key from text copied out of the thrown error. */
  redact?: (text: string) => string;
  /** The host reached when it is not the service (a video_url's): named instead of baseUrl. */
  host?: string;
}

/**
 * Turns whatever fetch threw into a typed error. Messages never quote the request, and the
 * `cause` is a reduced copy (see safeCause), never the thrown object: an injected fetch may have
 * attached the request, with its Authorization header, to it. Codes are read from that copy, so
 * what is kept is exactly what retry decisions rely on.
 */
export function classifyThrown(error: unknown, ctx: ThrownContext): KyyError {
  const base = {
    operation: ctx.operation,
    ...(ctx.assetId === undefined ? {} : { assetId: ctx.assetId }),
    ...(ctx.taskId === undefined ? {} : { taskId: ctx.taskId }),
  };
  if (ctx.callerSignal?.aborted) {
    return new KyyAbortError(`The ${ctx.operation} call was aborted by its AbortSignal.`, {
      ...base,
      cause: ctx.callerSignal.reason,
    });
  }
  const cause = safeCause(error, ctx.redact);
  if (ctx.timedOut) {
    return new KyyTimeoutError(
      `No answer within ${ctx.timeoutMs} ms. The service may be slow or unreachable; try again, or raise timeoutMs.`,
      { ...base, cause },
    );
  }
  if (refusedPort(cause)) {
    return new KyyConnectionError(
      'fetch refused to connect to the port in baseUrl (it is on the list of ports reserved for other protocols, such as 6000); nothing left this machine. Use another port.',
      { ...base, cause, provablyNotSent: true },
    );
  }
  const notSent = provablyNotSent(cause);
  const code = leafCodes(cause)[0];
  return new KyyConnectionError(
    notSent
      ? ctx.host === undefined
        ? `Could not connect to the service${code ? ` (${code})` : ''}; the request was never sent. Check baseUrl and your network.`
        : `Could not connect to ${ctx.host}${code ? ` (${code})` : ''}; nothing was downloaded. Check your network and that this machine can reach that host.`
      : `The connection failed${code ? ` (${code})` : ''} before an answer arrived. Check your network and try again.`,
    { ...base, cause, provablyNotSent: notSent },
  );
}
