import { ASSET_ID_PATTERN, ASSET_REF_PREFIX } from './constants.js';

/** True when `value` looks like an id the service hands out (`asset-YYYYMMDDhhmmss-xxxxx`). */
export function isAssetId(value: unknown): value is string {
  return typeof value === 'string' && ASSET_ID_PATTERN.test(value);
}

/** Thrown by {@link parseAssetRef} and {@link toAssetRef} for text that is not an asset reference. */
export class InvalidAssetRefError extends TypeError {
  override readonly name = 'InvalidAssetRefError';
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return typeof value;
}

/** `asset-…` → `asset://asset-…`, the form a generation task expects. */
export function toAssetRef(assetId: string): `asset://${string}` {
  if (!isAssetId(assetId)) {
    throw new InvalidAssetRefError(
      `toAssetRef expects an asset id like "asset-20260330142158-q75m8", got ${describe(assetId)}.`,
    );
  }
  return `${ASSET_REF_PREFIX}${assetId}`;
}

/** `asset://asset-…` → `asset-…`. Rejects anything else with an error that says what was expected. */
export function parseAssetRef(ref: string): string {
  if (typeof ref !== 'string' || !ref.startsWith(ASSET_REF_PREFIX)) {
    throw new InvalidAssetRefError(
      `An asset reference starts with "${ASSET_REF_PREFIX}", for example "asset://asset-20260330142158-q75m8"; got ${describe(ref)}.`,
    );
  }
  const assetId = ref.slice(ASSET_REF_PREFIX.length);
  if (!isAssetId(assetId)) {
    throw new InvalidAssetRefError(
      `The id in ${describe(ref)} is not an asset id: expected "asset-", 14 digits, "-", then 5 lowercase letters or digits.`,
    );
  }
  return assetId;
}
