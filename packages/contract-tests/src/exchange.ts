import { redactSecret } from '@kyyvideo/contract';
import { SCENARIO_HEADER } from '@kyyvideo/mock';
import type { OpenApiValidator, OperationId } from './openapi-validator.js';
import type { RateLimiter } from './rate-limiter.js';

/** One request and what came back, as the suite saw it on the wire. */
export interface Exchange {
  /** Who sent it: the suite's raw requests, or the client under test. */
  source: 'suite' | 'client';
  operation: OperationId | undefined;
  method: string;
  /** The path below the origin; the suite never puts secrets in URLs. */
  path: string;
  /** The fault scenario the request asked the mock for, if any. */
  scenario: string | null;
  /** Which credentials were sent; the token itself is never recorded. */
  auth: 'session-key' | 'none' | 'other';
  /** The request body as sent (key masked), when there was one. */
  requestText?: string;
  status?: number;
  contentType?: string | null;
  headers?: Headers;
  bodyText?: string;
  /** Set when no response arrived (the connection failed). */
  networkError?: string;
}

export interface RecordingFetchOptions {
  /** Sends the request; looked up per call so msw's interception of the global fetch applies. */
  transport: typeof fetch;
  validator: OpenApiValidator;
  sessionKey: string;
  source: Exchange['source'];
  limiter?: RateLimiter;
  onExchange(exchange: Exchange): void;
}

function classifyAuth(header: string | null, sessionKey: string): Exchange['auth'] {
  if (header === null || header.trim() === '') return 'none';
  return header.trim() === `Bearer ${sessionKey}` ? 'session-key' : 'other';
}

/**
 * A fetch that records every exchange (for conformance checks, cleanup and the report) and,
 * against the real service, waits its turn in the rate limiter. The client and the suite's raw
 * requests both go through it, so nothing reaches a target unrecorded or unthrottled.
 */
export function createRecordingFetch(options: RecordingFetchOptions): typeof fetch {
  const { transport, validator, sessionKey, source, limiter, onExchange } = options;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const exchange: Exchange = {
      source,
      operation: validator.findOperation(request.method, url)?.id,
      method: request.method,
      path: url.pathname,
      scenario: request.headers.get(SCENARIO_HEADER),
      auth: classifyAuth(request.headers.get('authorization'), sessionKey),
    };
    if (request.body !== null) {
      exchange.requestText = redactSecret(await request.clone().text(), [sessionKey]);
    }
    const send = () => transport(request);
    let response: Response;
    try {
      response = limiter ? await limiter.schedule(send) : await send();
    } catch (error) {
      exchange.networkError = redactSecret(error instanceof Error ? error.message : String(error), [
        sessionKey,
      ]);
      onExchange(exchange);
      throw error;
    }
    exchange.status = response.status;
    exchange.contentType = response.headers.get('content-type');
    exchange.headers = response.headers;
    try {
      // Kept masked: a target that echoes the Authorization header must not put the key in a report.
      exchange.bodyText = redactSecret(await response.clone().text(), [sessionKey]);
    } catch (error) {
      exchange.networkError = `the body could not be read: ${error instanceof Error ? error.message : String(error)}`;
    }
    onExchange(exchange);
    return response;
  };
}

/** The parsed JSON body, or `undefined` when the body is absent or not JSON. */
export function jsonBody(exchange: Exchange): unknown {
  if (exchange.bodyText === undefined) return undefined;
  try {
    return JSON.parse(exchange.bodyText);
  } catch {
    return undefined;
  }
}
