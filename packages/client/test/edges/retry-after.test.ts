import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKyyClient } from '../../src/client.js';
import { KyyRateLimitError } from '../../src/errors.js';
import { ASSET_ID, assetBody, fakeFetch, json, type Reply } from '../helpers/fake-fetch.js';
import { rejection, settle } from '../helpers/settle.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const tooMany = (seconds: number) =>
  json(
    { code: 429, msg: 'slow down', data: null },
    { status: 429, headers: { 'retry-after': String(seconds) } },
  );

function client(maxRetries: number, ...replies: Reply[]) {
  const f = fakeFetch(...replies);
  const kyy = createKyyClient({
    apiKey: 'key-123456',
    baseUrl: 'https://h.test/kyyReactApiServer',
    fetch: f.fetch,
    maxRetries,
  });
  return { kyy, requests: f.requests, times: f.times };
}

describe('waitUntilActive under 429 Retry-After', () => {
  it('fails at once, with retryAfterMs, when the pause asked for outlasts the wait', async () => {
    const { kyy, requests } = client(2, tooMany(3600));
    const error = await rejection(
      settle(kyy.assets.waitUntilActive(ASSET_ID, { timeoutMs: 300_000 })),
    );
    expect(error).toBeInstanceOf(KyyRateLimitError);
    expect(error).toMatchObject({ kind: 'rate-limit', operation: 'wait', retryAfterMs: 3_600_000 });
    expect((error as Error).message).toMatch(/asks to wait 3600 s/);
    // One request: neither get's retries nor the wait's polls hammer a server that said "later".
    expect(requests).toHaveLength(1);
  });

  it('sleeps the pause asked for when it fits the deadline, then polls again', async () => {
    const { kyy, times } = client(0, tooMany(20), json(assetBody('Active')));
    const waiting = settle(kyy.assets.waitUntilActive(ASSET_ID, { timeoutMs: 60_000 }));
    await vi.advanceTimersByTimeAsync(19_999);
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const result = await waiting.result;
    expect(result).toMatchObject({ ok: true, value: { status: 'Active' } });
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBe(20_000);
  });
});
