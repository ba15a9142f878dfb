import { describe, expect, it } from 'vitest';
import type { Check } from '../src/checks/check.js';
import { CONTRACT_CHECKS } from '../src/checks/index.js';
import { runChecks } from '../src/runner.js';
import { startInProcessTarget } from '../src/targets/in-process.js';
import { BREAKAGES } from './broken-mocks.js';

// The latency scenario waits 3 s of real time per request and no breakage here involves it.
const CHECKS = CONTRACT_CHECKS.filter((check) => !check.id.endsWith('/latency'));

/** Which checks each breakage must fail — and, by exclusion, which must keep passing. */
const MUST_FAIL: Record<keyof typeof BREAKAGES, string[]> = {
  'accepts an invalid assetType': [
    'negative-input/numeric-type',
    'negative-input/unknown-type',
    'negative-input/wrong-case-type',
  ],
  'reports an undocumented status': ['auth/deleteAsset', 'lifecycle'],
  'answers not-found with another code': ['lifecycle', 'not-found/unknown-id'],
  'does not enforce auth': [
    'auth/createVideoTask',
    'auth/deleteAsset',
    'auth/getAsset',
    'auth/getVideoTask',
    'auth/uploadAsset',
  ],
  'wraps video tasks in the envelope': ['auth/getVideoTask', 'video-task/lifecycle'],
  'sends a numeric code on delete': ['lifecycle'],
  'crashes on malformed JSON': ['negative-input/malformed-json'],
};

const failedIds = (results: Array<{ id: string; state: string }>) =>
  results
    .filter((result) => result.state === 'failed')
    .map((result) => result.id)
    .sort();

describe('the suite bites', () => {
  it('passes against the intact mock (the control for every case below)', async () => {
    const target = await startInProcessTarget();
    const { results, cleanup } = await runChecks(target, CHECKS);
    expect(failedIds(results)).toEqual([]);
    expect(cleanup.deleted.length).toBeGreaterThan(0);
    expect(cleanup.failed).toEqual([]);
    expect(target.mock?.mock.store.size).toBe(0);
  });

  for (const [breakage, mustFail] of Object.entries(MUST_FAIL)) {
    it(`fails exactly the affected checks when the mock ${breakage}`, async () => {
      const target = await startInProcessTarget({
        overrides: BREAKAGES[breakage as keyof typeof BREAKAGES],
      });
      const store = target.mock?.mock.store;
      const { results, cleanup } = await runChecks(target, CHECKS);

      expect(failedIds(results)).toEqual(mustFail);
      for (const result of results.filter((r) => r.state === 'failed')) {
        expect(result.message).toMatch(/\S/);
      }
      // Failing checks do not leak assets: everything created was deleted at the end.
      expect(cleanup.failed).toEqual([]);
      expect(store?.size).toBe(0);
    });
  }
});

describe('the suite holds the client to the spec too', () => {
  it('fails a check when the client sends an upload body the spec does not allow', async () => {
    const target = await startInProcessTarget();
    // Stands in for a client bug: a lower-case type sent through the client's recorded fetch.
    const sloppyClient: Check = {
      id: 'sloppy-client',
      title: 'a client that sends a lower-case type',
      covers: [],
      async run(session) {
        await session.clientFetch(`${session.target.baseUrl}/kyyVideo2/asset/upload`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${session.target.apiKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ assetType: 'image', url: session.target.assetUrl }),
        });
      },
    };
    const { results } = await runChecks(target, [sloppyClient]);
    expect(results).toEqual([
      expect.objectContaining({
        state: 'failed',
        message: expect.stringMatching(/client sent a request body that does not conform/),
      }),
    ]);
  });
});
