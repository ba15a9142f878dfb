import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createKyyClient } from '../../src/client.js';
import type { KyyError } from '../../src/errors.js';
import { fakeFetch, json, networkError, UPLOAD_OK } from '../helpers/fake-fetch.js';
import { settle } from '../helpers/settle.js';
import { API_KEY, BASE_URL, runTimers, useMock } from './support.js';

const { server, mock, client } = useMock();
const IMAGE = { assetType: 'Image' as const, url: 'https://example.com/cat.jpg' };
const ID = 'asset-20260330142158-q75m8';

/** Every way a key could surface when someone logs or serialises a value. */
function expectNoKey(value: unknown, key = API_KEY) {
  const renderings = [
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    JSON.stringify(value) ?? '',
    String(value),
    value instanceof Error ? `${value.message}\n${value.stack}` : '',
  ];
  for (const text of renderings) {
    expect(text).not.toContain(key);
    // Nor a large piece of it (for example a truncated key in a message).
    expect(text).not.toContain(key.slice(0, 12));
  }
}

/** An echoing server: puts the Authorization header it received into every answer. */
function echoKey(status: number, where: 'msg' | 'all-fields' | 'status-field') {
  const answer = ({ request }: { request: Request }) => {
    const auth = request.headers.get('authorization') ?? '';
    if (where === 'status-field') {
      const data = {
        name: null,
        assetId: ID,
        status: auth,
        assetType: 'Image',
        url: 'https://example.com/a.png',
        createTime: '2026-03-30 14:21:58',
      };
      return HttpResponse.json({ code: 0, msg: null, data });
    }
    if (where === 'all-fields') {
      return HttpResponse.json({
        code: 0,
        msg: auth,
        data: {
          name: auth,
          assetId: ID,
          status: auth,
          assetType: 'Image',
          url: auth,
          createTime: auth,
        },
      });
    }
    return HttpResponse.json(
      { code: status, msg: `token ${auth} refused`, data: null },
      { status },
    );
  };
  server.use(
    http.post(/upload$/, answer),
    http.get(/asset\/[^/]+$/, answer),
    http.delete(/asset\/[^/]+$/, answer),
  );
}

