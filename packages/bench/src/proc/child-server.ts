import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

// A server that has not answered within this time is broken, not slow: Prism, the slowest,
// starts in about 3 s here.
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 100;
// Time a server gets to exit after SIGTERM before it is killed.
const STOP_GRACE_MS = 5_000;
// Output kept for error messages; the rest is drained so a chatty server never blocks on a pipe.
const KEEP_OUTPUT_CHARS = 4_000;

// Servers still running when the harness exits (an error, Ctrl-C) are killed with it, so a
// failed run never leaves a mock or Prism listening.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ChildServer {
  name: string;
  pid: number;
  /** The base URL the server answers on. */
  url: string;
  /** The last output of the process, for diagnosing a failure. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartChildServerOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Either a fixed URL (polled until it answers) or a pattern that finds it in the output. */
  url: string | RegExp;
  /** A URL to poll for readiness, when it differs from `url`. Any HTTP answer counts. */
  probe?: (url: string) => string;
}

function collectOutput(child: ChildProcess) {
  let tail = '';
  const listeners: ((text: string) => void)[] = [];
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-KEEP_OUTPUT_CHARS);
    for (const listener of listeners) listener(tail);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    tail: () => tail,
    onChange: (listener: (text: string) => void) => listeners.push(listener),
  };
}

/** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
function waitForUrl(
  pattern: RegExp,
  output: ReturnType<typeof collectOutput>,
  child: ChildProcess,
): Promise<string> {
  return new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`printed no URL within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onExit = () => finish(new Error('exited early'));
    let settled = false;
    function finish(error: Error | null, url?: string) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolveUrl(url as string);
    }
    const check = (text: string) => {
      const match = pattern.exec(text);
      if (match) finish(null, match[0]);
    };
    child.on('exit', onExit);
    check(output.tail());
    output.onChange(check);
  });
}

async function waitUntilAnswering(url: string, exited: { done: boolean }): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited.done) throw new Error('exited early');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch {
      await delay(READY_POLL_MS);
    }
  }
  throw new Error(`did not answer on ${url} within ${READY_TIMEOUT_MS} ms`);
}

/** Starts a server process on loopback and resolves once it answers HTTP. */
export async function startChildServer(options: StartChildServerOptions): Promise<ChildServer> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output = collectOutput(child);
  const state = { done: false };
  const exited = once(child, 'exit').then(() => {
    state.done = true;
    running.delete(child);
  });
  const stop = async () => {
    if (state.done) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    if (child.pid === undefined) throw new Error('could not be spawned');
    const url =
      typeof options.url === 'string' ? options.url : await waitForUrl(options.url, output, child);
    await waitUntilAnswering(options.probe ? options.probe(url) : url, state);
    return { name: options.name, pid: child.pid, url, output: output.tail, stop };
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.name} ${reason}. Its last output:\n${output.tail()}`);
  }
}
