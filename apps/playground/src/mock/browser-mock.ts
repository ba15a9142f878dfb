import type { Mock } from '@kyyvideo/mock';
import type { BrowserMockSettings } from '../lib/mock-settings.js';

/** Served at the site root by the playground's vite plugin (see config/service-worker-plugin.ts). */
const SERVICE_WORKER_URL = '/mockServiceWorker.js';

interface Running {
  worker: { start(options?: object): Promise<unknown>; stop(): void };
  mock: Mock;
}

let running: Promise<Running> | undefined;
let active = false;
// Switching targets quickly must not interleave a start with a stop.
let queue: Promise<unknown> = Promise.resolve();

function serial<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Starts the in-browser mock (once per page), or resumes it after {@link pauseBrowserMock}.
 * Loaded lazily so that the real-service path never even downloads msw.
 */
export function startBrowserMock(settings: BrowserMockSettings): Promise<Mock> {
  return serial(() => start(settings));
}

async function start(settings: BrowserMockSettings): Promise<Mock> {
  running ??= import('@kyyvideo/mock/browser').then(({ setupMockWorker }) =>
    setupMockWorker(settings),
  );
  const { worker, mock } = await running;
  if (!active) {
    await worker.start({
      serviceWorker: { url: SERVICE_WORKER_URL },
      // Everything else (the page's own files, other targets) goes to the network untouched.
      onUnhandledRequest: 'bypass',
      // msw would otherwise log every request, headers included, to the console.
      quiet: true,
    });
    active = true;
  }
  return mock;
}

/**
 * Stops answering from the in-page mock. Needed for the other targets: the mock's handlers match
 * `/kyyReactApiServer` on any origin, so they would otherwise answer calls to the mock server too.
 */
export function pauseBrowserMock(): Promise<void> {
  return serial(pause);
}

async function pause(): Promise<void> {
  if (!running || !active) return;
  const { worker } = await running;
  worker.stop();
  active = false;
}
