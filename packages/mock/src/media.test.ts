import { readdir, readFile } from 'node:fs/promises';
import { EXAMPLE_VIDEO_TASK_REQUEST, GetVideoTaskResponse } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_MEDIA } from './generated/media.js';
import { startMockServer } from './server/index.js';

const MEDIA_DIR = new URL('../media/', import.meta.url);

describe('sample media', () => {
  it('embeds exactly the committed files (run `pnpm generate` after changing media/)', async () => {
    const files = (await readdir(MEDIA_DIR)).filter((name) => name !== 'README.md');
    expect(Object.keys(EMBEDDED_MEDIA).sort()).toEqual(files.sort());
    for (const file of files) {
      const bytes = await readFile(new URL(file, MEDIA_DIR));
      expect(EMBEDDED_MEDIA[file]?.base64, file).toBe(bytes.toString('base64'));
    }
  });

  it('over HTTP: a completed task links the MP4 on the origin the client used', async () => {
    const server = await startMockServer({ port: 0, taskQueuedMs: 0, taskProcessingMs: 0 });
    try {
      const headers = { authorization: 'Bearer k', 'content-type': 'application/json' };
      const created = await fetch(`${server.url}/v1/kyyvideo2/videos`, {
        method: 'POST',
        headers,
        body: JSON.stringify(EXAMPLE_VIDEO_TASK_REQUEST),
      });
      const { id } = (await created.json()) as { id: string };
      const task = GetVideoTaskResponse.parse(
        await (await fetch(`${server.url}/v1/result/${id}`, { headers })).json(),
      );
      expect(task.status).toBe('completed');
      expect(task.video_url).toBe(`${server.url}/mock-media/sample-video.mp4`);
      const video = await fetch(task.video_url as string);
      expect(video.headers.get('content-type')).toBe('video/mp4');
      const bytes = Buffer.from(await video.arrayBuffer());
      expect(bytes.equals(await readFile(new URL('sample-video.mp4', MEDIA_DIR)))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('Range requests on the sample media (a cut download resumes)', () => {
  it('over HTTP: 206 with a matching Content-Range, 416 past the end, 200 without Range', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      const file = await readFile(new URL('sample-video.mp4', MEDIA_DIR));
      const at = `${server.url}/mock-media/sample-video.mp4`;
      const whole = await fetch(at);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      await whole.arrayBuffer();

      const cases: Array<[string, number, number]> = [
        ['bytes=1000-', 1000, file.length - 1],
        ['bytes=10-19', 10, 19],
        ['bytes=-100', file.length - 100, file.length - 1],
        [`bytes=5-${file.length + 50}`, 5, file.length - 1],
      ];
      for (const [range, start, end] of cases) {
        const part = await fetch(at, { headers: { range } });
        expect(part.status, range).toBe(206);
        expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${file.length}`);
        const bytes = Buffer.from(await part.arrayBuffer());
        expect(bytes.equals(file.subarray(start, end + 1)), range).toBe(true);
      }

      const past = await fetch(at, { headers: { range: `bytes=${file.length}-` } });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${file.length}`);
      await past.arrayBuffer();

      const odd = await fetch(at, { headers: { range: 'bytes=0-1,5-6' } });
      expect(odd.status).toBe(200);
      expect(Buffer.from(await odd.arrayBuffer()).equals(file)).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);
});
