export type { Asset, AssetStatus, AssetType } from '@kyyvideo/contract';
export {
  DEFAULT_BASE_URL,
  parseAssetIdOrRef,
  parseAssetRef,
  toAssetRef,
} from '@kyyvideo/contract';
export { createKyyClient } from './client.js';
export {
  KyyAbortError,
  KyyApiError,
  KyyAssetFailedError,
  KyyAuthenticationError,
  KyyConfigError,
  KyyConnectionError,
  KyyError,
  type KyyErrorDetails,
  type KyyErrorKind,
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
