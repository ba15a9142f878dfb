export {
  ASSET_ID_PATTERN,
  ASSET_PATH,
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
  UPLOAD_ASSET_PATH,
} from '../constants.js';
export {
  ASPECT_RATIOS_IN_PUBLIC_CODE,
  CREATE_VIDEO_TASK_PATH,
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  DOCUMENTED_AUDIO_FORMATS,
  DOCUMENTED_FRAME_IMAGE,
  DOCUMENTED_VIDEO_DURATION_S,
  DOCUMENTED_VIDEO_GENERATION_MS,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
  DOCUMENTED_VIDEO_URL_LIFETIME_MS,
  EXAMPLE_VIDEO_TASK_ID,
  EXAMPLE_VIDEO_TASK_REQUEST,
  FAST_VIDEO_POLL_INTERVAL_MS,
  FINAL_VIDEO_TASK_STATUSES,
  KYYVIDEO2_MODELS,
  REFERENCE_CAPS_IN_PUBLIC_CODE,
  REFERENCE_VIDEO_RULES,
  type ReferenceVideoRuleName,
  type ReferenceVideoUse,
  SEEDANCE_MODELS,
  VIDEO_MODEL_TIERS,
  VIDEO_MODELS,
  VIDEO_TASK_ID_PATTERN,
  VIDEO_TASK_MEDIA_FIELDS,
  VIDEO_TASK_PATH,
  VIDEO_TASK_STATUSES,
  type VideoModelTier,
  type VideoTaskMediaField,
  type VideoTaskReferenceField,
} from '../video-constants.js';
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
  MAX_UPLOAD_CONCURRENCY,
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
export { checkReferenceVideoRule } from './video-reference-rule.js';
export {
  checkMediaReference,
  checkVideoModel,
  checkVideoTask,
  isValidVideoTask,
  isVideoModel,
  VIDEO_TASK_FIELDS,
} from './video-task.js';
export {
  type MediaToField,
  toVideoTaskFields,
  VIDEO_TASK_FIELD_NAMES,
  VIDEO_TASK_REFERENCE_NAMES,
  type VideoTaskFields,
} from './video-task-fields.js';
