import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKyyClient } from '@kyyvideo/client';
import { isVideoFile } from '@kyyvideo/client/node';
import { describe, expect, it } from 'vitest';
import {
  type BatchEvent,
  JsonlStore,
  type ReserveSendRequest,
  type RowState,
  runVideoBatch,
  type SaveRequest,
  type VideoRow,
} from '../src/index.js';
import { API_KEY, useMockServer } from './support.js';

const FRAME = 'https://example.com/shared-frame.png';

function rows(n: number, extra: (i: number) => Partial<VideoRow> = () => ({})): VideoRow[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `row-${i + 1}`,
    task: { model: 'kyyvideo2_fast', prompt: `video ${i + 1}`, duration: 5 },
    out: `video-${i + 1}.mp4`,
    ...extra(i),
  }));
}

const { env, client, creates, uploads } = useMockServer();

const redact = (text: string) => text.split(API_KEY).join('[redacted]');

async function run(list: VideoRow[], options: Partial<Parameters<typeof runVideoBatch>[2]> = {}) {
  const store = new JsonlStore(join(env.dir, 'results.jsonl'), { redact });
  try {
    return await runVideoBatch(client(), list, {
      store,
      concurrency: 3,
      outDir: env.dir,
      intervalMs: 20,
      ...options,
    });
  } finally {
    await store.close();
  }
}

const phases = (result: Awaited<ReturnType<typeof run>>) =>
  Object.fromEntries(result.rows.map((r) => [r.row.key, r.state.phase]));

/**
 * A store that refuses a write whose `from` is not what it holds, as the PostgreSQL store does
 * (a lost update): the engine must name the stored state, not one it kept only in memory.
 */
class CheckingStore extends JsonlStore {
  readonly refused: string[] = [];
  async #check(key: string, from: RowState): Promise<void> {
    const held = (await this.get({ key }))?.state;
    if (JSON.stringify(held) !== JSON.stringify(from)) {
      this.refused.push(`${key}: from ${from.phase}, holds ${held?.phase}`);
      throw new Error(`stale write to ${key}`);
    }
  }
  override async save(request: SaveRequest): Promise<void> {
    await this.#check(request.key, request.from);
    return super.save(request);
  }
  override async reserveSend(request: ReserveSendRequest) {
    await this.#check(request.key, request.from);
    return super.reserveSend(request);
  }
}

