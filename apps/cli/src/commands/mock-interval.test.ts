import { MOCK_TASK_POLL_INTERVAL_MS, setupMockServer } from '@kyyvideo/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { main } from '../main.js';

// `kyy --mock generate` through main() with the real client against the in-process mock at its
// default task timings (1 s queued, 3 s processing), as `kyy mock` runs them.
const { server, mock } = setupMockServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function kyy(...argv: string[]) {
  let stderr = '';
  const io: Io = {
    stdout: { write: () => true, isTTY: false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: false, columns: 100 },
    stdin: process.stdin,
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
  };
  const code = await main(argv, { io });
  expect(code, stderr).toBe(0);
}

const taskReads = () =>
  mock.requests().filter((r) => r.method === 'GET' && r.path.includes('/v1/result/')).length;

describe('kyy --mock generate without --interval', () => {
  it('polls at the mock task timing, not the documented 20–40 s, so it sees each status', async () => {
    mock.reset();
    await kyy('--mock', 'generate', 'a cat in the rain');
    // At 20–40 s a 4 s task is read twice (queued, then completed long after); at the mock's
    // interval it is read while queued, while processing and once completed.
    expect(MOCK_TASK_POLL_INTERVAL_MS).toBeLessThanOrEqual(1_000);
    expect(taskReads()).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
