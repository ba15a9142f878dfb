import { ASSET_TYPES, assetTypeIgnoringCase, UploadAssetRequest } from '@kyyvideo/contract';
import { quote } from './envelope.js';

export type UploadValidation = { ok: true; value: UploadAssetRequest } | { ok: false; msg: string };

const EXAMPLE_BODY = '{"assetType":"Image","url":"https://example.com/cat.jpg","name":"Cat Image"}';
const TYPE_LIST = ASSET_TYPES.join(', ');

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const mediaType = header.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

function assetTypeProblem(value: unknown): string | null {
  if (value === undefined) return `assetType is required: one of ${TYPE_LIST}.`;
  if (typeof value !== 'string')
    return `assetType must be a string, got ${describeType(value)}: one of ${TYPE_LIST}.`;
  if ((ASSET_TYPES as readonly string[]).includes(value)) return null;
  const right = assetTypeIgnoringCase(value);
  if (right)
    return `assetType ${quote(value)} is not valid: write "${right}" (case-sensitive, first letter capitalised).`;
  return `assetType ${quote(value)} is not supported: use one of ${TYPE_LIST} (case-sensitive).`;
}

function urlProblem(value: unknown): string | null {
  const example = 'a public http(s) URL the service can download, e.g. https://example.com/cat.jpg';
  if (value === undefined) return `url is required: ${example}.`;
  if (typeof value !== 'string')
    return `url must be a string, got ${describeType(value)}: ${example}.`;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `url ${quote(value)} is not an absolute URL: include the scheme and host, e.g. https://example.com/cat.jpg.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `url must use http or https, got ${quote(parsed.protocol)}: ${example}.`;
  }
  if (parsed.hostname === '') return `url ${quote(value)} has no host: ${example}.`;
  return null;
}

function nameProblem(value: unknown): string | null {
  if (value === undefined || typeof value === 'string') return null;
  return `name must be a string when given, got ${describeType(value)}: leave it out for an unnamed asset.`;
}

/**
 * Validates an upload the way the docs describe it, with one message naming every problem.
 * The contract's own schema has the last word, so nothing it would reject can succeed here.
 */
export function validateUpload(contentType: string | null, text: string): UploadValidation {
  if (!isJsonContentType(contentType)) {
    const got = contentType === null ? 'none' : quote(contentType);
    return {
      ok: false,
      msg: `Content-Type must be application/json (got ${got}): send a JSON body like ${EXAMPLE_BODY}.`,
    };
  }
  if (text.trim() === '')
    return { ok: false, msg: `The request body is empty: send a JSON body like ${EXAMPLE_BODY}.` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'parse error';
    return {
      ok: false,
      msg: `The request body is not valid JSON (${reason}): send a JSON body like ${EXAMPLE_BODY}.`,
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      msg: `The request body must be a JSON object, got ${describeType(body)}: send ${EXAMPLE_BODY}.`,
    };
  }
  const fields = body as Record<string, unknown>;
  const problems = [
    assetTypeProblem(fields.assetType),
    urlProblem(fields.url),
    nameProblem(fields.name),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) return { ok: false, msg: problems.join(' ') };
  const parsed = UploadAssetRequest.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    return { ok: false, msg: `The upload is not valid (${issues}).` };
  }
  return { ok: true, value: parsed.data };
}
