import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSET_ID_PATTERN } from '@kyyvideo/contract';
import { type RunningMockServer, startMockServer } from '@kyyvideo/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyy, transcript, waitForOutput } from './kyy-process.js';

const KEY = 'sk-kyy-batch-test-Vf6Pq1Xs8Dm0';

let fast: RunningMockServer;
/** Every response takes a while, so a run can be interrupted with uploads still ahead. */
let slow: RunningMockServer;

beforeAll(async () => {
  fast = await startMockServer({ port: 0, apiKey: KEY, reviewDelayMs: 0 });
  slow = await startMockServer({ port: 0, apiKey: KEY, reviewDelayMs: 0, latencyMs: 250 });
});
afterAll(async () => {
  await fast?.close();
  await slow?.close();
});

const envFor = (server: RunningMockServer) => ({ KYY_BASE_URL: server.url, KYY_API_KEY: KEY });
const uploads = (server: RunningMockServer) =>
  server.mock.requests().filter((r) => r.method === 'POST').length;

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyy-batch-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface BatchDoc {
  ok: boolean;
  interrupted: boolean;
  resultsFile: string;
  summary: Record<string, number>;
  items: Array<{
    index: number;
    where: string;
    status: string;
    assetId?: string;
    ref?: string;
    error?: { type: string };
  }>;
}

const csv = (urls: string[]) =>
  `type,url,name\n${urls.map((u, i) => `Image,${u},item ${i + 1}`).join('\n')}\n`;