describe('runVideoBatch against the mock', () => {
  it('creates each row once, downloads verified MP4s and leaves no temporary file', async () => {
    const events: BatchEvent[] = [];
    const result = await run(rows(5), { onEvent: (e) => events.push(e) });
    expect(Object.values(phases(result))).toEqual(Array(5).fill('downloaded'));
    expect(creates()).toBe(5);
    expect(result.sends).toBe(5);
    expect(result.bytesDownloaded).toBeGreaterThan(0);
    for (let i = 1; i <= 5; i++)
      expect(await isVideoFile(join(env.dir, `video-${i}.mp4`))).toBe(true);
    expect(readdirSync(env.dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    // Every transition reached the listener after the store had it.
    expect(events.filter((e) => e.type === 'settled')).toHaveLength(5);
  });

  it('names what the store holds as `from`, also after a change it does not write (ready)', async () => {
    const store = new CheckingStore(join(env.dir, 'results.jsonl'), { redact });
    try {
      const result = await runVideoBatch(
        client(),
        rows(3, (i) =>
          i === 0
            ? {
                task: { model: 'kyyvideo2_fast', prompt: 'from a frame', first_image: FRAME },
                uploadReferences: [FRAME],
              }
            : {},
        ),
        { store, concurrency: 2, outDir: env.dir, intervalMs: 20 },
      );
      expect(store.refused).toEqual([]);
      const videos = result.rows.filter((r) => r.row.kind === 'video');
      expect(videos.map((r) => r.state.phase)).toEqual(Array(3).fill('downloaded'));
    } finally {
      await store.close();
    }
  });

  it('a rerun sends nothing for downloaded rows, and re-reads a task whose file is gone', async () => {
    await run(rows(3));
    expect(creates()).toBe(3);
    rmSync(join(env.dir, 'video-2.mp4'));
    const again = await run(rows(3));
    expect(creates()).toBe(3);
    expect(again.sends).toBe(0);
    expect(Object.values(phases(again))).toEqual(['downloaded', 'downloaded', 'downloaded']);
    expect(await isVideoFile(join(env.dir, 'video-2.mp4'))).toBe(true);
  });

  it('uploads a URL shared by several rows once, and creates with its asset:// reference', async () => {
    const list = rows(4, () => ({
      task: { model: 'kyyvideo2_fast', prompt: 'from a frame', first_image: FRAME },
      uploadReferences: [FRAME],
    })).map((r, i) => ({ ...r, task: { ...r.task, prompt: `from a frame ${i}` } }));
    const result = await run(list);
    expect(uploads()).toBe(1);
    expect(creates()).toBe(4);
    const videos = result.rows.filter((r) => r.row.kind === 'video');
    expect(videos.map((r) => r.state.phase)).toEqual(Array(4).fill('downloaded'));
  });

  it('a reference URL that carries the key is uploaded once across reruns, though the file masks it', async () => {
    const signed = `https://example.com/signed-frame.png?token=${API_KEY}`;
    const list = rows(2, () => ({
      task: { model: 'kyyvideo2_fast', prompt: 'from a signed frame', first_image: signed },
      uploadReferences: [signed],
    })).map((r, i) => ({ ...r, task: { ...r.task, prompt: `from a signed frame ${i}` } }));
    await run(list);
    await run(list);
    expect(uploads()).toBe(1);
    expect(creates()).toBe(2);
    expect(readFileSync(join(env.dir, 'results.jsonl'), 'utf8')).not.toContain(API_KEY);
  });

  it('maxSends stops creating after the budget; a rerun creates the rest, none twice', async () => {
    const first = await run(rows(5), { maxSends: 2, concurrency: 1 });
    expect(first.budgetReached).toBe(true);
    expect(creates()).toBe(2);
    expect(Object.values(phases(first)).filter((p) => p === 'downloaded')).toHaveLength(2);
    const second = await run(rows(5));
    expect(creates()).toBe(5);
    expect(Object.values(phases(second))).toEqual(Array(5).fill('downloaded'));
  });

  it('a failed task stays failed on a rerun unless retryFailed, which creates it again', async () => {
    const list = rows(2, (i) =>
      i === 1 ? { task: { model: 'kyyvideo2_fast', prompt: 'this one [fail]s' } } : {},
    );
    expect(phases(await run(list))).toEqual(
      expect.objectContaining({ 'row-1': 'downloaded', 'row-2': 'failed' }),
    );
    expect(creates()).toBe(2);
    await run(list);
    expect(creates()).toBe(2);
    await run(list, { retryFailed: true });
    expect(creates()).toBe(3);
  });

  it('a row an earlier run left "sending" is reported unknown and never created again', async () => {
    const line = {
      v: 2,
      key: 'row-1',
      index: 1,
      kind: 'video',
      event: 'reserved',
      state: { phase: 'sending' },
      at: new Date().toISOString(),
    };
    writeFileSync(join(env.dir, 'results.jsonl'), `${JSON.stringify(line)}\n`);
    const result = await run(rows(2));
    expect(phases(result)).toEqual({ 'row-1': 'unknown', 'row-2': 'downloaded' });
    expect(creates()).toBe(1);
    const retried = await run(rows(2), { retryUnknown: true });
    expect(phases(retried)['row-1']).toBe('downloaded');
    expect(creates()).toBe(2);
  });

  it('an expired video_url is reported as such, and the file is not written', async () => {
    const kyy = client();
    const expiring = {
      ...kyy,
      videos: {
        ...kyy.videos,
        waitUntilDone: async (...args: Parameters<typeof kyy.videos.waitUntilDone>) => {
          const task = await kyy.videos.waitUntilDone(...args);
          return { ...task, video_url: `${new URL(env.server.url).origin}/media/expired.mp4` };
        },
      },
    };
    const store = new JsonlStore(join(env.dir, 'results.jsonl'));
    const result = await runVideoBatch(expiring, rows(1), {
      store,
      outDir: env.dir,
      intervalMs: 20,
    });
    await store.close();
    const [row] = result.rows;
    expect(row?.state.phase).toBe('completed');
    expect(row?.reason).toBe('paused');
    expect(row?.error?.message).toMatch(/no longer serves the video.*24 hours/);
    expect(existsSync(join(env.dir, 'video-1.mp4'))).toBe(false);
  });

  it('a refused key stops the batch at its first create: the rest stay new, nothing counted', async () => {
    const wrong = createKyyClient({ apiKey: 'not-the-key', baseUrl: env.server.url });
    const store = new JsonlStore(join(env.dir, 'results.jsonl'), { redact });
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await runVideoBatch(wrong, rows(20), { store, concurrency: 1, outDir: env.dir });
    } finally {
      await store.close();
    }
    expect(creates()).toBe(1);
    expect(result.keyRefused).toBe(true);
    expect(result.sends).toBe(0);
    expect(result.sentKeys).toEqual([]);
    expect(phases(result)).toEqual({ 'row-1': 'rejected' });
    // The rerun with the right key creates every row, the refused one included.
    const again = await run(rows(20));
    expect(again.keyRefused).toBe(false);
    expect(again.sends).toBe(20);
    expect(creates()).toBe(21);
  });

  it('never writes the API key into the results file', async () => {
    await run(
      rows(2, (i) =>
        i === 0 ? { task: { model: 'kyyvideo2_fast', prompt: `${API_KEY} [fail]` } } : {},
      ),
    );
    const text = readFileSync(join(env.dir, 'results.jsonl'), 'utf8');
    expect(text).not.toContain(API_KEY);
    expect(text).toContain('[redacted]');
  });
});
