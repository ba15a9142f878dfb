import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type KyyOptions, type KyyRun, kyy, waitForOutput } from './kyy-process.js';

// Process-level: the built `kyy` against a real `kyy mock` on a free port, as a user runs them.
const KEY = 'sk-kyy-video-test-Vq7Rt2Mx9Lp4';
/** Generous for a busy two-core machine: every wait below ends on an event, not on a clock. */
const LONG = 180_000;

let mock: ChildProcess;
let url = '';
let env: Record<string, string>;
const runs: KyyRun[] = [];

async function run(args: string[], cwd: string, onSpawn?: KyyOptions['onSpawn']) {
  const result = await kyy(['--base-url', url, ...args], { env, cwd, ...(onSpawn && { onSpawn }) });
  runs.push(result);
  return result;
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'kyy-video-'));
}

/** An MP4 starts with a box whose type is `ftyp` (bytes 4–7). */
function isMp4(path: string): boolean {
  const bytes = readFileSync(path);
  return bytes.length > 1000 && bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

/** No file at `path` and no temporary file of the download beside it. */
function nothingWritten(dir: string, name: string): void {
  expect(existsSync(join(dir, name))).toBe(false);
  expect(readdirSync(dir).filter((file) => file.includes(name))).toEqual([]);
}

let imageRef = '';

beforeAll(async () => {
  // Tasks stay queued 1 s and processing 8 s: long enough to press Ctrl-C in the middle.
  mock = spawn(
    process.execPath,
    [BIN, 'mock', '--port', '0', '--json', '--review-delay', '200', '--task-processing', '8000'],
    { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  mock.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  await waitForOutput(
    mock,
    () => stdout,
    (text) => text.includes('}'),
  );
  url = (JSON.parse(stdout) as { url: string }).url;
  env = { KYY_API_KEY: KEY };
  // A first frame as a user gets one: an image uploaded to the service and reviewed (Active).
  const up = await run(
    [
      'assets',
      'upload',
      '--type',
      'Image',
      '--url',
      `${url}/mock-media/sample-image.png`,
      '--wait',
      '--quiet',
    ],
    freshDir(),
  );
  expect(up.code, up.stderr).toBe(0);
  imageRef = `asset://${up.stdout.trim()}`;
}, LONG);

afterAll(() => {
  mock?.kill('SIGTERM');
});

describe('kyy generate', () => {
  it(
    'leaves a playable MP4 at --out, printing the task id as soon as it exists',
    async () => {
      const dir = freshDir();
      const r = await run(
        [
          'generate',
          'a cat in the rain',
          '--first-frame',
          imageRef,
          '--out',
          'cat.mp4',
          '--interval',
          '1',
        ],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(isMp4(join(dir, 'cat.mp4'))).toBe(true);
      const id = /Task (video_[0-9a-f-]+) created/.exec(r.stderr)?.[1];
      expect(id).toBeDefined();
      // The id line comes before any status line, and the status ends completed.
      expect(r.stderr.indexOf('created')).toBeLessThan(r.stderr.indexOf(' queued'));
      expect(r.stderr).toMatch(
        new RegExp(`${id} completed · \\d+:\\d\\d elapsed · usually 2–5 min`),
      );
      expect(r.stdout).toContain(`${id}`);
      expect(r.stdout).toContain(join(dir, 'cat.mp4'));
    },
    LONG,
  );

  it(
    '--json prints one document: the task, its video URL, the assets made and the file',
    async () => {
      const dir = freshDir();
      const r = await run(
        [
          '--json',
          'generate',
          'a cat in the rain',
          '--ref-image',
          `${url}/mock-media/sample-image.png`,
          '--upload-references',
          '--out',
          'ref.mp4',
          '--interval',
          '1',
        ],
        dir,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const doc = JSON.parse(r.stdout);
      expect(doc.task).toMatchObject({ status: 'completed', object: 'video' });
      expect(doc.task.id).toMatch(/^video_/);
      expect(doc.videoUrl).toBe(doc.task.video_url);
      expect(doc.assets).toHaveLength(1);
      expect(doc.assets[0]).toMatchObject({ field: 'referenceImages', index: 0 });
      expect(doc.assets[0].ref).toBe(`asset://${doc.assets[0].assetId}`);
      expect(doc.file).toEqual({
        path: join(dir, 'ref.mp4'),
        bytes: statSync(join(dir, 'ref.mp4')).size,
      });
      expect(isMp4(doc.file.path)).toBe(true);
    },
    LONG,
  );

  it(
    "a task that fails exits 6 with the service's error, and writes no file",
    async () => {
      const dir = freshDir();
      const r = await run(
        [
          'generate',
          'a cat [fail]',
          '--first-frame',
          imageRef,
          '--out',
          'x.mp4',
          '--interval',
          '1',
        ],
        dir,
      );
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toMatch(/error: Video task "video_[0-9a-f-]+" failed: .*\[fail\] marker/);
      nothingWritten(dir, 'x.mp4');

      const json = await run(
        ['--json', 'generate', 'a cat [fail]', '--first-frame', imageRef, '--interval', '1'],
        dir,
      );
      expect(json.code).toBe(6);
      expect(json.stdout).toBe('');
      const { error } = JSON.parse(json.stderr);
      expect(error).toMatchObject({ exitCode: 6, step: 'wait' });
      expect(error.taskId).toMatch(/^video_/);
      expect(error.message).toContain('[fail] marker');
      expect(error.serviceError).toContain('[fail] marker');
    },
    LONG,
  );

  it(
    "words the contract's refusals in flags and sends nothing",
    async () => {
      const r = await run(
        [
          'generate',
          'a cat',
          '--first-frame',
          imageRef,
          '--ref-image',
          imageRef,
          '--duration',
          '20',
        ],
        freshDir(),
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--duration: Give 4 to 15 seconds');
      expect(r.stderr).toContain('--ref-image: Leave out --ref-image when --first-frame is given');
      expect(r.stderr).not.toMatch(/first_image|referenceImages/);
    },
    LONG,
  );

  it(
    'Ctrl-C while waiting exits 130 and prints the command that resumes; that command completes',
    async () => {
      const dir = freshDir();
      const r = await run(
        [
          'generate',
          'a cat in the rain',
          '--first-frame',
          imageRef,
          '--out',
          'later.mp4',
          '--interval',
          '1',
        ],
        dir,
        (child, out) => {
          // As soon as the task exists (it then runs for 9 s), press Ctrl-C.
          void waitForOutput(child, out.stderr, (text) => text.includes(' queued')).then(
            () => child.kill('SIGINT'),
            () => {},
          );
        },
      );
      expect(r.code, r.stderr).toBe(130);
      nothingWritten(dir, 'later.mp4');
      const resume = /resume with: (kyy .*)$/m.exec(r.stderr)?.[1];
      expect(resume).toMatch(
        new RegExp(
          `^kyy --base-url ${url.replaceAll('.', '\\.')} videos wait video_[0-9a-f-]+ --out later\\.mp4 --interval 1$`,
        ),
      );
      // Run exactly the printed command (its words need no shell quoting here).
      const args = (resume as string).split(' ').slice(1);
      const again = await kyy(args, { env, cwd: dir });
      runs.push(again);
      expect(again.code, again.stderr).toBe(0);
      expect(isMp4(join(dir, 'later.mp4'))).toBe(true);
    },
    LONG,
  );
});

describe('kyy videos', () => {
  it(
    'create prints the id, get reads it, wait saves the MP4, download saves it again',
    async () => {
      const dir = freshDir();
      const created = await run(
        ['videos', 'create', 'a cat', '--first-frame', imageRef, '--quiet'],
        dir,
      );
      expect(created.code, created.stderr).toBe(0);
      const id = created.stdout.trim();
      expect(id).toMatch(/^video_[0-9a-f-]+$/);

      const got = await run(['--json', 'videos', 'get', id], dir);
      expect(got.code).toBe(0);
      expect(JSON.parse(got.stdout)).toMatchObject({ id, object: 'video' });

      const early = await run(['videos', 'download', id, '--out', 'early.mp4'], dir);
      // Not completed yet: nothing saved, and the hint says how to wait for it.
      expect(early.code).toBe(1);
      expect(early.stderr).toContain(
        `Keep waiting with: kyy --base-url ${url} videos wait ${id} --out early.mp4`,
      );
      nothingWritten(dir, 'early.mp4');

      const waited = await run(
        ['--json', 'videos', 'wait', id, '--out', 'w.mp4', '--interval', '1'],
        dir,
      );
      expect(waited.code, waited.stderr).toBe(0);
      expect(JSON.parse(waited.stdout)).toMatchObject({ id, status: 'completed' });
      expect(isMp4(join(dir, 'w.mp4'))).toBe(true);

      const saved = await run(['--json', 'videos', 'download', id, '--out', 'd.mp4'], dir);
      expect(saved.code, saved.stderr).toBe(0);
      expect(JSON.parse(saved.stdout)).toMatchObject({ taskId: id, path: join(dir, 'd.mp4') });
      expect(readFileSync(join(dir, 'd.mp4'))).toEqual(readFileSync(join(dir, 'w.mp4')));
    },
    LONG,
  );

  it(
    'an unknown task id exits 1 saying so',
    async () => {
      const r = await run(
        ['videos', 'get', 'video_00000000-0000-4000-8000-000000000000'],
        freshDir(),
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'No video task "video_00000000-0000-4000-8000-000000000000" exists',
      );
    },
    LONG,
  );
});

describe('a short key', () => {
  it(
    'kyy prints the same text with a one-letter key as with a long one, ids and numbers intact',
    async () => {
      const dir = freshDir();
      const withKey = (key: string, args: string[]) =>
        kyy(['--base-url', url, ...args], { env: { KYY_API_KEY: key }, cwd: dir });
      const created = await withKey('a', [
        'videos',
        'create',
        'a cat',
        '--first-frame',
        imageRef,
        '--quiet',
      ]);
      expect(created.code, created.stderr).toBe(0);
      const id = created.stdout.trim();
      expect(id).toMatch(/^video_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const done = await withKey('e', ['videos', 'wait', id, '--interval', '1']);
      expect(done.code, done.stderr).toBe(0);
      for (const args of [
        ['--json', 'videos', 'get', id],
        ['videos', 'get', id],
      ]) {
        const long = await run(args, dir);
        expect(long.code, long.stderr).toBe(0);
        for (const key of ['e', 'a', '1', 'v']) {
          const short = await withKey(key, args);
          expect({ key, out: short.stdout, err: short.stderr }).toEqual({
            key,
            out: long.stdout,
            err: long.stderr,
          });
        }
      }
    },
    LONG,
  );
});

describe('the key', () => {
  it('never appears in any output of these runs', () => {
    expect(runs.length).toBeGreaterThan(5);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(KEY);
  });
});
