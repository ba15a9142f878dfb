import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kyy } from './kyy-process.js';
import { startTaskService, TASK_ID, type TaskService } from './task-service.js';

// Process-level: a service that echoes the key percent-encoded into video_url, as a signed URL
// built from it would. kyy must print none of its forms, in any output mode.
const LONG = 180_000;
const KEY = 'sk/echo+Key=0123456789abcdef';
const UPPER = encodeURIComponent(KEY);
const LOWER = UPPER.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());

let api: TaskService | undefined;
afterEach(() => api?.close());

describe('a key echoed percent-encoded', () => {
  it(
    'never reaches stdout, --json or stderr',
    async () => {
      api = await startTaskService((res) => {
        res.writeHead(404, `Not ${UPPER}`, { 'content-type': 'text/plain' });
        res.end(`no such file for key=${LOWER}`);
      }, `?key=${UPPER}&k2=${LOWER}`);
      const cwd = mkdtempSync(join(tmpdir(), 'kyy-echoed-key-'));
      const env = { KYY_API_KEY: KEY };
      const runs = await Promise.all(
        [
          ['videos', 'get', TASK_ID],
          ['--json', 'videos', 'get', TASK_ID],
          ['--quiet', 'videos', 'wait', TASK_ID],
          ['videos', 'download', TASK_ID, '--out', 'cat.mp4'],
          ['--json', 'videos', 'download', TASK_ID, '--out', 'cat.mp4'],
        ].map((args) => kyy(['--base-url', (api as TaskService).url, ...args], { env, cwd })),
      );
      for (const r of runs) {
        const shown = r.stdout + r.stderr;
        for (const form of [KEY, UPPER, LOWER]) expect(shown).not.toContain(form);
      }
      // The echo really happened: each read printed the URL with the key masked.
      expect(runs[0]?.stdout).toContain('?key=[redacted]&k2=[redacted]');
      expect(runs[1]?.code).toBe(0);
      expect(JSON.parse(runs[1]?.stdout ?? '').video_url).toContain('key=[redacted]');
    },
    LONG,
  );
});
