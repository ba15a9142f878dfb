import {
  checkUrl,
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  DOCUMENTED_VIDEO_GENERATION_MS,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
  errorsOf,
  FAST_VIDEO_POLL_INTERVAL_MS,
  VIDEO_MODEL_TIERS,
} from '@kyyvideo/contract';
import { KyyInputError, KyyInvalidResponseError, KyyVideoFailedError } from './errors.js';
import type { CompletedVideoTask, VideoTask, VideoWaitOptions } from './video-types.js';
import type { VideosCore } from './videos.js';
import { checkTaskId } from './videos.js';
import { duration, poll, WAIT_JITTER_RATIO } from './wait.js';

/** The documentation's advice: poll a task every 20 to 40 s. Pauses fall anywhere in that range. */
export const VIDEO_WAIT_INTERVAL_MS = DOCUMENTED_VIDEO_POLL_INTERVAL_MS;

/** Half the documented range for fast models (the contract says why). */
export const FAST_VIDEO_WAIT_INTERVAL_MS = FAST_VIDEO_POLL_INTERVAL_MS;

export { DEFAULT_VIDEO_WAIT_TIMEOUT_MS };

/** The documented generation time of standard models, for the time-out message. */
const STANDARD_GENERATION = `${DOCUMENTED_VIDEO_GENERATION_MS.standard.min / 60_000}–${DOCUMENTED_VIDEO_GENERATION_MS.standard.max / 60_000} min`;

/** The pause range for a task, by the tier of the model the service says it runs. */
export function videoIntervalRange(model: string | undefined): { min: number; max: number } {
  const tier = (VIDEO_MODEL_TIERS as Record<string, string>)[model ?? ''];
  return tier === 'fast' || tier === 'fast_pro'
    ? FAST_VIDEO_WAIT_INTERVAL_MS
    : VIDEO_WAIT_INTERVAL_MS;
}

export interface VideoWaitDeps extends Pick<VideosCore, 'detail'> {
  redact?: (text: string) => string;
}

/**
 * The wait's own numbers, also checked by generate before anything is uploaded or created: a
 * value that can only fail once the wait starts would otherwise fail after the task was paid for.
 */
export function checkVideoWaitOptions(
  options: Pick<VideoWaitOptions, 'timeoutMs' | 'intervalMs'>,
  caller: string,
): void {
  for (const name of ['timeoutMs', 'intervalMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value > 0)) {
      throw new KyyInputError(
        `${caller}: ${name} must be a positive number of milliseconds, got ${String(value)}.`,
        { operation: 'input' },
      );
    }
  }
}

/** Polls a task on the shared wait loop (wait.ts) until it is completed or failed. */
export async function waitUntilDone(
  core: VideoWaitDeps,
  taskId: string,
  options: VideoWaitOptions = {},
  random: () => number = Math.random,
): Promise<CompletedVideoTask> {
  const id = checkTaskId(taskId);
  checkVideoWaitOptions(options, 'waitUntilDone');
  const timeoutMs = options.timeoutMs ?? DEFAULT_VIDEO_WAIT_TIMEOUT_MS;
  const { intervalMs } = options;
  const redact = core.redact ?? ((text: string) => text);
  // Both documented ranges span max/2..max: a pause is the max shortened by up to half, at random.
  const rangeJitter = 1 - VIDEO_WAIT_INTERVAL_MS.min / VIDEO_WAIT_INTERVAL_MS.max;
  return poll<VideoTask, CompletedVideoTask>(
    {
      operation: 'video-wait',
      ids: { taskId: id },
      subject: `video task "${id}"`,
      stillExists: 'The task goes on; wait again with its id to pick it up',
      timeoutMs,
      signal: options.signal,
      read: async (signal) => {
        const { task, statusKnown } = await core.detail(id, { signal });
        return { value: task, status: task.status, statusKnown };
      },
      onStatus: options.onStatus,
      finished: (task) => {
        if (task.status === 'failed') {
          // The service's own text may end in a full stop; ours follows, so drop one of the two.
          const said = task.error
            ? `: ${redact(task.error).replace(/[.。]+\s*$/, '')}`
            : ' (the service gave no reason)';
          throw new KyyVideoFailedError(
            `Video task "${id}" failed${said}. The task is final; create a new one (check the prompt and the media against the documented rules).`,
            { operation: 'video-wait', taskId: id, task },
          );
        }
        if (task.status !== 'completed') return undefined;
        if (typeof task.video_url !== 'string' || task.video_url === '') {
          throw new KyyInvalidResponseError(
            `Video task "${id}" is completed but has no video_url, which the documentation promises. Read it again with videos.get; if it stays so, report it.`,
            { operation: 'video-wait', taskId: id, httpStatus: 200 },
          );
        }
        // A `javascript:` or `file:` URL handed on as success would be opened or fetched by
        // whoever trusts this result: only what the contract's URL rule accepts is a video.
        if (errorsOf(checkUrl(task.video_url, 'video_url')).length > 0) {
          const scheme = /^([a-z][a-z0-9+.-]{0,20}):/i.exec(task.video_url)?.[1];
          throw new KyyInvalidResponseError(
            `Video task "${id}" is completed but its video_url is not a valid http(s) URL${scheme ? ` (its scheme is ${redact(scheme)}:)` : ''}, so it was not taken as the video. Read it again with videos.get; if it stays so, report it.`,
            { operation: 'video-wait', taskId: id, httpStatus: 200 },
          );
        }
        return task as CompletedVideoTask;
      },
      intervalMs: (_poll, last) => intervalMs ?? videoIntervalRange(last?.model).max,
      jitterRatio: options.exactInterval
        ? 0
        : intervalMs === undefined
          ? rangeJitter
          : WAIT_JITTER_RATIO,
      timedOutMessage: (lastStatus) =>
        `Video task "${id}" was not done after ${duration(timeoutMs)} (last status: ${lastStatus ?? 'never read'}). Standard models take ${STANDARD_GENERATION} once started, and a queue can add more; wait again with a larger timeoutMs.`,
      redact: core.redact,
    },
    random,
  );
}
