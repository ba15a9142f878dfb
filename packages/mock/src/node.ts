import type { SetupServer } from 'msw/node';
import { createMock, type Mock } from './create-mock.js';
import { importMsw } from './msw-peer.js';
import type { MockOptions } from './options.js';

const { setupServer } = await importMsw('@kyyvideo/mock/node', () => import('msw/node'));

export * from './index.js';

/**
 * msw's `setupServer` wired to a fresh mock, for Node tests. Call `server.listen()` before the
 * tests, `mock.reset()` between them and `server.close()` after.
 */
export function setupMockServer(options?: MockOptions): { server: SetupServer; mock: Mock } {
  const mock = createMock(options);
  return { server: setupServer(...mock.handlers), mock };
}
