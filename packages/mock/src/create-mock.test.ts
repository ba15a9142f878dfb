import { ASSET_ID_PATTERN, CREATE_TIME_PATTERN, isAssetId } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import {
  AUTH,
  DOCS_UPLOAD,
  detail,
  envelope,
  JSON_HEADERS,
  send,
  uploadOk,
} from '../test/support.js';
import { createVirtualClock } from './clock.js';
import { DELETE_SUCCESS_MSG, MOCK_CODES } from './codes.js';
import { createMock } from './create-mock.js';
import { DEFAULT_FACE_REVIEW_DELAY_MS, DEFAULT_REVIEW_DELAY_MS } from './options.js';

// 2026-03-30 14:21:58 in UTC+8, the moment of the documentation's sample id.
const DOCS_MOMENT = Date.UTC(2026, 2, 30, 6, 21, 58);

describe('upload → detail → delete', () => {
  it('creates an asset with a documented-shape id and createTime from the clock', async () => {
    const mock = createMock({ clock: createVirtualClock(DOCS_MOMENT), seed: 7 });
    const assetId = await uploadOk(mock);
    expect(assetId).toMatch(ASSET_ID_PATTERN);
    expect(assetId.startsWith('asset-20260330142158-')).toBe(true);

    const got = await detail(mock, assetId);
    expect(got.ok).toBe(true);
    expect(got.body.data).toEqual({
      name: DOCS_UPLOAD.name,
      assetId,
      status: 'Processing',
      assetType: DOCS_UPLOAD.assetType,
      url: DOCS_UPLOAD.url,
      createTime: '2026-03-30 14:21:58',
    });
  });

  it('reports an unnamed asset with name null', async () => {
    const mock = createMock();
    const assetId = await uploadOk(mock, { assetType: 'Audio', url: 'https://example.com/a.mp3' });
    const got = await detail(mock, assetId);
    expect(got.body.data).toMatchObject({ name: null, assetType: 'Audio' });
    expect(got.ok && got.body.data.createTime).toMatch(CREATE_TIME_PATTERN);
  });

  it('deletes with the documented string code and message, permanently', async () => {
    const mock = createMock();
    const assetId = await uploadOk(mock);
    const deleted = await envelope(
      'delete',
      await send(mock, 'DELETE', `/kyyVideo2/asset/${assetId}`),
    );
    expect(deleted).toMatchObject({
      ok: true,
      status: 200,
      body: { code: '0', msg: DELETE_SUCCESS_MSG, data: null },
    });
    expect(mock.store.has(assetId)).toBe(false);

    const after = await detail(mock, assetId);
    expect(after).toMatchObject({
      ok: false,
      status: 200,
      body: { code: MOCK_CODES.notFound, data: null },
    });
    const again = await envelope(
      'delete',
      await send(mock, 'DELETE', `/kyyVideo2/asset/${assetId}`),
    );
    expect(again.body.code).toBe(-1);
  });

  it('answers -1 for ids that never existed, well-formed or not', async () => {
    const mock = createMock();
    for (const id of ['asset-20260330142158-q75m8', 'nope', '%ZZ', '..%2F..']) {
      const got = await envelope('detail', await send(mock, 'GET', `/kyyVideo2/asset/${id}`));
      expect(got).toMatchObject({ ok: false, status: 200, body: { code: -1, data: null } });
    }
  });

  it('gives the same ids for the same seed and clock, also after reset()', async () => {
    const run = async (mock = createMock({ seed: 42, clock: createVirtualClock(DOCS_MOMENT) })) => [
      await uploadOk(mock),
      await uploadOk(mock),
    ];
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(2);

    const mock = createMock({ seed: 42, clock: createVirtualClock(DOCS_MOMENT) });
    const before = await run(mock);
    mock.reset();
    expect(mock.store.size).toBe(0);
    expect(await run(mock)).toEqual(before);
  });

  it('never hands out the same id twice, even with a fixed clock', async () => {
    const mock = createMock({ seed: 1, clock: createVirtualClock(DOCS_MOMENT) });
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(await uploadOk(mock));
    expect(ids.size).toBe(200);
    expect([...ids].every(isAssetId)).toBe(true);
  });
});

