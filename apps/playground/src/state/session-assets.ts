import type { AssetStatus, AssetType } from '@kyyvideo/contract';
import type { TargetKind } from '../lib/targets.js';

/** What the page last learned about an asset; "Deleted"/"Not found" are the page's own words. */
export type KnownStatus = AssetStatus | 'Deleted' | 'Not found' | 'Unknown';

export interface SessionAsset {
  assetId: string;
  ref: `asset://${string}`;
  assetType: AssetType;
  name?: string;
  url: string;
  target: TargetKind;
  status: KnownStatus;
}

export type SessionAction =
  | { type: 'created'; asset: SessionAsset }
  | { type: 'status'; assetId: string; status: KnownStatus };

/** Assets created in this tab, newest first. Only this tab knows them: nothing is stored. */
export function sessionReducer(assets: SessionAsset[], action: SessionAction): SessionAsset[] {
  switch (action.type) {
    case 'created':
      return [action.asset, ...assets.filter((a) => a.assetId !== action.asset.assetId)];
    case 'status':
      return assets.map((a) =>
        a.assetId === action.assetId ? { ...a, status: action.status } : a,
      );
  }
}
