import { describe, expect, it } from 'vitest';
import { createAssetTracker } from './asset-tracker.js';

describe('createAssetTracker', () => {
  it('lists assets created and not deleted, oldest first, counting each once', () => {
    const tracker = createAssetTracker();
    tracker.created('asset-20260330142158-aaaaa');
    tracker.created('asset-20260330142158-bbbbb');
    tracker.created('asset-20260330142158-aaaaa');
    tracker.created('asset-20260330142158-ccccc');
    tracker.deleted('asset-20260330142158-bbbbb');
    expect(tracker.pending()).toEqual(['asset-20260330142158-aaaaa', 'asset-20260330142158-ccccc']);
    expect(tracker.total).toBe(3);
  });
});
