import { ASSET_TYPES, type AssetType, assetTypeIgnoringCase } from '@kyyvideo/contract';
import { KyyInputError, type KyyOperation } from './errors.js';

export type UploadInput = { assetType: AssetType; url: string; name?: string };

/**
 * The client's own limit for `name` (the documentation sets none). Long enough for any label a
 * person types, short enough to catch a file's contents passed by mistake.
 */
export const MAX_NAME_LENGTH = 255;

/** The client's own limit for an asset id; real ids are 26 characters. */
export const MAX_ASSET_ID_LENGTH = 200;

/** The client's own limit for a URL; longer ones are almost always a data: blob or a mistake. */
export const MAX_URL_LENGTH = 4096;

function inputError(operation: KyyOperation, message: string): KyyInputError {
  return new KyyInputError(message, { operation });
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  return typeof value;
}

/** Checks an upload's arguments; `where` prefixes messages (e.g. `items[2].`) in batches. */
export function checkUploadInput(input: unknown, where = ''): UploadInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw inputError(
      'input',
      `${where || 'upload input'} must be an object like { assetType: 'Image', url: 'https://…' }, got ${describe(input)}.`,
    );
  }
  const { assetType, url, name } = input as Record<string, unknown>;

  if (typeof assetType !== 'string' || !(ASSET_TYPES as readonly string[]).includes(assetType)) {
    const hint = typeof assetType === 'string' ? assetTypeIgnoringCase(assetType) : undefined;
    const allowed = ASSET_TYPES.map((t) => `'${t}'`).join(', ');
    throw inputError(
      'input',
      hint
        ? `${where}assetType ${describe(assetType)} has the wrong case: did you mean '${hint}'? The service is case-sensitive.`
        : `${where}assetType must be one of ${allowed} (exact case), got ${describe(assetType)}.`,
    );
  }

  if (typeof url !== 'string' || url.trim() === '') {
    throw inputError(
      'input',
      `${where}url must be a public http(s) URL of the file, got ${describe(url)}.`,
    );
  }
  if (url.length > MAX_URL_LENGTH) {
    throw inputError(
      'input',
      `${where}url is ${url.length} characters long; the client accepts at most ${MAX_URL_LENGTH}. Host the file and pass its public URL.`,
    );
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || url !== url.trim()) {
    throw inputError(
      'input',
      `${where}url ${quote(url)} is not an absolute URL; pass the full public address, for example "https://example.com/cat.jpg".`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw inputError(
      'input',
      `${where}url must use http or https (the service downloads it), got "${parsed.protocol}".`,
    );
  }

  if (name !== undefined) {
    if (typeof name !== 'string') {
      throw inputError('input', `${where}name must be a string when given, got ${describe(name)}.`);
    }
    if (name.length > MAX_NAME_LENGTH) {
      throw inputError(
        'input',
        `${where}name is ${name.length} characters long; this client accepts at most ${MAX_NAME_LENGTH}. Shorten it.`,
      );
    }
  }
  const type = assetType as AssetType;
  return name === undefined ? { assetType: type, url } : { assetType: type, url, name };
}

/**
 * Checks an asset id before it goes into a path. openapi-fetch percent-encodes it with
 * encodeURIComponent (so `/`, `?`, `#` and `%` stay inside the segment), but that leaves `.`
 * alone and URL parsers resolve `.`/`..` segments, so those two are refused here: no id can
 * point the request at another path.
 */
export function checkAssetId(assetId: unknown, operation: KyyOperation): string {
  if (typeof assetId !== 'string' || assetId.trim() === '') {
    throw inputError(
      'input',
      `${operation}: the asset id must be a non-empty string like "asset-20260330142158-q75m8", got ${describe(assetId)}.`,
    );
  }
  if (assetId !== assetId.trim()) {
    throw inputError(
      'input',
      `${operation}: the asset id ${quote(assetId)} has leading or trailing whitespace; remove it.`,
    );
  }
  if (assetId.length > MAX_ASSET_ID_LENGTH) {
    throw inputError(
      'input',
      `${operation}: the asset id is ${assetId.length} characters long; ids look like "asset-20260330142158-q75m8".`,
    );
  }
  if (/^\.{1,2}$/.test(assetId)) {
    throw inputError(
      'input',
      `${operation}: ${quote(assetId)} is not an asset id; ids look like "asset-20260330142158-q75m8".`,
    );
  }
  if (assetId.startsWith('asset://')) {
    throw inputError(
      'input',
      `${operation}: pass the asset id without the "asset://" prefix (use parseAssetRef to convert), got ${quote(assetId)}.`,
    );
  }
  return assetId;
}
