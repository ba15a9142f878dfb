import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_UPLOAD, envelope, JSON_HEADERS } from '../test/support.js';
import { createVirtualClock, setupMockServer } from './node.js';

const clock = createVirtualClock(Date.UTC(2026, 0, 1));
const { server, mock } = setupMockServer({ clock, seed: 3 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

describe('setupMockServer', () => {
  it('intercepts global fetch against the real base URL and runs the whole lifecycle', async () => {
    const base = 'https://zcbservice.aizfw.cn/kyyReactApiServer/kyyVideo2/asset';
    const uploaded = await envelope(
      'upload',
      await fetch(`${base}/upload`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(DOCS_UPLOAD),
      }),
    );
    if (!uploaded.ok) throw new Error(String(uploaded.body.msg));
    const { assetId } = uploaded.body.data;

    clock.advance(60_000);
    const got = await envelope(
      'detail',
      await fetch(`${base}/${assetId}`, { headers: JSON_HEADERS }),
    );
    expect(got.body.data).toMatchObject({ assetId, status: 'Active' });

    const deleted = await envelope(
      'delete',
      await fetch(`${base}/${assetId}`, { method: 'DELETE', headers: JSON_HEADERS }),
    );
    expect(deleted.body.code).toBe('0');
    expect(mock.requests().map((r) => r.method)).toEqual(['POST', 'GET', 'DELETE']);
  });

  it('turns drop-connection into a network error for fetch', async () => {
    mock.use('drop-connection', { times: 1 });
    await expect(fetch('http://127.0.0.1:1/kyyReactApiServer/kyyVideo2/asset/x')).rejects.toThrow(
      TypeError,
    );
    expect(mock.requests()).toEqual([
      {
        method: 'GET',
        path: '/kyyReactApiServer/kyyVideo2/asset/x',
        scenario: 'drop-connection',
        status: 0,
      },
    ]);
  });
});
