import { describe, expect, it } from 'vitest';
import type { ItemOutcome, ItemStatus } from './outcome.js';
import { rerunPlan } from './summary.js';

const item = (status: ItemStatus, assetId?: string): ItemOutcome => ({
  index: 0,
  where: 'line 2',
  input: { assetType: 'Image', url: 'https://x.example/a.png' },
  status,
  ...(assetId ? { assetId } : {}),
});
const ID = 'asset-20260330142158-q75m8';

describe('rerunPlan', () => {
  it('says nothing when a rerun would have nothing to do', () => {
    expect(rerunPlan([item('uploaded', ID), item('skipped', ID)])).toBeUndefined();
  });

  it('says what a rerun does with each kind of unfinished item, in resume.ts terms', () => {
    const plan = rerunPlan([
      item('rejected'),
      item('interrupted'),
      item('interrupted', ID),
      item('wait-timeout', ID),
      item('unknown'),
      item('review-failed', ID),
    ]);
    expect(plan).toBe(
      'Running the same command again will upload 2 items again; wait again (with --wait) for 2 uploaded assets; leave 1 item of unknown outcome alone (add --retry-unknown to upload it again, which may create duplicates); report 1 failed review again, uploading nothing; finished items are skipped.',
    );
  });
});
