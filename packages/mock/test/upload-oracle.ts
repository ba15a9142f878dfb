import { checkName, errorsOf, UploadAssetRequest } from '@kyyvideo/contract';

export type ExpectedUpload = 'success' | 'unreachable' | 'failure';

/**
 * What the docs and the contract say an upload request should get, written independently of the
 * mock's implementation so property tests (in process and over HTTP) have a real oracle.
 * Assumes a mock started without a specific API key: any non-empty Bearer token is accepted.
 */
export function expectedUpload(headers: Headers, text: string): ExpectedUpload {
  const auth = headers.get('authorization')?.trim() ?? '';
  if (!/^bearer\s+\S/i.test(auth)) return 'failure';
  const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return 'failure';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'failure';
  }
  const parsed = UploadAssetRequest.safeParse(body);
  if (!parsed.success) return 'failure';
  // The contract's name rule (optional, but never empty or blank when given, at most 255).
  if (errorsOf(checkName(parsed.data.name)).length > 0) return 'failure';
  const url = new URL(parsed.data.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'failure';
  return url.hostname.endsWith('.invalid') || url.hostname === 'invalid'
    ? 'unreachable'
    : 'success';
}
