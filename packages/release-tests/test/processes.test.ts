import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isLoopbackUrl } from '../scripts/lib/network.mjs';
import {
  CommandError,
  failureExcerpt,
  run,
  startService,
  stopAll,
} from '../scripts/lib/processes.mjs';

const node = process.execPath;
const env = process.env;
const cwd = process.cwd();
/** Generous: these only bound a hang in the code under test, they are not what is asserted. */
const LIMIT_MS = 60_000;

/** Whether a process still runs: a zombie (state Z) has exited and only awaits its reaper. */
function alive(pid: number) {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

afterEach(async () => {
  await stopAll();
});

describe('run', () => {
  it('returns stdout and stderr of a successful command', async () => {
    const result = await run(node, ['-e', 'console.log("out"); console.error("err")'], {
      cwd,
      env,
      timeoutMs: LIMIT_MS,
    });
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n' });
  });

  it('rejects with the exit code and the tail of the output', async () => {
    const error = await run(node, ['-e', 'console.log("why it broke"); process.exit(3)'], {
      cwd,
      env,
      timeoutMs: LIMIT_MS,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as Error).message).toMatch(/exited with code 3/);
    expect((error as Error).message).toMatch(/why it broke/);
  });

  it('kills a command that overruns its limit, and says so', async () => {
    const error = await run(node, ['-e', 'setInterval(() => {}, 1000)'], {
      cwd,
      env,
      timeoutMs: 100,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/did not finish within 0.1 s/);
  });
});

describe('startService', () => {
  it('resolves on the ready line and stop() ends the whole process group', async () => {
    // A wrapper (like npx) whose child prints the ready line and keeps running.
    const grandchild = `setInterval(() => {}, 1000); console.log("pid " + process.pid + " listening on http://127.0.0.1:1/")`;
    const service = await startService(
      'sh',
      ['-c', `${JSON.stringify(node)} -e ${JSON.stringify(grandchild)}; sleep 60`],
      { cwd, env, timeoutMs: LIMIT_MS, ready: /pid (\d+) listening on (\S+)/ },
    );
    const pid = Number(service.match[1]);
    expect(service.match[2]).toBe('http://127.0.0.1:1/');
    expect(alive(pid)).toBe(true);
    await service.stop();
    expect(alive(pid)).toBe(false);
  });

  it('rejects with the output when the command exits before it is ready', async () => {
    const error = await startService(node, ['-e', 'console.log("bad flag --port")'], {
      cwd,
      env,
      timeoutMs: LIMIT_MS,
      ready: /listening/,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/exited early/);
    expect((error as Error).message).toMatch(/bad flag --port/);
  });
});

describe('network', () => {
  it('finds a free loopback port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);
  });

  it('recognises loopback URLs only', () => {
    expect(isLoopbackUrl('http://127.0.0.1:4873/')).toBe(true);
    expect(isLoopbackUrl('http://localhost:1/x')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:1/')).toBe(true);
    expect(isLoopbackUrl('http://192.168.1.2:1/')).toBe(false);
    expect(isLoopbackUrl('https://zcbservice.aizfw.cn/kyyReactApiServer')).toBe(false);
  });
});

describe('failureExcerpt', () => {
  it('shows error lines from before the tail, and the tail', () => {
    const output = [
      'src/a.ts(3,1): error TS2304: Cannot find name x.',
      ...Array.from({ length: 60 }, (_, i) => `summary line ${i}`),
    ].join('\n');
    const excerpt = failureExcerpt(output);
    expect(excerpt).toMatch(/lines that look like errors ---\nsrc\/a\.ts\(3,1\): error TS2304/);
    expect(excerpt).toMatch(/last output ---\nsummary line 20\n/);
    expect(excerpt).toMatch(/summary line 59$/);
    expect(excerpt).not.toMatch(/summary line 19\n/);
  });

  it('has only the tail when nothing looks like an error', () => {
    expect(failureExcerpt('all fine\n')).toBe('--- last output ---\nall fine');
  });
});
