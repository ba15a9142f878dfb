import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_VIDEO_TASK_REQUEST } from '@kyyvideo/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KyyCreateOutcomeUnknownError } from '../../src/errors.js';
import { downloadToFile } from '../../src/node.js';
import { settle } from '../helpers/settle.js';
import { SAMPLE_MP4, videoRoutes } from '../helpers/video-handlers.js';
import { API_KEY, runTimers, useMock } from './support.js';

// Asset routes: @kyyvideo/mock. Video routes: test/helpers/video-handlers.ts, which follows the
// documentation's examples, until the mock serves them itself.
const { server, client, uploadsSent } = useMock();
let routes = videoRoutes();
let dir: string;
beforeEach(() => {
  routes = videoRoutes();
  server.use(...routes.handlers);
  dir = mkdtempSync(join(tmpdir(), 'kyy-videos-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the whole job against the mock (assets) and the video handlers', () => {
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
    expect(routes.creates).toEqual([
      {
        model: 'kyyvideo2_fast',
        prompt: 'a cat in the rain',
        first_image: assets[0]?.ref,
      },
    ]);

    const path = join(dir, 'cat.mp4');
    const saved = await downloadToFile(kyy, videoUrl, path);
    expect(saved.bytes).toBe(SAMPLE_MP4.byteLength);
    const file = readFileSync(path);
    expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp'); // an MP4
    expect(Buffer.from(SAMPLE_MP4).equals(file)).toBe(true);
    expect(readdirSync(dir)).toEqual(['cat.mp4']);
    expect(routes.downloads).toHaveLength(1);
    expect(routes.downloads[0]?.authorization).toBeNull();
    expect(JSON.stringify(routes.downloads)).not.toContain(API_KEY);
  });

  it('a lost answer to create sends no second create', async () => {
    routes.dropNextCreateAnswer = true;
    const error = await client()
      .videos.create(EXAMPLE_VIDEO_TASK_REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KyyCreateOutcomeUnknownError);
    expect(routes.creates).toHaveLength(1);
  });
});
