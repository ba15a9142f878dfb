import { ASSET_ID_PATTERN, ASSET_REF_PREFIX } from '../constants.js';
import { EXAMPLE_ASSET_ID } from './limits.js';
import { type Problem, refusal } from './problem.js';
import { typeName } from './value.js';

/** How a generation task references an asset: `asset://{assetId}`. */
export type AssetRef = `asset://${string}`;

export type AssetIdParse =
  | { readonly ok: true; readonly assetId: string }
  | { readonly ok: false; readonly problem: Problem };

const SHAPE = `"asset-", 14 digits, "-", then 5 lowercase letters or digits, like ${EXAMPLE_ASSET_ID}`;

function refused(
  field: string,
  kind: Problem['kind'],
  hint: string,
  value?: unknown,
): AssetIdParse {
  return { ok: false, problem: refusal(field, kind, hint, value) };
}

/**
 * The one parser for "which asset": an id (`asset-…`) or its reference (`asset://asset-…`), as
 * users paste either. Returns the bare id, or a problem. Nothing is trimmed. Because only the
 * documented id shape passes, an id can never carry `/`, `.` or `%` into a request path.
 */
export function parseAssetIdOrRef(value: unknown, field = 'assetId'): AssetIdParse {
  if (value === undefined || value === null || value === '') {
    return refused(field, 'missing', `Give an asset id (${SHAPE}) or its asset:// reference.`);
  }
  if (typeof value !== 'string') {
    return refused(field, 'type', `Give the asset id as a string (got ${typeName(value)}).`);
  }
  if (value !== value.trim()) {
    return refused(field, 'format', 'Remove the whitespace around the asset id.', value);
  }
  const isRef = value.startsWith(ASSET_REF_PREFIX);
  const id = isRef ? value.slice(ASSET_REF_PREFIX.length) : value;
  if (ASSET_ID_PATTERN.test(id)) return { ok: true, assetId: id };
  return refused(
    field,
    'format',
    isRef
      ? `The part after "${ASSET_REF_PREFIX}" is not an asset id: expected ${SHAPE}.`
      : `This is not an asset id: expected ${SHAPE}, or asset://${EXAMPLE_ASSET_ID}.`,
    value,
  );
}

/** {@link parseAssetIdOrRef} as a problem list (empty when the value is an id or a reference). */
export function checkAssetIdOrRef(value: unknown, field = 'assetId'): Problem[] {
  const parsed = parseAssetIdOrRef(value, field);
  return parsed.ok ? [] : [parsed.problem];
}
