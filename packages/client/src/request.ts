import type { Answer, RequestOperation } from './envelope.js';
import { KyyAbortError, KyyError, withAttempts } from './errors.js';
import { classifyThrown } from './network.js';
import { retryDelayMs } from './retry-policy.js';
import { sleep, timedSignal } from './signals.js';

export interface RequestSettings {
  timeoutMs: number;
  maxRetries: number;
  /** Source of jitter; Math.random outside tests. */
  random: () => number;
  /** Removes the API key from text copied out of a thrown fetch error. */
  redact: (text: string) => string;
}

/** What an openapi-fetch call resolves to (the parts used here). */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface AttemptContext {
  operation: RequestOperation;
  assetId?: string;
  callerSignal?: AbortSignal;
}

export function abortError(ctx: AttemptContext): KyyAbortError {
  return new KyyAbortError(`The ${ctx.operation} call was aborted by its AbortSignal.`, {
    operation: ctx.operation,
    ...(ctx.assetId === undefined ? {} : { assetId: ctx.assetId }),
    cause: ctx.callerSignal?.reason,
  });
}

/**
 * One request under its own timeout, combined with the caller's signal. Whatever fetch throws
 * becomes a typed error; a response goes to `interpret`.
 */
export async function attempt<T>(
  settings: RequestSettings,
  ctx: AttemptContext,
  call: (signal: AbortSignal) => Promise<FetchResult>,
  interpret: (answer: Answer) => T,
): Promise<T> {
  const timer = timedSignal(ctx.callerSignal, settings.timeoutMs);
  try {
    let result: FetchResult;
    try {
      result = await call(timer.signal);
    } catch (error) {
      throw classifyThrown(error, {
        ...ctx,
        timedOut: timer.timedOut(),
        timeoutMs: settings.timeoutMs,
        redact: settings.redact,
      });
    }
    const { response } = result;
    // A network-error Response (`Response.error()`, status 0) is how a custom fetch or a mock
    // says "the connection failed"; browsers' fetch rejects instead. Treat both the same.
    if (response.type === 'error' || response.status === 0) {
      throw classifyThrown(new TypeError('fetch failed: the response was a network error'), {
        ...ctx,
        timedOut: false,
        timeoutMs: settings.timeoutMs,
        redact: settings.redact,
      });
    }
    return interpret({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: response.ok ? result.data : result.error,
    });
  } finally {
    timer.dispose();
  }
}

/**
 * Runs `once` until it succeeds, `shouldRetry` says no, `maxRetries` retries are spent, or a
 * Retry-After exceeds RETRY_AFTER_CAP_MS, sleeping (abortably) between attempts. The error
 * that ends the call records `attempts`.
 */
export async function withRetries<T>(
  settings: RequestSettings,
  ctx: AttemptContext,
  once: (attemptNumber: number) => Promise<T>,
  shouldRetry: (error: KyyError) => boolean,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    if (ctx.callerSignal?.aborted) throw withAttempts(abortError(ctx), attemptNumber - 1);
    try {
      return await once(attemptNumber);
    } catch (error) {
      if (!(error instanceof KyyError)) throw error;
      const delayMs =
        attemptNumber > settings.maxRetries || !shouldRetry(error)
          ? undefined
          : retryDelayMs(error, attemptNumber, settings.random);
      // Out of retries, not retryable, or the server asked for a longer pause than we wait out.
      if (delayMs === undefined) throw withAttempts(error, attemptNumber);
      try {
        await sleep(delayMs, ctx.callerSignal);
      } catch {
        throw withAttempts(abortError(ctx), attemptNumber);
      }
    }
  }
}
