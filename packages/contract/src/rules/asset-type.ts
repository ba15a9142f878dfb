import { assetTypeIgnoringCase } from '../asset-type.js';
import { ASSET_TYPES } from '../constants.js';
import type { AssetType } from '../schemas.js';
import type { Problem } from './problem.js';
import { shownValue, typeName } from './value.js';

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
    return [{ field, kind: 'missing', hint: `Give one of ${LIST}.`, severity: 'error' }];
  }
  if (typeof value !== 'string') {
    return [
      {
        field,
        kind: 'type',
        hint: `Give a string, one of ${LIST} (got ${typeName(value)}).`,
        severity: 'error',
      },
    ];
  }
  if (isAssetType(value)) return [];
  const right = assetTypeIgnoringCase(value);
  const problem: Problem = {
    field,
    kind: 'unknown-value',
    hint: right
      ? `The type is case-sensitive: did you mean '${right}'?`
      : `Use one of ${LIST} (exact case).`,
    severity: 'error',
  };
  const shown = shownValue(value);
  return [shown === undefined ? problem : { ...problem, value: shown }];
}
