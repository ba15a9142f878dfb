import type { ScenarioName } from './scenarios.js';

export interface LoggedRequest {
  method: string;
  /** Path without origin or query, e.g. `/kyyReactApiServer/kyyVideo2/asset/upload`. */
  path: string;
  /** The scenario that shaped the answer, if any. */
  scenario: ScenarioName | null;
  /** HTTP status sent; 0 for a dropped connection. */
  status: number;
}

export interface RequestLog {
  add(entry: LoggedRequest): void;
  entries(): ReadonlyArray<LoggedRequest>;
  clear(): void;
}

// Bounded so a long-running standalone server does not grow without limit; tests see far fewer.
export const REQUEST_LOG_LIMIT = 10_000;

export function createRequestLog(limit = REQUEST_LOG_LIMIT): RequestLog {
  let log: LoggedRequest[] = [];
  return {
    add(entry) {
      log.push(Object.freeze({ ...entry }));
      if (log.length > limit) log = log.slice(-limit);
    },
    entries: () => Object.freeze([...log]),
    clear() {
      log = [];
    },
  };
}
