import type { UploadInput } from '@kyyvideo/client';
import {
  ASSET_TYPES,
  type AssetType,
  checkAssetType,
  checkName,
  checkUrl,
  DOCUMENTED_AUDIO_FORMATS,
  DOCUMENTED_FRAME_IMAGE,
  EXAMPLE_URL,
  errorsOf,
  isAssetType,
  type Problem,
  parseAssetIdOrRef,
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

/** The formats the documentation lists per type (the contract's); others only earn a warning. */
const DOCUMENTED_FORMATS: Partial<Record<AssetType, readonly string[]>> = {
  Image: DOCUMENTED_FRAME_IMAGE.formats,
  Audio: DOCUMENTED_AUDIO_FORMATS,
};

/** File extensions that are other spellings of a format's name. */
const EXTENSION_ALIASES: Record<string, string> = { jpg: 'jpeg', tif: 'tiff' };

/** The first refusing problem's hint: the contract's rule says what to fix, the form shows it. */
function firstHint(problems: readonly Problem[]): string | undefined {
  return errorsOf(problems)[0]?.hint;
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
  const extension = dot > 0 ? last.slice(dot + 1).toLowerCase() : undefined;
  return extension === undefined ? undefined : (EXTENSION_ALIASES[extension] ?? extension);
}

/**
 * Checks the upload form before anything is sent, with messages that say what to type instead.
 * Warnings never block: they point out what the real service is likely to reject.
 */
export function validateUpload(values: UploadFormValues, target: TargetKind): UploadValidation {
  const errors: Partial<Record<UploadField, string>> = {};
  const warnings: string[] = [];

  // The contract's rules, as the client, the mock and the CLI apply them: the URL is checked
  // exactly as typed (a stray space is refused there too), only an empty field is worded here.
  const assetType = values.assetType;
  if (checkAssetType(assetType).length > 0) {
    errors.assetType = `Choose a type: ${ASSET_TYPES.join(', ')} (exactly as written).`;
  }

  const rawUrl = values.url;
  let url: URL | undefined;
  const urlHint = firstHint(checkUrl(rawUrl));
  if (rawUrl.trim() === '') {
    errors.url = `Enter the file's URL, for example ${EXAMPLE_URL}. The service downloads the file from there.`;
  } else if (urlHint !== undefined) {
    errors.url = urlHint;
  } else {
    url = new URL(rawUrl);
  }

  if (url) {
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

  // An empty name field means "no name"; anything typed is checked as given (never trimmed).
  const name = values.name;
  const nameHint = name === '' ? undefined : firstHint(checkName(name));
  if (nameHint !== undefined) errors.name = nameHint;
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

/** Accepts an asset id or its `asset://` reference (the contract's one parser), as pasted. */
export function parseAssetIdInput(text: string): AssetIdParse {
  if (text.trim() === '')
    return { ok: false, error: 'Enter an asset id first, or pick one from this session’s assets.' };
  const parsed = parseAssetIdOrRef(text);
  return parsed.ok ? parsed : { ok: false, error: parsed.problem.hint };
}
