import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openQueue, startTestPostgres, type TestPostgres } from '@kyyvideo/jobs/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyy } from './kyy-process.js';

const started = await startTestPostgres();
if (!started.ok) process.stderr.write(`${started.skip}\n`);
const postgres: TestPostgres | undefined = started.ok ? started.postgres : undefined;
afterAll(() => postgres?.stop());

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-queue-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function manifest(name: string, lines: readonly string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `prompt,model,duration,out\n${lines.join('\n')}\n`);
  return file;
}

const row = (i: number) => `video ${i},kyyvideo2_fast,5,v-${i}.mp4`;

describe('kyy videos batch --queue: refused before anything is queued', () => {
  it('a --queue that is not a PostgreSQL URL, and flags of a local run', async () => {
    const file = await manifest('flags.csv', [row(1)]);
    const bad = await kyy(['videos', 'batch', file, '--queue', 'mysql://db/x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--queue must start with postgres:// or postgresql://');
    const local = await kyy([
      'videos',
      'batch',
      file,
      '--queue',
      'postgres://127.0.0.1:1/x',
      '--concurrency',
      '3',
      '--dry-run',
      '--force',
    ]);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--concurrency, --dry-run, --force do not apply with --queue');
    const noOutDir = await kyy(['videos', 'batch', file]);
    expect(noOutDir.code).toBe(2);
    expect(noOutDir.stderr).toContain("'--out-dir <dir>' not specified (or give --queue");
  });
});

describe.skipIf(!postgres)('kyy videos batch --queue and kyy videos status', () => {
  it('queues once: the same manifest again adds nothing, a longer one lists only the new rows', async () => {
    const url = await postgres?.database();
    if (!url) throw new Error('unreachable');
    const three = await manifest('three.csv', [row(1), row(2), row(3)]);
    const first = await kyy(['videos', 'batch', three, '--queue', url, '--batch', 'spring']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Batch spring: queued 3 new rows.');
    expect(first.stdout).toContain(`Start workers with: kyy worker --queue ${url} --out-dir <dir>`);
    // With a password in the URL, the commands it suggests neither print it nor mask it (a
    // masked password pasted back would fail): they say where the URL goes.
    const withPassword = url.replace('://postgres@', '://postgres:Pw-secret-42@');
    expect(withPassword).not.toBe(url);
    const again = await kyy([
      'videos',
      'batch',
      three,
      '--queue',
      withPassword,
      '--batch',
      'spring',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('kyy worker --queue <the --queue URL> --out-dir <dir>');
    expect(again.stdout + again.stderr).not.toContain('Pw-secret-42');
    expect(again.stdout + again.stderr).not.toContain('***');
    expect(again.stdout).toContain('nothing new; all 3 rows were already queued');
    const four = await manifest('four.csv', [row(1), row(2), row(3), row(4)]);
    const more = await kyy([
      '--json',
      'videos',
      'batch',
      four,
      '--queue',
      url,
      '--batch',
      'spring',
    ]);
    expect(more.code).toBe(0);
    expect(JSON.parse(more.stdout)).toMatchObject({
      batch: 'spring',
      rows: 4,
      existing: 3,
      added: [{ where: 'line 5' }],
    });
    const status = await kyy(['--json', 'videos', 'status', '--queue', url, '--batch', 'spring']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      batch: 'spring',
      folder: 'spring/',
      rows: 4,
      pending: 4,
      running: 0,
      downloaded: 0,
      failed: 0,
      unknown: 0,
      creates: 0,
    });
    const human = await kyy(['videos', 'status', '--queue', url]);
    expect(human.stdout).toContain('Batch spring: 4 rows');
    expect(human.stdout).toContain('pending 4, running 0, downloaded 0, failed 0, unknown 0');
    expect(human.stdout).toContain('videos: written by each worker into <its --out-dir>/spring/');
  });

  it('a manifest with problems queues nothing (exit 2, every problem named)', async () => {
    const url = await postgres?.database();
    if (!url) throw new Error('unreachable');
    const file = await manifest('bad.csv', [
      row(1),
      'cat,kyyvideo2_fast,3,c.mp4',
      ',kyyvideo2,5,d.mp4',
    ]);
    const run = await kyy(['videos', 'batch', file, '--queue', url, '--batch', 'bad']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 3: duration/);
    expect(run.stderr).toMatch(/line 4: prompt/);
    const status = await kyy(['videos', 'status', '--queue', url, '--batch', 'bad']);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('No batch bad in this queue');
  });

  it('a worker without an API key stops before it takes a row', async () => {
    const url = await postgres?.database();
    if (!url) throw new Error('unreachable');
    const file = await manifest('nokey.csv', [row(1)]);
    await kyy(['videos', 'batch', file, '--queue', url, '--batch', 'nokey']);
    const run = await kyy([
      'worker',
      '--queue',
      url,
      '--out-dir',
      join(dir, 'out'),
      '--exit-when-idle',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('KYY_API_KEY');
    const status = await kyy(['--json', 'videos', 'status', '--queue', url, '--batch', 'nokey']);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: 1, running: 0, creates: 0 });
  });

  it('a worker whose every row fails the same way stops (exit 1) and says why', async () => {
    const url = await postgres?.database();
    if (!url) throw new Error('unreachable');
    const file = await manifest(
      'damaged.csv',
      Array.from({ length: 12 }, (_, i) => row(i + 1)),
    );
    await kyy(['videos', 'batch', file, '--queue', url, '--batch', 'damaged']);
    const queue = await openQueue(url);
    try {
      // A damaged store (a bug, a hand edit): every row's state is one no engine knows. The
      // worker's start-up cannot repair it, unlike a dropped table, which it creates again.
      await queue.pool.query(
        `UPDATE kyy_batch.row SET state = '{"phase":"bogus"}'::jsonb WHERE batch = 'damaged'`,
      );
    } finally {
      await queue.close();
    }
    // Not --exit-when-idle: without the stop, this worker would run until the test's limit.
    const run = await kyy(
      ['worker', '--queue', url, '--out-dir', join(dir, 'out'), '--concurrency', '1'],
      { env: { KYY_API_KEY: 'sk-kyy-worker-dropped-table', KYY_BASE_URL: 'http://127.0.0.1:9' } },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toContain('so this worker stopped taking rows');
    expect(run.stdout + run.stderr).toContain(
      'A batch row in phase "bogus" cannot take the event "start"',
    );
    expect(run.stdout + run.stderr).toContain('start the worker again');
  });
});