describe('review lifecycle (virtual clock)', () => {
  it('goes Processing → Active after reviewDelayMs', async () => {
    const clock = createVirtualClock(DOCS_MOMENT);
    const mock = createMock({ clock });
    const assetId = await uploadOk(mock);
    clock.advance(DEFAULT_REVIEW_DELAY_MS - 1);
    expect((await detail(mock, assetId)).body.data).toMatchObject({ status: 'Processing' });
    clock.advance(1);
    expect((await detail(mock, assetId)).body.data).toMatchObject({ status: 'Active' });
  });

  it('reviews faces and avatars for longer', async () => {
    const clock = createVirtualClock(DOCS_MOMENT);
    const mock = createMock({ clock });
    const byName = await uploadOk(mock, { ...DOCS_UPLOAD, name: 'My Avatar' });
    const byUrl = await uploadOk(mock, {
      assetType: 'Image',
      url: 'https://example.com/FACE-01.png',
    });
    const plain = await uploadOk(mock);
    clock.advance(DEFAULT_REVIEW_DELAY_MS);
    expect((await detail(mock, plain)).body.data).toMatchObject({ status: 'Active' });
    expect((await detail(mock, byName)).body.data).toMatchObject({ status: 'Processing' });
    clock.advance(DEFAULT_FACE_REVIEW_DELAY_MS - DEFAULT_REVIEW_DELAY_MS - 1);
    expect((await detail(mock, byUrl)).body.data).toMatchObject({ status: 'Processing' });
    clock.advance(1);
    expect((await detail(mock, byName)).body.data).toMatchObject({ status: 'Active' });
    expect((await detail(mock, byUrl)).body.data).toMatchObject({ status: 'Active' });
  });

  it('ends Failed for fail markers, after the review delay, and stays Failed', async () => {
    const clock = createVirtualClock(DOCS_MOMENT);
    const mock = createMock({ clock, reviewDelayMs: 500, failMarkers: ['nsfw', 'Reject'] });
    const a = await uploadOk(mock, { ...DOCS_UPLOAD, name: 'please REJECT me' });
    const b = await uploadOk(mock, { assetType: 'Video', url: 'https://example.com/nsfw.mp4' });
    expect((await detail(mock, a)).body.data).toMatchObject({ status: 'Processing' });
    clock.advance(500);
    expect((await detail(mock, a)).body.data).toMatchObject({ status: 'Failed' });
    expect((await detail(mock, b)).body.data).toMatchObject({ status: 'Failed' });
    clock.advance(1_000_000);
    expect((await detail(mock, a)).body.data).toMatchObject({ status: 'Failed' });
  });

  it('lets the store seed assets that follow the same lifecycle', () => {
    const clock = createVirtualClock(DOCS_MOMENT);
    const mock = createMock({ clock, reviewDelayMs: 10 });
    const asset = mock.store.create({ assetType: 'Document', url: 'https://example.com/a.pdf' });
    expect(asset.status).toBe('Processing');
    clock.advance(10);
    expect(mock.store.get(asset.assetId)?.status).toBe('Active');
    expect(mock.store.list().map((a) => a.assetId)).toEqual([asset.assetId]);
    expect(() => mock.store.create({ assetType: 'image', url: 'x' } as never)).toThrow();
  });
});

