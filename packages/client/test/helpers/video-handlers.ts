import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HttpResponse, http } from 'msw';

/**
 * A stand-in for the video task routes until @kyyvideo/mock serves them: msw handlers that answer
 * exactly as the documentation's examples do (bare task objects, no envelope), move a task
 * queued → processing → completed over successive reads, and serve the mock's sample MP4 from a
 * separate "CDN" host. Test-only; replace with the mock's own routes once it has them.
 */
export const CDN = 'https://cdn.video-handlers.test';

const require = createRequire(import.meta.url);
export const SAMPLE_MP4: Uint8Array<ArrayBuffer> = new Uint8Array(
  readFileSync(
    join(dirname(require.resolve('@kyyvideo/mock/package.json')), 'media/sample-video.mp4'),
  ),
);

export interface VideoRoutes {
  handlers: ReturnType<typeof http.post>[];
  /** Create requests received (bodies), in order. */
  creates: unknown[];
  /** Requests to the CDN, with their Authorization header (null when absent). */
  downloads: Array<{ url: string; authorization: string | null }>;
  /** When set, the next create is processed and its answer lost (a network error). */
  dropNextCreateAnswer: boolean;
}

export function videoRoutes(readsUntilDone = 2): VideoRoutes {
  const reads = new Map<string, number>();
  const created = new Map<string, { model: string; created: number }>();
  const routes: VideoRoutes = {
    handlers: [],
    creates: [],
    downloads: [],
    dropNextCreateAnswer: false,
  };
  routes.handlers = [
    http.post('*/v1/kyyvideo2/videos', async ({ request }) => {
      const body = (await request.json()) as { model: string };
      routes.creates.push(body);
      const id = `video_${randomUUID()}`;
      created.set(id, { model: body.model, created: Math.floor(Date.now() / 1000) });
      if (routes.dropNextCreateAnswer) {
        routes.dropNextCreateAnswer = false;
        return HttpResponse.error();
      }
      return HttpResponse.json({
        id,
        object: 'video',
        created: created.get(id)?.created,
        model: body.model,
        status: 'queued',
        error: null,
      });
    }),
    http.get('*/v1/result/:id', ({ params }) => {
      const id = String(params.id);
      const task = created.get(id);
      if (!task) return HttpResponse.json({ error: 'task not found' }, { status: 404 });
      const n = (reads.get(id) ?? 0) + 1;
      reads.set(id, n);
      const status = n > readsUntilDone ? 'completed' : n === 1 ? 'queued' : 'processing';
      return HttpResponse.json({
        id,
        object: 'video',
        created: task.created,
        model: task.model,
        status,
        video_url: status === 'completed' ? `${CDN}/videos/${id}.mp4?sig=signed` : null,
        error: null,
      });
    }),
    http.get(`${CDN}/videos/:file`, ({ request }) => {
      routes.downloads.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
      });
      return new HttpResponse(SAMPLE_MP4, {
        headers: { 'content-type': 'video/mp4', 'content-length': String(SAMPLE_MP4.byteLength) },
      });
    }),
  ];
  return routes;
}
