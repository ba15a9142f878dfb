import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH, chromiumAvailability } from './chromium.js';
import { PACKAGE_DIR } from './preview-server.js';

/**
 * `pnpm start` exactly as the README writes it, from the repository root. Its turbo build step is
 * a cache hit after the test task's own build, but still slow on a busy two-core machine.
 */
const REPO_ROOT = join(PACKAGE_DIR, '..', '..');
const START_TIMEOUT_MS = 180_000;
/** The README's promised addresses when no KYY_* variable is set. */
const README_PLAYGROUND = 'http://127.0.0.1:5173';
const README_MOCK = 'http://127.0.0.1:4010/kyyReactApiServer';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The environment of a newcomer's shell: no KYY_* variable at all, then the ones a test names. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('KYY_')) delete env[name];
  return { ...env, ...extra };
}

function startPnpm(env: NodeJS.ProcessEnv): Started {
  // Its own process group, so Ctrl-C can be sent to pnpm and everything under it at once.
  const child = spawn('pnpm', ['start'], { cwd: REPO_ROOT, env, detached: true });
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => text, exited };
}

/** Resolves once the output matches; fails when pnpm exits first or the limit passes. */
function waitForOutput(started: Started, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(started.output());
      if (!match) return;
      done();
      resolve(match);
    };
    const give = (why: string) => () => {
      done();
      reject(new Error(`pnpm start ${why} before printing ${pattern}:\n${started.output()}`));
    };
    const onExit = give('exited');
    const timer = setTimeout(give('took too long'), START_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      started.child.stdout?.off('data', check);
      started.child.off('exit', onExit);
    };
    started.child.stdout?.on('data', check);
    started.child.once('exit', onExit);
    check();
  });
}

/** The block `pnpm start` ends with. */
async function printedUrls(started: Started) {
  const [, playground = '', mock = ''] = await waitForOutput(
    started,
    /Playground\s+(\S+)\n\s+Mock server\s+(\S+)/,
  );
  return { playground, mock };
}

async function stop(started: Started) {
  if (started.child.exitCode === null && started.child.pid) {
    process.kill(-started.child.pid, 'SIGINT');
    await started.exited;
  }
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await occupy(0);
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('pnpm start, as the README writes it', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(
    'prints the two URLs it listens on, and both answer',
    async () => {
      const started = startPnpm(cleanEnv());
      cleanups.push(() => stop(started));
      const urls = await printedUrls(started);
      expect(urls).toEqual({ playground: README_PLAYGROUND, mock: README_MOCK });
      const page = await fetch(urls.playground);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>KyyVideo2 asset playground</title>');
      const video = await fetch(`${urls.mock}/mock-media/sample-video.mp4`);
      expect(video.status).toBe(200);
    },
    START_TIMEOUT_MS * 2,
  );

  it(
    'names the busy playground port by its number',
    async () => {
      const blocker = await occupy(5173);
      cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
      const started = startPnpm(cleanEnv());
      cleanups.push(() => stop(started));
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(
        'start: port 5173 is already in use. Stop what uses it, or pick another: KYY_PLAYGROUND_PORT=<port> pnpm start',
      );
      expect(started.output()).not.toContain('undefined');
    },
    START_TIMEOUT_MS * 2,
  );

  it.runIf(chromiumAvailability() === 'present')(
    'with custom ports, the "Local mock server" target starts at the mock it launched',
    async () => {
      const [playgroundPort, mockPort] = [await freePort(), await freePort()];
      const started = startPnpm(
        cleanEnv({ KYY_PLAYGROUND_PORT: String(playgroundPort), KYY_MOCK_PORT: String(mockPort) }),
      );
      cleanups.push(() => stop(started));
      const urls = await printedUrls(started);
      expect(urls.mock).toBe(`http://127.0.0.1:${mockPort}/kyyReactApiServer`);
      expect(urls.playground).toBe(`http://127.0.0.1:${playgroundPort}`);

      const userDataDir = await mkdtemp(join(tmpdir(), 'kyy-start-chromium-'));
      cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROME_ARGS,
      });
      cleanups.push(() => context.close());
      const page = await context.newPage();
      page.setDefaultTimeout(START_TIMEOUT_MS);
      await page.goto(urls.playground);
      await page.getByLabel('Local mock server').check();
      expect(await page.getByLabel('Mock server base URL').inputValue()).toBe(urls.mock);
    },
    START_TIMEOUT_MS * 2,
  );
});
