import {
  KyyConnectionError,
  type KyyError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
} from './errors.js';

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
