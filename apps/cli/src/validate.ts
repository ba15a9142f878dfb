import {
  ASSET_REF_PREFIX,
  ASSET_TYPES,
  type AssetType,
  assetTypeIgnoringCase,
  isAssetId,
  parseAssetRef,
} from '@kyyvideo/contract';
import { UsageError } from './errors.js';
import { integerInRange } from './option-values.js';
import { quote } from './quote.js';

export { quote };

const EXAMPLE_ID = 'asset-20260330142158-q75m8';

/** `image`, `IMAGE`, `Image` → `Image`. The service itself is case-sensitive, so we normalise. */
export function parseAssetType(value: string, what = '--type'): AssetType {
  const match = assetTypeIgnoringCase(value);
  if (!match) {
    throw new UsageError(
      `${what} must be one of ${ASSET_TYPES.join(', ')} (any case); got ${quote(value)}.`,
    );
  }
  return match;
}

/** A public http(s) URL the service can fetch. Checked here so nothing is sent for a typo. */
export function parseAssetUrl(value: string, what = '--url'): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `${what} must be a full http(s) URL the service can download, like https://example.com/cat.png; got ${quote(value)}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${what} must start with http:// or https:// (the service downloads it); got ${quote(value)}.`,
    );
  }
  return text;
}

/** An asset id, or an `asset://` reference to one (what generation tasks use). */
export function parseAssetIdArg(value: string): string {
  const text = value.trim();
  if (text.startsWith(ASSET_REF_PREFIX)) {
    try {
      return parseAssetRef(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (!isAssetId(text)) {
    throw new UsageError(
      `<assetId> must look like ${EXAMPLE_ID} ("asset-", 14 digits, "-", 5 lowercase letters or digits) or asset://${EXAMPLE_ID}; got ${quote(value)}.`,
    );
  }
  return text;
}

export function parseIntegerInRange(value: string, what: string, min: number, max: number): number {
  return integerInRange(what, min, max)(value);
}

export function parseNonNegativeMs(value: string, what: string): number {
  return parseIntegerInRange(value, what, 0, 3_600_000);
}
