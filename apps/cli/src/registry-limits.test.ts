import { createKyyClient } from '@kyyvideo/client';
import { DOCUMENTED_POLL_TIMEOUT_MS } from '@kyyvideo/contract';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_TIMEOUT_S, MAX_CONCURRENCY } from './registry.js';

// The command tree restates these so that `kyy --help` loads neither the client nor the contract.
describe('limits the command tree restates', () => {
  it('--timeout defaults to the documentation polling limit', () => {
    expect(DOCUMENTED_TIMEOUT_S * 1000).toBe(DOCUMENTED_POLL_TIMEOUT_MS);
  });

  it('--concurrency stops where assets.prepare does', async () => {
    const kyy = createKyyClient({
      apiKey: 'registry-limits-test',
      fetch: async () => {
        throw new Error('nothing is sent for an empty batch');
      },
    });
    await expect(kyy.assets.prepare([], { concurrency: MAX_CONCURRENCY })).resolves.toBeDefined();
    await expect(kyy.assets.prepare([], { concurrency: MAX_CONCURRENCY + 1 })).rejects.toThrow(
      new RegExp(`from 1 to ${MAX_CONCURRENCY}\\b`),
    );
  });
});
