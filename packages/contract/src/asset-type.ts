import { ASSET_TYPES } from './constants.js';
import type { AssetType } from './schemas.js';

/**
 * The asset type spelled the way the service requires, for input that differs only in case or
 * surrounding spaces (`' image '` → `'Image'`); `undefined` when it names no type at all. The
 * service itself is case-sensitive: use this to suggest or normalise, never to accept silently.
 */
export function assetTypeIgnoringCase(value: string): AssetType | undefined {
  const wanted = value.trim().toLowerCase();
  return ASSET_TYPES.find((type) => type.toLowerCase() === wanted);
}
