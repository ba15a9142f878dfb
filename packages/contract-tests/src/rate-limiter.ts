/** The real service's pace for this suite: at most one request per second (the limit). */
export const REAL_SERVICE_MIN_INTERVAL_MS = 1_000;

export interface RateLimiterOptions {
  /** Minimum time between the starts of two calls. */
  minIntervalMs: number;
  /** Epoch ms; injectable so tests can drive a virtual clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Runs `task` once its turn has come; turns are handed out in call order. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** How many tasks have been started so far. */
  readonly started: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spaces the *starts* of calls at least `minIntervalMs` apart. Calls may still overlap once
 * started (a slow response does not hold up the next request), which is what a per-second
 * request limit counts.
 */
export function createRateLimiter({
  minIntervalMs,
  now = Date.now,
  sleep = realSleep,
}: RateLimiterOptions): RateLimiter {
  if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) {
    throw new RangeError(`minIntervalMs must be a finite number ≥ 0, got ${minIntervalMs}`);
  }
  let nextStart = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  let started = 0;

  const turn = async () => {
    const wait = nextStart - now();
    if (wait > 0) await sleep(wait);
    nextStart = now() + minIntervalMs;
    started += 1;
  };

  return {
    schedule(task) {
      const myTurn = queue.then(turn);
      queue = myTurn;
      return myTurn.then(task);
    },
    get started() {
      return started;
    },
  };
}
