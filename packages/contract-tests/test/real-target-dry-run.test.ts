import { startMockServer } from '@kyyvideo/mock/server';
import { describe, expect, it, vi } from 'vitest';
import { CONTRACT_CHECKS } from '../src/checks/index.js';
import { VIDEO_GATE_ENV } from '../src/checks/video-tasks.js';
import { runChecks } from '../src/runner.js';
import { MOCK_ASSET_URL } from '../src/targets/mock-options.js';
import { planRealTarget } from '../src/targets/real.js';

// Short review with the mock's real clock: the real-target path has no virtual clock to move.
const DRY_RUN_REVIEW_MS = 300;
const DRY_RUN_KEY = 'dry-run-key-0123456789abcdef';

/**
 * The real-endpoint target exactly as `pnpm test:contract` builds it from the environment, but
 * pointed at the standalone mock: proves the wiring (rate limiter, cleanup, no mock-only
 * checks) without sending anything to the real service.
 */
describe('the real-endpoint target, pointed at a local mock server', () => {
  it('runs every non-mock-only check through the rate limiter and deletes what it created', async () => {
    const server = await startMockServer({
      port: 0,
      apiKey: DRY_RUN_KEY,
      reviewDelayMs: DRY_RUN_REVIEW_MS,
    });
    try {
      const plan = planRealTarget(
        {
          KYY_API_KEY: DRY_RUN_KEY,
          KYY_CONTRACT_BASE_URL: server.url,
          KYY_CONTRACT_RATE_MS: '1',
          KYY_CONTRACT_ASSET_URL: MOCK_ASSET_URL,
        },
        { contractRun: true },
      );
      if (!plan.enabled) throw new Error(plan.reason);
      const target = await plan.start();
      expect(target.mock).toBeUndefined();

      const { results, cleanup, session } = await runChecks(target, CONTRACT_CHECKS);

      expect(results.filter((r) => r.state === 'failed')).toEqual([]);
      const skipped = results.filter((r) => r.state === 'skipped').map((r) => r.id);
      // Mock-only checks, and those that create video tasks (each costs money): no KYY_CONTRACT_VIDEO.
      expect(skipped).toEqual(
        CONTRACT_CHECKS.filter((c) => c.mockOnly || c.skipReason?.(target)).map((c) => c.id),
      );
      expect(skipped).toContain('video-task/lifecycle');
      expect(skipped.length).toBeGreaterThan(0);
      // Every request, the client's polls and the cleanup included, waited its turn.
      expect(session.limiter?.started).toBe(session.exchanges.length);
      expect(cleanup.deleted.length).toBeGreaterThan(0);
      expect(server.mock.store.size).toBe(0);
    } finally {
      await server.close();
    }
  }, 30_000);

  it('with KYY_CONTRACT_VIDEO=1, creates and polls video tasks too', async () => {
    // Tasks that end at once: the real-target path polls on the documented 20 s interval.
    const server = await startMockServer({
      port: 0,
      apiKey: DRY_RUN_KEY,
      reviewDelayMs: DRY_RUN_REVIEW_MS,
      taskQueuedMs: 0,
      taskProcessingMs: 0,
    });
    vi.stubEnv(VIDEO_GATE_ENV, '1');
    try {
      const plan = planRealTarget(
        { KYY_API_KEY: DRY_RUN_KEY, KYY_CONTRACT_BASE_URL: server.url, KYY_CONTRACT_RATE_MS: '1' },
        { contractRun: true },
      );
      if (!plan.enabled) throw new Error(plan.reason);
      const checks = CONTRACT_CHECKS.filter((c) => c.id.startsWith('video-task/'));
      const { results } = await runChecks(await plan.start(), checks);
      expect(results).toEqual(checks.map((c) => ({ id: c.id, state: 'passed' })));
      expect(server.mock.store.listTasks().length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
      await server.close();
    }
  }, 60_000);
});
