import { checkVideoTask, EXAMPLE_VIDEO_TASK_REQUEST, type Problem } from '@kyyvideo/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, networkError, type Reply } from '../test/helpers/fake-fetch.js';
import { rejection, settle } from '../test/helpers/settle.js';
import { createdBody, TASK_ID, taskBody } from '../test/helpers/video.js';
import { createKyyClient } from './client.js';
import {
  KyyApiError,
  KyyAuthenticationError,
  KyyCreateOutcomeUnknownError,
  KyyInputError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
} from './errors.js';

const BASE = 'https://h.test/kyyReactApiServer';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function client(...replies: Reply[]) {
  const f = fakeFetch(...replies);
  const kyy = createKyyClient({
    apiKey: 'video-secret-key',
    baseUrl: BASE,
    fetch: f.fetch,
    timeoutMs: 1_000,
    maxRetries: 2,
  });
  return { kyy, requests: f.requests };
}

/** What a reset after the request went out looks like from undici. */
const reset = () => networkError('ECONNRESET');

describe('videos.create', () => {
  it('sends the documented request to /v1/kyyvideo2/videos and returns the bare task', async () => {
    const { kyy, requests } = client(json(createdBody()));
    const task = await kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST);
    expect(task).toEqual(createdBody());
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${BASE}/v1/kyyvideo2/videos`);
    expect(request?.headers.get('authorization')).toBe('Bearer video-secret-key');
    expect(await request?.json()).toEqual(EXAMPLE_VIDEO_TASK_REQUEST);
  });

  it.each([
    [{ prompt: 'x' }, /model/],
    [{ model: 'kyyvideo2', prompt: '  ' }, /prompt/],
    [{ model: 'kyyvideo2', prompt: 'x', duration: 20 }, /duration "20"/],
    [
      {
        model: 'kyyvideo2',
        prompt: 'x',
        first_image: 'https://example.com/a.png',
        referenceImages: ['https://example.com/b.png'],
      },
      /referenceImages/,
    ],
    [{ model: 'kyyvideo2', prompt: 'x', first_image: 'asset-20260330142158-q75m8' }, /asset:\/\//],
  ])('refuses %j before the network', async (input, message) => {
    const { kyy, requests } = client(json(createdBody()));
    const error = await kyy.videos.create(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyInputError);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it("carries the contract's problems, list items located, as checkVideoTask finds them", async () => {
    const { kyy, requests } = client(json(createdBody()));
    const input = {
      model: 'kyyvideo',
      prompt: 'x',
      duration: 3,
      referenceImages: ['https://example.com/a.png', 'https://example.com/b.png', 'nope'],
    };
    const error = await kyy.videos.create(input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyInputError);
    const { problems } = error as KyyInputError;
    expect(problems).toEqual(checkVideoTask(input));
    expect(problems.map((p) => p.field)).toEqual(['model', 'duration', 'referenceImages[2]']);
    expect(problems[2]?.item).toEqual({ field: 'referenceImages', index: 2 });
    expect(requests).toHaveLength(0);
  });

  it('carries only the errors when the refused task also has warnings', async () => {
    const { kyy } = client(json(createdBody()));
    const input = { model: 'kyyvideo2', prompt: ' ', aspect_ratio: '5:4' };
    const error = (await kyy.videos
      .create(input as never)
      .catch((e: unknown) => e)) as KyyInputError;
    expect(error.problems).toEqual(checkVideoTask(input).filter((p) => p.severity === 'error'));
    expect(error.problems.map((p) => p.field)).toEqual(['prompt']);
  });

  it('reports warnings through onWarning and still sends the task', async () => {
    const { kyy, requests } = client(json(createdBody()));
    const warnings: Problem[] = [];
    await kyy.videos.create(
      { ...EXAMPLE_VIDEO_TASK_REQUEST, aspect_ratio: '5:4' },
      {
        onWarning: (w) => {
          warnings.push(w);
          throw new Error('a throwing callback changes nothing');
        },
      },
    );
    expect(warnings.map((w) => [w.field, w.severity])).toEqual([['aspect_ratio', 'warning']]);
    expect(requests).toHaveLength(1);
  });

  it('a lost response (reset after sending) sends no second create: outcome unknown', async () => {
    const { kyy, requests } = client(reset(), json(createdBody()));
    const error = await kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect((error as KyyCreateOutcomeUnknownError).kind).toBe('create-outcome-unknown');
    expect((error as KyyCreateOutcomeUnknownError).attempts).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['a timeout', 'hang' as const],
    ['HTTP 502', json({ message: 'bad gateway' }, { status: 502 })],
  ])('%s: outcome unknown, sent once', async (_label, reply) => {
    const { kyy, requests } = client(reply, json(createdBody()));
    const call = settle(kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await rejection(call)).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect(requests).toHaveLength(1);
  });

  it('an answer naming a task but not the documented one keeps the task id', async () => {
    const { kyy, requests } = client(json({ id: TASK_ID, status: 'queued' }));
    const error = await kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect((error as KyyCreateOutcomeUnknownError).taskId).toBe(TASK_ID);
    expect((error as Error).message).toContain('videos.get');
    expect(requests).toHaveLength(1);
  });

  it('a request that provably never left (ECONNREFUSED, bad port) is sent again', async () => {
    const badPort = new TypeError('fetch failed', { cause: new Error('bad port') });
    const { kyy, requests } = client(networkError('ECONNREFUSED'), badPort, json(createdBody()));
    const call = settle(kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST));
    await vi.advanceTimersByTimeAsync(10_000);
    const outcome = await call.result;
    expect(outcome.ok && outcome.value.id).toBe(TASK_ID);
    expect(requests).toHaveLength(3);
  });

  it('definite refusals are not "unknown": 401, 429 and other 4xx', async () => {
    for (const [reply, type] of [
      [json({ error: 'bad key' }, { status: 401 }), KyyAuthenticationError],
      [
        json({ error: 'slow down' }, { status: 429, headers: { 'retry-after': '3' } }),
        KyyRateLimitError,
      ],
      [json({ error: { message: 'prompt rejected' } }, { status: 400 }), KyyApiError],
      [json({ code: 1, msg: 'no balance', data: null }), KyyApiError],
    ] as const) {
      const { kyy, requests } = client(reply);
      const error = await kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(requests).toHaveLength(1);
    }
  });

  it('quotes the service words of a refusal without the key', async () => {
    const { kyy } = client(
      json({ error: { message: 'key video-secret-key has no credit' } }, { status: 402 }),
    );
    const error = (await kyy.videos
      .create(EXAMPLE_VIDEO_TASK_REQUEST)
      .catch((e: unknown) => e)) as KyyApiError;
    expect(error.message).toContain('has no credit');
    expect(JSON.stringify(error)).not.toContain('video-secret-key');
    expect(error.message).not.toContain('video-secret-key');
  });
});

describe('videos.get', () => {
  it('reads /v1/result/{id} and is retried on transient failures', async () => {
    const { kyy, requests } = client(
      json({}, { status: 503 }),
      networkError('ECONNRESET'),
      json(taskBody('processing')),
    );
    const call = settle(kyy.videos.get(TASK_ID));
    await vi.advanceTimersByTimeAsync(10_000);
    const outcome = await call.result;
    expect(outcome.ok && outcome.value.status).toBe('processing');
    expect(requests.map((r) => r.url)).toEqual(Array(3).fill(`${BASE}/v1/result/${TASK_ID}`));
    expect(requests[0]?.method).toBe('GET');
  });

  it.each(['', 'video_../../kyyVideo2/asset/x', 'asset-20260330142158-q75m8', ` ${TASK_ID}`])(
    'refuses the id %j before the network',
    async (id) => {
      const { kyy, requests } = client(json(taskBody()));
      await expect(kyy.videos.get(id)).rejects.toBeInstanceOf(KyyInputError);
      // The task id shape is a pattern, not a rule that returns problems.
      await expect(kyy.videos.get(id)).rejects.toMatchObject({ problems: [] });
      expect(requests).toHaveLength(0);
    },
  );

  it('404 is "no such task"; an unknown status is an invalid response for get', async () => {
    const missing = client(json({ error: 'not found' }, { status: 404 }));
    const error = await missing.kyy.videos.get(TASK_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyNotFoundError);
    expect((error as KyyNotFoundError).taskId).toBe(TASK_ID);
    expect(missing.requests).toHaveLength(1);

    const odd = client(json(taskBody('cancelled')));
    await expect(odd.kyy.videos.get(TASK_ID)).rejects.toBeInstanceOf(KyyInvalidResponseError);
  });

  it('an asset-style envelope is not a task', async () => {
    const { kyy } = client(json({ code: 0, msg: null, data: taskBody() }));
    await expect(kyy.videos.get(TASK_ID)).rejects.toBeInstanceOf(KyyInvalidResponseError);
  });
});
