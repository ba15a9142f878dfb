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
export { checkReferenceVideoRule } from './rules/video-reference-rule.js';
export {
  checkMediaReference,
  checkVideoModel,
  checkVideoTask,
  isValidVideoTask,
  isVideoModel,
  VIDEO_TASK_FIELDS,
} from './rules/video-task.js';
export * from './schemas.js';
export {
  ASPECT_RATIOS_IN_PUBLIC_CODE,
  CREATE_VIDEO_TASK_PATH,
  DOCUMENTED_AUDIO_FORMATS,
  DOCUMENTED_FRAME_IMAGE,
  DOCUMENTED_VIDEO_DURATION_S,
  DOCUMENTED_VIDEO_GENERATION_MS,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
  DOCUMENTED_VIDEO_URL_LIFETIME_MS,
  EXAMPLE_VIDEO_TASK_ID,
  EXAMPLE_VIDEO_TASK_REQUEST,
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
} from './video-constants.js';
export * from './video-schemas.js';
export {
  buildVideoTask,
  InvalidVideoTaskError,
  type MediaInput,
  toMediaReference,
  type VideoTaskInput,
} from './video-task.js';
