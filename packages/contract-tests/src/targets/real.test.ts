import { DEFAULT_BASE_URL } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { REAL_SERVICE_MIN_INTERVAL_MS } from '../rate-limiter.js';
import { DEFAULT_REAL_ASSET_URL, planRealTarget } from './real.js';

const KEY = 'sk-real-looking-key-123';

describe('planRealTarget', () => {
  it('never runs under plain `pnpm test`, even with a key, and says how to enable it', () => {
    const plan = planRealTarget({ KYY_API_KEY: KEY }, { contractRun: false });
    expect(plan.enabled).toBe(false);
    if (!plan.enabled) expect(plan.reason).toMatch(/pnpm test:contract/);
  });

  it('is skipped without a key, naming the variable and the command', () => {
    const plan = planRealTarget({ KYY_API_KEY: '  ' }, { contractRun: true });
    expect(plan.enabled).toBe(false);
    if (!plan.enabled) {
      expect(plan.reason).toMatch(/KYY_API_KEY is not set/);
      expect(plan.reason).toMatch(/KYY_API_KEY=<your key> pnpm test:contract/);
      expect(plan.reason.split('\n')).toHaveLength(1);
    }
  });

  it('targets the real service at one request per second by default', async () => {
    const plan = planRealTarget({ KYY_API_KEY: ` ${KEY}\n` }, { contractRun: true });
    if (!plan.enabled) throw new Error(plan.reason);
    const target = await plan.start();
    expect(target).toMatchObject({
      name: 'real',
      baseUrl: DEFAULT_BASE_URL,
      apiKey: KEY,
      minIntervalMs: REAL_SERVICE_MIN_INTERVAL_MS,
      assetUrl: DEFAULT_REAL_ASSET_URL,
    });
    expect(target.mock).toBeUndefined();
    expect(plan.checkTimeoutMs).toBeGreaterThan(target.reviewTimeoutMs);
  });

  it('takes the base URL and asset URL from the environment', async () => {
    const plan = planRealTarget(
      {
        KYY_API_KEY: KEY,
        KYY_CONTRACT_BASE_URL: 'https://staging.example.com/kyyReactApiServer/',
        KYY_CONTRACT_ASSET_URL: 'https://cdn.example.com/dog.png',
      },
      { contractRun: true },
    );
    if (!plan.enabled) throw new Error(plan.reason);
    const target = await plan.start();
    expect(target.baseUrl).toBe('https://staging.example.com/kyyReactApiServer');
    expect(target.assetUrl).toBe('https://cdn.example.com/dog.png');
  });

  it('takes a fixed run tag for replays, and refuses one that would not fit an asset name', async () => {
    const plan = planRealTarget(
      { KYY_API_KEY: KEY, KYY_CONTRACT_RUN_ID: 'recorded-1' },
      { contractRun: true },
    );
    if (!plan.enabled) throw new Error(plan.reason);
    expect((await plan.start()).runId).toBe('recorded-1');
    expect(() =>
      planRealTarget(
        { KYY_API_KEY: KEY, KYY_CONTRACT_RUN_ID: 'Has Spaces' },
        { contractRun: true },
      ),
    ).toThrow(/KYY_CONTRACT_RUN_ID must be 1 to 16 lowercase letters/);
  });

  it('allows a faster pace only against a loopback (local mock) base URL', () => {
    const fast = { KYY_API_KEY: KEY, KYY_CONTRACT_RATE_MS: '10' };
    expect(() => planRealTarget(fast, { contractRun: true })).toThrow(
      /only allowed against a loopback/,
    );
    const local = planRealTarget(
      { ...fast, KYY_CONTRACT_BASE_URL: 'http://127.0.0.1:4010/kyyReactApiServer' },
      { contractRun: true },
    );
    expect(local.enabled).toBe(true);
  });

  it('rejects a malformed base URL or rate with a message naming the variable', () => {
    expect(() =>
      planRealTarget(
        { KYY_API_KEY: KEY, KYY_CONTRACT_BASE_URL: 'zcbservice' },
        { contractRun: true },
      ),
    ).toThrow(/KYY_CONTRACT_BASE_URL must be an absolute http\(s\) URL/);
    expect(() =>
      planRealTarget({ KYY_API_KEY: KEY, KYY_CONTRACT_RATE_MS: 'fast' }, { contractRun: true }),
    ).toThrow(/KYY_CONTRACT_RATE_MS must be a number/);
  });

  it('keeps the key out of every error it raises', () => {
    let message = '';
    try {
      planRealTarget({ KYY_API_KEY: KEY, KYY_CONTRACT_BASE_URL: 'ftp://x' }, { contractRun: true });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/KYY_CONTRACT_BASE_URL/);
    expect(message.includes(KEY)).toBe(false);
  });
});
