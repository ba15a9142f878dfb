import { FailureResponse } from '@kyyvideo/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCS_UPLOAD, envelope, JSON_HEADERS, send } from '../test/support.js';
import { createMock } from './create-mock.js';
import {
  RATE_LIMIT_RETRY_AFTER_SECONDS,
  SCENARIO_HEADER,
  SCENARIO_LATENCY_MS,
  SCENARIOS,
  type ScenarioName,
} from './scenarios.js';

const upload = (mock: ReturnType<typeof createMock>, headers: Record<string, string> = {}) =>
  send(mock, 'POST', '/kyyVideo2/asset/upload', {
    body: JSON.stringify(DOCS_UPLOAD),
    headers: { ...JSON_HEADERS, ...headers },
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('fault scenarios', () => {
  it('rate-limited: HTTP 429 with Retry-After in seconds and a failure envelope', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: 'rate-limited' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(RATE_LIMIT_RETRY_AFTER_SECONDS));
    expect(FailureResponse.parse(await res.json()).code).toBe(429);
  });

  it('server-error: HTTP 500 with a failure envelope', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: 'server-error' });
    expect(res.status).toBe(500);
    expect(FailureResponse.parse(await res.json()).code).toBe(500);
  });

  it('bad-gateway: HTTP 502 with an HTML page, not JSON', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: 'bad-gateway' });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('502 Bad Gateway');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('malformed-json: HTTP 200 claiming JSON with a body that does not parse', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: 'malformed-json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('drop-connection: a network error response', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: 'drop-connection' });
    expect(res.type).toBe('error');
  });

  it('success-without-data: code 0 with data null, which no success schema accepts', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: 'success-without-data' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: 0, msg: null, data: null });
  });

  it.each(SCENARIOS.filter((s) => s !== 'latency'))(
    '%s answers before the store is touched and before auth',
    async (scenario) => {
      const mock = createMock({ apiKey: 'k' });
      const existing = mock.store.create(DOCS_UPLOAD);
      const created = await upload(mock, {
        [SCENARIO_HEADER]: scenario,
        Authorization: 'Bearer wrong',
      });
      const deleted = await send(mock, 'DELETE', `/kyyVideo2/asset/${existing.assetId}`, {
        headers: { [SCENARIO_HEADER]: scenario },
      });
      expect([created.status, deleted.status]).not.toContain(401);
      expect(mock.store.list().map((a) => a.assetId)).toEqual([existing.assetId]);
    },
  );
});

describe('latency', () => {
  it('delays a normal answer by the scenario latency plus latencyMs', async () => {
    vi.useFakeTimers();
    const mock = createMock({ latencyMs: 50 });
    let settled = false;
    const pending = upload(mock, { [SCENARIO_HEADER]: 'latency' }).then((res) => {
      settled = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(SCENARIO_LATENCY_MS + 49);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await envelope('upload', await pending);
    expect(result.ok).toBe(true);
    expect(mock.store.size).toBe(1);
  });

  it('applies latencyMs to every response', async () => {
    vi.useFakeTimers();
    const mock = createMock({ latencyMs: 200 });
    let settled = false;
    const pending = send(mock, 'GET', '/kyyVideo2/asset/x').then((res) => {
      settled = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await envelope('detail', await pending)).body.code).toBe(-1);
  });
});

describe('selecting scenarios', () => {
  it('mock.use(name, { times }) applies to the next N requests, then stops', async () => {
    const mock = createMock();
    mock.use('server-error', { times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await upload(mock)).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(mock.requests().map((r) => r.scenario)).toEqual(['server-error', 'server-error', null]);
  });

  it('mock.use(name) lasts until use(null) or reset()', async () => {
    const mock = createMock();
    mock.use('rate-limited');
    for (let i = 0; i < 5; i++) expect((await upload(mock)).status).toBe(429);
    mock.use(null);
    expect((await upload(mock)).status).toBe(200);
    mock.use('bad-gateway');
    mock.reset();
    expect((await upload(mock)).status).toBe(200);
  });

  it('the header wins over mock.use and does not use up its times', async () => {
    const mock = createMock();
    mock.use('server-error', { times: 1 });
    expect((await upload(mock, { [SCENARIO_HEADER]: 'rate-limited' })).status).toBe(429);
    expect((await upload(mock)).status).toBe(500);
    expect((await upload(mock)).status).toBe(200);
  });

  it('accepts the header in any case and with spaces', async () => {
    const res = await upload(createMock(), { [SCENARIO_HEADER]: '  Server-Error ' });
    expect(res.status).toBe(500);
  });

  it('answers an unknown header value with a 400 envelope listing the scenarios', async () => {
    const mock = createMock();
    const result = await envelope('upload', await upload(mock, { [SCENARIO_HEADER]: 'slow' }));
    expect(result).toMatchObject({ ok: false, status: 200, body: { code: 400, data: null } });
    for (const name of SCENARIOS) expect(result.body.msg).toContain(name);
    expect(mock.store.size).toBe(0);
  });

  it('mock.use rejects unknown names and bad counts', () => {
    const mock = createMock();
    expect(() => mock.use('slow' as ScenarioName)).toThrow(/unknown scenario "slow"/);
    expect(() => mock.use('latency', { times: 0 })).toThrow(/times/);
    expect(() => mock.use('latency', { times: 1.5 })).toThrow(/times/);
  });
});
