import { describe, expect, it } from 'vitest';
import { networkError } from '../test/helpers/fake-fetch.js';
import { KyyAbortError, KyyConnectionError, KyyTimeoutError } from './errors.js';
import { classifyThrown, provablyNotSent } from './network.js';

describe('provablyNotSent', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED'])('is true for %s', (code) => {
    expect(provablyNotSent(networkError(code))).toBe(true);
  });

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'])(
    'is false for %s',
    (code) => {
      expect(provablyNotSent(networkError(code))).toBe(false);
    },
  );

  it('is false when the error says nothing (browsers, msw drop-connection)', () => {
    expect(provablyNotSent(new TypeError('Failed to fetch'))).toBe(false);
    expect(provablyNotSent(networkError())).toBe(false);
  });

  it('looks inside AggregateErrors and needs every failure to be a never-sent one', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const all = new AggregateError([refused('::1'), refused('127.0.0.1')]);
    expect(provablyNotSent(new TypeError('fetch failed', { cause: all }))).toBe(true);
    const mixed = new AggregateError([
      refused('::1'),
      Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    ]);
    expect(provablyNotSent(new TypeError('fetch failed', { cause: mixed }))).toBe(false);
  });

  it('survives cyclic causes', () => {
    const a: { code?: string; cause?: unknown } = {};
    a.cause = a;
    expect(provablyNotSent(a)).toBe(false);
  });
});

describe('classifyThrown', () => {
  const base = { operation: 'get' as const, timedOut: false, timeoutMs: 1000 };

  it('prefers the caller abort, then the attempt timeout, then the network failure', () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      classifyThrown(new Error('x'), { ...base, callerSignal: controller.signal }),
    ).toBeInstanceOf(KyyAbortError);
    const timeout = classifyThrown(new Error('x'), { ...base, timedOut: true });
    expect(timeout).toBeInstanceOf(KyyTimeoutError);
    expect(timeout.message).toMatch(/1000 ms/);
    const refused = classifyThrown(networkError('ECONNREFUSED'), base);
    expect(refused).toBeInstanceOf(KyyConnectionError);
    expect((refused as KyyConnectionError).provablyNotSent).toBe(true);
    expect(refused.message).toMatch(/never sent/);
    const reset = classifyThrown(networkError('ECONNRESET'), base);
    expect((reset as KyyConnectionError).provablyNotSent).toBe(false);
  });
});
