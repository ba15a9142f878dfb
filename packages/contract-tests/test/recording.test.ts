import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@kyyvideo/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_CHECKS } from '../src/checks/index.js';
import { runChecks } from '../src/runner.js';
import { MOCK_ASSET_URL } from '../src/targets/mock-options.js';
import { planRealTarget } from '../src/targets/real.js';

// A short review on the stand-in's real clock: the real-target path has no virtual clock to move.
const REVIEW_MS = 300;
const KEY = 'recording-key-0123456789abcdef';
// Starts three servers and runs the suite twice on a possibly busy machine.
const TIMEOUT_MS = 120_000;

/** The real-endpoint target as `pnpm test:contract` builds it, pointed at `baseUrl`. */
async function runSuiteAgainst(baseUrl: string) {
  const plan = planRealTarget(
    {
      KYY_API_KEY: KEY,
      KYY_CONTRACT_BASE_URL: baseUrl,
      KYY_CONTRACT_RATE_MS: '1',
      KYY_CONTRACT_ASSET_URL: MOCK_ASSET_URL,
      // The same asset names in both runs, so the replayed run sends what was recorded.
      KYY_CONTRACT_RUN_ID: 'recorded',
    },
    { contractRun: true },
  );
  if (!plan.enabled) throw new Error(plan.reason);
  return runChecks(await plan.start(), CONTRACT_CHECKS);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-contract-recording-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The suite against a recording: recorded once through `kyy-mock --proxy … --record` in front of
 * a stand-in for the service (here the mock itself), then replayed with `--replay-strict`, the
 * stand-in stopped, so every answer comes from the HAR file. This is how a recording of the real
 * service, made once with a key, keeps the suite honest in CI.
 */
describe('the contract suite against a recording', () => {
  it(
    'passes through the validating proxy while recording, then passes again replaying only the recording',
    async () => {
      const har = join(dir, 'contract.har');
      const standIn = await startMockServer({ port: 0, apiKey: KEY, reviewDelayMs: REVIEW_MS });
      const proxyLines: string[] = [];
      const proxy = await startMockServer({
        port: 0,
        proxy: standIn.url,
        recordFile: har,
        onError: (line) => proxyLines.push(line),
      });
      try {
        const recorded = await runSuiteAgainst(proxy.url);
        expect(recorded.results.filter((r) => r.state === 'failed')).toEqual([]);
        expect(recorded.cleanup.failed).toEqual([]);
      } finally {
        await proxy.close();
        await standIn.close();
      }
      // The mock's answers match the spec, so the proxy found nothing to report.
      expect(proxyLines.filter((l) => l.startsWith('spec mismatch'))).toEqual([]);
      const text = await readFile(har, 'utf8');
      expect(text).not.toContain(KEY);
      expect(JSON.parse(text).log.entries.length).toBeGreaterThan(10);

      const replay = await startMockServer({ port: 0, replayFile: har, replayStrict: true });
      try {
        const replayed = await runSuiteAgainst(replay.url);
        expect(replayed.results.filter((r) => r.state === 'failed')).toEqual([]);
        // Nothing reached the fallback mock: every request of the suite was in the recording.
        expect(replay.mock.requests()).toEqual([]);
      } finally {
        await replay.close();
      }
    },
    TIMEOUT_MS,
  );
});
