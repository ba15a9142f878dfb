import {
  RATE_LIMIT_RETRY_AFTER_SECONDS,
  SCENARIO_LATENCY_MS,
  SCENARIOS,
  type ScenarioName,
} from '@kyyvideo/mock/node';
import { getResponse, HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KyyAbortError,
  KyyInvalidResponseError,
  KyyRateLimitError,
  KyyUploadOutcomeUnknownError,
} from '../../src/errors.js';
import { rejection, settle } from '../helpers/settle.js';
import { runTimers, UPLOAD_PATH, useMock } from './support.js';

const { server, mock, client, uploadsSent } = useMock();
const IMAGE = { assetType: 'Image' as const, url: 'https://example.com/cat.jpg' };
const SHORT_TIMEOUT_MS = 1_000;

/** What an upload under each fault scenario must end in. Every scenario is listed. */
const UPLOAD_EXPECTATIONS: Record<ScenarioName, 'ok' | 'rate-limited' | 'unknown'> = {
  latency: 'ok', // slow but answered within the default 30 s timeout
  'rate-limited': 'rate-limited', // a definite refusal: no asset, and no automatic resend
  'server-error': 'unknown',
  'bad-gateway': 'unknown',
  'malformed-json': 'unknown',
  'drop-connection': 'unknown',
  'success-without-data': 'unknown',
};

describe('upload under every mock fault scenario: zero duplicate uploads', () => {
  it('covers every scenario the mock has', () => {
    expect(Object.keys(UPLOAD_EXPECTATIONS).sort()).toEqual([...SCENARIOS].sort());
  });

  it.each(SCENARIOS)('%s', async (scenario) => {
    mock.use(scenario); // persists until reset: any resend would hit it again and be counted
    const call = settle(client().assets.upload(IMAGE));
    await runTimers(60_000, 500);
    const outcome = await call.result;
    const expected = UPLOAD_EXPECTATIONS[scenario];
    if (expected === 'ok') {
      expect(outcome.ok).toBe(true);
    } else {
      expect(outcome.ok).toBe(false);
      const error = outcome.ok ? undefined : outcome.error;
      expect(error).toBeInstanceOf(
        expected === 'rate-limited' ? KyyRateLimitError : KyyUploadOutcomeUnknownError,
      );
    }
    expect(uploadsSent()).toBe(1);
    expect(mock.store.size).toBeLessThanOrEqual(1);
  });

  it('latency past the per-attempt timeout: outcome unknown, the one asset made, no resend', async () => {
    mock.use('latency');
    const call = settle(client({ timeoutMs: SHORT_TIMEOUT_MS }).assets.upload(IMAGE));
    await runTimers(SCENARIO_LATENCY_MS + 60_000, 500);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect((error as Error).message).toMatch(/no answer arrived in time/);
    // The slow handler finished after the client gave up: the asset exists exactly once.
    expect(mock.store.size).toBe(1);
    expect(uploadsSent()).toBe(1);
  });

  it('an abort while the upload is on the wire: outcome unknown, sent once', async () => {
    mock.use('latency');
    const controller = new AbortController();
    const call = settle(client().assets.upload(IMAGE, { signal: controller.signal }));
    await runTimers(500);
    controller.abort();
    const error = await rejection(call);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(KyyAbortError);
    await runTimers(SCENARIO_LATENCY_MS);
    expect(uploadsSent()).toBe(1);
  });

  it('an answer lost after the asset was created: outcome unknown, exactly one asset', async () => {
    server.use(
      http.post(/\/kyyVideo2\/asset\/upload$/, async ({ request }) => {
        await getResponse(mock.handlers, request); // the service creates the asset…
        return HttpResponse.error(); // …and the connection drops before the answer
      }),
    );
    const error = await client()
      .assets.upload(IMAGE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect(mock.store.size).toBe(1);
    expect(mock.requests().filter((r) => r.path === UPLOAD_PATH)).toHaveLength(1);
  });
});

describe('get and delete recover from transient faults', () => {
  it.each(['server-error', 'bad-gateway', 'drop-connection', 'rate-limited', 'latency'] as const)(
    'get after one %s',
    async (scenario) => {
      const kyy = client({ timeoutMs: SHORT_TIMEOUT_MS });
      const { assetId } = mock.store.create(IMAGE);
      mock.use(scenario, { times: 1 });
      const call = settle(kyy.assets.get(assetId));
      await runTimers(SCENARIO_LATENCY_MS + 10_000);
      const outcome = await call.result;
      expect(outcome.ok && outcome.value.assetId).toBe(assetId);
      expect(mock.requests()).toHaveLength(2);
    },
  );

  it('waits the mock Retry-After before retrying', async () => {
    const { assetId } = mock.store.create(IMAGE);
    mock.use('rate-limited', { times: 1 });
    const call = settle(client().assets.get(assetId));
    await runTimers(RATE_LIMIT_RETRY_AFTER_SECONDS * 1000 - 250);
    expect(mock.requests()).toHaveLength(1);
    await runTimers(500);
    expect(mock.requests()).toHaveLength(2);
    expect((await call.result).ok).toBe(true);
  });

  it.each(['malformed-json', 'success-without-data'] as const)(
    'get reports %s as an invalid response without retrying',
    async (scenario) => {
      const { assetId } = mock.store.create(IMAGE);
      mock.use(scenario, { times: 1 });
      await expect(client().assets.get(assetId)).rejects.toBeInstanceOf(KyyInvalidResponseError);
      expect(mock.requests()).toHaveLength(1);
    },
  );

  it.each(['server-error', 'bad-gateway', 'drop-connection', 'rate-limited'] as const)(
    'delete after one %s',
    async (scenario) => {
      const { assetId } = mock.store.create(IMAGE);
      mock.use(scenario, { times: 1 });
      const call = settle(client().assets.delete(assetId));
      await runTimers(10_000);
      expect(await call.result).toEqual({ ok: true, value: { assetId, alreadyGone: false } });
      expect(mock.store.has(assetId)).toBe(false);
    },
  );

  it('a delete whose answer was lost, retried, counts the asset as already gone', async () => {
    const { assetId } = mock.store.create(IMAGE);
    let dropped = false;
    server.use(
      http.delete(/\/kyyVideo2\/asset\/[^/]+$/, async ({ request }) => {
        if (dropped) return undefined; // fall through to the mock
        dropped = true;
        await getResponse(mock.handlers, request); // deleted…
        return HttpResponse.error(); // …but the answer never arrives
      }),
    );
    const call = settle(client().assets.delete(assetId));
    await runTimers(10_000);
    expect(await call.result).toEqual({ ok: true, value: { assetId, alreadyGone: true } });
    expect(mock.requests().filter((r) => r.method === 'DELETE')).toHaveLength(2);
  });
});
