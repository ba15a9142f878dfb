export { InvalidAssetRefError, isAssetId, parseAssetRef, toAssetRef } from './asset-ref.js';
export { assetTypeIgnoringCase } from './asset-type.js';
export { describeCode, isSuccessCode } from './codes.js';
export type { components, operations, paths } from './generated/openapi.js';
export * from './rules/index.js';
export * from './schemas.js';
export * from './video-schemas.js';
export {
  buildVideoTask,
  InvalidVideoTaskError,
  type MediaInput,
  toMediaReference,
  type VideoTaskInput,
} from './video-task.js';
