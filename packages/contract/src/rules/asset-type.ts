import { assetTypeIgnoringCase } from '../asset-type.js';
import { ASSET_TYPES } from '../constants.js';
import type { AssetType } from '../schemas.js';
import { type Problem, refusal } from './problem.js';
import { typeName } from './value.js';

const LIST = ASSET_TYPES.join(', ');

/** True for the four types, spelled exactly as the service requires. */
export function isAssetType(value: unknown): value is AssetType {
  return typeof value === 'string' && (ASSET_TYPES as readonly string[]).includes(value);
}

/**
 * `assetType` is required and case-sensitive. A value that differs only in case or spaces is
 * refused with a "did you mean" hint rather than fixed silently: the service would refuse it.
 */
export function checkAssetType(value: unknown, field = 'assetType'): Problem[] {
  if (value === undefined || value === null || value === '') {
    return [refusal(field, 'missing', `Give one of ${LIST}.`)];
  }
  if (typeof value !== 'string') {
    return [refusal(field, 'type', `Give a string, one of ${LIST} (got ${typeName(value)}).`)];
  }
  if (isAssetType(value)) return [];
  const right = assetTypeIgnoringCase(value);
  const hint = right
    ? `The type is case-sensitive: did you mean '${right}'?`
    : `Use one of ${LIST} (exact case).`;
  return [refusal(field, 'unknown-value', hint, value)];
}
