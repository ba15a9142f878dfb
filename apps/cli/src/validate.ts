import {
  ASSET_REF_PREFIX,
  ASSET_TYPES,
  type AssetType,
  assetTypeIgnoringCase,
  isAssetId,
  parseAssetRef,
} from '@kyyvideo/contract';
import { UsageError } from './errors.js';

const EXAMPLE_ID = 'asset-20260330142158-q75m8';

/** Shortens user input before quoting it back in a message, so one bad value stays one line. */
export function quote(value: string): string {
  const short = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(short);
}

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
  const text = value.trim();
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${what} must be a whole number from ${min} to ${max}; got ${quote(value)}.`,
    );
  }
  return n;
}

/** Seconds as typed by a human (`90`, `2.5`) → milliseconds. */
export function parseSeconds(value: string, what: string): number {
  const text = value.trim();
  const n = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(
      `${what} must be a positive number of seconds, like 300; got ${quote(value)}.`,
    );
  }
  return Math.round(n * 1000);
}

export function parseNonNegativeMs(value: string, what: string): number {
  return parseIntegerInRange(value, what, 0, 3_600_000);
}
