import { describe, expect, it } from 'vitest';
import {
  ASSET_ID,
  assetBody,
  DELETE_OK,
  fakeFetch,
  json,
  UPLOAD_OK,
} from '../test/helpers/fake-fetch.js';
import { createKyyClient } from './client.js';
import {
  KyyConfigError,
  KyyNotFoundError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
} from './errors.js';

const BASE = 'https://api.example.test/kyyReactApiServer';

describe('createKyyClient', () => {
  it('sends the documented requests with the bearer key and returns typed results', async () => {
    const f = fakeFetch(json(UPLOAD_OK), json(assetBody('Processing')), json(DELETE_OK));
    const client = createKyyClient({ apiKey: 'k-123', baseUrl: `${BASE}/`, fetch: f.fetch });
    expect(client.baseUrl).toBe(BASE);

    const uploaded = await client.assets.upload({
      assetType: 'Image',
      url: 'https://example.com/cat.jpg',
      name: 'Cat',
    });
    expect(uploaded).toEqual({ assetId: ASSET_ID, ref: `asset://${ASSET_ID}` });
    const asset = await client.assets.get(ASSET_ID);
    expect(asset.status).toBe('Processing');
    expect(await client.assets.delete(ASSET_ID)).toEqual({ assetId: ASSET_ID, alreadyGone: false });

    const [up, get, del] = f.requests;
    expect(up?.method).toBe('POST');
    expect(up?.url).toBe(`${BASE}/kyyVideo2/asset/upload`);
    expect(up?.headers.get('authorization')).toBe('Bearer k-123');
    expect(await up?.json()).toEqual({
      assetType: 'Image',
      url: 'https://example.com/cat.jpg',
      name: 'Cat',
    });
    expect(get?.method).toBe('GET');
    expect(get?.url).toBe(`${BASE}/kyyVideo2/asset/${ASSET_ID}`);
    expect(del?.method).toBe('DELETE');
    expect(del?.url).toBe(`${BASE}/kyyVideo2/asset/${ASSET_ID}`);
  });

  it('maps documented failure codes to typed errors', async () => {
    const f = fakeFetch(
      json({ code: 1001, msg: '<asset URL cannot be accessed>', data: null }),
      json({ code: -1, msg: 'asset not found', data: null }),
    );
    const client = createKyyClient({ apiKey: 'k', baseUrl: BASE, fetch: f.fetch });
    const upload = client.assets.upload({ assetType: 'Image', url: 'https://x.invalid/a.png' });
    await expect(upload).rejects.toBeInstanceOf(KyyUrlUnreachableError);
    await expect(upload).rejects.toMatchObject({
      code: 1001,
      operation: 'upload',
      httpStatus: 200,
    });
    const get = client.assets.get(ASSET_ID);
    await expect(get).rejects.toBeInstanceOf(KyyNotFoundError);
    await expect(get).rejects.toMatchObject({ code: -1, assetId: ASSET_ID });
  });

  it('keeps an id in an undocumented form: returned with validate off, on the error otherwise', async () => {
    const body = { code: 0, msg: null, data: { assetId: 'A-1' } };
    const input = { assetType: 'Image' as const, url: 'https://example.com/a.png' };
    const off = createKyyClient({
      apiKey: 'k',
      fetch: fakeFetch(json(body)).fetch,
      validate: 'off',
    });
    expect(await off.assets.upload(input)).toEqual({ assetId: 'A-1', ref: 'asset://A-1' });
    const strict = createKyyClient({ apiKey: 'k', fetch: fakeFetch(json(body)).fetch });
    const error = await strict.assets.upload(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect(error).toMatchObject({ assetId: 'A-1' });
    expect((error as Error).message).toMatch(/named asset "A-1".*assets\.get/);
  });

  it('refuses to start without an API key', () => {
    expect(() => createKyyClient({ apiKey: '' })).toThrow(KyyConfigError);
  });
});
