import {
  DOCUMENTED_VIDEO_GENERATION_MS,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
} from '@kyyvideo/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rejection, settle } from '../test/helpers/settle.js';
import { TASK_ID, taskBody } from '../test/helpers/video.js';
import {
  KyyAbortError,
  KyyAuthenticationError,
  KyyInputError,
  KyyRateLimitError,
  KyyVideoFailedError,
  KyyWaitTimeoutError,
} from './errors.js';
import type { VideoTask } from './video-types.js';
import {
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  FAST_VIDEO_WAIT_INTERVAL_MS,
  VIDEO_WAIT_INTERVAL_MS,
  type VideoWaitDeps,
  videoIntervalRange,
  waitUntilDone,
} from './video-wait.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

type Step = VideoTask | Error | 'hang';

/** A detail() answering from a script (the last step repeats), recording when it was called. */
function fakeDetail(...steps: Step[]) {
  const calls: number[] = [];
  const detail: VideoWaitDeps['detail'] = (_id, options = {}) => {
    calls.push(Date.now());
    const step = steps.length > 1 ? steps.shift() : steps[0];
    if (step === 'hang' || step === undefined) {
      return new Promise((_, reject) => {
        options.signal?.addEventListener('abort', () =>
          reject(new KyyAbortError('aborted', { operation: 'video-get' })),
        );
      });
    }
    if (step instanceof Error) return Promise.reject(step);
    return Promise.resolve({
      task: step,
      statusKnown: ['queued', 'processing', 'completed', 'failed'].includes(step.status),
    });
  };
  return {
    core: { detail, redact: (t: string) => t.replaceAll('sk-secret', '[redacted]') },
    calls,
  };
}

const task = (status: string, extra: Record<string, unknown> = {}) =>
  taskBody(status, extra) as VideoTask;
const standard = (status: string) => task(status, { model: 'kyyvideo2' });

describe('video wait defaults', () => {
  it('follow the documentation: 20–40 s, fast models 10–20 s, deadline 2 × 5 min', () => {
    expect(VIDEO_WAIT_INTERVAL_MS).toEqual(DOCUMENTED_VIDEO_POLL_INTERVAL_MS);
    expect(videoIntervalRange('kyyvideo2')).toEqual({ min: 20_000, max: 40_000 });
    expect(videoIntervalRange('seedance_2_0_fast_pro')).toEqual(FAST_VIDEO_WAIT_INTERVAL_MS);
    expect(videoIntervalRange('kyyvideo2_fast')).toEqual({ min: 10_000, max: 20_000 });
    expect(videoIntervalRange('something-new')).toEqual(VIDEO_WAIT_INTERVAL_MS);
    expect(DEFAULT_VIDEO_WAIT_TIMEOUT_MS).toBe(600_000);
  });
});

