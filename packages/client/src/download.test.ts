import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ASSET_ID,
  assetBody,
  fakeFetch,
  json,
  networkError,
  type Reply,
} from '../test/helpers/fake-fetch.js';
import { settle } from '../test/helpers/settle.js';
import { TASK_ID, taskBody, VIDEO_URL, videoBytes } from '../test/helpers/video.js';
import { createKyyClient } from './client.js';
import {
  KyyAbortError,
  KyyConnectionError,
  KyyDownloadError,
  type KyyError,
  KyyInputError,
  KyyServerError,
} from './errors.js';
import { RETRY_BASE_DELAY_MS } from './retry-policy.js';
import type { DownloadProgress, VideoTask } from './video-types.js';

const KEY = 'download-secret-key';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function client(...replies: Reply[]) {
  const f = fakeFetch(...replies);
  const kyy = createKyyClient({
    apiKey: KEY,
    baseUrl: 'https://h.test/kyyReactApiServer',
    fetch: f.fetch,
    timeoutMs: 1_000,
    maxRetries: 2,
  });
  return { kyy, requests: f.requests, times: f.times };
}

function mp4(bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): Response {
  return new Response(bytes, {
    status: 200,
    headers: {
      'content-type': 'video/mp4',
      'content-length': String(bytes.byteLength),
      ...headers,
    },
  });
}

/** A body that sends `first` and then never ends: only an abort can stop it. */
function stalling(first: Uint8Array): Response {
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first);
      },
    }),
    { status: 200, headers: { 'content-type': 'video/mp4' } },
  );
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Byte equality without a per-element diff (toEqual on large arrays is slow). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

const completed = taskBody('completed') as VideoTask;

describe('videos.download', () => {
  it('streams the video from a completed task, without the API key, with progress', async () => {
    const bytes = videoBytes(200_000);
    const { kyy, requests } = client(mp4(bytes));
    const progress: DownloadProgress[] = [];
    const video = await kyy.videos.download(completed, { onProgress: (p) => progress.push(p) });
    expect(video.contentLength).toBe(200_000);
    expect(video.contentType).toBe('video/mp4');
    expect(video.url).toBe(VIDEO_URL);
    expect(same(await readAll(video.body), bytes)).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(VIDEO_URL);
    expect(requests[0]?.headers.get('authorization')).toBeNull();
    expect([...(requests[0]?.headers.values() ?? [])].join(' ')).not.toContain(KEY);
    expect(progress.at(-1)).toEqual({ receivedBytes: 200_000, totalBytes: 200_000 });
    expect(progress.map((p) => p.receivedBytes)).toEqual(
      [...progress.map((p) => p.receivedBytes)].sort((a, b) => a - b),
    );
  });

  it('has no size cap (unlike API answers, capped at maxResponseBytes)', async () => {
    const bytes = videoBytes(3 * 1024 * 1024);
    const { kyy } = client(mp4(bytes, { 'content-length': '' }));
    const video = await kyy.videos.download(VIDEO_URL);
    expect((await readAll(video.body)).byteLength).toBe(bytes.byteLength);
  });

  it('refuses a task without a video and a non-http URL before the network', async () => {
    const { kyy, requests } = client(mp4(videoBytes(10)));
    await expect(kyy.videos.download(taskBody('processing') as VideoTask)).rejects.toBeInstanceOf(
      KyyInputError,
    );
    await expect(kyy.videos.download('file:///etc/passwd')).rejects.toBeInstanceOf(KyyInputError);
    expect(requests).toHaveLength(0);
  });

  it('retries failures before the first byte (it is a GET), then streams', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const bytes = videoBytes(1_000);
    const { kyy, requests } = client(
      networkError('ECONNRESET'),
      new Response('busy', { status: 503 }),
      mp4(bytes),
    );
    const pending = kyy.videos.download(VIDEO_URL);
    await vi.advanceTimersByTimeAsync(5_000);
    const video = await pending;
    expect(same(await readAll(video.body), bytes)).toBe(true);
    expect(requests).toHaveLength(3);
  });

  it('an expired or refused URL is a KyyDownloadError, not retried', async () => {
    const { kyy, requests } = client(new Response('denied', { status: 403 }));
    const error = await kyy.videos.download(VIDEO_URL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyDownloadError);
    expect((error as KyyDownloadError).httpStatus).toBe(403);
    expect((error as Error).message).toContain('24 hours');
    expect(requests).toHaveLength(1);
  });

  it('gives up after maxRetries with the last error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { kyy, requests } = client(new Response('', { status: 502 }));
    const pending = kyy.videos.download(VIDEO_URL).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await pending;
    expect(error).toBeInstanceOf(KyyServerError);
    expect((error as KyyServerError).attempts).toBe(3);
    expect(requests).toHaveLength(3);
  });

  it('abort mid-stream errors the stream with KyyAbortError', async () => {
    const controller = new AbortController();
    const { kyy } = client(stalling(videoBytes(100)));
    const video = await kyy.videos.download(VIDEO_URL, { signal: controller.signal });
    const reader = video.body.getReader();
    expect((await reader.read()).value?.byteLength).toBe(100);
    const next = reader.read();
    controller.abort();
    await expect(next).rejects.toBeInstanceOf(KyyAbortError);
  });

  it('a body shorter than its Content-Length is an error, not a short video', async () => {
    const short = new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(videoBytes(10));
          controller.close();
        },
      }),
      { status: 200, headers: { 'content-length': '50' } },
    );
    // A Response built with a stream has no Content-Length of its own; this one claims 50.
    const { kyy } = client(() => short);
    const video = await kyy.videos.download(VIDEO_URL);
    await expect(readAll(video.body)).rejects.toBeInstanceOf(KyyConnectionError);
  });

  it('takes a task object or its URL: the same request', async () => {
    const { kyy, requests } = client(mp4(videoBytes(5)), mp4(videoBytes(5)));
    await (await kyy.videos.download(completed)).body.cancel();
    await (await kyy.videos.download(completed.video_url as string)).body.cancel();
    expect(requests.map((r) => r.url)).toEqual([VIDEO_URL, VIDEO_URL]);
    expect(json({ id: TASK_ID })).toBeInstanceOf(Response);
  });
});

