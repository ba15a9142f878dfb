import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EXAMPLE_VIDEO_TASK_REQUEST } from '@kyyvideo/contract';
import { SAMPLE_MEDIA, VIDEO_FAIL_MARKER } from '@kyyvideo/mock/node';
import { getResponse, HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KyyCreateOutcomeUnknownError, KyyVideoFailedError } from '../../src/errors.js';
import { downloadToFile } from '../../src/node.js';
import { settle } from '../helpers/settle.js';
import { API_KEY, runTimers, useMock } from './support.js';

// The whole video flow against @kyyvideo/mock: asset routes, task routes and its sample media.
const { server, mock, client, uploadsSent } = useMock();

const require = createRequire(import.meta.url);
/** The file the mock serves as every completed task's video, read from the mock package. */
const SAMPLE_MP4 = readFileSync(
  join(dirname(require.resolve('@kyyvideo/mock/package.json')), 'media', SAMPLE_MEDIA.video),
);
const CREATE_PATH = '/kyyReactApiServer/v1/kyyvideo2/videos';

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: Promise<string>;
}
// Every request msw sees, with the headers and body the mock's request log does not keep.
let seen: Seen[] = [];
const record = ({ request }: { request: Request }) => {
  seen.push({
    method: request.method,
    url: request.url,
    authorization: request.headers.get('authorization'),
    body: request.clone().text(),
  });
};
const creates = async () =>
  Promise.all(
    seen
      .filter((r) => r.method === 'POST' && new URL(r.url).pathname === CREATE_PATH)
      .map(async (r) => JSON.parse(await r.body) as unknown),
  );

let dir: string;
beforeEach(() => {
  seen = [];
  server.events.on('request:start', record);
  dir = mkdtempSync(join(tmpdir(), 'kyy-videos-'));
});
afterEach(() => {
  server.events.removeListener('request:start', record);
  rmSync(dir, { recursive: true, force: true });
});

describe('the whole job against the mock', () => {
  it('URL → reviewed asset → task → completed → MP4 on disk', async () => {
    const kyy = client();
    const run = settle(
      kyy.generate({
        prompt: 'a cat in the rain',
        model: 'kyyvideo2_fast',
        firstImage: 'https://example.com/cat.png',
        uploadReferences: true,
      }),
    );
    await runTimers(120_000, 1_000);
    const outcome = await run.result;
    if (!outcome.ok) throw outcome.error;
    const { task, videoUrl, assets } = outcome.value;
    expect(task.status).toBe('completed');
    expect(assets).toHaveLength(1);
    expect(assets[0]?.status).toBe('Active');
    expect(uploadsSent()).toBe(1);
    expect(await creates()).toEqual([
      {
        model: 'kyyvideo2_fast',
        prompt: 'a cat in the rain',
        first_image: assets[0]?.ref,
      },
    ]);
    // The task went through the mock's queued → processing → completed, read more than once.
    const reads = mock.requests().filter((r) => r.path.endsWith(`/v1/result/${task.id}`));
    expect(reads.length).toBeGreaterThan(1);
    expect(videoUrl).toMatch(new RegExp(`/mock-media/${SAMPLE_MEDIA.video}$`));

    const path = join(dir, 'cat.mp4');
    const saved = await downloadToFile(kyy, videoUrl, path);
    expect(saved.bytes).toBe(SAMPLE_MP4.byteLength);
    const file = readFileSync(path);
    expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp'); // an MP4
    expect(SAMPLE_MP4.equals(file)).toBe(true);
    expect(readdirSync(dir)).toEqual(['cat.mp4']);
    const downloads = seen.filter((r) => r.url === videoUrl);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.authorization).toBeNull();
    expect(JSON.stringify(downloads)).not.toContain(API_KEY);
  });

  it(`a task whose prompt carries the mock's ${VIDEO_FAIL_MARKER} marker ends failed`, async () => {
    const kyy = client();
    const { id } = await kyy.videos.create({
      ...EXAMPLE_VIDEO_TASK_REQUEST,
      prompt: `a cat ${VIDEO_FAIL_MARKER}`,
    });
    const run = settle(kyy.videos.waitUntilDone(id));
    await runTimers(120_000, 1_000);
    const outcome = await run.result;
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? null : outcome.error;
    expect(error).toBeInstanceOf(KyyVideoFailedError);
    expect((error as KyyVideoFailedError).serviceError).toContain(VIDEO_FAIL_MARKER);
  });

  it('a lost answer to create sends no second create', async () => {
    // The mock cannot create a task and then lose the answer: this override lets the mock's own
    // handlers create it, then drops the connection before the client hears back.
    server.use(
      http.post('*/v1/kyyvideo2/videos', async ({ request }) => {
        await getResponse(mock.handlers, request);
        return HttpResponse.error();
      }),
    );
    const error = await client()
      .videos.create(EXAMPLE_VIDEO_TASK_REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect(await creates()).toHaveLength(1);
    // The mock did create the task: the outcome the client could not know was a success.
    const made = mock.requests().filter((r) => r.method === 'POST' && r.path === CREATE_PATH);
    expect(made.map((r) => r.status)).toEqual([200]);
  });
});
