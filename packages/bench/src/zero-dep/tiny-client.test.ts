import { describe, expect, it } from 'vitest';
import { createTinyClient, TinyKyyError } from './tiny-client.js';

const ASSET_ID = 'asset-20260330142158-q75m8';

function fakeFetch(answer: unknown, status = 200) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer), { status });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('the zero-dependency baseline client', () => {
  it('uploads with bearer auth and returns the id and its asset:// ref', async () => {
    const { calls, fetchImpl } = fakeFetch({ code: 0, msg: null, data: { assetId: ASSET_ID } });
    const client = createTinyClient({ apiKey: 'k', baseUrl: 'http://h/base/', fetch: fetchImpl });
    const result = await client.upload({ assetType: 'Image', url: 'https://example.com/a.jpg' });
    expect(result).toEqual({ assetId: ASSET_ID, ref: `asset://${ASSET_ID}` });
    const [call] = calls;
    expect(call?.url).toBe('http://h/base/kyyVideo2/asset/upload');
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.headers).toMatchObject({ authorization: 'Bearer k' });
  });

  it('accepts the string "0" that delete answers', async () => {
    const { fetchImpl } = fakeFetch({ code: '0', msg: '删除成功', data: null });
    const client = createTinyClient({ apiKey: 'k', baseUrl: 'http://h', fetch: fetchImpl });
    await expect(client.delete(ASSET_ID)).resolves.toBeUndefined();
  });

  it('treats a non-zero code in an HTTP 200 as a failure carrying the code', async () => {
    const { fetchImpl } = fakeFetch({ code: -1, msg: 'asset not found', data: null });
    const client = createTinyClient({ apiKey: 'k', baseUrl: 'http://h', fetch: fetchImpl });
    const error = await client.get(ASSET_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TinyKyyError);
    expect(error).toMatchObject({ code: -1, message: 'asset not found' });
  });

  it('rejects a body that is not an envelope', async () => {
    const { fetchImpl } = fakeFetch('<html>', 502);
    const client = createTinyClient({ apiKey: 'k', baseUrl: 'http://h', fetch: fetchImpl });
    await expect(client.get(ASSET_ID)).rejects.toThrow(/HTTP 502/);
  });
});
