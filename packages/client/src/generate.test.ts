import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assetBody, fakeFetch, json, networkError } from '../test/helpers/fake-fetch.js';
import { rejection, settle } from '../test/helpers/settle.js';
import { createdBody, TASK_ID, taskBody, VIDEO_URL } from '../test/helpers/video.js';
import { createKyyClient } from './client.js';
import {
  KyyAssetFailedError,
  KyyCreateOutcomeUnknownError,
  KyyGenerateError,
  KyyInputError,
  KyyVideoFailedError,
} from './errors.js';
import type { GenerateProgress } from './video-types.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const FIRST = 'https://example.com/first.png';
const LAST = 'https://example.com/last.png';
const EXISTING = 'asset://asset-20260101000000-exist';

interface Script {
  /** Asset status by upload URL (default Active). */
  review?: Record<string, string>;
  create?: () => Response | Error;
  /** Task statuses read in turn (the last repeats). */
  statuses?: string[];
  taskError?: string;
}

/** A fake service routing by path: uploads get ids in order, reviews and the task follow the script. */
function service(script: Script = {}) {
  const ids: Record<string, string> = {};
  const urls: Record<string, string> = {};
  const statuses = [...(script.statuses ?? ['queued', 'completed'])];
  const f = fakeFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/asset/upload')) {
      const { url } = (await request.json()) as { url: string };
      const assetId = `asset-2026033014215${Object.keys(ids).length}-abcde`;
      ids[url] = assetId;
      urls[assetId] = url;
      return json({ code: 0, msg: null, data: { assetId } });
    }
    const asset = /\/asset\/(asset-[^/]+)$/.exec(path)?.[1];
    if (asset) {
      const url = urls[asset] ?? '';
      return json(assetBody(script.review?.[url] ?? 'Active', { assetId: asset, url }));
    }
    if (path.endsWith('/v1/kyyvideo2/videos')) {
      const reply = script.create?.() ?? json(createdBody());
      if (reply instanceof Error) throw reply;
      return reply;
    }
    if (path.endsWith(`/v1/result/${TASK_ID}`)) {
      const status = (statuses.length > 1 ? statuses.shift() : statuses[0]) ?? 'queued';
      return json(taskBody(status, status === 'failed' ? { error: script.taskError ?? 'x' } : {}));
    }
    return new Response('unexpected', { status: 599 });
  });
  const kyy = createKyyClient({
    apiKey: 'generate-key',
    baseUrl: 'https://h.test/kyyReactApiServer',
    fetch: f.fetch,
    timeoutMs: 1_000,
  });
  const creates = () =>
    f.requests.filter((r) => new URL(r.url).pathname.endsWith('/v1/kyyvideo2/videos'));
  return { kyy, requests: f.requests, ids, creates };
}

