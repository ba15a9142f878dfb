import type { ServerResponse } from 'node:http';
import { BASE_PATH } from '@kyyvideo/contract';
import { MOCK_CODES } from '../codes.js';
import type { CoreResponse } from '../core/types.js';
import { failure } from '../envelope.js';
import { CORS_HEADERS } from './cors.js';

const TOO_LARGE_MSG =
  'Request body too large: the mock accepts at most 1 MiB. An upload is a small JSON object with a URL, not the file itself.';
const BUSY_MSG =
  'The mock is holding too many request bodies at once (mock-only limit); retry shortly.';

export function send(res: ServerResponse, response: CoreResponse): void {
  if (response.drop) {
    // The drop-connection scenario: hang up without answering, as a failed network would.
    res.destroy();
    return;
  }
  const { body } = response;
  res.writeHead(response.status, {
    ...CORS_HEADERS,
    ...response.headers,
    'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
  });
  res.end(body);
}

export function sendEnvelope(
  res: ServerResponse,
  status: number,
  code: number,
  msg: string,
  extra: Record<string, string> = {},
): void {
  send(res, failure(code, msg, { status, headers: extra }));
}

/** The answer when no route of the core matches: what exists, or which methods do. */
export function noRoute(method: string): CoreResponse {
  if (method === 'GET' || method === 'POST' || method === 'DELETE') {
    return failure(
      MOCK_CODES.unknownEndpoint,
      `Nothing here: this is the KyyVideo2 mock, the API lives under ${BASE_PATH} (e.g. POST ${BASE_PATH}/kyyVideo2/asset/upload).`,
      { status: 404 },
    );
  }
  return failure(
    MOCK_CODES.methodNotAllowed,
    `Method ${JSON.stringify(method.slice(0, 20))} is not supported here: the API lives under ${BASE_PATH}.`,
    { status: 405, headers: { allow: 'GET, POST, DELETE, OPTIONS' } },
  );
}

/** Refuses a body the server will not hold: too large for any request, or over the shared budget. */
export function refuseBody(res: ServerResponse, reason: 'too-large' | 'over-budget'): void {
  if (reason === 'too-large') {
    sendEnvelope(res, 413, MOCK_CODES.payloadTooLarge, TOO_LARGE_MSG, { connection: 'close' });
  } else {
    sendEnvelope(res, 503, MOCK_CODES.busy, BUSY_MSG, {
      connection: 'close',
      'retry-after': '1',
    });
  }
}

/** A raw HTTP answer for errors node:http reports before a request exists (bad syntax, timeouts). */
export function rawEnvelope(status: number, reason: string, code: number, msg: string): string {
  const { body } = failure(code, msg);
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** The path of a request target, or `null` when it is not a path (`*`, `http://…`, garbage). */
export function pathOf(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/')) return null;
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  // Dot segments: resolve them as a URL parser (and so the msw transports) would.
  return path.includes('/.') ? new URL(path, 'http://mock.invalid').pathname : path;
}
