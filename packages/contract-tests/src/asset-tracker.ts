/**
 * Every asset id a target handed out during a run, and whether it has been deleted since. Fed
 * from the wire (every upload success the suite sees), not from the checks, so an asset created
 * by a check that then fails, or by a request that should have been rejected, is still known.
 */
export interface AssetTracker {
  created(assetId: string): void;
  deleted(assetId: string): void;
  /** Created and not (yet) deleted, oldest first. */
  pending(): string[];
  readonly total: number;
}

export function createAssetTracker(): AssetTracker {
  const live = new Set<string>();
  let total = 0;
  return {
    created(assetId) {
      if (!live.has(assetId)) total += 1;
      live.add(assetId);
    },
    deleted(assetId) {
      live.delete(assetId);
    },
    pending: () => [...live],
    get total() {
      return total;
    },
  };
}
