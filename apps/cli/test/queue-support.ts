import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { BIN } from './kyy-process.js';

/** The mock's own executable, as users start it (`kyy-mock`). */
const MOCK_BIN = join(
  dirname(createRequire(import.meta.url).resolve('@kyyvideo/mock/package.json')),
  'bin',
  'kyy-mock.js',
);

export interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function startChild(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): Child {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd && { cwd }),
  });
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    text += s;
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    text += s;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return { process: child, output: () => text, exited };
}

export function startWorker(args: readonly string[], cwd: string): Child {
  return startChild([BIN, 'worker', ...args], { KYY_API_KEY: 'kyy-queue-test-secret-9191' }, cwd);
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
export async function waitForLine(child: Child, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const found = child.output().match(pattern);
    if (found) return found;
    const exited = await Promise.race([
      child.exited.then(() => true),
      new Promise<false>((resolve) => {
        const onData = () => resolve(false);
        child.process.stdout?.once('data', onData);
        child.process.stderr?.once('data', onData);
      }),
    ]);
    if (exited && !child.output().match(pattern)) {
      throw new Error(`exited before printing ${pattern}:\n${child.output()}`);
    }
  }
}

/** A mock server child on a free port whose tasks take `taskMs` to finish. */
export async function startMockChild(taskMs: number): Promise<{ child: Child; url: string }> {
  const child = startChild([
    MOCK_BIN,
    '--port',
    '0',
    '--task-queued',
    '0',
    '--task-processing',
    String(taskMs),
    '--task-concurrency',
    '1000',
    '--quiet',
  ]);
  const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/);
  return { child, url: url as string };
}

/**
 * Sits between the workers and the mock and keeps the prompt of every create the mock received:
 * the mock's log of creates, read from the test.
 */
export async function startCreateRecorder(
  target: string,
): Promise<{ url: string; prompts: string[]; server: Server }> {
  const to = new URL(target);
  const prompts: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url?.endsWith('/v1/kyyvideo2/videos')) {
        prompts.push(String((JSON.parse(body.toString('utf8')) as { prompt?: unknown }).prompt));
      }
      const out = request(
        {
          host: to.hostname,
          port: to.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${to.pathname}`, prompts, server };
}

/** Polls `read` (bounded) until `done` holds; each look is about a second apart. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  tries = 240,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const value of values) {
    if (seen.has(value)) twice.push(value);
    seen.add(value);
  }
  return twice;
}
