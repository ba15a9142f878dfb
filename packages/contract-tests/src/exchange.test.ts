import { SECRET_MASK } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { createRecordingFetch, type Exchange, jsonBody } from './exchange.js';
import { createOpenApiValidator } from './openapi-validator.js';
import { createRateLimiter } from './rate-limiter.js';

const KEY = 'session-key-abcdef123456';
const BASE = 'http://mock.invalid/kyyReactApiServer';
const validator = createOpenApiValidator();

function recorder(transport: typeof fetch) {
  const exchanges: Exchange[] = [];
  const limiter = createRateLimiter({ minIntervalMs: 0 });
  const fetch = createRecordingFetch({
    transport,
    validator,
    sessionKey: KEY,
    source: 'client',
    limiter,
    onExchange: (exchange) => exchanges.push(exchange),
  });
  return { fetch, exchanges, limiter };
}

describe('createRecordingFetch', () => {
  it('records operation, credentials used, status, content type and body, and hands the response on', async () => {
    const { fetch, exchanges, limiter } = recorder(async () =>
      Response.json({ code: -1, msg: 'asset not found', data: null }),
    );
    const headers = { authorization: `Bearer ${KEY}` };
    const response = await fetch(`${BASE}/kyyVideo2/asset/asset-20260330142158-q75m8`, { headers });
    await fetch(`${BASE}/kyyVideo2/asset/upload`, {
      method: 'POST',
      body: '{"assetType":"Image"}',
    });
    await fetch(`${BASE}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { authorization: 'Bearer other', 'x-mock-scenario': 'server-error' },
    });

    expect(await response.json()).toEqual({ code: -1, msg: 'asset not found', data: null });
    expect(
      exchanges.map(({ operation, auth, scenario, status }) => ({
        operation,
        auth,
        scenario,
        status,
      })),
    ).toEqual([
      { operation: 'getAsset', auth: 'session-key', scenario: null, status: 200 },
      { operation: 'uploadAsset', auth: 'none', scenario: null, status: 200 },
      { operation: 'uploadAsset', auth: 'other', scenario: 'server-error', status: 200 },
    ]);
    expect(exchanges[0]?.contentType).toMatch(/^application\/json/);
    expect(jsonBody(exchanges[0] as Exchange)).toEqual({
      code: -1,
      msg: 'asset not found',
      data: null,
    });
    expect(limiter.started).toBe(3);
    expect(exchanges.map((e) => [e.source, e.requestText])).toEqual([
      ['client', undefined],
      ['client', '{"assetType":"Image"}'],
      ['client', undefined],
    ]);
  });

  it('records a failed connection and rethrows it to the caller', async () => {
    const { fetch, exchanges } = recorder(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetch(`${BASE}/kyyVideo2/asset/upload`, { method: 'POST' })).rejects.toThrow(
      'Failed to fetch',
    );
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ networkError: 'Failed to fetch' });
    expect(exchanges[0]?.status).toBeUndefined();
  });

  it('masks the key in a body that echoes it back', async () => {
    const { fetch, exchanges } = recorder(async (input) => {
      const request = new Request(input);
      return Response.json({
        code: 401,
        msg: `bad ${request.headers.get('authorization')}`,
        data: null,
      });
    });
    await fetch(`${BASE}/kyyVideo2/asset/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(exchanges[0]?.bodyText).toBe(
      `{"code":401,"msg":"bad Bearer ${SECRET_MASK}","data":null}`,
    );
  });
});