describe('videos.download retries by the same rule as assets.get', () => {
  const failure = (status: number, headers: Record<string, string> = {}) =>
    json({ code: status, msg: 'x', data: null }, { status, headers });

  /** Failures the service or network may produce before a first byte, each followed by success. */
  const cases: { name: string; failures: Reply[] }[] = [
    { name: 'two 5xx', failures: [failure(503), failure(500)] },
    { name: 'a reset connection', failures: [networkError('ECONNRESET')] },
    { name: 'an attempt that times out', failures: ['hang'] },
    { name: 'HTTP 408', failures: [failure(408)] },
    { name: '429 with Retry-After: 3', failures: [failure(429, { 'retry-after': '3' })] },
    {
      name: '429 asking for an hour (over the cap)',
      failures: [failure(429, { 'retry-after': '3600' })],
    },
    { name: 'three 502 (out of retries)', failures: [failure(502), failure(502), failure(502)] },
    { name: 'a 404 (not transient)', failures: [failure(404)] },
  ];

  /** What the retry loop decided: when each attempt went out, and how the call ended. */
  async function run(call: () => Promise<unknown>, times: number[]) {
    const pending = settle(call());
    await vi.advanceTimersByTimeAsync(60_000);
    const outcome = await pending.result;
    if (outcome.ok) await (outcome.value as { body?: ReadableStream }).body?.cancel();
    const start = times[0] ?? 0;
    return {
      sentAt: times.map((t) => t - start),
      ok: outcome.ok,
      attempts: outcome.ok ? undefined : (outcome.error as KyyError).attempts,
    };
  }

  it.each(cases)('$name: same attempts, same pauses', async ({ failures }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // Fixed jitter (read when a client is created), so both calls must pause identically.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const get = client(...failures, json(assetBody()));
    const down = client(...failures, mp4(videoBytes(10)));
    const viaGet = await run(() => get.kyy.assets.get(ASSET_ID), get.times);
    const viaDownload = await run(() => down.kyy.videos.download(VIDEO_URL), down.times);
    expect(viaDownload).toEqual(viaGet);
  });

  it('pauses with the documented backoff and Retry-After before the first byte', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { kyy, times } = client(
      failure(503),
      failure(429, { 'retry-after': '3' }),
      mp4(videoBytes(10)),
    );
    const outcome = await run(() => kyy.videos.download(VIDEO_URL), times);
    // Retry 1 waits half the base step (no jitter), retry 2 what the server asked for.
    expect(outcome).toEqual({
      sentAt: [0, RETRY_BASE_DELAY_MS / 2, RETRY_BASE_DELAY_MS / 2 + 3_000],
      ok: true,
      attempts: undefined,
    });
  });

  it('does not retry once the first byte has arrived: the stream errors instead', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const broken = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(videoBytes(100));
          },
          pull(controller) {
            controller.error(networkError('ECONNRESET'));
          },
        }),
        { status: 200, headers: { 'content-type': 'video/mp4' } },
      );
    const { kyy, requests } = client(broken, mp4(videoBytes(100)));
    const video = await kyy.videos.download(VIDEO_URL);
    const read = settle(readAll(video.body));
    await vi.advanceTimersByTimeAsync(60_000);
    const outcome = await read.result;
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(KyyConnectionError);
    expect(requests).toHaveLength(1);
  });
});
