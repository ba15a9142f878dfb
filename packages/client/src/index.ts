export type { Asset, AssetStatus, AssetType } from '@kyyvideo/contract';
export { DEFAULT_BASE_URL, parseAssetRef, toAssetRef } from '@kyyvideo/contract';
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
  KyyInputError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  type KyyOperation,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
  KyyWaitTimeoutError,
} from './errors.js';
export { MAX_ASSET_ID_LENGTH, MAX_NAME_LENGTH, MAX_URL_LENGTH, type UploadInput } from './input.js';
export { NEVER_SENT_CODES } from './network.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type KyyClientOptions } from './options.js';
export { runPool } from './pool.js';
export { DEFAULT_PREPARE_CONCURRENCY, MAX_PREPARE_CONCURRENCY } from './prepare.js';
export { RETRY_AFTER_CAP_MS, RETRY_BASE_DELAY_MS, RETRY_MAX_DELAY_MS } from './retry-policy.js';
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
export {
  DEFAULT_WAIT_TIMEOUT_MS,
  WAIT_INITIAL_INTERVAL_MS,
  WAIT_INTERVAL_GROWTH,
  WAIT_JITTER_RATIO,
  WAIT_MAX_INTERVAL_MS,
} from './wait.js';
