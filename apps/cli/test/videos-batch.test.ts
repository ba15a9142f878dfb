import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningMockServer, startMockServer } from '@kyyvideo/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyy, waitForOutput } from './kyy-process.js';

const KEY = 'sk-kyy-videos-batch-test-Qm4Zt7Rw2';
const CREATE = '/v1/kyyvideo2/videos';
const UPLOAD = '/kyyReactApiServer/kyyVideo2/asset/upload';

let server: RunningMockServer;

beforeAll(async () => {
  // Seconds cut to milliseconds; two tasks at a time, as a provider's queue would.
  server = await startMockServer({
    port: 0,
    apiKey: KEY,
    reviewDelayMs: 50,
    taskQueuedMs: 0,
    taskProcessingMs: 150,
    taskConcurrency: 2,
  });
});
afterAll(async () => {
  await server?.close();
});

const env = () => ({ KYY_BASE_URL: server.url, KYY_API_KEY: KEY });
const count = (path: string) =>
  server.mock.requests().filter((r) => r.method === 'POST' && r.path.endsWith(path)).length;

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyy-videos-batch-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const csv = (rows: string[]) => `prompt,duration,out\n${rows.join('\n')}\n`;
const FAST = ['--interval', '0.05'];

interface Summary {
  ok: boolean;
  interrupted: boolean;
  budgetReached: boolean;
  counts: Record<string, number>;
  createsSent: number;
  uploadsSent: number;
  secondsByModel: Record<string, number>;
  bytesDownloaded: number;
  rows: Array<{ where: string; out: string; state: string; taskId?: string }>;
}

const run = (cwd: string, ...args: string[]) =>
  kyy(['videos', 'batch', 'm.csv', '--out-dir', 'out', ...FAST, ...args], { env: env(), cwd });

const mp4s = (cwd: string) =>
  readdirSync(join(cwd, 'out'))
    .filter((f) => !f.startsWith('.'))
    .sort();

