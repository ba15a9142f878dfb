import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_PATH, checkBaseUrl, redactSecret } from '@kyyvideo/contract';
import { MOCK_CODES } from '../codes.js';
import type { MockCore } from '../core/core.js';
import { buildMock, type Mock } from '../mock-parts.js';
import type { MockOptions } from '../options.js';
import {
  type Answerer,
  type IncomingRequest,
  mockAnswerer,
  proxyAnswerer,
  recordingAnswerer,
  replayAnswerer,
} from './answerers.js';
import { MAX_BODY_BYTES, readBody } from './body-limit.js';
import { preflightHeaders } from './cors.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
import { pathOf, refuseBody, send, sendEnvelope, urlHost } from './http-io.js';
import { answerProtocolErrors } from './protocol-errors.js';
import { upstreamUrl } from './proxy/forward.js';
import { credentialOf } from './proxy/har.js';
import { type HarRecorder, openHarRecorder } from './proxy/har-recorder.js';
import { loadReplay } from './proxy/replay.js';
import { resolveServerLimits, type ServerLimits } from './server-limits.js';
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
  /**
   * Forward every API request to this base URL (the real service, e.g.
   * `https://zcbservice.aizfw.cn/kyyReactApiServer`) and answer what it answers, checking each
   * answer against the spec; a mismatch is one `onError` line naming the operation and field.
   */
  proxy?: string;
  /** With `proxy`: answer 502, with the mismatch, instead of an answer that does not match the spec. */
  proxyStrict?: boolean;
  /** Write every exchange to this HAR 1.2 file, with the key masked; valid at every instant. */
  recordFile?: string;
  /** Answer requests recorded in this HAR file with the recorded answers; the mock answers the rest. */
  replayFile?: string;
  /** With `replayFile`: answer 404 for what is not recorded instead of letting the mock answer. */
  replayStrict?: boolean;
}

export interface RunningMockServer {
  /** The base URL to give a client, e.g. `http://127.0.0.1:4010/kyyReactApiServer`. */
  url: string;
  port: number;
  mock: Mock;
  /** Stops listening, lets in-flight requests finish briefly, and flushes the state file. */
  close(): Promise<void>;
}

/** Refuses options that cannot go together, before anything is opened. */
function checkModes(options: MockServerOptions): void {
  const { proxy, proxyStrict, recordFile, replayFile, replayStrict, stateFile, stateFsync } =
    options;
  if (stateFsync && !stateFile) {
    throw new TypeError('startMockServer: stateFsync needs a stateFile to flush.');
  }
  if (proxy !== undefined) {
    const problem = checkBaseUrl(proxy, 'proxy')[0];
    if (problem) throw new TypeError(`startMockServer: proxy: ${problem.hint}`);
    if (replayFile !== undefined) {
      throw new TypeError(
        'startMockServer: proxy and replayFile exclude each other: record with the proxy, replay without it.',
      );
    }
    if (stateFile !== undefined) {
      throw new TypeError(
        'startMockServer: stateFile keeps the mock’s own assets; with proxy the service keeps them.',
      );
    }
  }
  if (proxyStrict && proxy === undefined) {
    throw new TypeError('startMockServer: proxyStrict works with proxy.');
  }
  if (replayStrict && replayFile === undefined) {
    throw new TypeError('startMockServer: replayStrict works with replayFile.');
  }
  if (recordFile !== undefined && recordFile === replayFile) {
    throw new TypeError('startMockServer: recordFile would overwrite the replayFile it reads.');
  }
}