describe('generate', () => {
  it('uploads URL references, waits for review, creates the task with their refs, waits for the video', async () => {
    const { kyy, ids, creates } = service();
    const events: GenerateProgress['step'][] = [];
    const run = settle(
      kyy.generate(
        {
          prompt: 'a cat in the rain',
          model: 'kyyvideo2_fast',
          duration: 5,
          firstImage: FIRST,
          lastImage: LAST,
          uploadReferences: true,
        },
        { onProgress: (e) => events.push(e.step) },
      ),
    );
    await vi.advanceTimersByTimeAsync(120_000);
    const outcome = await run.result;
    if (!outcome.ok) throw outcome.error;
    const { task, videoUrl, assets } = outcome.value;
    expect(task.status).toBe('completed');
    expect(videoUrl).toBe(VIDEO_URL);
    expect(assets.map((a) => [a.field, a.url, a.assetId, a.status])).toEqual([
      ['first_image', FIRST, ids[FIRST], 'Active'],
      ['last_image', LAST, ids[LAST], 'Active'],
    ]);
    expect(creates()).toHaveLength(1);
    expect(await creates()[0]?.json()).toEqual({
      model: 'kyyvideo2_fast',
      prompt: 'a cat in the rain',
      duration: 5,
      first_image: `asset://${ids[FIRST]}`,
      last_image: `asset://${ids[LAST]}`,
    });
    expect(events).toContain('upload');
    expect(events.filter((e) => e === 'create')).toHaveLength(1);
    expect(events.at(-1)).toBe('wait');
  });

  it('without uploadReferences, sends URLs and asset refs as given (no uploads)', async () => {
    const { kyy, requests, creates } = service();
    const run = settle(
      kyy.generate({
        prompt: 'p',
        model: 'kyyvideo2',
        references: {
          images: [FIRST, EXISTING],
          audios: [{ assetId: 'asset-20260101000000-audio' }],
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(120_000);
    expect((await run.result).ok).toBe(true);
    expect(requests.some((r) => r.url.includes('/asset/'))).toBe(false);
    expect(await creates()[0]?.json()).toMatchObject({
      referenceImages: [FIRST, EXISTING],
      referenceAudios: ['asset://asset-20260101000000-audio'],
    });
  });

  it('refuses an invalid task before uploading anything', async () => {
    const { kyy, requests } = service();
    const error = await kyy
      .generate({
        prompt: 'p',
        model: 'kyyvideo2',
        firstImage: FIRST,
        references: { images: [LAST] },
        uploadReferences: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyInputError);
    expect((error as KyyInputError).problems.map((p) => `${p.field} ${p.kind}`)).toEqual([
      'referenceImages conflict',
    ]);
    expect(requests).toHaveLength(0);
  });

  it('a review failure: step "review", every asset made, no task created', async () => {
    const { kyy, ids, creates } = service({ review: { [LAST]: 'Failed' } });
    const run = settle(
      kyy.generate({
        prompt: 'p',
        model: 'kyyvideo2',
        firstImage: FIRST,
        lastImage: LAST,
        uploadReferences: true,
      }),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    const error = (await rejection(run)) as KyyGenerateError;
    expect(error).toBeInstanceOf(KyyGenerateError);
    expect(error.kind).toBe('generate-failed');
    expect(error.step).toBe('review');
    expect(error.cause).toBeInstanceOf(KyyAssetFailedError);
    expect(error.assets.map((a) => a.assetId).sort()).toEqual([ids[FIRST], ids[LAST]].sort());
    expect(error.taskId).toBeUndefined();
    expect(creates()).toHaveLength(0);
    expect(error.message).toContain(ids[FIRST]);
  });

  it('a lost create answer: step "create", the assets made, one create sent', async () => {
    const { kyy, ids, creates } = service({ create: () => networkError('ECONNRESET') });
    const run = settle(
      kyy.generate({ prompt: 'p', model: 'kyyvideo2', firstImage: FIRST, uploadReferences: true }),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    const error = (await rejection(run)) as KyyGenerateError;
    expect(error.step).toBe('create');
    expect(error.cause).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect(error.assets.map((a) => a.assetId)).toEqual([ids[FIRST]]);
    expect(error.message).toContain(`Made for certain: ${ids[FIRST]}.`);
    expect(creates()).toHaveLength(1);
  });

  it('wait options that cannot work are refused before anything is uploaded or created', async () => {
    for (const options of [{ intervalMs: 0 }, { timeoutMs: -1 }, { intervalMs: Number.NaN }]) {
      const { kyy, creates, ids } = service({});
      const error = await kyy
        .generate(
          { prompt: 'p', model: 'kyyvideo2', firstImage: FIRST, uploadReferences: true },
          options,
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KyyInputError);
      expect((error as KyyInputError).message).toMatch(/^generate: (intervalMs|timeoutMs) must be/);
      expect(creates()).toHaveLength(0);
      expect(ids).toEqual({});
    }
  });

  it('a lost create answer with nothing uploaded never claims that nothing was made', async () => {
    const { kyy, creates } = service({ create: () => networkError('ECONNRESET') });
    const error = (await kyy
      .generate({ prompt: 'p', model: 'kyyvideo2' })
      .catch((e: unknown) => e)) as KyyGenerateError;
    expect(error.cause).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect(error.message).not.toContain('Nothing was made');
    expect(error.message).toMatch(/may or may not/);
    expect(creates()).toHaveLength(1);
  });

  it('a create answer naming a task it did not document: the task id is carried', async () => {
    const { kyy } = service({ create: () => json({ id: TASK_ID }) });
    const error = (await kyy
      .generate({ prompt: 'p', model: 'kyyvideo2' })
      .catch((e: unknown) => e)) as KyyGenerateError;
    expect(error.step).toBe('create');
    expect(error.taskId).toBe(TASK_ID);
  });

  it('a failed task: step "wait", with the task id and the service error', async () => {
    const { kyy } = service({ statuses: ['queued', 'failed'], taskError: 'policy' });
    const run = settle(kyy.generate({ prompt: 'p', model: 'kyyvideo2' }));
    await vi.advanceTimersByTimeAsync(120_000);
    const error = (await rejection(run)) as KyyGenerateError;
    expect(error.step).toBe('wait');
    expect(error.taskId).toBe(TASK_ID);
    expect(error.cause).toBeInstanceOf(KyyVideoFailedError);
    expect((error.cause as KyyVideoFailedError).serviceError).toBe('policy');
    expect(error.toJSON()).toMatchObject({ step: 'wait', taskId: TASK_ID, assets: [] });
  });

  it('an abort while waiting for the video: step "wait", nothing lost', async () => {
    const controller = new AbortController();
    const { kyy, ids } = service({ statuses: ['processing'] });
    const run = settle(
      kyy.generate(
        { prompt: 'p', model: 'kyyvideo2', firstImage: FIRST, uploadReferences: true },
        { signal: controller.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    controller.abort();
    const error = (await rejection(run)) as KyyGenerateError;
    expect(error.step).toBe('wait');
    expect(error.taskId).toBe(TASK_ID);
    expect(error.assets.map((a) => a.assetId)).toEqual([ids[FIRST]]);
    expect((error.cause as Error & { kind: string }).kind).toBe('abort');
  });
});
