import type { UploadInput } from '@kyyvideo/client';
import {
  ASSET_TYPES,
  type AssetType,
  checkUpload,
  DOCUMENTED_AUDIO_FORMATS,
  DOCUMENTED_FRAME_IMAGE,
  EXAMPLE_URL,
  errorsOf,
  isAssetType,
  parseAssetIdOrRef,
  type UploadFields,
} from '@kyyvideo/contract';
import type { TargetKind } from './targets.js';

export interface UploadFormValues {
  assetType: string;
  url: string;
  name: string;
}

export type UploadField = keyof UploadFormValues;

export type UploadValidation =
  | { ok: true; input: UploadInput; warnings: string[] }
  | { ok: false; errors: Partial<Record<UploadField, string>>; warnings: string[] };

/** The formats the documentation lists per type (the contract's); others only earn a warning. */
const DOCUMENTED_FORMATS: Partial<Record<AssetType, readonly string[]>> = {
  Image: DOCUMENTED_FRAME_IMAGE.formats,
  Audio: DOCUMENTED_AUDIO_FORMATS,
};

/** File extensions that are other spellings of a format's name. */
const EXTENSION_ALIASES: Record<string, string> = { jpg: 'jpeg', tif: 'tiff' };

/** Hosts the real service can never download from: this machine or a private network. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    /^169\.254\./.test(host) ||
    host === '0.0.0.0'
  );
}

function extensionOf(url: URL): string | undefined {
  const last = url.pathname.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  const extension = dot > 0 ? last.slice(dot + 1).toLowerCase() : undefined;
  return extension === undefined ? undefined : (EXTENSION_ALIASES[extension] ?? extension);
}

/**
 * Checks the upload form before anything is sent, with messages that say what to type instead.
 * The contract's upload rules (as the client, the mock and the CLI apply them) are the one check;
 * this only words their problems for the form. Warnings never block: they point out what the
 * real service is likely to reject.
 */
export function validateUpload(values: UploadFormValues, target: TargetKind): UploadValidation {
  const errors: Partial<Record<UploadField, string>> = {};
  const warnings: string[] = [];
  const { assetType, url: rawUrl, name } = values;
  // An empty name field means "no name"; anything typed is checked as given (never trimmed),
  // and so is the URL (a stray space is refused there too).
  const input = { assetType, url: rawUrl, ...(name === '' ? {} : { name }) };
  for (const problem of errorsOf(checkUpload(input))) {
    const field = problem.field as UploadField;
    errors[field] ??= problem.hint;
  }
  // Only these are worded here: the type is picked from a list, an empty URL needs an example.
  if (errors.assetType !== undefined) {
    errors.assetType = `Choose a type: ${ASSET_TYPES.join(', ')} (exactly as written).`;
  }
  if (rawUrl.trim() === '') {
    errors.url = `Enter the file's URL, for example ${EXAMPLE_URL}. The service downloads the file from there.`;
  }

  if (errors.url === undefined) {
    const url = new URL(rawUrl);
    if (target === 'real' && isPrivateHost(url.hostname)) {
      warnings.push(
        `The real service downloads the file from the internet, so "${url.hostname}" will not be reachable (it answers code 1001). Use a public URL.`,
      );
    }
    const allowed = isAssetType(assetType) ? DOCUMENTED_FORMATS[assetType] : undefined;
    const extension = extensionOf(url);
    if (allowed && extension && !allowed.includes(extension)) {
      warnings.push(
        `The documentation lists ${allowed.join(', ')} for ${assetType}; ".${extension}" may be rejected in review.`,
      );
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  // checkUpload found no error, so these are the fields it accepts.
  return { ok: true, input: input as UploadFields, warnings };
}

export type AssetIdParse = { ok: true; assetId: string } | { ok: false; error: string };

/** Accepts an asset id or its `asset://` reference (the contract's one parser), as pasted. */
export function parseAssetIdInput(text: string): AssetIdParse {
  if (text.trim() === '')
    return { ok: false, error: 'Enter an asset id first, or pick one from this session’s assets.' };
  const parsed = parseAssetIdOrRef(text);
  return parsed.ok ? parsed : { ok: false, error: parsed.problem.hint };
}
