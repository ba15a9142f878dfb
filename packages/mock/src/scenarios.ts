import { MOCK_CODES } from './codes.js';
import type { CoreResponse } from './core/types.js';
import { failure, json } from './envelope.js';

export type ScenarioName =
  | 'latency'
  | 'rate-limited'
  | 'server-error'
  | 'bad-gateway'
  | 'malformed-json'
  | 'drop-connection'
  | 'success-without-data';

export const SCENARIOS: readonly ScenarioName[] = Object.freeze([
  'latency',
  'rate-limited',
  'server-error',
  'bad-gateway',
  'malformed-json',
  'drop-connection',
  'success-without-data',
]);

/**
 * Scenarios that are not faults: every answer stays normal, but they decide how a video task
 * created under them ends. Chosen the same ways as {@link SCENARIOS} (header or `mock.use`).
 */
export type VideoScenarioName = 'video-failed';
export const VIDEO_SCENARIOS: readonly VideoScenarioName[] = Object.freeze(['video-failed']);

/** Any name the scenario header and `mock.use` accept. */
export type AnyScenarioName = ScenarioName | VideoScenarioName;

/** Request header that picks a scenario for that one request. */
export const SCENARIO_HEADER = 'x-mock-scenario';

/** Extra wait added by the `latency` scenario: long enough to trip a short client timeout. */
export const SCENARIO_LATENCY_MS = 3_000;

/** `Retry-After` of the `rate-limited` scenario, in seconds; short so retrying tests stay fast. */
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 1;

export function isScenarioName(value: unknown): value is AnyScenarioName {
  return (
    typeof value === 'string' &&
    ((SCENARIOS as readonly string[]).includes(value) ||
      (VIDEO_SCENARIOS as readonly string[]).includes(value))
  );
}

// What an overloaded nginx in front of the service typically answers: HTML, not the envelope.
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

// A success envelope cut off mid-way, as a truncated proxy response would look.
const MALFORMED_JSON_BODY = '{"code":0,"msg":null,"data":{"assetId":"asset-';

/**
 * The canned answer of a fault scenario, or `null` for `latency` (which only delays a normal
 * answer). Faults answer before the store is touched, so nothing is created or deleted.
 */
export function faultResponse(scenario: AnyScenarioName): CoreResponse | null {
  switch (scenario) {
    case 'latency':
    case 'video-failed':
      return null;
    case 'rate-limited':
      return failure(
        MOCK_CODES.rateLimited,
        `Too many requests (mock scenario "rate-limited"): wait ${RATE_LIMIT_RETRY_AFTER_SECONDS} s (Retry-After) and try again.`,
        { status: 429, headers: { 'retry-after': String(RATE_LIMIT_RETRY_AFTER_SECONDS) } },
      );
    case 'server-error':
      return failure(
        MOCK_CODES.serverError,
        'Internal server error (mock scenario "server-error").',
        { status: 500 },
      );
    case 'bad-gateway':
      return { status: 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_PAGE };
    case 'malformed-json':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: MALFORMED_JSON_BODY,
      };
    case 'drop-connection':
      return { status: 0, headers: {}, body: '', drop: true };
    case 'success-without-data':
      return json({ code: 0, msg: null, data: null });
  }
}
