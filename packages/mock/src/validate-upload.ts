import {
  checkUpload,
  EXAMPLE_URL,
  errorsOf,
  type Problem,
  shownValue,
  UploadAssetRequest,
} from '@kyyvideo/contract';
import { parseJsonBody } from './json-body.js';

export type UploadValidation = { ok: true; value: UploadAssetRequest } | { ok: false; msg: string };

const EXAMPLE_BODY = JSON.stringify({ assetType: 'Image', url: EXAMPLE_URL, name: 'Cat Image' });

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

/** A problem from the contract's rules, in the mock's words (one sentence per field). */
export function sentence(problem: Problem): string {
  if (problem.kind === 'missing') return `${problem.field} is required: ${problem.hint}`;
  if (problem.kind === 'type') return `${problem.field} has the wrong type: ${problem.hint}`;
  const shown = problem.value === undefined ? '' : ` ${JSON.stringify(problem.value)}`;
  return `${problem.field}${shown} is not valid: ${problem.hint}`;
}

/**
 * Validates an upload the way the docs describe it, with one message naming every problem.
 * The contract's own schema has the last word, so nothing it would reject can succeed here.
 */
export function validateUpload(contentType: string | null, text: string): UploadValidation {
  if (!isJsonContentType(contentType)) {
    const got = contentType === null ? 'none' : JSON.stringify(shownValue(contentType) ?? '');
    return {
      ok: false,
      msg: `Content-Type must be application/json (got ${got}): send a JSON body like ${EXAMPLE_BODY}.`,
    };
  }
  const json = parseJsonBody(text, EXAMPLE_BODY);
  if (!json.ok) return json;
  const { body } = json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      msg: `The request body must be a JSON object, got ${describeType(body)}: send ${EXAMPLE_BODY}.`,
    };
  }
  // The same rules as the client, the CLI and the playground: what one refuses, all refuse.
  const problems = errorsOf(checkUpload(body));
  if (problems.length > 0) return { ok: false, msg: problems.map(sentence).join(' ') };
  const parsed = UploadAssetRequest.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    return { ok: false, msg: `The upload is not valid (${issues}).` };
  }
  return { ok: true, value: parsed.data };
}
