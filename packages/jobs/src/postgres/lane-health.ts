import { isTransientError } from './reconnect.js';
import { RowTakenOverError } from './store.js';

/**
 * Failures in a row (no row settled in between) after which a lane's error is taken as lasting.
 * A row taken over by another worker is not a failure (the lane takes the next row at once), and
 * a transient error (a lost connection, a deadlock, a full server) never counts: the store
 * already waits for PostgreSQL to come back, and a worker outlives a restart.
 */
export const LANE_FAILURES_TO_STOP = 5;

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** What a lane does after its run threw. */
export type LaneDecision = { do: 'retry'; afterMs: number } | { do: 'stop' };

/**
 * One lane's record of how it is doing: failures in a row set the backoff, and the unexplained
 * ones (neither a row taken over nor transient) stop the worker at {@link LANE_FAILURES_TO_STOP}.
 * A settled row starts both counts again.
 */
export class LaneHealth {
  #failures = 0;
  #unexplained = 0;

  settled(): void {
    this.#failures = 0;
    this.#unexplained = 0;
  }

  failed(error: unknown): LaneDecision {
    if (error instanceof RowTakenOverError) {
      this.settled();
      return { do: 'retry', afterMs: 0 };
    }
    this.#unexplained = isTransientError(error) ? 0 : this.#unexplained + 1;
    if (this.#unexplained >= LANE_FAILURES_TO_STOP) return { do: 'stop' };
    // An error that may pass must not spin: wait longer each time, up to the maximum.
    const afterMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** this.#failures);
    this.#failures++;
    return { do: 'retry', afterMs };
  }
}
