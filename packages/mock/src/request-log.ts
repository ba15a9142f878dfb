import type { AnyScenarioName } from './scenarios.js';

export interface LoggedRequest {
  method: string;
  /** Path without origin or query, e.g. `/kyyReactApiServer/kyyVideo2/asset/upload`. */
  path: string;
  /** The scenario that shaped the answer, if any. */
  scenario: AnyScenarioName | null;
  /** HTTP status sent; 0 for a dropped connection. */
  status: number;
}

export interface RequestLog {
  /** Keeps `entry` itself (frozen): pass an object nobody else holds. */
  add(entry: LoggedRequest): void;
  entries(): ReadonlyArray<LoggedRequest>;
  clear(): void;
}

// Bounded so a long-running standalone server does not grow without limit; tests see far fewer.
export const REQUEST_LOG_LIMIT = 10_000;
/** How far past the limit the log may grow before it is trimmed back in one copy. */
const TRIM_SLACK = 1_000;

export function createRequestLog(limit = REQUEST_LOG_LIMIT): RequestLog {
  let log: LoggedRequest[] = [];
  return {
    add(entry) {
      // The caller hands over a fresh object; freezing it in place spares a copy per request.
      log.push(Object.freeze(entry));
      // Trim in batches: slicing on every request past the limit copies the whole log each time
      // (the benchmark measured detail requests 10× slower at p99 that way).
      if (log.length >= limit + TRIM_SLACK) log = log.slice(-limit);
    },
    entries: () => Object.freeze(log.slice(-limit)),
    clear() {
      log = [];
    },
  };
}
