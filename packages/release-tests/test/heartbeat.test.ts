import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HEARTBEAT = fileURLToPath(new URL('../scripts/heartbeat.mjs', import.meta.url));
const ROOT_PACKAGE = fileURLToPath(new URL('../../../package.json', import.meta.url));
/** Bounds a hang only: each test ends on an event (a line, an exit), never on a timer. */
const LIMIT_MS = 120_000;

interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs heartbeat.mjs around a tiny node program; `onStderr` may act on what it printed. */
function runHeartbeat(
  program: string,
  heartbeatMs: number,
  onStderr?: (ran: Ran, stop: () => void) => void,
): Promise<Ran> {
  const child = spawn(process.execPath, [HEARTBEAT, process.execPath, '-e', program], {
    env: { ...process.env, KYY_HEARTBEAT_MS: String(heartbeatMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ran: Ran = { stdout: '', stderr: '', code: null };
  // One signal: a second one could land while the script is already exiting, after its handler
  // is gone, and end it by the signal instead of with the command's exit code.
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGTERM');
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    ran.stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    ran.stderr += text;
    onStderr?.(ran, stop);
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      ran.code = code;
      resolve(ran);
    }),
  );
}

describe('pnpm test’s heartbeat', () => {
  it('is what pnpm test runs, around turbo', () => {
    const scripts = JSON.parse(readFileSync(ROOT_PACKAGE, 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts.test).toBe(
      'node packages/release-tests/scripts/heartbeat.mjs turbo run test --continue=dependencies-successful',
    );
  });

  it(
    'passes a quick run through unchanged, exit code included, with no line of its own',
    async () => {
      const ran = await runHeartbeat(
        'console.log("Tasks: 9 successful"); console.error("warn"); process.exit(3)',
        LIMIT_MS,
      );
      expect(ran).toEqual({ stdout: 'Tasks: 9 successful\n', stderr: 'warn\n', code: 3 });
    },
    LIMIT_MS,
  );

  it(
    'says the run is alive after a silence, and a stop signal reaches the command',
    async () => {
      // A command that says it is ready, stays silent until it is stopped, then says so.
      const program =
        'process.on("SIGTERM", () => { console.log("stopped"); process.exit(143); }); console.log("ready"); setInterval(() => {}, 1000);';
      const ran = await runHeartbeat(program, 50, (sofar, stop) => {
        // A heartbeat after "ready" proves the silence came after the command's handler was set.
        if (/ready\n/.test(sofar.stdout) && /still running/.test(sofar.stderr)) stop();
      });
      expect(ran.stderr).toMatch(
        /^(… still running \(\d+ s\); a failing package's output appears as soon as it fails\.\n)+$/,
      );
      expect(ran.stdout).toBe('ready\nstopped\n');
      expect(ran.code).toBe(143);
    },
    LIMIT_MS,
  );
});
