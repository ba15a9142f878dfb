// Type-only: erased at build time, so importing these never loads the client.
import type { KyyAssets } from '@kyyvideo/client';

export type { Asset, AssetRef, AssetType, UploadInput, WaitOptions } from '@kyyvideo/client';

/** The part of the client's `assets` API that kyy uses; unit tests pass a fake of it. */
export type AssetsApi = Pick<
  KyyAssets,
  'upload' | 'get' | 'delete' | 'waitUntilActive' | 'prepare'
>;
