import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_PATH } from '@kyyvideo/contract';
import { getResponse } from 'msw';
import { MOCK_CODES } from '../codes.js';
import { createMock, type Mock } from '../create-mock.js';
import type { MockOptions } from '../options.js';
import { MAX_BODY_BYTES, readBody } from './body-limit.js';
import { CORS_HEADERS, preflightHeaders } from './cors.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
import { sendFetchResponse, toFetchRequest } from './node-bridge.js';
import { createStateWriter, loadState } from './state-file.js';

export { MAX_BODY_BYTES } from './body-limit.js';
export { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';

// How long close() lets in-flight requests (e.g. one sleeping in the latency scenario) finish
// before it cuts their connections.
export const SHUTDOWN_GRACE_MS = 1_000;

export interface MockServerOptions extends MockOptions {
  /** Port to listen on (default 4010; 0 picks a free one, see `port` in the result). */
  port?: number;
  /** Interface to bind (default 127.0.0.1, loopback only). */
  host?: string;
  /** Keep the store in this JSON file across restarts (written atomically after each change). */
  stateFile?: string;
  /** Receives one line per request and problems such as a failed state write. Default: silent. */
  log?: (line: string) => void;
}

export interface RunningMockServer {
  /** The base URL to give a client, e.g. `http://127.0.0.1:4010/kyyReactApiServer`. */
  url: string;
  port: number;
  mock: Mock;
  /** Stops listening, lets in-flight requests finish briefly, and flushes the state file. */
  close(): Promise<void>;
}

function envelope(code: number, msg: string): string {
  return JSON.stringify({ code, msg, data: null });
}

function sendEnvelope(
  res: ServerResponse,
  status: number,
  code: number,
  msg: string,
  close = false,
): void {
  const body = envelope(code, msg);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

function sendTooLarge(res: ServerResponse): void {
  sendEnvelope(
    res,
    413,
    MOCK_CODES.payloadTooLarge,
    'Request body too large: the mock accepts at most 1 MiB. An upload is a small JSON object with a URL, not the file itself.',
    true,
  );
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The mock as a real HTTP server on node:http, answering through msw's `getResponse` with the
 * same handlers as in tests and browsers. Adds CORS, a 1 MiB body limit and optional persistence.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const {
    port = DEFAULT_PORT,
    host = DEFAULT_HOST,
    stateFile,
    log = () => {},
    ...mockOptions
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `startMockServer: port must be an integer from 0 to 65535, got ${String(port)}.`,
    );
  }
  const mock = createMock(mockOptions);

  let writer: ReturnType<typeof createStateWriter> | undefined;
  if (stateFile) {
    const saved = await loadState(stateFile);
    if (saved) mock.store.restore(saved);
    writer = createStateWriter(
      stateFile,
      () => mock.store.snapshot(),
      (error) => log(`could not write state file ${stateFile}: ${error.message}`),
    );
    const stateWriter = writer;
    mock.store.subscribe(() => stateWriter.schedule());
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    res.on('close', () => {
      const outcome = res.writableFinished ? String(res.statusCode) : 'connection dropped';
      log(`${req.method} ${req.url} → ${outcome} (${Date.now() - started} ms)`);
    });

    if (req.method === 'OPTIONS') {
      res.writeHead(204, preflightHeaders(req.headers['access-control-request-headers']));
      res.end();
      return;
    }
    const read = await readBody(req);
    if (!read.ok) {
      sendTooLarge(res);
      return;
    }
    const request = toFetchRequest(req, read.body, `http://${urlHost(host)}:${boundPort}`);
    const response = await getResponse(mock.handlers, request);
    if (!response) {
      sendEnvelope(
        res,
        404,
        MOCK_CODES.unknownEndpoint,
        `Nothing here: this is the KyyVideo2 mock, the API lives under ${BASE_PATH} (e.g. POST ${BASE_PATH}/kyyVideo2/asset/upload).`,
      );
      return;
    }
    if (response.type === 'error') {
      // The drop-connection scenario: hang up without answering, as a failed network would.
      res.destroy();
      return;
    }
    await sendFetchResponse(res, response, CORS_HEADERS);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else
        sendEnvelope(
          res,
          500,
          MOCK_CODES.serverError,
          'The mock failed unexpectedly; see its log.',
        );
    });
  };
  const server = createServer(onRequest);
  // With `Expect: 100-continue` (curl sends it for large bodies), refuse an oversized body before
  // the client sends it; otherwise invite the body and handle the request as usual.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      sendTooLarge(res);
      return;
    }
    res.writeContinue();
    onRequest(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const boundPort = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await writer?.flush();
    })();
    return closing;
  };

  return { url: `http://${urlHost(host)}:${boundPort}${BASE_PATH}`, port: boundPort, mock, close };
}
