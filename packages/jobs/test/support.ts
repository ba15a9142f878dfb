import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKyyClient } from '@kyyvideo/client';
import { type RunningMockServer, startMockServer } from '@kyyvideo/mock/server';
import { afterEach, beforeEach } from 'vitest';

export const API_KEY = 'kyy-jobs-test-secret-key-4242';
export const CREATE_PATH = '/v1/kyyvideo2/videos';
export const UPLOAD_PATH = '/kyyReactApiServer/kyyVideo2/asset/upload';

/** A mock server on a free port with second-scale times cut to milliseconds, and a temp dir. */
export function useMockServer(options: { taskConcurrency?: number } = {}) {
  const env = {} as { server: RunningMockServer; dir: string };
  beforeEach(async () => {
    env.server = await startMockServer({
      port: 0,
      apiKey: API_KEY,
      reviewDelayMs: 30,
      taskQueuedMs: 0,
      taskProcessingMs: 60,
      ...options,
    });
    env.dir = await mkdtemp(join(tmpdir(), 'kyy-jobs-'));
  });
  afterEach(async () => {
    await env.server.close();
    await rm(env.dir, { recursive: true, force: true });
  });
  const client = () => createKyyClient({ apiKey: API_KEY, baseUrl: env.server.url });
  const count = (method: string, path: string) =>
    env.server.mock.requests().filter((r) => r.method === method && r.path.endsWith(path)).length;
  return {
    env,
    client,
    creates: () => count('POST', CREATE_PATH),
    uploads: () => count('POST', UPLOAD_PATH),
  };
}
