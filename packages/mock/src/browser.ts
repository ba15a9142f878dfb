import type { SetupWorker } from 'msw/browser';
import { createMock, type Mock } from './create-mock.js';
import { importMsw } from './msw-peer.js';
import type { MockOptions } from './options.js';

const { setupWorker } = await importMsw('@kyyvideo/mock/browser', () => import('msw/browser'));

export * from './index.js';

/**
 * msw's `setupWorker` wired to a fresh mock, for browser apps. Serve
 * `@kyyvideo/mock/mockServiceWorker.js` at your site's root (or pass its URL to
 * `worker.start({ serviceWorker: { url } })`), then `await worker.start()`.
 */
export function setupMockWorker(options?: MockOptions): { worker: SetupWorker; mock: Mock } {
  const mock = createMock(options);
  return { worker: setupWorker(...mock.handlers), mock };
}
