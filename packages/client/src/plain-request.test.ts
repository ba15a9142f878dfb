import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { ASSET_ID, json, UPLOAD_OK } from '../test/helpers/fake-fetch.js';
import { createKyyClient } from './client.js';

const BASE = 'https://api.example.test/kyyReactApiServer';
const INPUT = { assetType: 'Image', url: 'https://example.com/cat.jpg', name: 'Cat' } as const;

/** Records fetch's arguments exactly as the client passed them. */
function recordingFetch() {
  const calls: Array<{ input: unknown; init: RequestInit | undefined }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ input, init });
    return json(UPLOAD_OK);
  };
  return { calls, fetch: fetchImpl as typeof fetch };
}

describe('the request handed to fetch', () => {
  it('is the URL and an init with the body as a string, so fetch sends it as raw fetch would', async () => {
    const f = recordingFetch();
    const kyy = createKyyClient({ apiKey: 'k-123', baseUrl: BASE, fetch: f.fetch });
    await kyy.assets.upload(INPUT);
    const [call] = f.calls;
    expect(call?.input).toBe(`${BASE}/kyyVideo2/asset/upload`);
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.redirect).toBe('manual');
    expect(call?.init?.signal).toBeInstanceOf(AbortSignal);
    expect(typeof call?.init?.body).toBe('string');
    expect(JSON.parse(call?.init?.body as string)).toEqual(INPUT);
    const headers = new Headers(call?.init?.headers);
    expect(headers.get('authorization')).toBe('Bearer k-123');
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('gives middleware registered with raw.use a real Request for the client’s own calls', async () => {
    const f = recordingFetch();
    const kyy = createKyyClient({ apiKey: 'k-123', baseUrl: BASE, fetch: f.fetch });
    const seen: unknown[] = [];
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(request);
        request.headers.set('x-trace', 'yes');
        return request;
      },
    };
    kyy.raw.use(middleware);
    expect(await kyy.assets.upload(INPUT)).toEqual({
      assetId: ASSET_ID,
      ref: `asset://${ASSET_ID}`,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    const sent = f.calls[0]?.input as Request;
    expect(sent).toBeInstanceOf(Request);
    expect(sent.headers.get('x-trace')).toBe('yes');
    expect(await sent.json()).toEqual(INPUT);
  });
});