describe('auth', () => {
  const upload = (mock: ReturnType<typeof createMock>, authorization?: string) =>
    send(mock, 'POST', '/kyyVideo2/asset/upload', {
      body: JSON.stringify(DOCS_UPLOAD),
      headers: {
        'Content-Type': 'application/json',
        ...(authorization === undefined ? {} : { Authorization: authorization }),
      },
    });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['empty bearer', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])(
    'rejects a %s token with HTTP 401 and the envelope, creating nothing',
    async (_label, header) => {
      const mock = createMock();
      const result = await envelope('upload', await upload(mock, header));
      expect(result).toMatchObject({
        ok: false,
        status: 401,
        body: { code: MOCK_CODES.unauthorized, data: null },
      });
      expect(result.body.msg).toContain('Authorization: Bearer');
      expect(mock.store.size).toBe(0);
    },
  );

  it('accepts any non-empty token without apiKey, and only the key with it', async () => {
    expect((await upload(createMock(), 'Bearer whatever')).status).toBe(200);
    const secret = 'sk-very-secret-123';
    const mock = createMock({ apiKey: secret });
    const wrong = await envelope('upload', await upload(mock, 'Bearer sk-wrong'));
    expect(wrong).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(wrong.body)).not.toContain(secret);
    expect(JSON.stringify(wrong.body)).not.toContain('sk-wrong');
    expect((await envelope('upload', await upload(mock, `bearer  ${secret}`))).ok).toBe(true);
  });

  it('checks auth on detail and delete too', async () => {
    const mock = createMock({ apiKey: 'k' });
    const assetId = mock.store.create(DOCS_UPLOAD).assetId;
    expect((await send(mock, 'GET', `/kyyVideo2/asset/${assetId}`, { headers: {} })).status).toBe(
      401,
    );
    expect(
      (await send(mock, 'DELETE', `/kyyVideo2/asset/${assetId}`, { headers: AUTH })).status,
    ).toBe(401);
    expect(mock.store.has(assetId)).toBe(true);
  });
});

describe('unreachable URLs', () => {
  it('answers 1001 for .invalid hosts and configured hosts (with subdomains)', async () => {
    const mock = createMock({ unreachableHosts: ['intranet.example'] });
    for (const url of [
      'https://cdn.invalid/cat.jpg',
      'http://invalid/x.png',
      'https://intranet.example/a.png',
      'https://files.INTRANET.example/a.png',
    ]) {
      const result = await envelope(
        'upload',
        await send(mock, 'POST', '/kyyVideo2/asset/upload', {
          body: JSON.stringify({ assetType: 'Image', url }),
          headers: JSON_HEADERS,
        }),
      );
      expect(result).toMatchObject({ ok: false, status: 200, body: { code: 1001, data: null } });
    }
    expect(mock.store.size).toBe(0);
    expect(
      await uploadOk(mock, { assetType: 'Image', url: 'https://notintranet.example/a.png' }),
    ).toMatch(ASSET_ID_PATTERN);
  });
});

describe('routing and the request log', () => {
  it('serves any origin and any prefix before the base path', async () => {
    const mock = createMock();
    const { getResponse } = await import('msw');
    for (const origin of [
      'http://127.0.0.1:4010',
      'http://localhost:5173/api',
      'https://zcbservice.aizfw.cn',
    ]) {
      const response = await getResponse(
        mock.handlers,
        new Request(`${origin}/kyyReactApiServer/kyyVideo2/asset/upload`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify(DOCS_UPLOAD),
        }),
      );
      expect((await envelope('upload', response as Response)).ok).toBe(true);
    }
    const outside = await getResponse(
      mock.handlers,
      new Request('http://localhost/other/kyyVideo2/asset/upload'),
    );
    expect(outside).toBeUndefined();
  });

  it('answers unknown endpoints under the base path with a 404 envelope naming the real ones', async () => {
    const mock = createMock();
    for (const [method, path] of [
      ['GET', '/kyyVideo2/assets'],
      ['PUT', '/kyyVideo2/asset/upload'],
      ['POST', '/kyyVideo2/asset/asset-20260330142158-q75m8'],
    ] as const) {
      const result = await envelope('upload', await send(mock, method, path));
      expect(result).toMatchObject({
        ok: false,
        status: 404,
        body: { code: MOCK_CODES.unknownEndpoint },
      });
      expect(result.body.msg).toContain('/kyyVideo2/asset/upload');
    }
  });

  it('logs method, path, scenario and status of every request, and reset() clears it', async () => {
    const mock = createMock();
    const assetId = await uploadOk(mock);
    await send(mock, 'GET', `/kyyVideo2/asset/${assetId}`, { headers: {} });
    await send(mock, 'GET', '/kyyVideo2/asset/x', {
      headers: { ...AUTH, 'x-mock-scenario': 'server-error' },
    });
    expect(mock.requests()).toEqual([
      {
        method: 'POST',
        path: '/kyyReactApiServer/kyyVideo2/asset/upload',
        scenario: null,
        status: 200,
      },
      {
        method: 'GET',
        path: `/kyyReactApiServer/kyyVideo2/asset/${assetId}`,
        scenario: null,
        status: 401,
      },
      {
        method: 'GET',
        path: '/kyyReactApiServer/kyyVideo2/asset/x',
        scenario: 'server-error',
        status: 500,
      },
    ]);
    mock.reset();
    expect(mock.requests()).toEqual([]);
  });
});

