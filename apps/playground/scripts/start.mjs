// `pnpm start`: the local mock server and the playground's dev server, on the ports named by
// KYY_MOCK_PORT and KYY_PLAYGROUND_PORT, ending with one short block that gives both URLs.
// Ctrl-C stops both and exits 0. The root script builds only what this needs first (the
// playground's dependencies), never the bench or a production build of the playground.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_BASE_URL } from '@kyyvideo/contract';
import { createServer } from 'vite';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const MOCK_BIN = join(PACKAGE_DIR, '..', '..', 'packages', 'mock', 'bin', 'kyy-mock.js');
// Without a variable: the mock's documented address, and the port in the playground's vite config.
const DEFAULT_MOCK_PORT = Number(new URL(MOCK_BASE_URL).port);

/** The mock's process, once spawned: stopped before any exit, so it is never left running. */
let mockChild;

/** One line on stderr, then exit 1: the user's next step is in the line. */
function fail(line) {
  console.error(`start: ${line}`);
  if (mockChild?.exitCode === null) mockChild.kill('SIGTERM');
  process.exit(1);
}

function portFrom(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    fail(`${name}=${JSON.stringify(raw)} is not a port; use a whole number from 1 to 65535.`);
  return port;
}

const busy = (name, port) =>
  `port ${port} is already in use. Stop what uses it, or pick another: ${name}=<port> pnpm start`;

const mockPort = portFrom('KYY_MOCK_PORT') ?? DEFAULT_MOCK_PORT;
const playgroundPort = portFrom('KYY_PLAYGROUND_PORT');
if (mockPort === playgroundPort)
  fail(`KYY_MOCK_PORT and KYY_PLAYGROUND_PORT are both ${mockPort}; give them different ports.`);

let stopping = false;
let vite;

/** Starts the mock; resolves with its base URL once it listens. Its request log follows later. */
function startMock() {
  const child = spawn(process.execPath, [MOCK_BIN, '--port', String(mockPort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches only this script, which then stops the mock itself,
    // so the mock's own shutdown lines never interleave with the terminal's prompt.
    detached: true,
  });
  mockChild = child;
  process.on('exit', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  let output = '';
  let ready = false;
  return new Promise((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (text) => {
      if (ready) {
        // After startup only the request log is shown, and nothing once Ctrl-C was pressed.
        if (!stopping) process.stdout.write(text);
        return;
      }
      output += text;
      // The mock prints its URL, its settings and a curl line; the block below replaces them.
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match && output.includes('press Ctrl+C')) {
        ready = true;
        resolve({ child, url: match[1] });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text) => {
      output += text;
      if (ready && !stopping) process.stderr.write(text);
    });
    child.on('exit', (code) => {
      if (stopping) return;
      if (!ready && /already in use/.test(output)) fail(busy('KYY_MOCK_PORT', mockPort));
      fail(`the mock server stopped (exit code ${code}):\n${output.trim()}`);
    });
  });
}

async function startPlayground(mockUrl) {
  // The "Local mock server" target starts at the mock this script launched, whatever its port
  // (vite hands VITE_* variables from the environment to the page).
  process.env.VITE_KYY_LOCAL_MOCK_URL = mockUrl;
  try {
    const server = await createServer({
      configFile: join(PACKAGE_DIR, 'vite.config.ts'),
      root: PACKAGE_DIR,
      // Warnings and errors (a proxy error, for one) still show; vite's own banner does not.
      logLevel: 'warn',
      server: { port: playgroundPort, strictPort: true },
    });
    vite = server;
    await server.listen();
    // The address vite really listens on: without KYY_PLAYGROUND_PORT the port comes from its config.
    const [url] = server.resolvedUrls?.local ?? [];
    if (!url) throw new Error('vite started without a local URL');
    return url.replace(/\/$/, '');
  } catch (error) {
    if (/already in use/.test(String(error?.message)))
      fail(busy('KYY_PLAYGROUND_PORT', playgroundPort ?? vite?.config.server.port));
    throw error;
  }
}

const mock = await startMock();

async function stop() {
  if (stopping) return;
  stopping = true;
  const mockExited = new Promise((resolve) => {
    if (mock.child.exitCode !== null) resolve();
    else mock.child.once('exit', resolve);
  });
  mock.child.kill('SIGINT');
  await Promise.all([vite?.close(), mockExited]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);

const playgroundUrl = await startPlayground(mock.url);
console.log(`
  Playground   ${playgroundUrl}
  Mock server  ${mock.url}

  Ports: KYY_PLAYGROUND_PORT, KYY_MOCK_PORT. Press Ctrl-C to stop both.
`);
