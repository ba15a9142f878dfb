import { setupMockServer } from '@kyyvideo/mock/node';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { createKyyClient } from '../../src/client.js';
import type { KyyClientOptions } from '../../src/options.js';

/** Any origin works: msw answers every request under /kyyReactApiServer in-process. */
export const BASE_URL = 'http://kyy-mock.test/kyyReactApiServer';
export const API_KEY = 'kyy-integration-secret-key-0123';
export const UPLOAD_PATH = '/kyyReactApiServer/kyyVideo2/asset/upload';

/**
 * Starts the in-process mock (msw) for the calling test file, with fake timers driving both the
 * client's sleeps and the mock's clock (it reads Date.now, which fake timers control), so review
 * delays, backoff and timeouts take no real time.
 */
export function useMock() {
  const { server, mock } = setupMockServer({ apiKey: API_KEY, seed: 7 });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  const client = (options: KyyClientOptions = {}) =>
    createKyyClient({ apiKey: API_KEY, baseUrl: BASE_URL, ...options });
  const uploadsSent = () =>
    mock.requests().filter((r) => r.method === 'POST' && r.path === UPLOAD_PATH).length;
  return { server, mock, client, uploadsSent };
}

/** Advances fake time in steps so chained timers (retries, polls, mock latency) all run. */
export async function runTimers(totalMs: number, stepMs = 250): Promise<void> {
  for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
    await vi.advanceTimersByTimeAsync(stepMs);
  }
}
