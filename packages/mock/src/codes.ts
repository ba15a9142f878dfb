import { DOCUMENTED_CODES } from '@kyyvideo/contract';

/**
 * Every envelope code the mock sends. `success`, `notFound` and `urlUnreachable` come from the
 * service's documentation (via the contract); all others are the mock's own choice, because the
 * docs do not say what the service sends in those cases.
 */
export const MOCK_CODES = {
  success: DOCUMENTED_CODES.success,
  notFound: DOCUMENTED_CODES.notFound,
  urlUnreachable: DOCUMENTED_CODES.urlUnreachable,
  /** Mock's choice: invalid parameters, body or content type (HTTP 200). */
  invalidParameter: 400,
  /** Mock's choice: missing, empty or rejected Bearer token (HTTP 401). */
  unauthorized: 401,
  /** Mock's choice: no such endpoint under the base path (HTTP 404). */
  unknownEndpoint: 404,
  /** Mock's choice: a method no endpoint could use, e.g. TRACE (HTTP 405). */
  methodNotAllowed: 405,
  /** Mock's choice: request body over 1 MiB, standalone server only (HTTP 413). */
  payloadTooLarge: 413,
  /** Mock's choice: the `rate-limited` scenario (HTTP 429). */
  rateLimited: 429,
  /** Mock's choice: the `server-error` scenario, or a real failure of the mock (HTTP 500). */
  serverError: 500,
  /** Mock's choice: `--proxy` got no answer from the service, or `--strict` refused one (HTTP 502). */
  badGateway: 502,
  /** Mock's choice: too many request bodies in flight at once, standalone server only (HTTP 503). */
  busy: 503,
} as const;

/** The delete call's documented confirmation message. */
export const DELETE_SUCCESS_MSG = '删除成功';