describe('kyy assets batch', () => {
  it('uploads a CSV manifest and prints one JSON document describing every item', async () => {
    const cwd = workdir({
      'm.csv': csv([
        'https://example.com/1.png',
        'https://example.com/2.png',
        'https://example.com/3.png',
      ]),
    });
    const before = fast.mock.store.size;
    const r = await kyy(['assets', 'batch', 'm.csv', '--json'], { env: envFor(fast), cwd });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as BatchDoc;
    expect(doc).toMatchObject({
      ok: true,
      interrupted: false,
      resultsFile: 'm.csv.results.jsonl',
      summary: { total: 3, succeeded: 3, failed: 0, skipped: 0, unknown: 0, interrupted: 0 },
    });
    expect(doc.items.map((i) => [i.where, i.status])).toEqual([
      ['line 2', 'uploaded'],
      ['line 3', 'uploaded'],
      ['line 4', 'uploaded'],
    ]);
    for (const item of doc.items) {
      expect(item.assetId).toMatch(ASSET_ID_PATTERN);
      expect(item.ref).toBe(`asset://${item.assetId}`);
    }
    expect(fast.mock.store.size - before).toBe(3);
    const events = readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).event);
    // Each upload announced before it was sent (reserved), then its answer (sent).
    expect(events.filter((e) => e === 'reserved')).toHaveLength(3);
    expect(events.filter((e) => e === 'sent')).toHaveLength(3);
  });

  it('prints one plain line per item without a terminal, then a summary on stdout', async () => {
    const cwd = workdir({
      'm.csv': csv(['https://example.com/p1.png', 'https://example.com/p2.png']),
    });
    const r = await kyy(['assets', 'batch', 'm.csv', '--concurrency', '1'], {
      env: envFor(fast),
      cwd,
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[1\/2\] line 2 {2}uploaded {2}asset-\d{14}-[a-z0-9]{5}$/);
    expect(lines[1]).toMatch(/^\[2\/2\] line 3 {2}uploaded {2}asset-/);
    expect(r.stdout).toMatch(/^2\/2 succeeded\nResults: m\.csv\.results\.jsonl\n$/);
  });

  it('--wait waits for every review; a failed review makes the run exit 3', async () => {
    const manifest = JSON.stringify([
      { type: 'Image', url: 'https://example.com/ok.png' },
      { type: 'Video', url: 'https://example.com/reject.mp4', name: 'bad' },
    ]);
    const cwd = workdir({ 'm.json': manifest });
    const r = await kyy(['assets', 'batch', 'm.json', '--wait', '--json'], {
      env: envFor(fast),
      cwd,
    });
    expect(r.code, r.stderr).toBe(3);
    const doc = JSON.parse(r.stdout) as BatchDoc;
    expect(doc.ok).toBe(false);
    expect(doc.items.map((i) => i.status)).toEqual(['active', 'review-failed']);
    expect(doc.items[1]?.error?.type).toBe('KyyAssetFailedError');
    // A failed review is final: running again does not upload it again.
    const before = uploads(fast);
    const again = await kyy(['assets', 'batch', 'm.json', '--wait', '--json'], {
      env: envFor(fast),
      cwd,
    });
    expect(again.code, again.stderr).toBe(3);
    expect(uploads(fast)).toBe(before);
    expect((JSON.parse(again.stdout) as BatchDoc).items.map((i) => i.status)).toEqual([
      'skipped',
      'review-failed',
    ]);
  });

  it('resumes: what succeeded is skipped, what the service rejected is retried', async () => {
    const urls = [
      'https://example.com/r1.png',
      'https://unreachable.invalid/r2.png',
      'https://example.com/r3.png',
    ];
    const cwd = workdir({ 'm.csv': csv(urls) });
    const sizeBefore = fast.mock.store.size;
    const uploadsBefore = uploads(fast);

    const first = await kyy(['assets', 'batch', 'm.csv', '--json'], { env: envFor(fast), cwd });
    expect(first.code, first.stderr).toBe(1);
    const firstDoc = JSON.parse(first.stdout) as BatchDoc;
    expect(firstDoc.items.map((i) => i.status)).toEqual(['uploaded', 'rejected', 'uploaded']);
    expect(firstDoc.items[1]?.error?.type).toBe('KyyUrlUnreachableError');
    expect(fast.mock.store.size - sizeBefore).toBe(2);
    expect(uploads(fast) - uploadsBefore).toBe(3);

    const second = await kyy(['assets', 'batch', 'm.csv', '--json'], { env: envFor(fast), cwd });
    expect(second.code, second.stderr).toBe(1);
    const secondDoc = JSON.parse(second.stdout) as BatchDoc;
    expect(secondDoc.items.map((i) => i.status)).toEqual(['skipped', 'rejected', 'skipped']);
    expect(secondDoc.items[0]?.assetId).toBe(firstDoc.items[0]?.assetId);
    expect(uploads(fast) - uploadsBefore).toBe(4); // only the rejected item was sent again

    // Fix the bad line: only it is uploaded, the rest stays done.
    writeFileSync(
      join(cwd, 'm.csv'),
      csv([urls[0] as string, 'https://example.com/r2.png', urls[2] as string]),
    );
    const third = await kyy(['assets', 'batch', 'm.csv'], { env: envFor(fast), cwd });
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/Resuming from m\.csv\.results\.jsonl: 2 done earlier, 1 to do\./);
    expect(third.stdout).toMatch(/^3\/3 succeeded \(2 done in an earlier run\)/);
    expect(uploads(fast) - uploadsBefore).toBe(5);
    expect(fast.mock.store.size - sizeBefore).toBe(3);
  });

  it('never re-uploads an item whose outcome is unknown, unless --retry-unknown', async () => {
    const cwd = workdir({
      'm.csv': csv(['https://example.com/u1.png', 'https://example.com/u2.png']),
    });
    const uploadsBefore = uploads(fast);
    // The first upload's connection drops after it was sent: did it create an asset? Unknown.
    fast.mock.use('drop-connection', { times: 1 });
    const first = await kyy(['assets', 'batch', 'm.csv', '--concurrency', '1', '--json'], {
      env: envFor(fast),
      cwd,
    });
    expect(first.code, first.stderr).toBe(1);
    const firstDoc = JSON.parse(first.stdout) as BatchDoc;
    expect(firstDoc.items.map((i) => i.status)).toEqual(['unknown', 'uploaded']);
    expect(firstDoc.items[0]?.error?.type).toBe('KyyUploadOutcomeUnknownError');

    const second = await kyy(['assets', 'batch', 'm.csv'], { env: envFor(fast), cwd });
    expect(second.code, second.stderr).toBe(1);
    expect(second.stdout).toMatch(/line 2 {2}unknown {2}an earlier run sent this upload/);
    expect(second.stdout).toMatch(/add --retry-unknown to upload again \(may create duplicates\)/);
    expect(uploads(fast) - uploadsBefore).toBe(2); // nothing sent on the second run

    const third = await kyy(['assets', 'batch', 'm.csv', '--retry-unknown', '--json'], {
      env: envFor(fast),
      cwd,
    });
    expect(third.code, third.stderr).toBe(0);
    expect((JSON.parse(third.stdout) as BatchDoc).items.map((i) => i.status)).toEqual([
      'uploaded',
      'skipped',
    ]);
    expect(uploads(fast) - uploadsBefore).toBe(3);
  });

  it('after a hard kill mid-run, resumes without re-uploading anything that was sent', async () => {
    const urls = [
      'https://example.com/k1.png',
      'https://example.com/k2.png',
      'https://example.com/k3.png',
      'https://example.com/k4.png',
    ];
    const cwd = workdir({ 'm.csv': csv(urls) });
    const uploadsBefore = uploads(slow);
    const killed = await kyy(['assets', 'batch', 'm.csv', '--concurrency', '1'], {
      env: envFor(slow),
      cwd,
      onSpawn: (child, out) => {
        // Kill -9 as soon as the first item is done: the second upload is in flight.
        void waitForOutput(child, out.stderr, (t) => t.includes('[1/4]')).then(() =>
          child.kill('SIGKILL'),
        );
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const sentBeforeKill = uploads(slow) - uploadsBefore;
    expect(sentBeforeKill).toBeGreaterThanOrEqual(1);
    expect(sentBeforeKill).toBeLessThan(4);

    const resumed = await kyy(['assets', 'batch', 'm.csv', '--json'], { env: envFor(slow), cwd });
    const doc = JSON.parse(resumed.stdout) as BatchDoc;
    const statuses = doc.items.map((i) => i.status);
    expect(statuses[0]).toBe('skipped');
    // Each item was sent at most once across both runs.
    expect(uploads(slow) - uploadsBefore).toBeLessThanOrEqual(4);
    const started = readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { key: string; event: string })
      .filter((r) => r.event === 'reserved')
      .map((r) => r.key);
    expect(new Set(started).size).toBe(started.length);
    // The upload that was in flight at the kill is reported, not silently repeated.
    if (statuses.includes('unknown')) expect(resumed.code, resumed.stderr).toBe(1);
    else expect(resumed.code, resumed.stderr).toBe(0);
  });

  it('on Ctrl-C finishes the uploads in flight, starts no more, and exits 130; the rerun completes', async () => {
    const urls = [
      'https://example.com/i1.png',
      'https://example.com/i2.png',
      'https://example.com/i3.png',
      'https://example.com/i4.png',
      'https://example.com/i5.png',
    ];
    const cwd = workdir({ 'm.csv': csv(urls) });
    const sizeBefore = slow.mock.store.size;
    const uploadsBefore = uploads(slow);
    const interrupted = await kyy(['assets', 'batch', 'm.csv', '--concurrency', '1', '--json'], {
      env: envFor(slow),
      cwd,
      onSpawn: (child) => {
        // Ctrl-C right after the mock stored the first asset: later uploads are still ahead.
        const stop = slow.mock.store.subscribe(() => {
          stop();
          child.kill('SIGINT');
        });
      },
    });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const doc = JSON.parse(interrupted.stdout) as BatchDoc;
    expect(doc.interrupted).toBe(true);
    const done = doc.items.filter((i) => i.status === 'uploaded').length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(5);
    expect(doc.items.filter((i) => i.status === 'unknown')).toEqual([]);
    expect(slow.mock.store.size - sizeBefore).toBe(done);

    const rerun = await kyy(['assets', 'batch', 'm.csv', '--json'], { env: envFor(slow), cwd });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((JSON.parse(rerun.stdout) as BatchDoc).summary).toMatchObject({
      total: 5,
      succeeded: 5,
      skipped: done,
    });
    expect(slow.mock.store.size - sizeBefore).toBe(5);
    expect(uploads(slow) - uploadsBefore).toBe(5);
  });

  it('a second Ctrl-C quits at once, saying what was recorded', async () => {
    // Answers the first upload; holds every later one, so only a second Ctrl-C ends the run.
    let answered = 0;
    const held: ServerResponse[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (answered++ > 0) return held.push(res);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ code: 0, msg: null, data: { assetId: 'asset-20260330142158-twice' } }),
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const cwd = workdir({
        'm.csv': csv(['1', '2', '3'].map((n) => `https://example.com/t${n}.png`)),
      });
      const r = await kyy(['assets', 'batch', 'm.csv', '--concurrency', '1'], {
        env: { KYY_BASE_URL: `http://127.0.0.1:${port}/kyyReactApiServer`, KYY_API_KEY: KEY },
        cwd,
        onSpawn: (child, out) => {
          void waitForOutput(child, out.stderr, (t) => t.includes('[1/3]'))
            .then(() => child.kill('SIGINT'))
            .then(() => waitForOutput(child, out.stderr, (t) => t.includes('Ctrl-C again')))
            .then(() => child.kill('SIGINT'));
        },
      });
      expect(r.code, r.stderr).toBe(130);
      expect(r.stderr).toContain(
        'Stopped. Every finished step is recorded in m.csv.results.jsonl; run the same command again to resume.',
      );
      // The held upload is on disk as reserved (outcome unknown), the first as sent.
      const events = readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { event: string }).event);
      expect(events).toEqual(['reserved', 'sent', 'reserved']);
    } finally {
      for (const res of held) res.destroy();
      await new Promise((done) => server.close(done));
    }
  });

  it('lists every manifest problem and sends nothing', async () => {
    const cwd = workdir({
      'm.csv':
        'type,url\npicture,https://example.com/a.png\nImage,example.com/b.png\nImage,https://example.com/c.png\n',
    });
    const before = uploads(fast);
    const r = await kyy(['assets', 'batch', 'm.csv'], { env: envFor(fast), cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/m\.csv has 2 problems; nothing was uploaded\. Fix:/);
    expect(r.stderr).toMatch(/line 2: "type": Use one of Image, Video, Audio, Document/);
    expect(r.stderr).toMatch(/line 3: "url": Give an absolute URL/);
    expect(uploads(fast)).toBe(before);
    expect(existsSync(join(cwd, 'm.csv.results.jsonl'))).toBe(false);
  });

  it('one run owns a results file: a second concurrent run exits 5 at once and sends nothing', async () => {
    const urls = Array.from({ length: 50 }, (_, i) => `https://example.com/lock-${i}.png`);
    const cwd = workdir({ 'm.csv': csv(urls) });
    const sizeBefore = slow.mock.store.size;
    let second: Promise<Awaited<ReturnType<typeof kyy>>> | undefined;
    const first = await kyy(['assets', 'batch', 'm.csv', '--concurrency', '8'], {
      env: envFor(slow),
      cwd,
      onSpawn: (child, out) => {
        // The first item is recorded, so the first run holds the lock: start the second now.
        second = waitForOutput(child, out.stderr, (t) => /\[ *1\/50\]/.test(t)).then(() =>
          kyy(['assets', 'batch', 'm.csv', '--concurrency', '8'], { env: envFor(slow), cwd }),
        );
      },
    });
    const other = await (second as NonNullable<typeof second>);
    expect(first.code, first.stderr).toBe(0);
    expect(other.code, other.stderr).toBe(5);
    expect(other.stderr).toMatch(
      /Another run is using the results file "m\.csv\.results\.jsonl": kyy \(pid \d+\)/,
    );
    expect(slow.mock.store.size - sizeBefore).toBe(50);
    // The lock goes with the run that held it.
    expect(existsSync(join(cwd, 'm.csv.results.jsonl.lock'))).toBe(false);
  });

  it('takes over a lock left by a run that no longer exists, and refuses one held by a live process', async () => {
    const cwd = workdir({ 'm.csv': csv(['https://example.com/stale-1.png']) });
    const lock = join(cwd, 'm.csv.results.jsonl.lock');
    // A pid that surely ran and ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const owner = (pid: number) =>
      JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' });

    writeFileSync(lock, owner(process.pid));
    const before = uploads(fast);
    const refused = await kyy(['assets', 'batch', 'm.csv'], { env: envFor(fast), cwd });
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toContain(`kyy (pid ${process.pid})`);
    expect(uploads(fast)).toBe(before);
    expect(readFileSync(lock, 'utf8')).toBe(owner(process.pid));

    writeFileSync(lock, owner(dead));
    const taken = await kyy(['assets', 'batch', 'm.csv', '--json'], { env: envFor(fast), cwd });
    expect(taken.code, taken.stderr).toBe(0);
    expect((JSON.parse(taken.stdout) as BatchDoc).summary.succeeded).toBe(1);
    expect(uploads(fast)).toBe(before + 1);
    expect(existsSync(lock)).toBe(false);
  });

  it('never printed the key', () => {
    expect(transcript.length).toBeGreaterThan(10);
    for (const text of transcript) expect(text).not.toContain(KEY);
  });
});

describe('nothing secret on disk', () => {
  it('a key the server echoes into its answer reaches neither the terminal nor the results file', async () => {
    // A server that answers every upload with a refusal quoting the Authorization header.
    const echo = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            code: 1001,
            msg: `cannot fetch; you sent ${req.headers.authorization}`,
            data: null,
          }),
        );
      });
    });
    await new Promise<void>((done) => echo.listen(0, '127.0.0.1', done));
    try {
      const { port } = echo.address() as AddressInfo;
      const cwd = workdir({ 'm.csv': csv(['https://example.com/echo.png']) });
      const r = await kyy(['assets', 'batch', 'm.csv', '--json'], {
        env: { KYY_BASE_URL: `http://127.0.0.1:${port}/kyyReactApiServer`, KYY_API_KEY: KEY },
        cwd,
      });
      expect(r.code, r.stderr).toBe(1);
      expect((JSON.parse(r.stdout) as BatchDoc).items[0]?.status).toBe('rejected');
      const results = readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8');
      expect(results).toContain('"event":"send-rejected"');
      expect(results).not.toContain(KEY);
      expect(r.stdout + r.stderr).not.toContain(KEY);
    } finally {
      await new Promise((done) => echo.close(done));
    }
  });
});