describe('the API key never appears', () => {
  it('in the client, its raw client or its assets', () => {
    const kyy = client();
    expectNoKey(kyy);
    expectNoKey(kyy.raw);
    expectNoKey(kyy.assets);
    expectNoKey(kyy.videos);
    expect(JSON.parse(JSON.stringify(kyy))).toEqual({ baseUrl: BASE_URL, apiKey: '[redacted]' });
    expect(Object.keys(kyy).sort()).toEqual(['assets', 'baseUrl', 'generate', 'raw', 'videos']);
    expect(Object.values(kyy)).not.toContain(API_KEY);
  });

  it('in configuration errors', () => {
    for (const apiKey of [`${API_KEY}\n\u0000`, `${API_KEY} with space`, `${API_KEY}é`]) {
      let caught: unknown;
      try {
        createKyyClient({ apiKey, baseUrl: BASE_URL });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Error);
      expectNoKey(caught);
    }
  });

  it.each([401, 400, 500, 429])(
    'in errors when the service echoes the key (HTTP %i)',
    async (status) => {
      echoKey(status, 'msg');
      const kyy = client({ maxRetries: 0 });
      for (const run of [
        (): Promise<unknown> => kyy.assets.upload(IMAGE),
        () => kyy.assets.get(ID),
        () => kyy.assets.delete(ID),
      ]) {
        const call = settle(run());
        await runTimers(5_000);
        const outcome = await call.result;
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) {
          expectNoKey(outcome.error);
          expect((outcome.error as KyyError).msg).toContain('[redacted]');
        }
      }
    },
  );

  it('in validation errors quoting fields that echo the key', async () => {
    echoKey(200, 'all-fields');
    const kyy = client();
    const error = await kyy.assets.get(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoKey(error);
    server.resetHandlers();
    echoKey(200, 'status-field');
    const unknownStatus = await kyy.assets.get(ID).catch((e: unknown) => e);
    expect((unknownStatus as Error).message).toMatch(/unknown status "Bearer \[redacted\]"/);
    expectNoKey(unknownStatus);
    // A wait keeps polling through the unknown status, then reports it on timeout.
    const wait = settle(kyy.assets.waitUntilActive(ID, { timeoutMs: 2_000 }));
    await runTimers(2_000);
    const outcome = await wait.result;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ lastStatus: 'Bearer [redacted]' });
      expectNoKey(outcome.error);
    }
  });

  it('in every error from the mock fault scenarios and waits', async () => {
    const kyy = client({ timeoutMs: 1_000, maxRetries: 1 });
    const errors: unknown[] = [];
    for (const scenario of [
      'server-error',
      'bad-gateway',
      'malformed-json',
      'drop-connection',
      'success-without-data',
      'rate-limited',
      'latency',
    ] as const) {
      mock.use(scenario);
      for (const run of [
        (): Promise<unknown> => kyy.assets.upload(IMAGE),
        () => kyy.assets.get(ID),
        () => kyy.assets.delete(ID),
      ]) {
        const call = settle(run());
        await runTimers(10_000, 500);
        const outcome = await call.result;
        if (!outcome.ok) errors.push(outcome.error);
      }
      mock.use(null);
    }
    const { assetId } = mock.store.create({ ...IMAGE, name: 'face' });
    const wait = settle(kyy.assets.waitUntilActive(assetId, { timeoutMs: 1_500 }));
    await runTimers(2_000);
    const waited = await wait.result;
    if (!waited.ok) errors.push(waited.error);
    expect(errors.length).toBeGreaterThanOrEqual(20);
    for (const error of errors) expectNoKey(error);
  });

  it('in the cause when a custom fetch attaches the request to its error (ky/ofetch style)', async () => {
    // Such libraries put the Request (Authorization header and all), its headers or options on
    // the error they throw, sometimes deep in the cause chain or inside an AggregateError.
    const leaky = async (input: RequestInfo | URL): Promise<Response> => {
      const request = input as Request;
      const refused = Object.assign(new Error(`connect ECONNREFUSED, sent ${API_KEY}`), {
        code: 'ECONNREFUSED',
        request,
        options: { headers: { authorization: `Bearer ${API_KEY}` } },
      });
      const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', request });
      const kinds = {
        plain: Object.assign(new TypeError(`fetch failed for Bearer ${API_KEY}`), { request }),
        deep: Object.assign(new TypeError('fetch failed', { cause: reset }), {
          headers: request.headers,
        }),
        aggregate: new TypeError('fetch failed', {
          cause: Object.assign(new AggregateError([refused, refused], 'all refused'), { request }),
        }),
      };
      throw kinds[kind];
    };
    let kind: 'plain' | 'deep' | 'aggregate' = 'plain';
    const kyy = createKyyClient({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: leaky as typeof fetch,
      maxRetries: 0,
    });
    const errors: KyyError[] = [];
    for (const next of ['plain', 'deep', 'aggregate'] as const) {
      kind = next;
      for (const run of [() => kyy.assets.get(ID), () => kyy.assets.upload(IMAGE)]) {
        errors.push((await run().catch((e: unknown) => e)) as KyyError);
      }
    }
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expectNoKey(error);
      expect(inspect(error, { depth: 20 })).not.toContain(API_KEY);
    }
    // What diagnosis needs survives: names, messages (key redacted) and codes along the chain.
    const [plainGet, , deepGet, , aggregateGet] = errors;
    expect(plainGet?.cause).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed for Bearer [redacted]',
    });
    expect(plainGet?.cause).not.toHaveProperty('request');
    expect(deepGet?.cause).toMatchObject({ cause: { code: 'ECONNRESET' } });
    expect(deepGet?.cause).not.toHaveProperty('headers');
    const aggregate = (aggregateGet?.cause as Error | undefined)?.cause;
    expect(aggregate).toBeInstanceOf(AggregateError);
    expect((aggregate as AggregateError).errors).toEqual([
      expect.objectContaining({
        code: 'ECONNREFUSED',
        message: 'connect ECONNREFUSED, sent [redacted]',
      }),
      expect.objectContaining({ code: 'ECONNREFUSED' }),
    ]);
    expect(JSON.parse(JSON.stringify(plainGet))).toMatchObject({
      cause: { name: 'TypeError', message: 'fetch failed for Bearer [redacted]' },
    });
  });

  it('without losing the codes retries are decided on', async () => {
    // Refused on every address, with the request attached: provably never sent, so even an
    // upload is sent again, and the retry succeeds.
    let calls = 0;
    const leaky = async (input: RequestInfo | URL): Promise<Response> => {
      calls++;
      if (calls > 1) return json(UPLOAD_OK);
      const request = input as Request;
      const refused = (address: string) =>
        Object.assign(new Error(`connect ECONNREFUSED ${address}`), {
          code: 'ECONNREFUSED',
          request,
        });
      throw new TypeError('fetch failed', {
        cause: new AggregateError([refused('::1'), refused('127.0.0.1')]),
      });
    };
    const kyy = createKyyClient({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: leaky as typeof fetch,
      maxRetries: 1,
    });
    const call = settle(kyy.assets.upload(IMAGE));
    await runTimers(5_000);
    const outcome = await call.result;
    expect(outcome.ok).toBe(true);
    expect(calls).toBe(2);
  });

  it('in connection and timeout errors', async () => {
    const f = fakeFetch(networkError('ECONNRESET'), networkError('ECONNREFUSED'));
    const kyy = createKyyClient({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: f.fetch,
      maxRetries: 0,
    });
    for (const run of [() => kyy.assets.get(ID), () => kyy.assets.upload(IMAGE)]) {
      const error = await run().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expectNoKey(error);
    }
  });
});
