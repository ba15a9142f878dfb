import { type SetupServer, setupServer } from 'msw/node';
import { createMock, type Mock } from './create-mock.js';
import type { MockOptions } from './options.js';

export * from './index.js';

/**
 * msw's `setupServer` wired to a fresh mock, for Node tests. Call `server.listen()` before the
 * tests, `mock.reset()` between them and `server.close()` after.
 */
export function setupMockServer(options?: MockOptions): { server: SetupServer; mock: Mock } {
  const mock = createMock(options);
  return { server: setupServer(...mock.handlers), mock };
}
