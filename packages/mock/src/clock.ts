/** Where the mock reads the time from. Injected so tests can drive the review lifecycle. */
export interface MockClock {
  /** Milliseconds since the Unix epoch, like `Date.now()`. */
  now(): number;
}

export interface VirtualClock extends MockClock {
  /** Moves the clock forward by `ms` (must be a finite, non-negative number). */
  advance(ms: number): void;
}

export const systemClock: MockClock = { now: () => Date.now() };

/**
 * A clock that only moves when told to. Time starts at `start` (epoch ms or a Date) or at the
 * real current time, and never runs on its own, so tests never sleep.
 */
export function createVirtualClock(start?: number | Date): VirtualClock {
  let current = start === undefined ? Date.now() : start instanceof Date ? start.getTime() : start;
  if (!Number.isFinite(current)) {
    throw new RangeError(
      `createVirtualClock expects a finite epoch ms or a valid Date, got ${String(start)}.`,
    );
  }
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`advance(ms) expects a finite number ≥ 0, got ${String(ms)}.`);
      }
      current += ms;
    },
  };
}
