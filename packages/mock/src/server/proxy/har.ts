import { BASE_PATH, redactSecret, SECRET_MASK } from '@kyyvideo/contract';
import type { CoreResponse } from '../../core/types.js';

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the subset an exchange of this API
// needs. Browsers export it and other mock tools import it.

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: [];
  headers: HarHeader[];
  queryString: HarHeader[];
  postData?: { mimeType: string; text: string };
  headersSize: -1;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: [];
  headers: HarHeader[];
  content: { size: number; mimeType: string; text: string; encoding?: 'base64' };
  redirectURL: string;
  headersSize: -1;
  bodySize: number;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
}

export interface Exchange {
  started: Date;
  durationMs: number;
  method: string;
  /** The absolute URL the request went to. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
  response: CoreResponse;
}

/** The credential of an Authorization header (what follows the scheme), or `undefined`. */
export function credentialOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const raw = headers.authorization;
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  const space = value.search(/\s/);
  return space === -1 ? value : value.slice(space).trim() || undefined;
}

function harHeaders(headers: Exchange['headers']): HarHeader[] {
  const out: HarHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      // The credential is masked here by structure, whatever redactSecret later finds elsewhere.
      out.push({ name, value: name === 'authorization' ? maskCredential(v) : v });
    }
  }
  return out;
}

function maskCredential(value: string): string {
  const scheme = /^\s*(\S+)\s+\S/.exec(value)?.[1];
  return scheme === undefined ? SECRET_MASK : `${scheme} ${SECRET_MASK}`;
}

function headerValue(headers: Exchange['headers'], name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The request half of an entry, with the credential masked (replay matches on this too). */
export function harRequest(
  method: string,
  url: string,
  headers: Exchange['headers'],
  body: string,
): HarRequest {
  const parsed = new URL(url);
  const request: HarRequest = {
    method,
    url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: harHeaders(headers),
    queryString: [...parsed.searchParams].map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: Buffer.byteLength(body),
  };
  if (body !== '') {
    request.postData = { mimeType: headerValue(headers, 'content-type'), text: body };
  }
  return request;
}

function harResponse(response: CoreResponse): HarResponse {
  const mimeType = response.headers['content-type'] ?? '';
  const bytes =
    typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  const textual = /json|text|xml|javascript/i.test(mimeType);
  return {
    status: response.status,
    statusText: STATUS_TEXT[response.status] ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: Object.entries(response.headers).map(([name, value]) => ({ name, value })),
    content: {
      size: bytes.length,
      mimeType,
      ...(textual
        ? { text: Buffer.from(bytes).toString('utf8') }
        : { text: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const }),
    },
    redirectURL: '',
    headersSize: -1,
    bodySize: bytes.length,
  };
}

/**
 * One exchange as a HAR entry in JSON, with every secret masked wherever it appears (headers,
 * URL, bodies): the credential by structure, then everything through the contract's redactSecret.
 */
export function harEntryJson(exchange: Exchange, secrets: readonly (string | undefined)[]): string {
  const entry: HarEntry = {
    startedDateTime: exchange.started.toISOString(),
    time: exchange.durationMs,
    request: harRequest(exchange.method, exchange.url, exchange.headers, exchange.body),
    response: harResponse(exchange.response),
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
  };
  return JSON.stringify(redactStrings(entry, secrets));
}

/**
 * `value` with every string in it redacted. String by string, not over the JSON text, so that a
 * secret that happens to look like JSON punctuation can never break the document's structure.
 */
function redactStrings<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') return redactSecret(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactStrings(v, secrets)]),
    ) as T;
  }
  return value;
}

/** {@link harRequest} with every secret masked as in a recorded entry, to match against one. */
export function redactedHarRequest(
  method: string,
  url: string,
  headers: Exchange['headers'],
  body: string,
  secrets: readonly (string | undefined)[],
): HarRequest {
  return redactStrings(harRequest(method, url, headers, body), secrets);
}

/** A whole HAR document around entries that are already JSON. */
export function harDocument(entries: readonly string[], version: string): string {
  const head = JSON.stringify({
    log: { version: '1.2', creator: { name: 'kyy-mock', version }, entries: [] },
  });
  // `…"entries":[]}}` with the entries spliced between the brackets.
  const body = entries.length === 0 ? '' : `\n${entries.join(',\n')}\n`;
  return `${head.slice(0, -3)}${body}]}}\n`;
}

/**
 * What identifies a request for replay: method, the path after the base path with its query,
 * the masked Authorization (so a call without a key is told apart from one with a key) and the body.
 */
export function replayKey(request: HarRequest): string {
  const url = new URL(request.url);
  const at = url.pathname.indexOf(BASE_PATH);
  const path = at === -1 ? url.pathname : url.pathname.slice(at + BASE_PATH.length);
  const auth = request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value ?? '';
  return JSON.stringify([
    request.method,
    `${path}${url.search}`,
    auth,
    request.postData?.text ?? '',
  ]);
}
