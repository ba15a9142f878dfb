import { BASE_PATH } from '@kyyvideo/contract';
import { MOCK_CODES } from '../../codes.js';
import { basePathAt } from '../../core/core.js';
import type { CoreResponse } from '../../core/types.js';
import { failure } from '../../envelope.js';

/**
 * How long the proxy waits for the service's answer. The service fetches the asset URL during an
 * upload, so answers can take a while; past this the caller gets a 502 saying what may have happened.
 */
export const PROXY_TIMEOUT_MS = 120_000;

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not the exchange; the length and
// encoding are recomputed because fetch hands back the decoded body.
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
  'content-encoding',
]);

export interface ProxiedRequest {
  method: string;
  /** The request target as received: the base path, the rest of the path, and any query. */
  target: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** Where a request for `target` goes: the base URL, then what followed the base path. */
export function upstreamUrl(baseUrl: string, target: string): string {
  const at = basePathAt(target.split('?', 1)[0] ?? '');
  const rest = at === -1 ? target : target.slice(at + BASE_PATH.length);
  return `${baseUrl.replace(/\/+$/, '')}${rest}`;
}

function forwardedHeaders(headers: ProxiedRequest['headers']): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
  }
  return out;
}

// Errors that prove the request never left this machine: nothing was created, sending it again is safe.
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function unreachable(method: string, url: string, error: unknown): CoreResponse {
  const code = causeCode(error);
  const reason =
    (error as Error | undefined)?.name === 'TimeoutError'
      ? `no answer within ${PROXY_TIMEOUT_MS / 1000} s`
      : (code ?? (error instanceof Error ? error.message : String(error)));
  const origin = new URL(url).origin;
  const advice =
    code !== undefined && NEVER_SENT.has(code)
      ? 'The request never reached it, so sending it again is safe.'
      : method === 'GET'
        ? 'Send it again.'
        : 'It may have reached the service: an upload or create may have been made and charged. Look it up (detail or query) before sending it again; neither has an idempotency key.';
  return failure(
    MOCK_CODES.badGateway,
    `The mock's proxy could not get an answer from ${origin} (${reason}). ${advice}`,
    { status: 502 },
  );
}

/**
 * Sends the request to the service once, exactly as received (the caller's Authorization
 * included), and returns its answer. Never retries: an upload or create has no idempotency key.
 */
export async function forward(
  baseUrl: string,
  request: ProxiedRequest,
): Promise<{ response: CoreResponse; fromService: boolean }> {
  const url = upstreamUrl(baseUrl, request.target);
  const method = request.method;
  try {
    const response = await fetch(url, {
      method,
      headers: forwardedHeaders(request.headers),
      body: method === 'GET' || method === 'HEAD' ? undefined : request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(PROXY_TIMEOUT_MS),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!NOT_FORWARDED.has(name)) headers[name] = value;
    });
    return { response: { status: response.status, headers, body }, fromService: true };
  } catch (error) {
    return { response: unreachable(method, url, error), fromService: false };
  }
}
