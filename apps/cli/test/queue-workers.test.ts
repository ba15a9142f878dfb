import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  batchStatus,
  openQueue,
  type QueueConnection,
  startTestPostgres,
  type TestPostgres,
} from '@kyyvideo/jobs/postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kyy } from './kyy-process.js';
import {
  type Child,
  duplicates,
  pollUntil,
  startCreateRecorder,
  startMockChild,
  startWorker,
  waitForLine,
} from './queue-support.js';

// One line when PostgreSQL cannot be had, then every test here is skipped.
const started = await startTestPostgres();
if (!started.ok) process.stderr.write(`${started.skip}\n`);
const postgres: TestPostgres | undefined = started.ok ? started.postgres : undefined;
afterAll(() => postgres?.stop());

const LEASE = '10';
let dir: string;
let children: Child[] = [];
let queue: QueueConnection | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-queue-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  children = [];
  await queue?.close();
  queue = undefined;
});

async function manifest(name: string, rows: number): Promise<string> {
  const lines = Array.from(
    { length: rows },
    (_, i) => `prompt ${name} ${i + 1},kyyvideo2_fast,5,${name}-${i + 1}.mp4`,
  );
  const file = join(dir, `${name}.csv`);
  await writeFile(file, `prompt,model,duration,out\n${lines.join('\n')}\n`);
  return file;
}

async function setUp(name: string, rows: number, taskMs: number) {
  if (!postgres) throw new Error('unreachable');
  const url = await postgres.database();
  const mock = await startMockChild(taskMs);
  children.push(mock.child);
  const recorder = await startCreateRecorder(mock.url);
  const file = await manifest(name, rows);
  const queued = await kyy([
    'videos',
    'batch',
    file,
    '--queue',
    url,
    '--batch',
    name,
    '--lease',
    LEASE,
  ]);
  expect(queued.stderr).toBe('');
  expect(queued.code).toBe(0);
  expect(queued.stdout).toContain(`queued ${rows} new rows`);
  queue = await openQueue(url);
  const outDir = join(dir, `${name}-out`);
  const worker = (concurrency: number) => {
    const child = startWorker(
      [
        '--queue',
        url,
        '--out-dir',
        outDir,
        '--base-url',
        recorder.url,
        '--concurrency',
        String(concurrency),
        '--interval',
        '0.2',
        '--lease',
        LEASE,
        '--exit-when-idle',
      ],
      dir,
    );
    children.push(child);
    return child;
  };
  const status = async () => {
    if (!queue) throw new Error('no queue');
    const [one] = await batchStatus(queue, { batch: name });
    if (!one) throw new Error(`batch ${name} is not queued`);
    return one;
  };
  // A worker writes each batch's videos into a folder named for the batch.
  const mp4s = async () => (await readdir(join(outDir, name))).filter((f) => f.endsWith('.mp4'));
  return { url, recorder, worker, status, mp4s, file };
}

describe.skipIf(!postgres)('kyy worker on PostgreSQL', () => {
  it('3 workers on 60 rows, one killed with -9 mid-run and another started: no prompt created twice, every row settled', async () => {
    const { recorder, worker, status, mp4s } = await setUp('kill', 60, 1500);
    const [first, second, third] = [worker(5), worker(5), worker(5)];
    await waitForLine(first as Child, /taking rows/);
    // Mid-run: some rows done, most not, and the victim holds rows in flight.
    await pollUntil(status, (s) => s.counts.downloaded >= 10, '10 rows downloaded');
    first?.process.kill('SIGKILL');
    expect(await first?.exited).toBe(null);
    const fourth = worker(5);
    const codes = await Promise.all([second, third, fourth].map((c) => c?.exited));
    expect(codes).toEqual([0, 0, 0]);

    expect(duplicates(recorder.prompts)).toEqual([]);
    const end = await status();
    const { downloaded, failed, unknown, rejected, pending, running } = end.counts;
    expect(pending + running + rejected).toBe(0);
    expect(downloaded + failed + unknown).toBe(60);
    expect((await mp4s()).length).toBe(downloaded);
    // The ledger counts a create once its write-ahead is committed; the killed worker may have
    // committed some that never left the machine (at most the 5 it had in flight).
    expect(end.creates).toBeGreaterThanOrEqual(recorder.prompts.length);
    expect(end.creates - recorder.prompts.length).toBeLessThanOrEqual(5);
    // Rows the victim left mid-create are unknown: never sent again.
    expect(unknown).toBeLessThanOrEqual(5);
  }, 300_000);

  it('SIGTERM: the worker stops taking rows and leaves those in progress to the next worker', async () => {
    const { recorder, worker, status, mp4s } = await setUp('term', 12, 3000);
    const first = worker(4);
    // Some rows created and waiting at the service: in progress when the signal comes.
    await pollUntil(status, (s) => s.counts.running >= 2, '2 rows in progress');
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped; rows in progress are left for any worker');
    const left = await status();
    expect(left.counts.unknown).toBe(0);
    expect(left.counts.downloaded).toBeLessThan(12);
    expect(await worker(4).exited).toBe(0);
    expect(duplicates(recorder.prompts)).toEqual([]);
    const end = await status();
    expect(end.counts.downloaded).toBe(12);
    expect(end.creates).toBe(recorder.prompts.length);
    expect((await mp4s()).length).toBe(12);
  }, 300_000);

  it('PostgreSQL restarted mid-run: workers reconnect and finish without a duplicate create', async (ctx) => {
    if (!postgres?.restart) {
      process.stderr.write(
        'restart test skipped: it needs its own cluster (KYY_TEST_POSTGRES_URL is set)\n',
      );
      ctx.skip();
      return;
    }
    const { url, recorder, worker, status, mp4s } = await setUp('restart', 30, 1000);
    const workers = [worker(4), worker(4)];
    await pollUntil(status, (s) => s.counts.downloaded >= 5, '5 rows downloaded');
    await queue?.close();
    queue = undefined;
    await postgres.restart();
    queue = await openQueue(url);
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join('\n----\n')).toEqual([0, 0]);
    expect(duplicates(recorder.prompts)).toEqual([]);
    const end = await status();
    expect(end.counts.downloaded + end.counts.failed + end.counts.unknown).toBe(30);
    expect((await mp4s()).length).toBe(end.counts.downloaded);
    expect(end.creates).toBe(recorder.prompts.length);
    // The restart was seen and ridden out, not missed.
    expect(workers.map((w) => w.output()).join('\n')).toMatch(/worker: database:/);
  }, 300_000);
});
