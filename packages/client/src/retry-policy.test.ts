import { describe, expect, it } from 'vitest';
import {
  KyyApiError,
  KyyAuthenticationError,
  KyyConnectionError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
} from './errors.js';
import { parseRetryAfter } from './retry-after.js';
import {
  isRetryable,
  RETRY_AFTER_CAP_MS,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  retryDelayMs,
} from './retry-policy.js';

const op = { operation: 'get' as const };

describe('isRetryable', () => {
  it('retries transient failures only', () => {
    expect(isRetryable(new KyyConnectionError('', { ...op, provablyNotSent: false }))).toBe(true);
    expect(isRetryable(new KyyTimeoutError('', op))).toBe(true);
    expect(isRetryable(new KyyRateLimitError('', op))).toBe(true);
    expect(isRetryable(new KyyServerError('', op))).toBe(true);
    expect(isRetryable(new KyyAuthenticationError('', op))).toBe(false);
    expect(isRetryable(new KyyNotFoundError('', op))).toBe(false);
    expect(isRetryable(new KyyApiError('', op))).toBe(false);
    expect(isRetryable(new KyyInvalidResponseError('', op))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const error = new KyyServerError('', op);

  it('doubles per retry with half of each step random', () => {
    expect(retryDelayMs(error, 1, () => 0)).toBe(RETRY_BASE_DELAY_MS / 2);
    expect(retryDelayMs(error, 1, () => 1)).toBe(RETRY_BASE_DELAY_MS);
    expect(retryDelayMs(error, 2, () => 1)).toBe(RETRY_BASE_DELAY_MS * 2);
    expect(retryDelayMs(error, 3, () => 0.5)).toBe(RETRY_BASE_DELAY_MS * 4 * 0.75);
  });

  it('never exceeds the ceiling', () => {
    expect(retryDelayMs(error, 30, () => 1)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('honours Retry-After up to the cap, and says "do not retry" beyond it', () => {
    const after = (retryAfterMs: number) =>
      retryDelayMs(new KyyRateLimitError('', { ...op, retryAfterMs }), 1, () => 0);
    expect(after(3000)).toBe(3000);
    expect(after(RETRY_AFTER_CAP_MS)).toBe(RETRY_AFTER_CAP_MS);
    expect(after(RETRY_AFTER_CAP_MS + 1)).toBeUndefined();
    expect(
      retryDelayMs(new KyyServerError('', { ...op, retryAfterMs: 3_600_000 }), 1, () => 0),
    ).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0')).toBe(0);
    const now = Date.parse('2026-03-30T14:21:58Z');
    expect(parseRetryAfter('Mon, 30 Mar 2026 14:22:08 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 30 Mar 2026 14:20:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
  });
});
