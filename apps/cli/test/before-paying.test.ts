import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kyy } from './kyy-process.js';
import { startTaskService, TASK_ID, type TaskService } from './task-service.js';

// Process-level: the built `kyy` against a local service on a free port that counts what it is
// sent. Every local check must run before the paid create; after it, no failure is exit 2.
const LONG = 180_000;
const KEY = 'sk-before-paying-0123456789';
const MP4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypisom', 'latin1'), Buffer.alloc(4000, 7)]);

let api: TaskService | undefined;
afterEach(() => api?.close());

async function service(video: (res: ServerResponse) => void): Promise<TaskService> {
  api = await startTaskService(video);
  return api;
}

const sendsVideo = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(MP4.length) });
  res.end(MP4);
};

function run(api: TaskService, args: string[], cwd: string) {
  return kyy(['--base-url', api.url, ...args], { env: { KYY_API_KEY: KEY }, cwd });
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'kyy-before-paying-'));

describe('every local check runs before the paid create (exit 2, nothing sent)', () => {
  it(
    'an --interval or --timeout below a millisecond',
    async () => {
      const api = await service(sendsVideo);
      for (const flags of [
        ['--interval', '0.0001'],
        ['--timeout', '0.0004'],
      ]) {
        const r = await run(api, ['generate', 'a cat', ...flags], freshDir());
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`${flags[0]} ${flags[1]} is less than a millisecond`);
      }
      expect(api.requests).toEqual([]);
    },
    LONG,
  );

  it(
    '--out naming a folder, a path in a missing folder, or an existing file without --force',
    async () => {
      const api = await service(sendsVideo);
      const dir = freshDir();
      mkdirSync(join(dir, 'videos'));
      writeFileSync(join(dir, 'dog.mp4'), 'my old video');
      const cases: Array<[string[], string]> = [
        [['generate', 'a cat', '--out', 'videos'], 'is a folder'],
        [['generate', 'a cat', '--out', join('missing', 'cat.mp4')], 'does not exist'],
        [['generate', 'a cat', '--out', 'dog.mp4'], '--out dog.mp4 already exists; add --force'],
        [['videos', 'wait', TASK_ID, '--out', 'videos'], 'is a folder'],
        [['videos', 'wait', TASK_ID, '--out', 'dog.mp4'], 'already exists; add --force'],
        [['videos', 'download', TASK_ID, '--out', 'dog.mp4'], 'already exists; add --force'],
        [['videos', 'download', TASK_ID, '--out', join('missing', 'x.mp4')], 'does not exist'],
      ];
      for (const [args, words] of cases) {
        const r = await run(api, args, dir);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(words);
        expect(r.stderr).toContain('Nothing was sent.');
        expect(r.stderr).not.toMatch(/EISDIR|ENOENT|\.part/);
      }
      expect(api.requests).toEqual([]);
      expect(readFileSync(join(dir, 'dog.mp4'), 'utf8')).toBe('my old video');
    },
    LONG,
  );

  it(
    '--force replaces an existing file',
    async () => {
      const api = await service(sendsVideo);
      const dir = freshDir();
      writeFileSync(join(dir, 'dog.mp4'), 'my old video');
      const r = await run(api, ['videos', 'download', TASK_ID, '--out', 'dog.mp4', '--force'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(dir, 'dog.mp4')).equals(MP4)).toBe(true);
    },
    LONG,
  );
});

describe('after the paid create', () => {
  it(
    'a download that fails is exit 1, with the command that resumes; one create was sent',
    async () => {
      const api = await service((res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>expired</html>');
      });
      const dir = freshDir();
      const r = await run(api, ['generate', 'a cat', '--out', 'cat.mp4', '--interval', '1'], dir);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('not a video');
      expect(r.stderr).toContain(
        `The task exists; resume with: kyy --base-url ${api.url} videos wait ${TASK_ID} --out cat.mp4 --interval 1`,
      );
      expect(api.requests.filter((line) => line.startsWith('POST'))).toHaveLength(1);
      expect(existsSync(join(dir, 'cat.mp4'))).toBe(false);
      expect(readdirSync(dir)).toEqual([]);

      const json = await run(
        api,
        ['--json', 'generate', 'a cat', '--out', 'cat.mp4', '--interval', '1', '--force'],
        dir,
      );
      expect(json.code).toBe(1);
      const { error } = JSON.parse(json.stderr);
      expect(error.hint).toContain(`videos wait ${TASK_ID} --out cat.mp4 --interval 1 --force`);
    },
    LONG,
  );
});
