// Type-only: erased at build time, so importing these never loads the client.
import type { KyyAssets, KyyClient } from '@kyyvideo/client';
import type { SavedVideo } from '@kyyvideo/client/node';

export type { Asset, AssetRef, AssetType, UploadInput, WaitOptions } from '@kyyvideo/client';

/** The part of the client's `assets` API that kyy uses; unit tests pass a fake of it. */
export type AssetsApi = Pick<
  KyyAssets,
  'upload' | 'get' | 'delete' | 'waitUntilActive' | 'prepare'
>;

export type {
  CompletedVideoTask,
  CreatedVideoTask,
  DownloadOptions,
  GenerateInput,
  GenerateProgress,
  GenerateResult,
  VideoTask,
} from '@kyyvideo/client';

/** The part of the client kyy uses for video tasks, plus writing a video to a file. */
export interface VideosApi extends Pick<KyyClient, 'videos' | 'generate'> {
  /** `downloadToFile` from `@kyyvideo/client/node`: atomic, never a partial file. */
  saveVideo(
    taskOrUrl: Parameters<KyyClient['videos']['download']>[0],
    path: string,
    options?: Parameters<KyyClient['videos']['download']>[1],
  ): Promise<SavedVideo>;
}
