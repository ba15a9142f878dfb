import { EXAMPLE_VIDEO_TASK_ID } from '@kyyvideo/contract';

export const TASK_ID = EXAMPLE_VIDEO_TASK_ID;
export const VIDEO_URL = 'https://cdn.video.test/out/cat.mp4?sig=abc';

/** The documentation's create answer (no envelope). */
export function createdBody(extra: Record<string, unknown> = {}) {
  return {
    id: TASK_ID,
    object: 'video',
    created: 1774836724,
    model: 'kyyvideo2_fast',
    status: 'queued',
    error: null,
    ...extra,
  };
}

/** The documentation's query answer in a given status (video_url set once completed). */
export function taskBody(status = 'queued', extra: Record<string, unknown> = {}) {
  return {
    ...createdBody(),
    status,
    video_url: status === 'completed' ? VIDEO_URL : null,
    ...extra,
  };
}

/** Bytes standing in for an MP4: `ftyp` at byte 4, as a real one has, then a pattern. */
export function videoBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  bytes.set(new TextEncoder().encode('ftyp').subarray(0, Math.max(0, size - 4)), 4);
  return bytes;
}
