import type {
  Asset,
  CreateVideoTaskRequest,
  CreateVideoTaskResponse,
  GetVideoTaskResponse,
  paths,
} from '@kyyvideo/contract';
import type { Client } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createKyyClient,
  type KyyClient,
  type KyyError,
  type KyyGenerateError,
  type KyyOperation,
  KyyVideoFailedError,
  type PrepareItemResult,
  type UploadInput,
} from '../src/index.js';
import { downloadToFile, type SavedVideo } from '../src/node.js';
import type { Operation } from '../src/send.js';

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

describe('video types', () => {
  it('matches the agreed video API', () => {
    type Videos = KyyClient['videos'];
    expectTypeOf<Parameters<Videos['create']>[0]>().toEqualTypeOf<CreateVideoTaskRequest>();
    expectTypeOf<ReturnType<Videos['create']>>().toEqualTypeOf<Promise<CreateVideoTaskResponse>>();
    expectTypeOf<ReturnType<Videos['get']>>().toEqualTypeOf<Promise<GetVideoTaskResponse>>();
    type Done = Awaited<ReturnType<Videos['waitUntilDone']>>;
    expectTypeOf<Done['status']>().toEqualTypeOf<'completed'>();
    expectTypeOf<Done['video_url']>().toEqualTypeOf<string>();
    expectTypeOf<Awaited<ReturnType<Videos['download']>>['body']>().toEqualTypeOf<
      ReadableStream<Uint8Array>
    >();
    type Result = Awaited<ReturnType<KyyClient['generate']>>;
    expectTypeOf<Result['videoUrl']>().toEqualTypeOf<string>();
    expectTypeOf<Result['assets'][number]['ref']>().toEqualTypeOf<`asset://${string}`>();
    expectTypeOf<KyyGenerateError['step']>().toEqualTypeOf<
      'upload' | 'review' | 'create' | 'wait'
    >();
    expectTypeOf(downloadToFile).returns.resolves.toEqualTypeOf<SavedVideo>();
  });

  it('rejects an unknown model and a camelCase field in a create body at compile time', () => {
    const client = {} as KyyClient;
    // @ts-expect-error: not a documented model
    void client.videos.create({ model: 'kyyvideo3', prompt: 'x' });
    // @ts-expect-error: the API's field is first_image; generate() takes firstImage
    void client.videos.create({ model: 'kyyvideo2', prompt: 'x', firstImage: 'https://a.b/c.png' });
    // @ts-expect-error: generate takes camelCase
    void client.generate({ model: 'kyyvideo2', prompt: 'x', first_image: 'https://a.b/c.png' });
  });

  it('narrows errors on kind', () => {
    const error = {} as KyyError;
    if (error instanceof KyyVideoFailedError)
      expectTypeOf(error.serviceError).toEqualTypeOf<string | null>();
    if (error.kind === 'create-outcome-unknown')
      expectTypeOf(error.taskId).toEqualTypeOf<string | undefined>();
  });
});

describe('the request path (send.ts)', () => {
  // Each operation's request is an openapi-fetch call typed by the spec's paths, so a request
  // the spec does not describe fails to compile where it is written.
  type Request = Operation<unknown>['request'];

  it('accepts the requests the spec describes', () => {
    const upload: Request = (raw, init) =>
      raw.POST('/kyyVideo2/asset/upload', {
        ...init,
        body: { assetType: 'Image', url: 'https://example.com/a.png' },
      });
    const detail: Request = (raw, init) =>
      raw.GET('/v1/result/{id}', { ...init, params: { path: { id: 'video_x' } } });
    void [upload, detail];
  });

  it('rejects a wrong path, method, path parameter or body at compile time', () => {
    const wrongPath: Request = (raw, init) =>
      // @ts-expect-error: no such path in the spec
      raw.POST('/kyyVideo2/assets/upload', {
        ...init,
        body: { assetType: 'Image', url: 'https://example.com/a.png' },
      });
    const wrongMethod: Request = (raw, init) =>
      // @ts-expect-error: the spec has no GET on the upload path
      raw.GET('/kyyVideo2/asset/upload', init);
    const wrongParam: Request = (raw, init) =>
      raw.GET('/kyyVideo2/asset/{assetId}', {
        ...init,
        // @ts-expect-error: the parameter is assetId
        params: { path: { id: 'asset-20260330142158-q75m8' } },
      });
    const missingParam: Request = (raw, init) =>
      // @ts-expect-error: the path needs its assetId
      raw.DELETE('/kyyVideo2/asset/{assetId}', init);
    const wrongBody: Request = (raw, init) =>
      raw.POST('/kyyVideo2/asset/upload', {
        ...init,
        // @ts-expect-error: the service is case-sensitive
        body: { assetType: 'image', url: 'https://example.com/a.png' },
      });
    const camelBody: Request = (raw, init) =>
      raw.POST('/v1/kyyvideo2/videos', {
        ...init,
        // @ts-expect-error: the API's field is first_image
        body: { model: 'kyyvideo2', prompt: 'x', firstImage: 'https://a.b/c.png' },
      });
    void [wrongPath, wrongMethod, wrongParam, missingParam, wrongBody, camelBody];
  });

  it('hands the interpreter the response openapi-fetch returned', () => {
    expectTypeOf<Awaited<ReturnType<Request>>['response']>().toEqualTypeOf<Response>();
  });
});