describe('kyy videos batch', () => {
  it('creates each row once, downloads every MP4, and a rerun sends nothing', async () => {
    const cwd = workdir({ 'm.csv': csv(['a cat,5,cat.mp4', 'a dog,10,dog.mp4', 'a fox,,']) });
    const creates = count(CREATE);
    const first = await run(cwd, '--json');
    expect(first.code, first.stderr).toBe(0);
    const doc = JSON.parse(first.stdout) as Summary;
    expect(doc.counts).toEqual({ downloaded: 3 });
    expect(doc.createsSent).toBe(3);
    expect(doc.secondsByModel).toEqual({ kyyvideo2: 20 });
    expect(doc.bytesDownloaded).toBeGreaterThan(0);
    expect(mp4s(cwd)).toEqual(['cat.mp4', 'dog.mp4', 'row-3.mp4']);
    for (const file of mp4s(cwd)) {
      expect(readFileSync(join(cwd, 'out', file)).toString('latin1', 4, 8)).toBe('ftyp');
    }
    expect(readdirSync(join(cwd, 'out')).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(count(CREATE) - creates).toBe(3);

    const again = await run(cwd, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Summary).createsSent).toBe(0);
    expect(count(CREATE) - creates).toBe(3);
    // The key never reaches a file.
    expect(readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8')).not.toContain(KEY);
  });

  it('lists every problem of every row, by row and column, and sends nothing (exit 2)', async () => {
    const cwd = workdir({
      'm.csv':
        'prompt,duration,last_frame,model,colour\n' +
        'ok,5,,kyyvideo2,\n' +
        'short,3,,kyyvideo2,\n' +
        'lonely last,5,https://example.com/l.png,kyyvideo2,\n' +
        'bad model,5,,kyyvideo9,\n',
    });
    const requests = server.mock.requests().length;
    const r = await run(cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('line 1: unknown column "colour"');
    expect(r.stderr).toMatch(/line 3: duration: .*4 to 15/);
    expect(r.stderr).toMatch(/line 4: .*last_frame.*first_frame/);
    expect(r.stderr).toMatch(/line 5: model: /);
    expect(r.stderr).toContain('nothing was sent');
    expect(server.mock.requests().length).toBe(requests);
  });

  it('reads JSON lines too, and reports a line that is not JSON', async () => {
    const cwd = workdir({ 'm.jsonl': '{"prompt":"a cat","duration":5}\n{"prompt": oops}\n' });
    const r = await kyy(['videos', 'batch', 'm.jsonl', '--out-dir', 'out'], { env: env(), cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2: not valid JSON');
  });

  it('--upload-references uploads a URL shared by several rows once', async () => {
    const frame = 'https://example.com/shared-first-frame.png';
    const cwd = workdir({
      'm.csv': `prompt,first_frame\none,${frame}\ntwo,${frame}\nthree,${frame}\n`,
    });
    const uploads = count(UPLOAD);
    const creates = count(CREATE);
    const r = await run(cwd, '--upload-references', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(count(UPLOAD) - uploads).toBe(1);
    expect(count(CREATE) - creates).toBe(3);
    expect((JSON.parse(r.stdout) as Summary).uploadsSent).toBe(1);
  });

  it('--dry-run sends nothing and says what would be created', async () => {
    const cwd = workdir({
      'm.csv':
        'prompt,model,duration,first_frame\na,kyyvideo2,5,https://example.com/f.png\nb,kyyvideo2_fast,8,\n',
    });
    const requests = server.mock.requests().length;
    const r = await run(cwd, '--dry-run', '--upload-references');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 would be created (13 s of video)');
    expect(r.stdout).toContain('kyyvideo2: 1 task, 5 s of video');
    expect(r.stdout).toContain('kyyvideo2_fast: 1 task, 8 s of video');
    expect(r.stdout).toContain('https://example.com/f.png');
    expect(server.mock.requests().length).toBe(requests);

    // It runs the real run's local checks: a file the run would refuse to replace is reported.
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'row-2.mp4'), 'my own file');
    const taken = await run(cwd, '--dry-run');
    expect(taken.code, taken.stderr).toBe(2);
    expect(taken.stderr).toContain('line 3: "out/row-2.mp4" already exists');
    const forced = await run(cwd, '--dry-run', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Of 2 rows, 2 would be created');
    expect(server.mock.requests().length).toBe(requests);
  });

  it('--max-tasks sends that many creates, exits 7 with the rows left; the rerun finishes', async () => {
    const cwd = workdir({ 'm.csv': csv(['a,5,a.mp4', 'b,5,b.mp4', 'c,5,c.mp4', 'd,5,d.mp4']) });
    const creates = count(CREATE);
    const first = await run(cwd, '--max-tasks', '2', '--concurrency', '1');
    expect(first.code, first.stderr).toBe(7);
    expect(first.stdout).toContain('Budget reached (--max-tasks): 2 rows not created.');
    expect(count(CREATE) - creates).toBe(2);
    const second = await run(cwd);
    expect(second.code, second.stderr).toBe(0);
    expect(count(CREATE) - creates).toBe(4);
    expect(mp4s(cwd)).toEqual(['a.mp4', 'b.mp4', 'c.mp4', 'd.mp4']);
  });

  it('a failed task exits 6 and is not created again unless --retry-failed', async () => {
    const cwd = workdir({ 'm.csv': csv(['fine,5,ok.mp4', 'this will [fail],5,bad.mp4']) });
    const creates = count(CREATE);
    const first = await run(cwd);
    expect(first.code, first.stderr).toBe(6);
    expect(first.stdout).toMatch(/bad\.mp4 {2}failed video_/);
    expect((await run(cwd)).code).toBe(6);
    expect(count(CREATE) - creates).toBe(2);
    expect((await run(cwd, '--retry-failed')).code).toBe(6);
    expect(count(CREATE) - creates).toBe(3);
  });

  it('a second run on the same results file exits 5 at once and sends nothing', async () => {
    const cwd = workdir({ 'm.csv': csv(['a,5,a.mp4']) });
    // A lock held by a live process (this test's own).
    writeFileSync(
      join(cwd, 'm.csv.results.jsonl.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }),
    );
    const requests = server.mock.requests().length;
    const r = await run(cwd);
    expect(r.code, r.stderr).toBe(5);
    expect(server.mock.requests().length).toBe(requests);
  });

  it('a refused key stops at the first create, counts no create, says what to fix; the rerun resumes', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => `video ${i},5,v${i}.mp4`);
    const cwd = workdir({ 'm.csv': csv(rows) });
    const creates = count(CREATE);
    const wrongKey = 'sk-kyy-not-this-service-key-Zr8';
    const refused = await kyy(
      ['videos', 'batch', 'm.csv', '--out-dir', 'out', '--concurrency', '2', ...FAST, '--json'],
      { env: { ...env(), KYY_API_KEY: wrongKey }, cwd },
    );
    expect(refused.code, refused.stderr).toBe(1);
    // Two lanes may each have sent one before the first refusal came back; never all eight.
    expect(count(CREATE) - creates).toBeLessThanOrEqual(2);
    const doc = JSON.parse(refused.stdout) as Summary & { keyRefused: boolean };
    expect(doc.keyRefused).toBe(true);
    expect(doc.createsSent).toBe(0);
    expect(doc.secondsByModel).toEqual({});
    expect(refused.stdout + refused.stderr).not.toContain(wrongKey);

    const text = await kyy(
      ['videos', 'batch', 'm.csv', '--out-dir', 'out', '--concurrency', '1', ...FAST],
      {
        env: { ...env(), KYY_API_KEY: wrongKey },
        cwd,
      },
    );
    expect(text.stdout).toContain('The service refused the API key');
    // The client's sentence names its own option; kyy names its variable and flag.
    expect(refused.stdout + text.stdout + text.stderr).not.toContain('apiKey option');
    expect(text.stdout).toContain('(0 created now');
    expect(text.stdout).toContain('To resume: kyy videos batch m.csv --out-dir out');

    const rerun = await run(cwd, '--json');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((JSON.parse(rerun.stdout) as Summary).createsSent).toBe(8);
    expect(mp4s(cwd)).toHaveLength(8);
  });

  it("refuses a file in --out-dir that is not the row's own download (exit 2, nothing sent) unless --force", async () => {
    const cwd = workdir({ 'm.csv': csv(['a cat,5,cat.mp4', 'a dog,5,']) });
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', 'row-2.mp4'), 'my own file');
    const requests = server.mock.requests().length;
    const refused = await run(cwd);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('line 3: "out/row-2.mp4" already exists');
    expect(refused.stderr).toContain('out/row-2.mp4');
    expect(refused.stderr).toContain('pass --force');
    expect(refused.stderr).toContain('Nothing was sent.');
    expect(server.mock.requests().length).toBe(requests);
    expect(readFileSync(join(cwd, 'out', 'row-2.mp4'), 'utf8')).toBe('my own file');

    // --force replaces it; a rerun then skips the rows' own downloads rather than refusing them.
    const forced = await run(cwd, '--force', '--json');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'out', 'row-2.mp4')).toString('latin1', 4, 8)).toBe('ftyp');
    const creates = count(CREATE);
    const again = await run(cwd);
    expect(again.code, again.stderr).toBe(0);
    expect(count(CREATE)).toBe(creates);

    // An edited prompt is a new row: the old row's video is not silently replaced.
    writeFileSync(join(cwd, 'm.csv'), csv(['a cat in a hat,5,cat.mp4', 'a dog,5,']));
    const edited = await run(cwd);
    expect(edited.code, edited.stderr).toBe(2);
    expect(edited.stderr).toContain('out/cat.mp4');
    expect(edited.stderr).not.toContain('row-2.mp4');
    expect(count(CREATE)).toBe(creates);
  });

  it('Ctrl-C leaves a resumable state and says how to resume; the rerun creates nothing twice', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `video ${i},5,v${i}.mp4`);
    const cwd = workdir({ 'm.csv': csv(rows) });
    const creates = count(CREATE);
    const stopped = await kyy(
      ['videos', 'batch', 'm.csv', '--out-dir', 'out', '--concurrency', '1', ...FAST],
      {
        env: env(),
        cwd,
        onSpawn: (child, out) => {
          void waitForOutput(child, out.stderr, (t) => t.includes('[1/6]')).then(() =>
            child.kill('SIGINT'),
          );
        },
      },
    );
    expect(stopped.code, stopped.stderr).toBe(130);
    // The pasted command runs at the same pace as the one that stopped.
    expect(stopped.stdout).toContain(
      'To resume: kyy videos batch m.csv --out-dir out --concurrency 1 --interval 0.05',
    );
    const sent = count(CREATE) - creates;
    expect(sent).toBeLessThan(6);
    const rerun = await run(cwd);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(count(CREATE) - creates).toBe(6);
    expect(mp4s(cwd)).toHaveLength(6);
  });
});
