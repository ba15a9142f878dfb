import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../src/generated/openapi.js';
import type * as schemas from '../src/schemas.js';
import type * as video from '../src/video-schemas.js';

type Spec = components['schemas'];

// z.infer of each zod schema must be exactly the type openapi-typescript generated from the spec.
describe('zod-inferred types equal the generated types', () => {
  it('enums and ids', () => {
    expectTypeOf<schemas.AssetType>().toEqualTypeOf<Spec['AssetType']>();
    expectTypeOf<schemas.AssetStatus>().toEqualTypeOf<Spec['AssetStatus']>();
    expectTypeOf<schemas.AssetId>().toEqualTypeOf<Spec['AssetId']>();
  });

  it('request and data objects', () => {
    expectTypeOf<schemas.UploadAssetRequest>().toEqualTypeOf<Spec['UploadAssetRequest']>();
    expectTypeOf<schemas.UploadAssetData>().toEqualTypeOf<Spec['UploadAssetData']>();
    expectTypeOf<schemas.Asset>().toEqualTypeOf<Spec['Asset']>();
  });

  it('envelopes', () => {
    expectTypeOf<schemas.UploadAssetResponse>().toEqualTypeOf<Spec['UploadAssetResponse']>();
    expectTypeOf<schemas.GetAssetResponse>().toEqualTypeOf<Spec['GetAssetResponse']>();
    expectTypeOf<schemas.DeleteAssetResponse>().toEqualTypeOf<Spec['DeleteAssetResponse']>();
    expectTypeOf<schemas.FailureResponse>().toEqualTypeOf<Spec['FailureResponse']>();
  });

  it('video tasks', () => {
    expectTypeOf<video.VideoModel>().toEqualTypeOf<Spec['VideoModel']>();
    expectTypeOf<video.VideoTaskStatus>().toEqualTypeOf<Spec['VideoTaskStatus']>();
    expectTypeOf<video.VideoTaskId>().toEqualTypeOf<Spec['VideoTaskId']>();
    expectTypeOf<video.MediaReference>().toEqualTypeOf<Spec['MediaReference']>();
    expectTypeOf<video.CreateVideoTaskRequest>().toEqualTypeOf<Spec['CreateVideoTaskRequest']>();
    expectTypeOf<video.CreateVideoTaskResponse>().toEqualTypeOf<Spec['CreateVideoTaskResponse']>();
    expectTypeOf<video.GetVideoTaskResponse>().toEqualTypeOf<Spec['GetVideoTaskResponse']>();
  });
});
