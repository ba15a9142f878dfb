import {
  CreateVideoTaskResponse,
  EXAMPLE_VIDEO_TASK_REQUEST,
  GetVideoTaskResponse,
  toAssetRef,
  VIDEO_TASK_ID_PATTERN,
} from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { JSON_HEADERS, ORIGIN, send, uploadOk } from '../test/support.js';
import { createVirtualClock } from './clock.js';
import { createMock, type Mock } from './create-mock.js';
import { DEFAULT_TASK_PROCESSING_MS, DEFAULT_TASK_QUEUED_MS } from './options.js';
import { SCENARIO_HEADER } from './scenarios.js';

const create = (mock: Mock, body: unknown, headers: Record<string, string> = {}) =>
  send(mock, 'POST', '/v1/kyyvideo2/videos', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { ...JSON_HEADERS, ...headers },
  });

async function createOk(mock: Mock, body: unknown, headers?: Record<string, string>) {
  const response = await create(mock, body, headers);
  expect(response.status).toBe(200);
  return CreateVideoTaskResponse.parse(await response.json());
}

async function query(mock: Mock, id: string) {
  const response = await send(mock, 'GET', `/v1/result/${encodeURIComponent(id)}`);
  return { status: response.status, body: (await response.json()) as unknown };
}

async function queryOk(mock: Mock, id: string) {
  const got = await query(mock, id);
  expect(got.status).toBe(200);
  return GetVideoTaskResponse.parse(got.body);
}

/** The mock-only failure shape of the task endpoints. */
function errorOf(body: unknown): { message: string; type: string; param: string | null } {
  const error = (body as { error?: unknown }).error as Record<string, unknown>;
  expect(typeof error.message).toBe('string');
  expect(typeof error.type).toBe('string');
  expect(error.param === null || typeof error.param === 'string').toBe(true);
  return error as { message: string; type: string; param: string | null };
}

async function activeAsset(
  mock: Mock,
  clock: ReturnType<typeof createVirtualClock>,
  assetType: string,
) {
  const id = await uploadOk(mock, { assetType, url: `https://example.com/${assetType}.bin` });
  clock.advance(60_000);
  return toAssetRef(id);
}

