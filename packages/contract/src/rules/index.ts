export {
  type AssetIdParse,
  type AssetRef,
  checkAssetIdOrRef,
  parseAssetIdOrRef,
} from './asset-id.js';
export { checkAssetType, isAssetType } from './asset-type.js';
export { checkBaseUrl } from './base-url.js';
export {
  EXAMPLE_ASSET_ID,
  EXAMPLE_ASSET_REF,
  EXAMPLE_URL,
  MAX_NAME_LENGTH,
  MAX_QUOTED_LENGTH,
  MAX_URL_LENGTH,
} from './limits.js';
export { checkName } from './name.js';
export { errorsOf, type Problem, type ProblemItem, type ProblemKind } from './problem.js';
export {
  isMaskableSecret,
  MIN_MASKED_SECRET_LENGTH,
  redactSecret,
  SECRET_MASK,
} from './redact.js';
export { checkUpload, isValidUpload, type UploadFields } from './upload.js';
export { checkUrl } from './url.js';
export { shownValue } from './value.js';