/** The store, routes and scenarios, without msw: the server answers from the core directly. */
function buildServerMock(options: MockOptions, reportError: (line: string) => void) {
  const parts = buildMock(
    options,
    () => {
      throw new Error(
        'startMockServer: its mock has no msw handlers; use createMock() or setupMockServer() for msw.',
      );
    },
    (kind, limit) =>
      reportError(
        `the store holds its limit of ${limit} ${kind === 'asset' ? 'assets' : 'video tasks'}: from now on each new one makes the mock forget the least recently used (raise --store-limit to keep more)`,
      ),
  );
  parts.core.onInternalError = (error) =>
    reportError(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  return parts;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** What answers a request: the mock, or the proxy or a recording in front of it, maybe recorded. */
async function buildAnswerer(
  options: MockServerOptions,
  core: MockCore,
  reportError: (line: string) => void,
  recorder: HarRecorder | undefined,
): Promise<Answerer> {
  const { proxy, replayFile, apiKey } = options;
  let answer = mockAnswerer(core);
  if (proxy !== undefined) {
    answer = proxyAnswerer(
      { baseUrl: proxy, strict: options.proxyStrict === true, apiKey, report: reportError },
      answer,
    );
  } else if (replayFile !== undefined) {
    const replay = await loadReplay(replayFile);
    answer = replayAnswerer(
      { replay, file: replayFile, strict: options.replayStrict === true, apiKey },
      answer,
    );
  }
  if (recorder === undefined) return answer;
  return recordingAnswerer(
    {
      recorder,
      apiKey,
      urlOf: (request) =>
        proxy === undefined
          ? `${request.origin}${request.target}`
          : upstreamUrl(proxy, request.target),
    },
    answer,
  );
}

interface Listener {
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  /** The port once bound, for the origin of requests without a Host header. */
  boundPort: number;
}

/** The request listener: parse the target, answer preflights, read the body, then answer. */
function createListener(
  answer: Answerer,
  limits: ServerLimits,
  host: string,
  core: MockCore,
  log: ((line: string) => void) | undefined,
  apiKey: string | undefined,
): Listener {
  const listener: Listener = { boundPort: 0, onRequest: () => {} };
  const fail = (res: ServerResponse) => (error: unknown) => {
    core.onInternalError(error);
    if (res.headersSent) res.destroy();
    else
      sendEnvelope(res, 500, MOCK_CODES.serverError, 'The mock failed unexpectedly; see its log.');
  };
  const respond = (req: IncomingMessage, res: ServerResponse, path: string, body: string) => {
    const request: IncomingRequest = {
      method: req.method ?? 'GET',
      target: req.url ?? path,
      path,
      headers: req.headers,
      body,
      // The Host the client used (it reached us through it), else the address we listen on.
      origin: `http://${req.headers.host ?? `${urlHost(host)}:${listener.boundPort}`}`,
    };
    const response = answer(request);
    if (response instanceof Promise) response.then((r) => send(res, r), fail(res));
    else send(res, response);
  };
  listener.onRequest = (req, res) => {
    try {
      if (log) {
        const started = Date.now();
        res.on('close', () => {
          const outcome = res.writableFinished ? String(res.statusCode) : 'connection dropped';
          // A key pasted into a query string must not reach the log either.
          const secrets = [credentialOf(req.headers), apiKey];
          log(
            redactSecret(
              `${req.method} ${req.url} → ${outcome} (${Date.now() - started} ms)`,
              secrets,
            ),
          );
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
      const read = readBody(req, limits.budget);
      if (read instanceof Promise) {
        read.then(
          (r) => {
            if (r.ok) respond(req, res, path, r.body);
            else refuseBody(res, r.reason);
          },
          () => res.destroy(),
        );
      } else if (read.ok) respond(req, res, path, read.body);
      else refuseBody(res, read.reason);
    } catch (error) {
      fail(res)(error);
    }
  };
  return listener;
}

function createHttpServer(limits: ServerLimits, listener: Listener): Server {
  const { headersTimeout, requestTimeout, keepAliveTimeout } = limits;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout,
      // How often node looks for connections past those limits; frequent enough for short limits.
      connectionsCheckingInterval: Math.max(100, Math.min(headersTimeout, 30_000) / 4),
    },
    listener.onRequest,
  );
  server.keepAliveTimeout = keepAliveTimeout;
  // With `Expect: 100-continue` (curl sends it for large bodies), refuse an oversized body before
  // the client sends it; otherwise invite the body and handle the request as usual.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      refuseBody(res, 'too-large');
      return;
    }
    res.writeContinue();
    listener.onRequest(req, res);
  });
  answerProtocolErrors(server);
  return server;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening, lets in-flight requests finish briefly, then closes what was opened. */
function closer(server: Server, closeFiles: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await closeFiles();
    })();
    return closing;
  };
}

/**
 * The mock as a real HTTP server: node:http straight into the transport-neutral core (no Fetch
 * objects, no msw). Adds CORS, body limits, connection timeouts, optional durable state, and the
 * proxy, recording and replay modes.
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
    proxy: _proxy,
    proxyStrict: _proxyStrict,
    recordFile,
    replayFile: _replayFile,
    replayStrict: _replayStrict,
    ...mockOptions
  } = options;
  const limits = resolveServerLimits({
    port,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs,
    bodyBudgetBytes,
  });
  checkModes(options);
  const reportError = onError ?? log ?? (() => {});
  const { mock, core, store } = buildServerMock(mockOptions, reportError);

  let persistent: PersistentState | undefined;
  let recorder: HarRecorder | undefined;
  const closeFiles = async () => {
    await recorder?.close();
    await persistent?.close();
  };
  let server: Server;
  try {
    if (stateFile) {
      persistent = await openPersistentState(stateFile, store, reportError, { fsync: stateFsync });
      core.durability = persistent;
    }
    if (recordFile !== undefined) {
      recorder = await openHarRecorder(recordFile, packageVersion(), reportError);
    }
    const answer = await buildAnswerer(options, core, reportError, recorder);
    const listener = createListener(answer, limits, host, core, log, options.apiKey);
    server = createHttpServer(limits, listener);
    listener.boundPort = await listen(server, port, host);
  } catch (error) {
    await closeFiles();
    throw error;
  }
  const boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${urlHost(host)}:${boundPort}${BASE_PATH}`,
    port: boundPort,
    mock,
    close: closer(server, closeFiles),
  };
}
