import type { LoadRequest } from '../load/autocannon.js';

/** A placeholder token: the mock accepts any non-empty bearer token unless started with KYY_MOCK_API_KEY. */
export const BENCH_TOKEN = 'bench-token';

export const UPLOAD_INPUT = {
  assetType: 'Image',
  url: 'https://example.com/cat.jpg',
  name: 'Cat Image',
} as const;

/** Splits a base URL into the origin autocannon connects to and the path prefix. */
export function splitBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

export function uploadRequest(baseUrl: string): LoadRequest {
  return {
    method: 'POST',
    path: `${splitBaseUrl(baseUrl).prefix}/kyyVideo2/asset/upload`,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(UPLOAD_INPUT),
  };
}

export function detailRequest(baseUrl: string, assetId: string): LoadRequest {
  return {
    method: 'GET',
    path: `${splitBaseUrl(baseUrl).prefix}/kyyVideo2/asset/${assetId}`,
    headers: { authorization: `Bearer ${BENCH_TOKEN}` },
  };
}

/** Sends one request with fetch and returns the parsed envelope, failing loudly otherwise. */
export async function sendOnce(
  baseUrl: string,
  request: LoadRequest,
): Promise<{ code: unknown; msg: unknown; data: unknown }> {
  const { origin } = splitBaseUrl(baseUrl);
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await response.text();
  let envelope: { code: unknown; msg: unknown; data: unknown };
  try {
    envelope = JSON.parse(text) as typeof envelope;
  } catch {
    throw new Error(
      `${request.method} ${request.path} answered HTTP ${response.status} with a non-JSON body: ${text.slice(0, 200)}`,
    );
  }
  if (response.status !== 200 || String(envelope.code) !== '0') {
    throw new Error(
      `${request.method} ${request.path} answered HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  return envelope;
}

/** Creates one asset and returns its id, for detail requests. */
export async function createAsset(baseUrl: string): Promise<string> {
  const envelope = await sendOnce(baseUrl, uploadRequest(baseUrl));
  const assetId = (envelope.data as { assetId?: unknown } | null)?.assetId;
  if (typeof assetId !== 'string') throw new Error('upload answered without data.assetId');
  return assetId;
}

/** True when a response is HTTP 200 with a success envelope (code 0 or "0"). */
export function isSuccessEnvelope(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const envelope = JSON.parse(body) as { code?: unknown };
    return String(envelope.code) === '0';
  } catch {
    return false;
  }
}
