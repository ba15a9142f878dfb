import type { UploadInput } from '@kyyvideo/client';
import {
  ASSET_TYPES,
  type AssetType,
  InvalidAssetRefError,
  isAssetId,
  parseAssetRef,
  UploadAssetRequest,
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

/** File extensions the documentation lists per type; anything else only earns a warning. */
const DOCUMENTED_EXTENSIONS: Partial<Record<AssetType, readonly string[]>> = {
  Image: ['jpeg', 'jpg', 'png', 'webp', 'bmp', 'tiff', 'tif', 'gif'],
  Audio: ['wav', 'mp3'],
};

const EXAMPLE_URL = 'https://example.com/cat.jpg';

function isAssetType(value: string): value is AssetType {
  return (ASSET_TYPES as readonly string[]).includes(value);
}

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
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Checks the upload form before anything is sent, with messages that say what to type instead.
 * Warnings never block: they point out what the real service is likely to reject.
 */
export function validateUpload(values: UploadFormValues, target: TargetKind): UploadValidation {
  const errors: Partial<Record<UploadField, string>> = {};
  const warnings: string[] = [];

  const assetType = values.assetType;
  if (!isAssetType(assetType)) {
    errors.assetType = `Choose a type: ${ASSET_TYPES.join(', ')} (exactly as written).`;
  }

  const rawUrl = values.url.trim();
  let url: URL | undefined;
  if (rawUrl === '') {
    errors.url = `Enter the file's URL, for example ${EXAMPLE_URL}. The service downloads the file from there.`;
  } else if (/\s/.test(rawUrl)) {
    errors.url = 'A URL cannot contain spaces. Encode them as %20 or copy the link again.';
  } else {
    try {
      url = new URL(rawUrl);
    } catch {
      errors.url = `This is not a full URL. Start it with https://, for example ${EXAMPLE_URL}.`;
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') {
      errors.url = `Only http:// and https:// URLs can be downloaded; this one starts with ${url.protocol}//.`;
      url = undefined;
    }
  }

  if (url) {
    if (target === 'real' && isPrivateHost(url.hostname)) {
      warnings.push(
        `The real service downloads the file from the internet, so "${url.hostname}" will not be reachable (it answers code 1001). Use a public URL.`,
      );
    }
    const allowed = isAssetType(assetType) ? DOCUMENTED_EXTENSIONS[assetType] : undefined;
    const extension = extensionOf(url);
    if (allowed && extension && !allowed.includes(extension)) {
      warnings.push(
        `The documentation lists ${allowed.join(', ')} for ${assetType}; ".${extension}" may be rejected in review.`,
      );
    }
  }

  const name = values.name.trim();
  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings };

  const input = { assetType, url: rawUrl, ...(name === '' ? {} : { name }) };
  // The contract's schema has the final word, so the form can never drift from the spec.
  const checked = UploadAssetRequest.safeParse(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      if (field === 'assetType' || field === 'url' || field === 'name') {
        errors[field] ??= `Not accepted by the API: ${issue.message}.`;
      }
    }
    return { ok: false, errors, warnings };
  }
  return { ok: true, input: checked.data, warnings };
}

export type AssetIdParse = { ok: true; assetId: string } | { ok: false; error: string };

const EXAMPLE_ID = 'asset-20260330142158-q75m8';

/** Accepts an asset id or its `asset://` reference, as a user is likely to paste either. */
export function parseAssetIdInput(text: string): AssetIdParse {
  const value = text.trim();
  if (value === '')
    return { ok: false, error: 'Enter an asset id first, or pick one from this session’s assets.' };
  if (value.startsWith('asset://')) {
    try {
      return { ok: true, assetId: parseAssetRef(value) };
    } catch (error) {
      if (error instanceof InvalidAssetRefError) return { ok: false, error: error.message };
      throw error;
    }
  }
  if (isAssetId(value)) return { ok: true, assetId: value };
  return {
    ok: false,
    error: `An asset id looks like ${EXAMPLE_ID}: "asset-", 14 digits, "-", then 5 lowercase letters or digits. You can also paste its asset:// reference.`,
  };
}
