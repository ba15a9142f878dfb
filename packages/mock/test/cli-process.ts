import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The published bin exactly as a user runs it: a separate Node process, talked to over real HTTP.

const BIN = fileURLToPath(new URL('../bin/kyy-mock.js', import.meta.url));
const run = promisify(execFile);

export interface Cli {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends `signal` and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Cli> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+\/kyyReactApiServer)/.exec(output);
      if (match?.[1]) {
        resolve({
          child,
          url: match[1],
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    exited.then((code) =>
      reject(new Error(`kyy-mock exited with ${code} before listening:\n${output}`)),
    );
  });
}

/** Runs a bin that is expected to exit on its own; resolves with its code and output. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** Resolves once the process has printed something matching `pattern` (no fixed sleeps). */
export function waitForOutput(cli: Cli, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${cli.output()}`));
    }, timeoutMs);
    const check = () => {
      const match = pattern.exec(cli.output());
      if (match) {
        done();
        resolve(match[0]);
      }
    };
    const done = () => {
      clearTimeout(timer);
      cli.child.stdout?.off('data', check);
      cli.child.stderr?.off('data', check);
    };
    cli.child.stdout?.on('data', check);
    cli.child.stderr?.on('data', check);
    check();
  });
}
