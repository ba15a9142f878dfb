export { InvalidAssetRefError, isAssetId, parseAssetRef, toAssetRef } from './asset-ref.js';
export { assetTypeIgnoringCase } from './asset-type.js';
export { describeCode, isSuccessCode } from './codes.js';
export {
  ASSET_ID_PATTERN,
  ASSET_REF_PREFIX,
  ASSET_STATUSES,
  ASSET_TYPES,
  BASE_PATH,
  CREATE_TIME_PATTERN,
  DEFAULT_BASE_URL,
  DOCUMENTED_CODES,
  DOCUMENTED_POLL_INTERVAL_MS,
  DOCUMENTED_POLL_TIMEOUT_MS,
  MOCK_BASE_URL,
} from './constants.js';
export type { components, operations, paths } from './generated/openapi.js';
export * from './rules/index.js';
export * from './schemas.js';
