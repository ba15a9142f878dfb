import { ASSET_ID_PATTERN, ASSET_REF_PREFIX } from './constants.js';
import { type AssetRef, parseAssetIdOrRef } from './rules/asset-id.js';
import { EXAMPLE_ASSET_ID } from './rules/limits.js';
import { shownValue } from './rules/value.js';

/** True when `value` looks like an id the service hands out (`asset-YYYYMMDDhhmmss-xxxxx`). */
export function isAssetId(value: unknown): value is string {
  return typeof value === 'string' && ASSET_ID_PATTERN.test(value);
}

/** Thrown by {@link parseAssetRef} and {@link toAssetRef} for text that is not an asset reference. */
export class InvalidAssetRefError extends TypeError {
  override readonly name = 'InvalidAssetRefError';
}

function describe(value: unknown): string {
  const shown = shownValue(value);
  return typeof value === 'string' ? JSON.stringify(shown ?? '') : (shown ?? String(value));
}

/** `asset-…` → `asset://asset-…`, the form a generation task expects. */
export function toAssetRef(assetId: string): AssetRef {
  if (!isAssetId(assetId)) {
    throw new InvalidAssetRefError(
      `toAssetRef expects an asset id like "${EXAMPLE_ASSET_ID}", got ${describe(assetId)}.`,
    );
  }
  return `${ASSET_REF_PREFIX}${assetId}`;
}

/**
 * `asset://asset-…` → `asset-…`. Rejects anything else with an error that says what was expected.
 * To accept an id or a reference alike, use `parseAssetIdOrRef`, which returns a problem instead.
 */
export function parseAssetRef(ref: string): string {
  if (typeof ref !== 'string' || !ref.startsWith(ASSET_REF_PREFIX)) {
    throw new InvalidAssetRefError(
      `An asset reference starts with "${ASSET_REF_PREFIX}", for example "${ASSET_REF_PREFIX}${EXAMPLE_ASSET_ID}"; got ${describe(ref)}.`,
    );
  }
  const parsed = parseAssetIdOrRef(ref, 'ref');
  if (!parsed.ok) {
    throw new InvalidAssetRefError(
      `The id in ${describe(ref)} is not an asset id: expected "asset-", 14 digits, "-", then 5 lowercase letters or digits.`,
    );
  }
  return parsed.assetId;
}
