import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ASSET_ID,
  assetBody,
  DELETE_OK,
  fakeFetch,
  json,
  networkError,
  type Reply,
  UPLOAD_OK,
} from '../test/helpers/fake-fetch.js';
import { rejection, settle } from '../test/helpers/settle.js';
import { createKyyClient } from './client.js';
import {
  KyyAbortError,
  KyyAuthenticationError,
  KyyConnectionError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyUploadOutcomeUnknownError,
} from './errors.js';
import { RETRY_AFTER_CAP_MS, RETRY_BASE_DELAY_MS } from './retry-policy.js';

const TIMEOUT_MS = 1_000;
const IMAGE = { assetType: 'Image' as const, url: 'https://example.com/cat.jpg' };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function client(...replies: Reply[]) {
  const f = fakeFetch(...replies);
  const kyy = createKyyClient({
    apiKey: 'k',
    baseUrl: 'https://h.test/kyyReactApiServer',
    fetch: f.fetch,
    timeoutMs: TIMEOUT_MS,
    maxRetries: 2,
  });
  return { kyy, requests: f.requests, times: f.times };
}

const fail = (
  status: number,
  body: unknown = { code: status, msg: 'x', data: null },
  headers = {},
) => json(body, { status, headers });

describe('get and delete retry transient failures', () => {
  it('retries 5xx with exponential backoff and jitter, then succeeds', async () => {
    const { kyy, requests, times } = client(fail(503), fail(500), json(assetBody()));
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS / 2 - 1);
    // Never an instant retry: at least half of the first step passes.
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(3);
    const [t0 = 0, t1 = 0, t2 = 0] = times;
    // Each step is half fixed, half random, and the step doubles.
    expect(t1 - t0).toBeGreaterThanOrEqual(RETRY_BASE_DELAY_MS / 2);
    expect(t1 - t0).toBeLessThanOrEqual(RETRY_BASE_DELAY_MS);
    expect(t2 - t1).toBeGreaterThanOrEqual(RETRY_BASE_DELAY_MS);
    expect(t2 - t1).toBeLessThanOrEqual(RETRY_BASE_DELAY_MS * 2);
    const outcome = await call.result;
    expect(outcome.ok && outcome.value.status).toBe('Active');
  });

  it('honours Retry-After on 429', async () => {
    const { kyy, requests } = client(fail(429, '', { 'retry-after': '3' }), json(assetBody()));
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect((await call.result).ok).toBe(true);
  });

  it('waits out a Retry-After of exactly the cap', async () => {
    const seconds = String(RETRY_AFTER_CAP_MS / 1000);
    const { kyy, requests } = client(fail(429, '', { 'retry-after': seconds }), json(assetBody()));
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_CAP_MS - 1);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect((await call.result).ok).toBe(true);
  });

  it('throws at once, without retrying early, when Retry-After exceeds the cap', async () => {
    const { kyy, requests } = client(fail(429, '', { 'retry-after': '86400' }), json(assetBody()));
    const call = settle(kyy.assets.get(ASSET_ID));
    // No timer needs to run: the error comes without any pause.
    await vi.advanceTimersByTimeAsync(0);
    expect(call.done).toBe(true);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 86_400_000, attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('gives up after maxRetries, reporting the attempts', async () => {
    const { kyy, requests } = client(fail(502, '<html>bad gateway</html>'));
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyServerError);
    expect(error).toMatchObject({ attempts: 3, httpStatus: 502, operation: 'get' });
    expect(requests).toHaveLength(3);
  });

  it('retries connection failures and per-attempt timeouts', async () => {
    const { kyy, requests, times } = client(networkError('ECONNRESET'), 'hang', json(assetBody()));
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS);
    expect(requests).toHaveLength(2);
    const hungAt = times[1] ?? 0;
    await vi.advanceTimersByTimeAsync(hungAt + TIMEOUT_MS - 1 - Date.now());
    expect(requests[1]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // The attempt's own timer fired exactly at timeoutMs.
    expect(requests[1]?.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS * 2);
    expect(requests).toHaveLength(3);
    expect((await call.result).ok).toBe(true);
  });

  it('reports a timeout that never recovers as KyyTimeoutError', async () => {
    const { kyy } = client('hang');
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyTimeoutError);
    expect((error as Error).message).toMatch(/timeoutMs/);
  });

  it.each([
    ['401', () => fail(401), KyyAuthenticationError],
    ['code -1', () => json({ code: -1, msg: 'no', data: null }), KyyNotFoundError],
    ['malformed JSON', () => new Response('{"code":', { status: 200 }), KyyInvalidResponseError],
  ])('does not retry %s', async (_, reply, type) => {
    const { kyy, requests } = client(reply());
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await rejection(call)).toBeInstanceOf(type);
    expect(requests).toHaveLength(1);
  });

  it('stops at once when aborted during the backoff sleep', async () => {
    const { kyy, requests } = client(fail(503), json(assetBody()));
    const controller = new AbortController();
    const call = settle(kyy.assets.get(ASSET_ID, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(call.done).toBe(true);
    expect(await rejection(call)).toBeInstanceOf(KyyAbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it('aborts an in-flight request and sends nothing when already aborted', async () => {
    const { kyy, requests } = client('hang');
    const controller = new AbortController();
    const call = settle(kyy.assets.delete(ASSET_ID, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(await rejection(call)).toBeInstanceOf(KyyAbortError);
    expect(requests[0]?.signal.aborted).toBe(true);
    const again = settle(kyy.assets.get(ASSET_ID, { signal: controller.signal }));
    expect(await rejection(again)).toBeInstanceOf(KyyAbortError);
    expect(requests).toHaveLength(1);
  });

  it('counts a retried delete that finds the asset gone as done', async () => {
    const { kyy, requests } = client('hang', json({ code: -1, msg: 'not found', data: null }));
    const call = settle(kyy.assets.delete(ASSET_ID));
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS + RETRY_BASE_DELAY_MS);
    expect(requests).toHaveLength(2);
    const outcome = await call.result;
    expect(outcome).toEqual({ ok: true, value: { assetId: ASSET_ID, alreadyGone: true } });
  });

  it('reports -1 on a first delete, or after a try that provably never arrived, as not found', async () => {
    const first = client(json({ code: -1, msg: 'not found', data: null }));
    expect(await rejection(settle(first.kyy.assets.delete(ASSET_ID)))).toBeInstanceOf(
      KyyNotFoundError,
    );
    const refused = client(networkError('ECONNREFUSED'), json({ code: -1, msg: null, data: null }));
    const call = settle(refused.kyy.assets.delete(ASSET_ID));
    await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS);
    expect(await rejection(call)).toBeInstanceOf(KyyNotFoundError);
    expect(refused.requests).toHaveLength(2);
  });

  it('treats a network-error Response (status 0) as a connection failure and retries it', async () => {
    const { kyy, requests } = client(Response.error(), json(assetBody()));
    const call = settle(kyy.assets.get(ASSET_ID));
    await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS);
    expect(requests).toHaveLength(2);
    expect((await call.result).ok).toBe(true);
  });

  it('deletes normally after a 5xx retry', async () => {
    const { kyy } = client(fail(500), json(DELETE_OK));
    const call = settle(kyy.assets.delete(ASSET_ID));
    await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS);
    expect(await call.result).toEqual({
      ok: true,
      value: { assetId: ASSET_ID, alreadyGone: false },
    });
  });
});

describe('upload is never sent twice unless provably never sent', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED'])(
    'retries after %s, which proves nothing left the machine',
    async (code) => {
      const { kyy, requests } = client(networkError(code), json(UPLOAD_OK));
      const call = settle(kyy.assets.upload(IMAGE));
      await vi.advanceTimersByTimeAsync(RETRY_BASE_DELAY_MS);
      expect(requests).toHaveLength(2);
      expect(await call.result).toEqual({
        ok: true,
        value: { assetId: ASSET_ID, ref: `asset://${ASSET_ID}` },
      });
    },
  );

  it('gives up on a refused connection after maxRetries with a connection error', async () => {
    const { kyy, requests } = client(networkError('ECONNREFUSED'));
    const call = settle(kyy.assets.upload(IMAGE));
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyConnectionError);
    expect(error).toMatchObject({ provablyNotSent: true, attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it.each<[string, () => Reply, RegExp]>([
    ['a timeout', () => 'hang', /no answer arrived in time/],
    ['a reset', () => networkError('ECONNRESET'), /connection failed/],
    [
      'a dropped connection without details',
      () => new TypeError('Failed to fetch'),
      /connection failed/,
    ],
    ['a network-error Response (status 0)', () => Response.error(), /connection failed/],
    ['HTTP 500', () => fail(500), /HTTP 500/],
    ['HTTP 502 HTML', () => new Response('<html/>', { status: 502 }), /HTTP 502/],
    ['malformed JSON', () => new Response('{"code":0,', { status: 200 }), /not the documented/],
    ['success without data', () => json({ code: 0, msg: null, data: null }), /not the documented/],
  ])('throws "outcome unknown" after %s, without a second upload', async (_, reply, reason) => {
    const { kyy, requests } = client(reply(), json(UPLOAD_OK));
    const call = settle(kyy.assets.upload(IMAGE));
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(/may or may not have created an asset/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(error).toMatchObject({ operation: 'upload', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('treats an abort while the upload is in flight as outcome unknown', async () => {
    const { kyy, requests } = client('hang');
    const controller = new AbortController();
    const call = settle(kyy.assets.upload(IMAGE, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(5);
    controller.abort();
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(KyyAbortError);
    expect(requests).toHaveLength(1);
  });

  it('throws a plain abort when aborted before sending', async () => {
    const { kyy, requests } = client(json(UPLOAD_OK));
    const error = await rejection(
      settle(kyy.assets.upload(IMAGE, { signal: AbortSignal.abort() })),
    );
    expect(error).toBeInstanceOf(KyyAbortError);
    expect(requests).toHaveLength(0);
  });

  it('does not retry a rate-limited upload (a definite refusal) and says when to retry', async () => {
    const { kyy, requests } = client(fail(429, '', { 'retry-after': '2' }), json(UPLOAD_OK));
    const call = settle(kyy.assets.upload(IMAGE));
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 2000 });
    expect(requests).toHaveLength(1);
  });
});
