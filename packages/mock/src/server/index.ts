import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BASE_PATH } from '@kyyvideo/contract';
import { MOCK_CODES } from '../codes.js';
import type { CoreResponse } from '../core/types.js';
import { failure } from '../envelope.js';
import { buildMock, type Mock } from '../mock-parts.js';
import type { MockOptions } from '../options.js';
import {
  type BodyBudget,
  DEFAULT_BODY_BUDGET_BYTES,
  MAX_BODY_BYTES,
  readBody,
} from './body-limit.js';
import { CORS_HEADERS, preflightHeaders } from './cors.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './defaults.js';
import { openPersistentState, type PersistentState } from './state-journal.js';

export { DEFAULT_BODY_BUDGET_BYTES, MAX_BODY_BYTES } from './body-limit.js';
export {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  PORT_ENV,
} from './defaults.js';

// How long close() lets in-flight requests (e.g. one sleeping in the latency scenario) finish
// before it cuts their connections.
export const SHUTDOWN_GRACE_MS = 1_000;

export interface MockServerOptions extends MockOptions {
  /** Port to listen on (default 4010; 0 picks a free one, see `port` in the result). */
  port?: number;
  /** Interface to bind (default 127.0.0.1, loopback only). */
  host?: string;
  /**
   * Keep the store in this JSON file across restarts. A change is answered only once it is
   * written to the journal `FILE.journal` (group commit), so killing the mock at any instant
   * loses nothing acknowledged; the disk is flushed every second.
   */
  stateFile?: string;
  /**
   * With `stateFile`: answer a change only once the disk has it (fdatasync per batch), so a
   * power cut loses nothing acknowledged either. Slower: every answer waits for the disk.
   */
  stateFsync?: boolean;
  /** Receives one line per request. Default: silent. */
  log?: (line: string) => void;
  /**
   * Receives failures that are the mock's fault (bugs, a state file that cannot be written),
   * even when `log` is off. Default: `log`, else silent.
   */
  onError?: (line: string) => void;
  /** Time to receive a request's headers, in ms (default 10 000). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms (default 5 000). */
  keepAliveTimeoutMs?: number;
  /** Bytes of request bodies held at once across all connections (default 16 MiB). */
  bodyBudgetBytes?: number;
}

export interface RunningMockServer {
  /** The base URL to give a client, e.g. `http://127.0.0.1:4010/kyyReactApiServer`. */
  url: string;
  port: number;
  mock: Mock;
  /** Stops listening, lets in-flight requests finish briefly, and flushes the state file. */
  close(): Promise<void>;
}

const TOO_LARGE_MSG =
  'Request body too large: the mock accepts at most 1 MiB. An upload is a small JSON object with a URL, not the file itself.';
const BUSY_MSG =
  'The mock is holding too many request bodies at once (mock-only limit); retry shortly.';

function sendEnvelope(
  res: ServerResponse,
  status: number,
  code: number,
  msg: string,
  extra: Record<string, string> = {},
): void {
  send(res, failure(code, msg, { status, headers: extra }));
}

function send(res: ServerResponse, response: CoreResponse): void {
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

/** A raw HTTP answer for errors node:http reports before a request exists (bad syntax, timeouts). */
function rawEnvelope(status: number, reason: string, code: number, msg: string): string {
  const { body } = failure(code, msg);
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  unit: 'ms' | 'bytes',
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(
      `startMockServer: ${name} must be a whole number of ${unit} > 0, got ${String(value)}.`,
    );
  }
  return value;
}

/** The path of a request target, or `null` when it is not a path (`*`, `http://…`, garbage). */
function pathOf(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/')) return null;
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  // Dot segments: resolve them as a URL parser (and so the msw transports) would.
  return path.includes('/.') ? new URL(path, 'http://mock.invalid').pathname : path;
}

