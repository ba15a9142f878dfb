import type { paths } from './generated/openapi.js';
import type { AssetType } from './schemas.js';

// Facts from the documentation pages "KyyVideo2 Create Video Task" and "KyyVideo2 Query Video
// Task" (and their Seedance-named mirror). Each undocumented value says where it comes from.

/** Create a task: `POST`, relative to the base URL (lower-case `kyyvideo2`, unlike the asset paths). */
export const CREATE_VIDEO_TASK_PATH = '/v1/kyyvideo2/videos' satisfies keyof paths;
/** Query a task: `GET`, with the task id in place of `{id}`. */
export const VIDEO_TASK_PATH = '/v1/result/{id}' satisfies keyof paths;

/** The model names of the KyyVideo2 page. */
export const KYYVIDEO2_MODELS = [
  'kyyvideo2',
  'kyyvideo2_fast',
  'kyyvideo2_pro',
  'kyyvideo2_fast_pro',
] as const;

/** The same four models as the Seedance-named mirror of that page names them. */
export const SEEDANCE_MODELS = [
  'seedance_2_0',
  'seedance_2_0_fast',
  'seedance_2_0_pro',
  'seedance_2_0_fast_pro',
] as const;

/** Every documented model name, both families. */
export const VIDEO_MODELS = [...KYYVIDEO2_MODELS, ...SEEDANCE_MODELS] as const;

export type VideoModelTier = 'standard' | 'fast' | 'pro' | 'fast_pro';

/** Which of the four models a name means, whichever family it comes from. */
export const VIDEO_MODEL_TIERS = {
  kyyvideo2: 'standard',
  kyyvideo2_fast: 'fast',
  kyyvideo2_pro: 'pro',
  kyyvideo2_fast_pro: 'fast_pro',
  seedance_2_0: 'standard',
  seedance_2_0_fast: 'fast',
  seedance_2_0_pro: 'pro',
  seedance_2_0_fast_pro: 'fast_pro',
} as const satisfies Record<(typeof VIDEO_MODELS)[number], VideoModelTier>;

export const VIDEO_TASK_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;

/** The statuses after which a task never changes again. */
export const FINAL_VIDEO_TASK_STATUSES = ['completed', 'failed'] as const;

/** `video_` and a lower-case UUID, as in the documentation's only example of a task id. */
export const VIDEO_TASK_ID_PATTERN =
  /^video_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The documentation's create request, verbatim (a standard model, no reference videos). */
export const EXAMPLE_VIDEO_TASK_REQUEST = {
  model: 'kyyvideo2',
  prompt: 'A cat dancing in the rain, cinematic style',
  duration: 10,
  aspect_ratio: '16:9',
  generateAudio: true,
} as const;

/** The documentation's example task id. */
export const EXAMPLE_VIDEO_TASK_ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';

/** `duration`, in whole seconds: documented range and the value used when it is left out. */
export const DOCUMENTED_VIDEO_DURATION_S = { min: 4, max: 15, default: 5 } as const;

/**
 * The documentation's polling advice for `GET /v1/result/{id}`: every 20 to 40 s (fast models
 * may poll sooner).
 */
export const DOCUMENTED_VIDEO_POLL_INTERVAL_MS = { min: 20_000, max: 40_000 } as const;

/**
 * Not documented: "fast models may poll sooner", without a figure. Our choice: half the standard
 * range, since fast models finish in 1–3 min instead of 2–5.
 */
export const FAST_VIDEO_POLL_INTERVAL_MS = {
  min: DOCUMENTED_VIDEO_POLL_INTERVAL_MS.min / 2,
  max: DOCUMENTED_VIDEO_POLL_INTERVAL_MS.max / 2,
} as const;

/** How long generation takes, as the documentation puts it: standard 2–5 min, fast 1–3 min. */
export const DOCUMENTED_VIDEO_GENERATION_MS = {
  standard: { min: 120_000, max: 300_000 },
  fast: { min: 60_000, max: 180_000 },
} as const;

/**
 * Our choice of how long to wait for a task by default: twice the slowest documented generation
 * (standard models, up to 5 min), leaving room for time in the queue, which the documentation does
 * not size. A wait that runs out loses nothing: waiting again with the task id picks it up.
 */
export const DEFAULT_VIDEO_WAIT_TIMEOUT_MS = 2 * DOCUMENTED_VIDEO_GENERATION_MS.standard.max;

/** A completed task's `video_url` stays valid for about this long (documented as ~24 hours). */
export const DOCUMENTED_VIDEO_URL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** What the documentation asks of `first_image` and `last_image` (checked by the service on the file). */
export const DOCUMENTED_FRAME_IMAGE = {
  formats: ['jpeg', 'png', 'webp', 'bmp', 'tiff', 'gif'],
  /** width / height */
  aspectRatio: { min: 0.4, max: 2.5 },
  sidePx: { min: 300, max: 6000 },
} as const;

/** The reference audio formats the documentation lists (`referenceAudios`). */
export const DOCUMENTED_AUDIO_FORMATS = ['wav', 'mp3'] as const;

/** Not documented: the `aspect_ratio` values public code that calls the service uses. */
export const ASPECT_RATIOS_IN_PUBLIC_CODE = [
  '16:9',
  '9:16',
  '1:1',
  '4:3',
  '3:4',
  '21:9',
  'adaptive',
] as const;

/** The fields that carry media, and the asset type each expects. */
export const VIDEO_TASK_MEDIA_FIELDS = {
  first_image: 'Image',
  last_image: 'Image',
  referenceImages: 'Image',
  referenceVideos: 'Video',
  referenceAudios: 'Audio',
} as const satisfies Record<string, AssetType>;

export type VideoTaskMediaField = keyof typeof VIDEO_TASK_MEDIA_FIELDS;
export type VideoTaskReferenceField = 'referenceImages' | 'referenceVideos' | 'referenceAudios';

/** Not documented: public code caps the reference arrays at these counts. */
export const REFERENCE_CAPS_IN_PUBLIC_CODE = {
  referenceImages: 9,
  referenceVideos: 3,
  referenceAudios: 3,
} as const satisfies Record<VideoTaskReferenceField, number>;

/** Whether a model takes reference videos: may not, may, or must. */
export type ReferenceVideoUse = 'forbidden' | 'optional' | 'required';

/**
 * The two opposite versions of "which models take reference videos" in the documentation. Not a
 * rule of this package (the docs conflict); a consumer that must pick one (the mock) picks by name.
 * Under `kyyvideo2Page` the documentation's own create example is valid; under `seedanceMirror`
 * it is not (a standard model without reference videos).
 */
export const REFERENCE_VIDEO_RULES = {
  /** The KyyVideo2 page: standard and fast support reference videos, the pro models do not. */
  kyyvideo2Page: {
    standard: 'optional',
    fast: 'optional',
    pro: 'forbidden',
    fast_pro: 'forbidden',
  },
  /** The Seedance-named mirror: standard and fast require reference videos, pro makes them optional. */
  seedanceMirror: { standard: 'required', fast: 'required', pro: 'optional', fast_pro: 'optional' },
} as const satisfies Record<string, Record<VideoModelTier, ReferenceVideoUse>>;

export type ReferenceVideoRuleName = keyof typeof REFERENCE_VIDEO_RULES;
