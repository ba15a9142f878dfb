import { isSuccessCode } from '@kyyvideo/contract';
import { type Exchange, jsonBody } from './exchange.js';
import type { OpenApiValidator } from './openapi-validator.js';

/** A target broke the contract. The message names the rule and shows the exchange. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

// Enough of a body to see what went wrong without flooding the output.
const BODY_PREVIEW_CHARS = 400;

export function describeExchange(exchange: Exchange): string {
  const auth =
    exchange.auth === 'session-key'
      ? ''
      : ` (${exchange.auth === 'none' ? 'no token' : 'another token'})`;
  const scenario = exchange.scenario ? ` [scenario ${exchange.scenario}]` : '';
  const request = `${exchange.method} ${exchange.path}${auth}${scenario}`;
  if (exchange.networkError !== undefined && exchange.status === undefined) {
    return `${request} → no response: ${exchange.networkError}`;
  }
  const body = exchange.bodyText ?? '';
  const preview = body.length > BODY_PREVIEW_CHARS ? `${body.slice(0, BODY_PREVIEW_CHARS)}…` : body;
  return `${request} → HTTP ${exchange.status} ${exchange.contentType ?? '(no content type)'} ${preview}`;
}

export function violation(message: string, exchange?: Exchange): ContractViolation {
  return new ContractViolation(
    exchange ? `${message}\n    ${describeExchange(exchange)}` : message,
  );
}

export function ensure(
  condition: unknown,
  message: string,
  exchange?: Exchange,
): asserts condition {
  if (!condition) throw violation(message, exchange);
}

const isJsonContentType = (value: string | null | undefined) =>
  typeof value === 'string' && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(value);

/** Everything wrong with one exchange measured against the spec; empty when it conforms. */
export function conformanceProblems(validator: OpenApiValidator, exchange: Exchange): string[] {
  if (exchange.status === undefined) return [`no response arrived (${exchange.networkError})`];
  const problems: string[] = [];
  if (!exchange.operation) problems.push('the request matches no operation in the spec');
  if (!isJsonContentType(exchange.contentType)) {
    problems.push(`content type is ${JSON.stringify(exchange.contentType ?? null)}, not JSON`);
  }
  let body: unknown;
  try {
    body = JSON.parse(exchange.bodyText ?? '');
  } catch {
    problems.push('the body is not valid JSON');
    return problems;
  }
  if (exchange.operation) {
    problems.push(...validator.validateResponse(exchange.operation, exchange.status, body).errors);
  }
  return problems;
}

export function assertConforms(validator: OpenApiValidator, exchange: Exchange): void {
  const problems = conformanceProblems(validator, exchange);
  ensure(
    problems.length === 0,
    `The response does not conform to spec/openapi.yaml: ${problems.join('; ')}`,
    exchange,
  );
}

export function envelopeCode(exchange: Exchange): unknown {
  const body = jsonBody(exchange);
  return body !== null && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
}

/** Conforms and carries the success code. */
export function assertSuccess(validator: OpenApiValidator, exchange: Exchange): void {
  ensure(
    exchange.status !== undefined && exchange.status < 300 && isSuccessCode(envelopeCode(exchange)),
    'Expected success (HTTP 2xx with code 0)',
    exchange,
  );
  assertConforms(validator, exchange);
}

/**
 * The request was refused: an answer came, it is not a server error, and it is not a success.
 * (The docs name no code for bad input or auth, so any non-zero code, or a 4xx, will do.)
 */
export function assertRejected(
  validator: OpenApiValidator,
  exchange: Exchange,
  what: string,
): void {
  ensure(
    exchange.status !== undefined,
    `${what}: expected a rejection, but no response arrived`,
    exchange,
  );
  ensure(
    exchange.status < 500,
    `${what}: expected a rejection, got a server error (HTTP ${exchange.status})`,
    exchange,
  );
  ensure(
    !isSuccessCode(envelopeCode(exchange)),
    `${what}: expected a rejection, but it was accepted (code 0)`,
    exchange,
  );
  assertConforms(validator, exchange);
}

/** Answered with exactly this (documented) failure code. */
export function assertFailureCode(
  validator: OpenApiValidator,
  exchange: Exchange,
  code: number,
  meaning: string,
): void {
  ensure(
    envelopeCode(exchange) === code,
    `Expected the documented code ${code} (${meaning}), got ${JSON.stringify(envelopeCode(exchange))}`,
    exchange,
  );
  assertConforms(validator, exchange);
}
