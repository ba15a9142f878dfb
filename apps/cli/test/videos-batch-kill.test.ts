import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, kyy } from './kyy-process.js';

/**
 * kill -9 at random instants: whatever the moment, a rerun never creates a row twice, every row
 * ends downloaded, failed or reported unknown, and no partial file is left in the out dir.
 * The mock runs as its own process; its request log (one line per request) is the witness.
 */

const MOCK_BIN = fileURLToPath(new URL('../../../packages/mock/bin/kyy-mock.js', import.meta.url));
const KEY = 'sk-kyy-kill-test-Hx3Lp9Vc0';
const ROWS = 12;
const ROUNDS = 5;

let mock: ChildProcess;
let baseUrl = '';
let mockLog = '';

beforeAll(async () => {
  mock = spawn(
    process.execPath,
    [
      MOCK_BIN,
      '--port',
      '0',
      '--task-queued',
      '0',
      '--task-processing',
      '400',
      '--task-concurrency',
      '3',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', KYY_MOCK_API_KEY: KEY },
    },
  );
  mock.stdout?.setEncoding('utf8').on('data', (s: string) => {
    mockLog += s;
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(mockLog)?.[1];
      if (url) resolve(url);
    };
    mock.stdout?.on('data', check);
    mock.once('exit', () => reject(new Error(`the mock exited:\n${mockLog}`)));
  });
});
afterAll(() => {
  mock?.kill('SIGTERM');
});

const creates = () =>
  mockLog.split('\n').filter((line) => /POST \S*\/v1\/kyyvideo2\/videos → 200/.test(line)).length;

/** Resolves once the file at `path` has at least `lines` lines, or the child has exited. */
function whenLines(dir: string, file: string, lines: number, child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const path = join(dir, file);
    const watcher = watch(dir, () => check());
    const done = () => {
      watcher.close();
      resolve();
    };
    function check() {
      if (!existsSync(path)) return;
      if (readFileSync(path, 'utf8').split('\n').length - 1 >= lines) done();
    }
    child.once('exit', done);
    check();
  });
}

function batch(cwd: string, onSpawn?: (child: ChildProcess) => void) {
  return kyy(
    [
      'videos',
      'batch',
      'm.csv',
      '--out-dir',
      'out',
      '--concurrency',
      '4',
      '--interval',
      '0.1',
      '--json',
    ],
    {
      env: { KYY_BASE_URL: baseUrl, KYY_API_KEY: KEY },
      cwd,
      ...(onSpawn && { onSpawn }),
    },
  );
}

describe('kyy videos batch under kill -9', () => {
  it('never creates a row twice, ends every row in a final state, and leaves no partial file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kyy-kill-'));
    const rows = Array.from({ length: ROWS }, (_, i) =>
      i === 5 ? `row ${i} [fail],5,v${i}.mp4` : `row ${i},5,v${i}.mp4`,
    );
    writeFileSync(join(cwd, 'm.csv'), `prompt,duration,out\n${rows.join('\n')}\n`);
    expect(BIN).toBeTruthy();

    const killedAt: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const written = existsSync(join(cwd, 'm.csv.results.jsonl'))
        ? readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8').split('\n').length - 1
        : 0;
      // A random instant: after 1 to 12 more steps of the results file.
      const target = written + 1 + Math.floor(Math.random() * 12);
      killedAt.push(target);
      await batch(cwd, (child) => {
        void whenLines(cwd, 'm.csv.results.jsonl', target, child).then(() => child.kill('SIGKILL'));
      });
    }

    const final = await batch(cwd);
    expect([0, 1, 6], `${final.stderr}\nkilled at ${killedAt}`).toContain(final.code);
    const doc = JSON.parse(final.stdout) as { rows: Array<{ state: string; out: string }> };
    expect(doc.rows).toHaveLength(ROWS);
    for (const row of doc.rows) expect(['downloaded', 'failed', 'unknown']).toContain(row.state);

    // No row was sent twice: one write-ahead line per key at most, and the mock saw no more
    // creates than there were write-ahead lines.
    const records = readFileSync(join(cwd, 'm.csv.results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; event: string });
    const reserved = records.filter((r) => r.event === 'reserved');
    expect(new Set(reserved.map((r) => r.key)).size).toBe(reserved.length);
    expect(creates()).toBeLessThanOrEqual(reserved.length);
    expect(creates()).toBeGreaterThanOrEqual(
      doc.rows.filter((r) => r.state === 'downloaded' || r.state === 'failed').length,
    );

    // No partial or temporary file; every file there is a whole MP4 of a downloaded row.
    const files = readdirSync(join(cwd, 'out')).sort();
    const downloaded = doc.rows.filter((r) => r.state === 'downloaded').map((r) => r.out);
    expect(files).toEqual([...downloaded].sort());
    for (const file of files) {
      expect(readFileSync(join(cwd, 'out', file)).toString('latin1', 4, 8)).toBe('ftyp');
    }
  });
});
