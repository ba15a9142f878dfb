export type {
  Asset,
  AssetStatus,
  AssetType,
  CreateVideoTaskRequest,
  MediaInput,
  Problem,
  ProblemItem,
  VideoModel,
  VideoTaskStatus,
} from '@kyyvideo/contract';
export {
  buildVideoTask,
  DEFAULT_BASE_URL,
  parseAssetIdOrRef,
  parseAssetRef,
  toAssetRef,
} from '@kyyvideo/contract';
export { createKyyClient } from './client.js';
export {
  type GeneratedAsset,
  type GenerateStep,
  KyyAbortError,
  KyyApiError,
  KyyAssetFailedError,
  KyyAuthenticationError,
  KyyConfigError,
  KyyConnectionError,
  KyyCreateOutcomeUnknownError,
  KyyDownloadError,
  KyyError,
  type KyyErrorDetails,
  type KyyErrorKind,
  KyyGenerateError,
  KyyInputError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  type KyyOperation,
  KyyRateLimitError,
  KyyRedirectError,
  KyyServerError,
  KyyTimeoutError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
  KyyVideoFailedError,
  KyyWaitTimeoutError,
} from './errors.js';
export type { UploadInput } from './input.js';
export { provablyNotSent } from './network.js';
export type { KyyClientOptions } from './options.js';
export { runPool } from './pool.js';
export type {
  AssetRef,
  CallOptions,
  DeleteResult,
  KyyAssets,
  KyyClient,
  PrepareItem,
  PrepareItemResult,
  PrepareOptions,
  PrepareProgress,
  PrepareResult,
  UploadResult,
  WaitOptions,
} from './types.js';
export type {
  CompletedVideoTask,
  CreatedVideoTask,
  CreateVideoOptions,
  DownloadOptions,
  DownloadProgress,
  GenerateInput,
  GenerateOptions,
  GenerateProgress,
  GenerateResult,
  KyyVideos,
  VideoDownload,
  VideoTask,
  VideoWaitOptions,
} from './video-types.js';
export {
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  FAST_VIDEO_WAIT_INTERVAL_MS,
  VIDEO_WAIT_INTERVAL_MS,
} from './video-wait.js';
