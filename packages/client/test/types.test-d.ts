import type { Asset, paths } from '@kyyvideo/contract';
import type { Client } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createKyyClient,
  type KyyClient,
  type KyyError,
  type KyyOperation,
  type PrepareItemResult,
  type UploadInput,
} from '../src/index.js';

describe('public types', () => {
  it('matches the agreed API', () => {
    expectTypeOf(createKyyClient).returns.toEqualTypeOf<KyyClient>();
    expectTypeOf<KyyClient['raw']>().toEqualTypeOf<Client<paths>>();
    expectTypeOf<KyyClient['baseUrl']>().toEqualTypeOf<string>();
    type Assets = KyyClient['assets'];
    expectTypeOf<ReturnType<Assets['upload']>>().toEqualTypeOf<
      Promise<{ assetId: string; ref: `asset://${string}` }>
    >();
    expectTypeOf<ReturnType<Assets['get']>>().toEqualTypeOf<Promise<Asset>>();
    expectTypeOf<ReturnType<Assets['delete']>>().toEqualTypeOf<
      Promise<{ assetId: string; alreadyGone: boolean }>
    >();
    expectTypeOf<ReturnType<Assets['waitUntilActive']>>().toEqualTypeOf<Promise<Asset>>();
    expectTypeOf<Awaited<ReturnType<Assets['uploadAndWait']>>>().toMatchTypeOf<{
      assetId: string;
      ref: `asset://${string}`;
      asset: Asset;
    }>();
    expectTypeOf<UploadInput['assetType']>().toEqualTypeOf<
      'Image' | 'Video' | 'Audio' | 'Document'
    >();
    expectTypeOf<KyyError['operation']>().toEqualTypeOf<KyyOperation>();
  });

  it('narrows batch results on ok', () => {
    const item = {} as PrepareItemResult;
    if (item.ok) expectTypeOf(item.assetId).toEqualTypeOf<string>();
    else expectTypeOf(item.error).toEqualTypeOf<KyyError>();
  });

  it('rejects a lower-case asset type at compile time', () => {
    const client = {} as KyyClient;
    // @ts-expect-error: the service is case-sensitive
    void client.assets.upload({ assetType: 'image', url: 'https://example.com/a.png' });
  });
});