describe('options', () => {
  it('rejects invalid options with a message naming the option', () => {
    expect(() => createMock({ reviewDelayMs: -1 })).toThrow(/reviewDelayMs/);
    expect(() => createMock({ apiKey: ' ' })).toThrow(/apiKey/);
    expect(() => createMock({ seed: 1.5 })).toThrow(/seed/);
    expect(() => createMock({ failMarkers: [''] })).toThrow(/failMarkers/);
    expect(() => createMock({ clock: {} as never })).toThrow(/clock/);
  });
});

describe('store limit', () => {
  const image = (i: number) => ({
    assetType: 'Image' as const,
    url: `https://example.com/${i}.png`,
  });

  it('forgets the least recently used asset past the limit, as a delete would', async () => {
    const mock = createMock({ storeLimit: 3 });
    const [a, b, c] = [1, 2, 3].map((i) => mock.store.create(image(i)).assetId) as string[];
    mock.store.delete(b as string); // a deleted asset does not count
    const d = mock.store.create(image(4)).assetId;
    expect(mock.store.list().map((x) => x.assetId)).toEqual([a, c, d]);
    // Reading a through the API makes it the most recently used, so c goes first.
    expect((await detail(mock, a as string)).ok).toBe(true);
    const e = mock.store.create(image(5)).assetId;
    expect(mock.store.list().map((x) => x.assetId)).toEqual([a, d, e]);
    expect((await detail(mock, c as string)).ok).toBe(false);

    // After a reset the limit applies from scratch, through the API as well.
    mock.reset();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await uploadOk(mock, image(i)));
    expect(mock.store.list().map((x) => x.assetId)).toEqual(ids.slice(2));
  });

  it('keeps at most the limit of video tasks too, the most recently used', async () => {
    const mock = createMock({ storeLimit: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await send(mock, 'POST', '/v1/kyyvideo2/videos', {
        body: JSON.stringify({ model: 'kyyvideo2', prompt: `task ${i}` }),
        headers: JSON_HEADERS,
      });
      ids.push(((await response.json()) as { id: string }).id);
    }
    expect(mock.store.listTasks().map((t) => t.id)).toEqual(ids.slice(1));
    expect(mock.store.getTask(ids[0] as string)).toBeUndefined();
    // A query makes a task recently used: the next create forgets the other one.
    const queried = await send(mock, 'GET', `/v1/result/${ids[1]}`);
    expect(queried.status).toBe(200);
    const next = await send(mock, 'POST', '/v1/kyyvideo2/videos', {
      body: JSON.stringify({ model: 'kyyvideo2', prompt: 'task 3' }),
      headers: JSON_HEADERS,
    });
    const nextId = ((await next.json()) as { id: string }).id;
    expect(mock.store.listTasks().map((t) => t.id)).toEqual([ids[1], nextId]);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => createMock({ storeLimit: 0 })).toThrow(/storeLimit/);
    expect(() => createMock({ storeLimit: 2.5 })).toThrow(/storeLimit/);
  });
});
