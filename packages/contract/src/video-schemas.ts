import { z } from 'zod';
import {
  DOCUMENTED_VIDEO_DURATION_S,
  VIDEO_MODELS,
  VIDEO_TASK_ID_PATTERN,
  VIDEO_TASK_STATUSES,
} from './video-constants.js';

// Each schema mirrors the component of the same name in spec/openapi.yaml, like schemas.ts does
// for the asset calls; the same drift test compares them. These describe shapes only: the rules
// between fields (first_image against the reference arrays, …) live in rules/video-task.ts.

export const VideoModel = z.enum(VIDEO_MODELS);
export type VideoModel = z.infer<typeof VideoModel>;

export const VideoTaskStatus = z.enum(VIDEO_TASK_STATUSES);
export type VideoTaskStatus = z.infer<typeof VideoTaskStatus>;

export const VideoTaskId = z.string().regex(VIDEO_TASK_ID_PATTERN);
export type VideoTaskId = z.infer<typeof VideoTaskId>;

/** A public URL or `asset://{assetId}` (both parse as URIs). */
export const MediaReference = z.string().url();
export type MediaReference = z.infer<typeof MediaReference>;

export const CreateVideoTaskRequest = z.object({
  model: VideoModel,
  prompt: z.string(),
  // The spec also records the documented default (5); a default is an annotation, not a rule,
  // so it is left out here: parsing a request must not add fields the caller did not send.
  duration: z
    .number()
    .int()
    .min(DOCUMENTED_VIDEO_DURATION_S.min)
    .max(DOCUMENTED_VIDEO_DURATION_S.max)
    .optional(),
  first_image: MediaReference.optional(),
  last_image: MediaReference.optional(),
  aspect_ratio: z.string().optional(),
  generateAudio: z.boolean().optional(),
  referenceImages: z.array(MediaReference).optional(),
  referenceVideos: z.array(MediaReference).optional(),
  referenceAudios: z.array(MediaReference).optional(),
});
export type CreateVideoTaskRequest = z.infer<typeof CreateVideoTaskRequest>;

const taskFields = {
  id: VideoTaskId,
  object: z.literal('video'),
  created: z.number().int(),
  model: z.string(),
  status: VideoTaskStatus,
  error: z.string().nullable(),
};

export const CreateVideoTaskResponse = z.object(taskFields);
export type CreateVideoTaskResponse = z.infer<typeof CreateVideoTaskResponse>;

export const GetVideoTaskResponse = z.object({
  ...taskFields,
  video_url: z.string().url().nullable(),
});
export type GetVideoTaskResponse = z.infer<typeof GetVideoTaskResponse>;

/** The video task components of the spec, by component name. */
export const videoComponentSchemas = {
  VideoModel,
  VideoTaskStatus,
  VideoTaskId,
  MediaReference,
  CreateVideoTaskRequest,
  CreateVideoTaskResponse,
  GetVideoTaskResponse,
} as const;
