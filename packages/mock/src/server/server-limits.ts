import { type BodyBudget, DEFAULT_BODY_BUDGET_BYTES } from './body-limit.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './defaults.js';

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

export interface ServerLimits {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  budget: BodyBudget;
}

/** The connection limits asked for, checked, with the defaults filled in. */
export function resolveServerLimits(options: {
  port: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  bodyBudgetBytes?: number;
}): ServerLimits {
  const { port } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `startMockServer: port must be an integer from 0 to 65535, got ${String(port)}.`,
    );
  }
  const headersTimeout = positiveInteger(
    'headersTimeoutMs',
    options.headersTimeoutMs,
    DEFAULT_HEADERS_TIMEOUT_MS,
    'ms',
  );
  return {
    headersTimeout,
    // A request cannot arrive before its headers have.
    requestTimeout: Math.max(
      headersTimeout,
      positiveInteger(
        'requestTimeoutMs',
        options.requestTimeoutMs,
        DEFAULT_REQUEST_TIMEOUT_MS,
        'ms',
      ),
    ),
    keepAliveTimeout: positiveInteger(
      'keepAliveTimeoutMs',
      options.keepAliveTimeoutMs,
      DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      'ms',
    ),
    budget: {
      limit: positiveInteger(
        'bodyBudgetBytes',
        options.bodyBudgetBytes,
        DEFAULT_BODY_BUDGET_BYTES,
        'bytes',
      ),
      used: 0,
    },
  };
}
