import { isAssetId } from './asset-ref.js';
import { ASSET_REF_PREFIX } from './constants.js';
import type { AssetRef } from './rules/asset-id.js';
import { errorsOf, type Problem } from './rules/problem.js';
import { checkVideoTask } from './rules/video-task.js';
import { toVideoTaskFields } from './rules/video-task-fields.js';
import type { CreateVideoTaskRequest, VideoModel } from './video-schemas.js';

/**
 * One medium for a task: what an upload returned (`{ assetId, ref }`, or either alone), an asset
 * id, an `asset://` reference, or a public URL.
 */
export type MediaInput =
  | string
  | { readonly ref: AssetRef | string }
  | { readonly assetId: string };

/** The fields of a task in camelCase, with media given in any {@link MediaInput} form. */
export interface VideoTaskInput {
  model: VideoModel;
  prompt: string;
  duration?: number;
  aspectRatio?: string;
  generateAudio?: boolean;
  firstImage?: MediaInput;
  lastImage?: MediaInput;
  references?: {
    images?: readonly MediaInput[];
    videos?: readonly MediaInput[];
    audios?: readonly MediaInput[];
  };
}

/** Thrown by {@link buildVideoTask} when the task breaks a documented rule; carries the problems. */
export class InvalidVideoTaskError extends TypeError {
  override readonly name = 'InvalidVideoTaskError';
  constructor(readonly problems: readonly Problem[]) {
    super(
      `The video task is not valid: ${problems.map((found) => `${found.field}: ${found.hint}`).join(' ')}`,
    );
  }
}

/** An upload result, an id, a reference or a URL → the string a task field carries. */
export function toMediaReference(input: MediaInput): string {
  if (typeof input === 'string') return isAssetId(input) ? `${ASSET_REF_PREFIX}${input}` : input;
  if ('ref' in input && typeof input.ref === 'string') return input.ref;
  if ('assetId' in input && typeof input.assetId === 'string') {
    return `${ASSET_REF_PREFIX}${input.assetId}`;
  }
  // Left for the rules to report with the field's name.
  return input as unknown as string;
}

/**
 * Builds the body of `POST /v1/kyyvideo2/videos` from camelCase options and upload results, so
 * nobody wraps ids into `asset://` by hand. Throws {@link InvalidVideoTaskError} when a
 * documented rule refuses the result (`checkVideoTask`); warnings do not throw. Empty reference
 * lists are left out.
 */
export function buildVideoTask(input: VideoTaskInput): CreateVideoTaskRequest {
  const body = toVideoTaskFields(input, toMediaReference) as CreateVideoTaskRequest;
  const errors = errorsOf(checkVideoTask(body));
  if (errors.length > 0) throw new InvalidVideoTaskError(errors);
  return body;
}
