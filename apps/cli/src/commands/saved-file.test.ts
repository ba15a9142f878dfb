import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupMockServer } from '@kyyvideo/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { main } from '../main.js';

// The three commands that save a video, run through main() against the in-process mock with the
// real client: their reports of the file must not drift apart.
const BASE_URL = 'https://kyy.test/kyyReactApiServer';
const KEY = 'sk-saved-file-test-4Hq8';
// Tasks complete at once, so every wait ends on its first read.
const { server } = setupMockServer({ taskQueuedMs: 0, taskProcessingMs: 0 });
const dir = mkdtempSync(join(tmpdir(), 'kyy-saved-file-'));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function kyy(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false, columns: 100 },
    stdin: process.stdin,
    env: { KYY_API_KEY: KEY, NO_COLOR: '1' },
    cwd: dir,
  };
  const code = await main(['--base-url', BASE_URL, ...argv], { io });
  expect(code, stderr).toBe(0);
  return stdout;
}

/** --out is taken relative to the process's directory, so the tests give absolute paths. */
const at = (name: string) => join(dir, name);
const fileOf = (name: string) => {
  const path = at(name);
  return { path, bytes: statSync(path).size };
};

describe('the saved file, as generate, videos wait and videos download report it', () => {
  let taskId = '';

  it('generate: a `file` row and `file: {path, bytes}`', async () => {
    const human = await kyy('generate', 'a cat', '--out', at('g.mp4'));
    const g = fileOf('g.mp4');
    expect(g.bytes).toBeGreaterThan(1000);
    expect(human.trimEnd().split('\n').at(-1)).toBe(`file    ${g.path}`);
    const json = JSON.parse(await kyy('--json', 'generate', 'a cat', '--out', at('g2.mp4')));
    expect(json.file).toEqual(fileOf('g2.mp4'));
    taskId = json.task.id;
    expect(await kyy('--quiet', 'generate', 'a cat', '--out', at('g3.mp4'))).toMatch(
      new RegExp(`\n${fileOf('g3.mp4').path}\n$`),
    );
  });

  it('videos wait: the same row and the same `file`', async () => {
    const human = await kyy('videos', 'wait', taskId, '--out', at('w.mp4'));
    expect(human.trimEnd().split('\n').at(-1)).toBe(`file    ${fileOf('w.mp4').path}`);
    const json = JSON.parse(await kyy('--json', 'videos', 'wait', taskId, '--out', at('w2.mp4')));
    expect(json.file).toEqual(fileOf('w2.mp4'));
    expect(await kyy('--quiet', 'videos', 'wait', taskId, '--out', at('w3.mp4'))).toBe(
      `${fileOf('w3.mp4').path}\n`,
    );
  });

  it('videos download: the same path and bytes, flat beside the task id and URL', async () => {
    expect(await kyy('videos', 'download', taskId, '--out', at('d.mp4'))).toBe(
      `${fileOf('d.mp4').path}\n`,
    );
    const json = JSON.parse(
      await kyy('--json', 'videos', 'download', taskId, '--out', at('d2.mp4')),
    );
    expect(json).toEqual({ taskId, url: expect.any(String), ...fileOf('d2.mp4') });
    expect(fileOf('d2.mp4').bytes).toBe(fileOf('w2.mp4').bytes);
  });
});
