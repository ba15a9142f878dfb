import { BASE_PATH, redactSecret } from '@kyyvideo/contract';
import { MOCK_CODES } from '../codes.js';
import { basePathAt, type MockCore } from '../core/core.js';
import type { CoreResponse } from '../core/types.js';
import { failure } from '../envelope.js';
import { noRoute } from './http-io.js';
import { checkAnswer } from './proxy/answer-check.js';
import { forward } from './proxy/forward.js';
import { credentialOf, redactedHarRequest } from './proxy/har.js';
import type { HarRecorder } from './proxy/har-recorder.js';
import type { Replay } from './proxy/replay.js';

/** A request as the server received it, its body read. */
export interface IncomingRequest {
  method: string;
  /** The request target as sent: path and query. */
  target: string;
  /** The path alone, dot segments resolved. */
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
  /** Where the client reached the server, e.g. `http://127.0.0.1:4010`. */
  origin: string;
}

/** Whatever answers requests: the mock itself, the proxy, a recording. */
export type Answerer = (request: IncomingRequest) => CoreResponse | Promise<CoreResponse>;

/** The secrets a line or file about this request must not contain: its credential and the mock's key. */
export const secretsOf = (
  request: Pick<IncomingRequest, 'headers'>,
  apiKey: string | undefined,
) => [credentialOf(request.headers), apiKey];

/** The stateful mock. */
export function mockAnswerer(core: MockCore): Answerer {
  return (request) =>
    core.handle({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body,
      origin: request.origin,
    }) ?? noRoute(request.method);
}

/** The path after the base path (found as the mock finds it), or `null` when there is none. */
function underBase(path: string): string | null {
  const at = basePathAt(path);
  return at === -1 ? null : path.slice(at + BASE_PATH.length);
}

export interface ProxyOptions {
  baseUrl: string;
  /** Answer 502 instead of an answer that does not match the spec. */
  strict: boolean;
  apiKey: string | undefined;
  /** Receives one line per mismatch (never the key). */
  report(line: string): void;
}

/** `--proxy`: the service answers; each answer is checked against the spec on the way back. */
export function proxyAnswerer(options: ProxyOptions, fallback: Answerer): Answerer {
  return async (request) => {
    const apiPath = underBase(request.path);
    if (apiPath === null) return fallback(request);
    const { response, fromService } = await forward(options.baseUrl, request);
    if (!fromService) return response;
    const text = Buffer.from(response.body).toString('utf8');
    const check = checkAnswer(request.method, apiPath, response.status, text);
    if (!check) return response;
    const where = `${check.operation} (${request.method} ${BASE_PATH}${apiPath})`;
    const say = (line: string) =>
      options.report(redactSecret(line, secretsOf(request, options.apiKey)));
    for (const line of check.undocumented) say(`undocumented answer from ${where}: ${line}`);
    if (check.mismatches.length === 0) return response;
    for (const line of check.mismatches) say(`spec mismatch in ${where}: ${line}`);
    if (!options.strict) return response;
    return failure(
      MOCK_CODES.badGateway,
      redactSecret(
        `--strict: the service's answer to ${where} does not match the spec: ${check.mismatches.join('; ')}`,
        secretsOf(request, options.apiKey),
      ),
      { status: 502 },
    );
  };
}

export interface ReplayOptions {
  replay: Replay;
  file: string;
  /** Answer 404 for what is not recorded instead of asking the mock. */
  strict: boolean;
  apiKey: string | undefined;
}

/** `--replay`: recorded answers for recorded requests; the stateful mock (or a 404) for the rest. */
export function replayAnswerer(options: ReplayOptions, fallback: Answerer): Answerer {
  return (request) => {
    const har = redactedHarRequest(
      request.method,
      `${request.origin}${request.target}`,
      request.headers,
      request.body,
      secretsOf(request, options.apiKey),
    );
    const recorded = options.replay.answer(har);
    if (recorded) return recorded;
    if (!options.strict) return fallback(request);
    return failure(
      MOCK_CODES.unknownEndpoint,
      `--replay-strict: ${request.method} ${request.path} with this body and Authorization was not recorded in ${options.file}. Record it again (--proxy <url> --record <file>), or drop --replay-strict to let the mock answer what is not recorded.`,
      { status: 404 },
    );
  };
}

export interface RecordOptions {
  recorder: HarRecorder;
  /** The absolute URL the request went to (the service's, behind a proxy). */
  urlOf(request: IncomingRequest): string;
  apiKey: string | undefined;
}

/** `--record`: every answered exchange goes to the HAR file, secrets masked. */
export function recordingAnswerer(options: RecordOptions, inner: Answerer): Answerer {
  const record = (request: IncomingRequest, started: number, response: CoreResponse) => {
    // A dropped connection answered nothing, so there is no exchange to replay.
    if (response.drop) return response;
    options.recorder.record(
      {
        started: new Date(started),
        durationMs: Date.now() - started,
        method: request.method,
        url: options.urlOf(request),
        headers: request.headers,
        body: request.body,
        response,
      },
      secretsOf(request, options.apiKey),
    );
    return response;
  };
  return (request) => {
    const started = Date.now();
    const response = inner(request);
    return response instanceof Promise
      ? response.then((r) => record(request, started, r))
      : record(request, started, response);
  };
}
