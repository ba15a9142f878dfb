import { spawn } from 'node:child_process';

export interface TimedRun {
  wallMs: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

// No command measured here should take this long on loopback; past it the run is a failure.
const RUN_TIMEOUT_MS = 300_000;

/** Runs a command to completion and times it from spawn to exit (wall clock). */
export function runTimed(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<TimedRun> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RUN_TIMEOUT_MS,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (exitCode) => {
      resolveRun({
        wallMs: performance.now() - started,
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Fails loudly when a measured command did not succeed: a failing run is not a timing. */
export function expectSuccess(label: string, run: TimedRun): TimedRun {
  if (run.exitCode !== 0) {
    throw new Error(
      `${label} exited with ${run.exitCode}: ${(run.stderr || run.stdout).slice(0, 500)}`,
    );
  }
  return run;
}
