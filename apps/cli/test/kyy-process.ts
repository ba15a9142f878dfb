import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The installed entry point (bin/kyy.js → dist/bin.js): tests exercise exactly what users run. */
export const BIN = fileURLToPath(new URL('../bin/kyy.js', import.meta.url));

export interface KyyRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface KyyOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Called with the child once it runs (to send signals); stdin is closed, never a terminal. */
  onSpawn?: (child: ChildProcess, output: { stdout: () => string; stderr: () => string }) => void;
}

/** Every output any test saw, so one test can check that the key never appeared anywhere. */
export const transcript: string[] = [];

/** A clean environment: nothing from the developer's shell (a real KYY_API_KEY) leaks in. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  if (process.env.SYSTEMROOT) env.SYSTEMROOT = process.env.SYSTEMROOT;
  return env;
}

export function kyy(args: readonly string[], options: KyyOptions = {}): Promise<KyyRun> {
  const env = { ...baseEnv(), ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: env as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  options.onSpawn?.(child, { stdout: () => stdout, stderr: () => stderr });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      transcript.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves once `predicate` holds for the text seen so far (polled on each chunk). */
export function waitForOutput(
  child: ChildProcess,
  read: () => string,
  predicate: (text: string) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate(read())) {
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('close', () =>
      predicate(read())
        ? resolve()
        : reject(new Error(`exited before expected output:\n${read()}`)),
    );
    check();
  });
}
