import type { VideoTaskMediaField, VideoTaskReferenceField } from '../video-constants.js';

/**
 * The one mapping of a video task's camelCase options to the names the create call uses
 * (`firstImage` → `first_image`, …). Everything that builds a body from camelCase options goes
 * through {@link toVideoTaskFields}, so a renamed field changes here only.
 */
export const VIDEO_TASK_FIELD_NAMES = {
  model: 'model',
  prompt: 'prompt',
  duration: 'duration',
  firstImage: 'first_image',
  lastImage: 'last_image',
  aspectRatio: 'aspect_ratio',
  generateAudio: 'generateAudio',
} as const;

/** `references.images` → `referenceImages`, and so on. */
export const VIDEO_TASK_REFERENCE_NAMES = {
  images: 'referenceImages',
  videos: 'referenceVideos',
  audios: 'referenceAudios',
} as const satisfies Record<string, VideoTaskReferenceField>;

/** A task's options in camelCase, with media of any form `M`; values are not checked here. */
export interface VideoTaskFields<M> {
  model: string;
  prompt: string;
  duration?: number;
  aspectRatio?: string;
  generateAudio?: boolean;
  firstImage?: M;
  lastImage?: M;
  references?: { [K in keyof typeof VIDEO_TASK_REFERENCE_NAMES]?: readonly M[] };
}

/** Turns one medium into what the body carries; `index` is its place in a reference list. */
export type MediaToField<M> = (media: M, field: VideoTaskMediaField, index?: number) => string;

const MEDIA_OPTIONS = ['firstImage', 'lastImage'] as const;

/**
 * The create body named as the API names it: options left out and empty reference lists are
 * left out, and each medium becomes `media(…)`. Nothing is checked: `checkVideoTask` does that.
 */
export function toVideoTaskFields<M>(
  input: VideoTaskFields<M>,
  media: MediaToField<M>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(VIDEO_TASK_FIELD_NAMES)) {
    const value = input[option as keyof typeof VIDEO_TASK_FIELD_NAMES];
    if (value === undefined) continue;
    const isMedia = (MEDIA_OPTIONS as readonly string[]).includes(option);
    body[field] = isMedia ? media(value as M, field as VideoTaskMediaField) : value;
  }
  for (const [key, field] of Object.entries(VIDEO_TASK_REFERENCE_NAMES)) {
    const items = input.references?.[key as keyof typeof VIDEO_TASK_REFERENCE_NAMES];
    if (items && items.length > 0) body[field] = items.map((item, i) => media(item, field, i));
  }
  return body;
}
