import { EXAMPLE_VIDEO_TASK_REQUEST } from '@kyyvideo/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { createKyyClient } from '../../src/client.js';
import {
  KyyConnectionError,
  KyyCreateOutcomeUnknownError,
  KyyError,
  KyyInvalidResponseError,
} from '../../src/errors.js';
import { type Handler, sendJson, startServer } from './server.js';

// Real sockets on a busy machine: generous limits, never fixed sleeps.
const LIMIT = 60_000;
const KEY = 'sk-video-edge-0123456789';

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

async function serve(handler: Handler) {
  const server = await startServer(handler);
  servers.push(server.close);
  return server;
}

async function failure(call: Promise<unknown>): Promise<KyyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KyyError);
  return error as KyyError;
}

describe('video create over real sockets', () => {
  it(
    'a connection reset after the request was read: one create, outcome unknown',
    async () => {
      const api = await serve((req) => req.socket.destroy());
      const kyy = createKyyClient({ apiKey: KEY, baseUrl: api.baseUrl, maxRetries: 2 });
      const error = await failure(kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST));
      expect(error).toBeInstanceOf(KyyCreateOutcomeUnknownError);
      expect(error.attempts).toBe(1);
      expect(api.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
        'POST /kyyReactApiServer/v1/kyyvideo2/videos',
      ]);
    },
    LIMIT,
  );

  it(
    'a refused connection (nothing listening) proves nothing was sent: retried',
    async () => {
      const closed = await startServer(() => {});
      await closed.close(); // the port is free now: connections are refused
      const kyy = createKyyClient({ apiKey: KEY, baseUrl: closed.baseUrl, maxRetries: 2 });
      const error = await failure(kyy.videos.create(EXAMPLE_VIDEO_TASK_REQUEST));
      expect(error).toBeInstanceOf(KyyConnectionError);
      expect(error).toMatchObject({ provablyNotSent: true, attempts: 3 });
    },
    LIMIT,
  );
});

describe('video download over real sockets', () => {
  it(
    'the API key never reaches the video host, also through a redirect',
    async () => {
      const cdn = await serve((req, res) => {
        if (req.url?.startsWith('/signed/')) {
          res.writeHead(302, { location: '/files/cat.mp4' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '12' });
        res.end(Buffer.from('\0\0\0\x0cftypisom', 'latin1'));
      });
      const api = await serve((_, res) => sendJson(res, 500, {}));
      const kyy = createKyyClient({ apiKey: KEY, baseUrl: api.baseUrl });
      const origin = new URL(cdn.baseUrl).origin;
      const video = await kyy.videos.download(`${origin}/signed/cat.mp4?sig=1`);
      expect(new Uint8Array(await new Response(video.body).arrayBuffer())).toHaveLength(12);
      expect(cdn.seen.map((s) => s.path)).toEqual(['/signed/cat.mp4?sig=1', '/files/cat.mp4']);
      expect(cdn.seen.map((s) => s.authorization)).toEqual(['', '']);
      expect(api.seen).toHaveLength(0);
    },
    LIMIT,
  );
});

describe('a completed task whose video_url is not http(s)', () => {
  const ID = 'video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd';
  const completed = (videoUrl: string): Handler => {
    return (_, res) =>
      sendJson(res, 200, {
        id: ID,
        object: 'video',
        created: 1774836724,
        model: 'kyyvideo2',
        status: 'completed',
        video_url: videoUrl,
        error: null,
      });
  };

  it(
    'is a typed invalid answer, never a success',
    async () => {
      for (const videoUrl of [
        'javascript:alert(1)',
        'file:///etc/passwd',
        'ftp://cdn.example.com/v.mp4',
        'data:video/mp4;base64,AAAA',
        '/relative/v.mp4',
      ]) {
        // Also with validation off: the wait's own check is what holds then.
        for (const validate of ['strict', 'off'] as const) {
          const api = await serve(completed(videoUrl));
          const kyy = createKyyClient({ apiKey: KEY, baseUrl: api.baseUrl, validate });
          const error = await failure(kyy.videos.waitUntilDone(ID, { timeoutMs: 30_000 }));
          expect(error).toBeInstanceOf(KyyInvalidResponseError);
          expect(error).toMatchObject({ kind: 'invalid-response', taskId: ID });
          expect(error.message).toContain('video_url');
        }
      }
      const api = await serve(completed('https://cdn.example.com/v.mp4?sig=1'));
      const kyy = createKyyClient({ apiKey: KEY, baseUrl: api.baseUrl });
      const task = await kyy.videos.waitUntilDone(ID, { timeoutMs: 30_000 });
      expect(task.video_url).toBe('https://cdn.example.com/v.mp4?sig=1');
    },
    LIMIT,
  );
});
