import {
  type KyyAbortError,
  KyyConnectionError,
  KyyError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  withAttempts,
} from './errors.js';
import { scrubError } from './scrub.js';
import { sleep } from './signals.js';

/** First retry waits about this long: long enough for a blip to pass, short for a person. */
export const RETRY_BASE_DELAY_MS = 500;

/** Backoff doubles per attempt up to this ceiling, so a retry never stalls for long. */
export const RETRY_MAX_DELAY_MS = 8_000;

/**
 * The longest `Retry-After` the client waits out by itself. When a server asks for more, the
 * call does not retry: it throws at once (the error carries `retryAfterMs`). Retrying earlier
 * than asked would most likely be refused again, and waiting longer would be a silent stall, so
 * the caller, who knows whether the work can wait, decides.
 */
export const RETRY_AFTER_CAP_MS = 30_000;

/**
 * Detail and delete are safe to resend (reading twice is harmless, deleting twice ends the same),
 * so they retry on anything transient: connection failures, timeouts (incl. HTTP 408), 429, 5xx.
 */
export function isRetryable(error: KyyError): boolean {
  return (
    error instanceof KyyConnectionError ||
    error instanceof KyyTimeoutError ||
    error instanceof KyyRateLimitError ||
    error instanceof KyyServerError
  );
}

/**
 * Delay before retry number `retry` (1 for the first retry). Exponential with "equal jitter":
 * half the step is fixed, half random, so clients spread out but never retry instantly.
 * A server's Retry-After wins; undefined means "do not retry": it asked for more than
 * RETRY_AFTER_CAP_MS.
 */
export function retryDelayMs(
  error: KyyError,
  retry: number,
  random: () => number = Math.random,
): number | undefined {
  const retryAfterMs =
    error instanceof KyyRateLimitError || error instanceof KyyServerError
      ? error.retryAfterMs
      : undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs > RETRY_AFTER_CAP_MS ? undefined : retryAfterMs;
  }
  const step = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * When a failed attempt may be sent again:
 * - `idempotent`: reading or deleting twice ends the same, so transient failures are retried;
 * - `once`: the API has no idempotency key, so only a request that provably never left this
 *   machine is resent (upload, video create).
 */
export type RetryRule = 'idempotent' | 'once';

function shouldRetry(rule: RetryRule, error: KyyError): boolean {
  if (rule === 'idempotent') return isRetryable(error);
  return error instanceof KyyConnectionError && error.provablyNotSent;
}

export interface RetrySettings {
  maxRetries: number;
  /** Source of jitter; Math.random outside tests. */
  random: () => number;
  /** Removes the API key from any text that could end up in an error. */
  redact: (text: string) => string;
}

export interface RetryCall<T> {
  rule: RetryRule;
  /** One attempt: its KyyError is the failure the rule and the backoff look at. */
  attempt: () => Promise<T>;
  signal?: AbortSignal | undefined;
  /** The error for a call aborted before an attempt or during a pause. */
  aborted: () => KyyAbortError;
}

/**
 * The one retry loop (API requests and video downloads): attempts until one succeeds, the rule
 * refuses the failure, retries run out, or the server asks for a longer pause than
 * RETRY_AFTER_CAP_MS. The error that ends the call records `attempts` and has the API key
 * scrubbed from every field.
 */
export async function retrying<T>(settings: RetrySettings, call: RetryCall<T>): Promise<T> {
  const { signal } = call;
  try {
    for (let attemptNumber = 1; ; attemptNumber++) {
      if (signal?.aborted) throw withAttempts(call.aborted(), attemptNumber - 1);
      let failure: KyyError;
      try {
        return await call.attempt();
      } catch (error) {
        if (!(error instanceof KyyError)) throw error;
        failure = error;
      }
      const delayMs =
        attemptNumber > settings.maxRetries || !shouldRetry(call.rule, failure)
          ? undefined
          : retryDelayMs(failure, attemptNumber, settings.random);
      if (delayMs === undefined) throw withAttempts(failure, attemptNumber);
      try {
        await sleep(delayMs, signal);
      } catch {
        throw withAttempts(call.aborted(), attemptNumber);
      }
    }
  } catch (error) {
    throw error instanceof KyyError ? scrubError(error, settings.redact) : error;
  }
}