describe('waitUntilDone', () => {
  it('polls through queued and processing, with jittered pauses in the documented range', async () => {
    const { core, calls } = fakeDetail(
      standard('queued'),
      standard('processing'),
      task('mystery', { model: 'kyyvideo2' }),
      standard('completed'),
    );
    const seen: string[] = [];
    const randoms = [0, 1, 0.5];
    const wait = settle(
      waitUntilDone(
        core,
        TASK_ID,
        { onStatus: (t) => seen.push(t.status) },
        () => randoms.shift() ?? 0,
      ),
    );
    await vi.advanceTimersByTimeAsync(200_000);
    const outcome = await wait.result;
    expect(outcome.ok && outcome.value.video_url).toMatch(/^https:/);
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    // random 0 → the longest pause (40 s), 1 → the shortest (20 s), 0.5 → between.
    expect(gaps).toEqual([40_000, 20_000, 30_000]);
    expect(seen).toEqual(['queued', 'processing', 'completed']); // the unknown status is not passed on
  });

  it('polls fast models sooner (10–20 s)', async () => {
    const { core, calls } = fakeDetail(task('queued'), task('queued'), task('completed'));
    const wait = settle(waitUntilDone(core, TASK_ID, {}, () => 0));
    await vi.advanceTimersByTimeAsync(100_000);
    expect((await wait.result).ok).toBe(true);
    expect(calls.slice(1).map((t, i) => t - (calls[i] ?? 0))).toEqual([20_000, 20_000]);
  });

  it('intervalMs replaces the default pause (jittered by up to 20 %)', async () => {
    const { core, calls } = fakeDetail(standard('queued'), standard('completed'));
    const wait = settle(waitUntilDone(core, TASK_ID, { intervalMs: 5_000 }, () => 1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await wait.result).ok).toBe(true);
    expect((calls[1] ?? 0) - (calls[0] ?? 0)).toBe(4_000);
  });

  it('exactInterval pauses exactly intervalMs, whatever the random draw', async () => {
    const { core, calls } = fakeDetail(standard('queued'), standard('completed'));
    const wait = settle(
      waitUntilDone(core, TASK_ID, { intervalMs: 5_000, exactInterval: true }, () => 1),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await wait.result).ok).toBe(true);
    expect((calls[1] ?? 0) - (calls[0] ?? 0)).toBe(5_000);
  });

  it('failed ends the wait with the service error text, the key redacted', async () => {
    const { core } = fakeDetail(
      standard('processing'),
      task('failed', { model: 'kyyvideo2', error: 'content policy (sk-secret)' }),
    );
    const wait = settle(waitUntilDone(core, TASK_ID, {}, () => 0));
    await vi.advanceTimersByTimeAsync(100_000);
    const error = (await rejection(wait)) as KyyVideoFailedError;
    expect(error).toBeInstanceOf(KyyVideoFailedError);
    expect(error.kind).toBe('video-failed');
    expect(error.taskId).toBe(TASK_ID);
    expect(error.message).toContain('content policy ([redacted])');
    expect(error.serviceError).toBe('content policy ([redacted])');
    expect(JSON.stringify(error.task)).not.toContain('sk-secret');
  });

  it('a service text ending in a full stop is not followed by a second one', async () => {
    const { core } = fakeDetail(
      task('failed', { model: 'kyyvideo2', error: 'Generation failed.' }),
    );
    const wait = settle(waitUntilDone(core, TASK_ID, {}, () => 0));
    await vi.advanceTimersByTimeAsync(100_000);
    const error = (await rejection(wait)) as KyyVideoFailedError;
    expect(error.message).toContain('failed: Generation failed. The task is final');
    expect(error.message).not.toContain('..');
    expect(error.serviceError).toBe('Generation failed.');
  });

  it('completed without a video_url is an invalid answer, not a success', async () => {
    const { core } = fakeDetail(task('completed', { video_url: null }));
    await expect(waitUntilDone(core, TASK_ID)).rejects.toThrow(/no video_url/);
  });

  it('the deadline ends the wait with the last status and the task id', async () => {
    const { core } = fakeDetail(standard('processing'));
    const wait = settle(waitUntilDone(core, TASK_ID, { timeoutMs: 90_000 }, () => 0));
    await vi.advanceTimersByTimeAsync(90_000);
    const error = (await rejection(wait)) as KyyWaitTimeoutError;
    expect(error).toBeInstanceOf(KyyWaitTimeoutError);
    expect(error.lastStatus).toBe('processing');
    expect(error.taskId).toBe(TASK_ID);
    expect(error.operation).toBe('video-wait');
    const { min, max } = DOCUMENTED_VIDEO_GENERATION_MS.standard;
    expect(error.message).toContain(`Standard models take ${min / 60_000}–${max / 60_000} min`);
  });

  it("honours a refused poll's Retry-After instead of its own pause", async () => {
    const limited = new KyyRateLimitError('429', { operation: 'video-get', retryAfterMs: 7_000 });
    const { core, calls } = fakeDetail(limited, standard('completed'));
    const wait = settle(waitUntilDone(core, TASK_ID, {}, () => 0));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await wait.result).ok).toBe(true);
    expect((calls[1] ?? 0) - (calls[0] ?? 0)).toBe(7_000);
  });

  it('stops at once when Retry-After asks for more than the wait has left', async () => {
    const limited = new KyyRateLimitError('429', { operation: 'video-get', retryAfterMs: 120_000 });
    const { core, calls } = fakeDetail(limited);
    const error = await waitUntilDone(core, TASK_ID, { timeoutMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KyyRateLimitError);
    expect((error as KyyRateLimitError).retryAfterMs).toBe(120_000);
    expect(calls).toHaveLength(1);
  });

  it('abort ends the wait (also mid-poll) with KyyAbortError carrying the task id', async () => {
    const controller = new AbortController();
    const { core } = fakeDetail(standard('queued'), 'hang');
    const wait = settle(waitUntilDone(core, TASK_ID, { signal: controller.signal }, () => 0));
    await vi.advanceTimersByTimeAsync(45_000); // second poll in flight
    controller.abort();
    const error = (await rejection(wait)) as KyyAbortError;
    expect(error).toBeInstanceOf(KyyAbortError);
    expect(error.taskId).toBe(TASK_ID);
  });

  it('a definite failure (authentication) ends the wait at once', async () => {
    const { core, calls } = fakeDetail(
      new KyyAuthenticationError('no', { operation: 'video-get' }),
    );
    await expect(waitUntilDone(core, TASK_ID)).rejects.toBeInstanceOf(KyyAuthenticationError);
    expect(calls).toHaveLength(1);
  });

  it('refuses a bad id or options before polling', async () => {
    const { core, calls } = fakeDetail(standard('completed'));
    await expect(waitUntilDone(core, 'nope')).rejects.toBeInstanceOf(KyyInputError);
    await expect(waitUntilDone(core, TASK_ID, { intervalMs: 0 })).rejects.toBeInstanceOf(
      KyyInputError,
    );
    await expect(waitUntilDone(core, TASK_ID, { timeoutMs: -1 })).rejects.toBeInstanceOf(
      KyyInputError,
    );
    expect(calls).toHaveLength(0);
  });
});