/**
 * The mock as a real HTTP server: node:http straight into the transport-neutral core (no Fetch
 * objects, no msw). Adds CORS, body limits, connection timeouts and optional durable state.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const {
    port = DEFAULT_PORT,
    host = DEFAULT_HOST,
    stateFile,
    stateFsync = false,
    log,
    onError,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs,
    bodyBudgetBytes,
    ...mockOptions
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `startMockServer: port must be an integer from 0 to 65535, got ${String(port)}.`,
    );
  }
  const headersTimeout = positiveInteger(
    'headersTimeoutMs',
    headersTimeoutMs,
    DEFAULT_HEADERS_TIMEOUT_MS,
    'ms',
  );
  const requestTimeout = Math.max(
    headersTimeout,
    positiveInteger('requestTimeoutMs', requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS, 'ms'),
  );
  const keepAliveTimeout = positiveInteger(
    'keepAliveTimeoutMs',
    keepAliveTimeoutMs,
    DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    'ms',
  );
  const budget: BodyBudget = {
    limit: positiveInteger('bodyBudgetBytes', bodyBudgetBytes, DEFAULT_BODY_BUDGET_BYTES, 'bytes'),
    used: 0,
  };
  const reportError = onError ?? log ?? (() => {});
  if (stateFsync && !stateFile) {
    throw new TypeError('startMockServer: stateFsync needs a stateFile to flush.');
  }
  const { mock, core, store } = buildMock(
    mockOptions,
    () => {
      // The server answers from the core directly and never loads msw.
      throw new Error(
        'startMockServer: its mock has no msw handlers; use createMock() or setupMockServer() for msw.',
      );
    },
    (kind, limit) =>
      reportError(
        `the store holds its limit of ${limit} ${kind === 'asset' ? 'assets' : 'video tasks'}: from now on each new one makes the mock forget the least recently used (raise --store-limit to keep more)`,
      ),
  );
  core.onInternalError = (error) =>
    reportError(`internal error: ${error instanceof Error ? error.message : String(error)}`);

  let persistent: PersistentState | undefined;
  if (stateFile) {
    persistent = await openPersistentState(stateFile, store, reportError, { fsync: stateFsync });
    core.durability = persistent;
  }

  let boundPort = port;
  const answer = (req: IncomingMessage, res: ServerResponse, path: string, body: string) => {
    // The Host the client used (it reached us through it), else the address we listen on.
    const origin = `http://${req.headers.host ?? `${urlHost(host)}:${boundPort}`}`;
    const response = core.handle({
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      origin,
    });
    if (response === null) {
      if (req.method === 'GET' || req.method === 'POST' || req.method === 'DELETE') {
        sendEnvelope(
          res,
          404,
          MOCK_CODES.unknownEndpoint,
          `Nothing here: this is the KyyVideo2 mock, the API lives under ${BASE_PATH} (e.g. POST ${BASE_PATH}/kyyVideo2/asset/upload).`,
        );
      } else {
        sendEnvelope(
          res,
          405,
          MOCK_CODES.methodNotAllowed,
          `Method ${JSON.stringify(String(req.method).slice(0, 20))} is not supported here: the API lives under ${BASE_PATH}.`,
          { allow: 'GET, POST, DELETE, OPTIONS' },
        );
      }
      return;
    }
    if (response instanceof Promise) response.then((r) => send(res, r), fail(res));
    else send(res, response);
  };

  const fail = (res: ServerResponse) => (error: unknown) => {
    core.onInternalError(error);
    if (res.headersSent) res.destroy();
    else
      sendEnvelope(res, 500, MOCK_CODES.serverError, 'The mock failed unexpectedly; see its log.');
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (log) {
        const started = Date.now();
        res.on('close', () => {
          const outcome = res.writableFinished ? String(res.statusCode) : 'connection dropped';
          log(`${req.method} ${req.url} → ${outcome} (${Date.now() - started} ms)`);
        });
      }
      const path = pathOf(req.url);
      if (path === null) {
        req.resume();
        sendEnvelope(
          res,
          400,
          MOCK_CODES.invalidParameter,
          `Malformed request target ${JSON.stringify(String(req.url).slice(0, 60))}: send a path such as ${BASE_PATH}/kyyVideo2/asset/upload.`,
        );
        return;
      }
      if (req.method === 'OPTIONS') {
        req.resume();
        res.writeHead(204, preflightHeaders(req.headers['access-control-request-headers']));
        res.end();
        return;
      }
      const read = readBody(req, budget);
      if (read instanceof Promise) {
        read.then(
          (r) => {
            if (r.ok) answer(req, res, path, r.body);
            else refuse(res, r.reason);
          },
          () => res.destroy(),
        );
      } else if (read.ok) answer(req, res, path, read.body);
      else refuse(res, read.reason);
    } catch (error) {
      fail(res)(error);
    }
  };

  const refuse = (res: ServerResponse, reason: 'too-large' | 'over-budget') => {
    if (reason === 'too-large') {
      sendEnvelope(res, 413, MOCK_CODES.payloadTooLarge, TOO_LARGE_MSG, { connection: 'close' });
    } else {
      sendEnvelope(res, 503, MOCK_CODES.busy, BUSY_MSG, {
        connection: 'close',
        'retry-after': '1',
      });
    }
  };

  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout,
      // How often node looks for connections past those limits; frequent enough for short limits.
      connectionsCheckingInterval: Math.max(100, Math.min(headersTimeout, 30_000) / 4),
    },
    onRequest,
  );
  server.keepAliveTimeout = keepAliveTimeout;
  // With `Expect: 100-continue` (curl sends it for large bodies), refuse an oversized body before
  // the client sends it; otherwise invite the body and handle the request as usual.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      refuse(res, 'too-large');
      return;
    }
    res.writeContinue();
    onRequest(req, res);
  });
  // Requests node:http cannot parse, or that time out, still get an envelope (never a 500).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const reply =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawEnvelope(
            408,
            'Request Timeout',
            MOCK_CODES.invalidParameter,
            'The request took too long to arrive; the connection is closed.',
          )
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? rawEnvelope(
              431,
              'Request Header Fields Too Large',
              MOCK_CODES.invalidParameter,
              'The request headers are too large.',
            )
          : rawEnvelope(
              400,
              'Bad Request',
              MOCK_CODES.invalidParameter,
              'Malformed HTTP request: check the method, request target and headers.',
            );
    socket.end(reply);
  });
  // CONNECT is not for this server; answer instead of silently closing.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.end(
      rawEnvelope(
        405,
        'Method Not Allowed',
        MOCK_CODES.methodNotAllowed,
        'CONNECT is not supported: this is the KyyVideo2 API mock, not a proxy.',
      ),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await persistent?.close();
    throw error;
  });
  boundPort = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await persistent?.close();
    })();
    return closing;
  };

  return { url: `http://${urlHost(host)}:${boundPort}${BASE_PATH}`, port: boundPort, mock, close };
}