describe('video tasks', () => {
  it("answers the docs' create example in the documented shape and moves queued → processing → completed", async () => {
    const clock = createVirtualClock(Date.UTC(2026, 2, 30, 6, 21, 58));
    const mock = createMock({ clock, seed: 3 });
    const created = await createOk(mock, EXAMPLE_VIDEO_TASK_REQUEST);
    expect(created).toEqual({
      id: expect.stringMatching(VIDEO_TASK_ID_PATTERN),
      object: 'video',
      created: Math.floor(clock.now() / 1000),
      model: 'kyyvideo2',
      status: 'queued',
      error: null,
    });
    expect((await queryOk(mock, created.id)).status).toBe('queued');
    clock.advance(DEFAULT_TASK_QUEUED_MS);
    expect(await queryOk(mock, created.id)).toMatchObject({
      status: 'processing',
      video_url: null,
    });
    clock.advance(DEFAULT_TASK_PROCESSING_MS);
    const done = await queryOk(mock, created.id);
    expect(done).toMatchObject({ status: 'completed', error: null });
    // Built on the origin the client used, which msw intercepts too: the MP4 downloads.
    expect(done.video_url).toBe(`${ORIGIN}/kyyReactApiServer/mock-media/sample-video.mp4`);
    const video = await send(mock, 'GET', '/mock-media/sample-video.mp4', { headers: {} });
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await video.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
    expect(mock.store.getTask(created.id)?.status).toBe('completed');
  });

  it('takes its durations from the options', async () => {
    const clock = createVirtualClock();
    const mock = createMock({ clock, taskQueuedMs: 10, taskProcessingMs: 20 });
    const { id } = await createOk(mock, EXAMPLE_VIDEO_TASK_REQUEST);
    clock.advance(10);
    expect((await queryOk(mock, id)).status).toBe('processing');
    clock.advance(19);
    expect((await queryOk(mock, id)).status).toBe('processing');
    clock.advance(1);
    expect((await queryOk(mock, id)).status).toBe('completed');
    expect(() => createMock({ taskQueuedMs: -1 })).toThrow(/taskQueuedMs/);
  });

  it('fails a task with an error text on the prompt marker or the scenario header', async () => {
    const clock = createVirtualClock();
    const mock = createMock({ clock });
    const marked = await createOk(mock, { model: 'kyyvideo2', prompt: 'a cat [FAIL]' });
    const scenario = await createOk(mock, EXAMPLE_VIDEO_TASK_REQUEST, {
      [SCENARIO_HEADER]: 'video-failed',
    });
    clock.advance(60_000);
    for (const id of [marked.id, scenario.id]) {
      const task = await queryOk(mock, id);
      expect(task.status).toBe('failed');
      expect(task.error).toMatch(/failed/);
      expect(task.video_url).toBeNull();
    }
    expect(mock.requests().at(-3)?.scenario).toBe('video-failed');
  });

  it('checks every asset:// reference against its own assets, naming the field and reason', async () => {
    const clock = createVirtualClock();
    const mock = createMock({ clock });
    const image = await activeAsset(mock, clock, 'Image');
    const audio = await activeAsset(mock, clock, 'Audio');
    const video = await activeAsset(mock, clock, 'Video');
    const failed = toAssetRef(
      await uploadOk(mock, { assetType: 'Image', url: 'https://example.com/reject.png' }),
    );
    clock.advance(60_000);
    const processing = toAssetRef(await uploadOk(mock));
    const deleted = toAssetRef(await uploadOk(mock));
    await send(mock, 'DELETE', `/kyyVideo2/asset/${deleted.slice('asset://'.length)}`);
    const base = { model: 'kyyvideo2', prompt: 'p' };
    const cases: [object, string, RegExp][] = [
      [{ first_image: audio }, 'first_image', /Audio asset; first_image takes Image/],
      [{ first_image: processing }, 'first_image', /still Processing/],
      [{ first_image: deleted }, 'first_image', /names no asset/],
      [{ first_image: image, last_image: failed }, 'last_image', /failed review/],
      [{ referenceImages: [image, video] }, 'referenceImages[1]', /Video asset/],
      [{ referenceVideos: [image] }, 'referenceVideos[0]', /takes Video assets/],
      [{ referenceAudios: [video] }, 'referenceAudios[0]', /takes Audio assets/],
      [{ first_image: 'https://host.invalid/a.png' }, 'first_image', /cannot be downloaded/],
    ];
    for (const [fields, param, message] of cases) {
      const response = await create(mock, { ...base, ...fields });
      expect(response.status).toBe(400);
      const error = errorOf(await response.json());
      expect(error).toMatchObject({ type: 'invalid_request_error', param });
      expect(error.message).toMatch(message);
    }
    await createOk(mock, {
      ...base,
      referenceImages: [image, 'https://example.com/i.png'],
      referenceVideos: [video],
      referenceAudios: [audio],
    });
    await createOk(mock, { ...base, first_image: image, last_image: image });
    expect(mock.store.listTasks()).toHaveLength(2);
  });

  it("refuses what the contract's rules refuse, and follows the chosen reference-video rule", async () => {
    const mock = createMock();
    const bad = await create(mock, { model: 'kyyvideo3', duration: 20 });
    expect(bad.status).toBe(400);
    const error = errorOf(await bad.json());
    expect(error.param).toBe('model');
    expect(error.message).toMatch(/model .*prompt .*duration/s);
    // Warnings (an undocumented aspect ratio) do not refuse.
    await createOk(mock, { ...EXAMPLE_VIDEO_TASK_REQUEST, aspect_ratio: '5:4' });
    const proWithVideo = {
      model: 'kyyvideo2_pro',
      prompt: 'p',
      referenceVideos: ['https://example.com/v.mp4'],
    };
    expect((await create(mock, proWithVideo)).status).toBe(400);

    const mirror = createMock({ referenceVideoRule: 'seedanceMirror' });
    expect((await create(mirror, proWithVideo)).status).toBe(200);
    const refused = await create(mirror, EXAMPLE_VIDEO_TASK_REQUEST);
    expect(errorOf(await refused.json()).message).toMatch(/needs at least one reference video/);
    expect(() => createMock({ referenceVideoRule: 'other' as never })).toThrow(
      /referenceVideoRule/,
    );
  });

  it('answers bodies, unknown ids and auth failures in the mock-only error shape', async () => {
    const mock = createMock();
    for (const body of ['', '{', '[]']) {
      const response = await create(mock, body);
      expect(response.status).toBe(400);
      expect(errorOf(await response.json()).type).toBe('invalid_request_error');
    }
    const unknown = await query(mock, 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.body)).toMatchObject({ type: 'not_found_error', param: 'id' });
    const noKey = await send(mock, 'GET', '/v1/result/video_x', { headers: {} });
    expect(noKey.status).toBe(401);
    expect(errorOf(await noKey.json()).type).toBe('authentication_error');
  });

  it('serves each sample with its content type, without a key, and accepts its URL for upload', async () => {
    const clock = createVirtualClock();
    const mock = createMock({ clock });
    const types = {
      'sample-video.mp4': 'video/mp4',
      'reference-video-480p.mp4': 'video/mp4',
      'sample-image.png': 'image/png',
      'sample-audio.wav': 'audio/wav',
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await send(mock, 'GET', `/mock-media/${file}`, { headers: {} });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await send(mock, 'GET', '/mock-media/nope.mp4', { headers: {} })).status).toBe(404);
    const url = `${ORIGIN}/kyyReactApiServer/mock-media/sample-image.png`;
    const id = await uploadOk(mock, { assetType: 'Image', url });
    clock.advance(60_000);
    await createOk(mock, { model: 'kyyvideo2', prompt: 'p', first_image: toAssetRef(id) });
  });

  it('forgets tasks on reset', async () => {
    const mock = createMock();
    const { id } = await createOk(mock, EXAMPLE_VIDEO_TASK_REQUEST);
    mock.reset();
    expect((await query(mock, id)).status).toBe(404);
  });
});

describe('taskConcurrency: the service processes a few tasks at once', () => {
  const body = { model: 'kyyvideo2', prompt: 'a cat' };

  it('keeps tasks past the limit queued until a slot frees, in creation order', async () => {
    const clock = createVirtualClock(Date.parse('2026-03-30T14:00:00Z'));
    const mock = createMock({ clock, taskConcurrency: 2, taskQueuedMs: 0, taskProcessingMs: 1000 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createOk(mock, body)).id);
    const statuses = async () =>
      Promise.all(ids.map(async (id) => (await queryOk(mock, id)).status));
    expect(await statuses()).toEqual(['processing', 'processing', 'queued']);
    clock.advance(1000);
    expect(await statuses()).toEqual(['completed', 'completed', 'processing']);
    clock.advance(1000);
    expect(await statuses()).toEqual(['completed', 'completed', 'completed']);
  });

  it('without the option every task processes at once', async () => {
    const clock = createVirtualClock(Date.parse('2026-03-30T14:00:00Z'));
    const mock = createMock({ clock, taskQueuedMs: 0, taskProcessingMs: 1000 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createOk(mock, body)).id);
    for (const id of ids) expect((await queryOk(mock, id)).status).toBe('processing');
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => createMock({ taskConcurrency: 0 })).toThrow(/taskConcurrency/);
  });
});
