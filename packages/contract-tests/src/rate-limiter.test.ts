import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

/** A clock that only moves when the limiter sleeps or a task says time has passed. */
function virtualTime() {
  const state = { now: 0, sleeps: [] as number[] };
  return {
    state,
    now: () => state.now,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.now += ms;
    },
  };
}

describe('createRateLimiter', () => {
  it('spaces the starts of concurrent calls by the interval, in call order', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({ minIntervalMs: 1_000, ...time });
    const starts: Array<[string, number]> = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        limiter.schedule(async () => {
          starts.push([name, time.state.now]);
        }),
      ),
    );
    expect(starts).toEqual([
      ['a', 0],
      ['b', 1_000],
      ['c', 2_000],
    ]);
    expect(limiter.started).toBe(3);
  });

  it('does not wait when the interval has already passed', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({ minIntervalMs: 1_000, ...time });
    await limiter.schedule(async () => {});
    time.state.now += 5_000;
    await limiter.schedule(async () => {});
    expect(time.state.sleeps).toEqual([]);
  });

  it('counts time spent inside a call towards the next wait', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({ minIntervalMs: 1_000, ...time });
    await limiter.schedule(async () => {
      time.state.now += 400;
    });
    await limiter.schedule(async () => {});
    expect(time.state.sleeps).toEqual([600]);
  });

  it('keeps going after a call fails, and passes the failure to its caller', async () => {
    const time = virtualTime();
    const limiter = createRateLimiter({ minIntervalMs: 1_000, ...time });
    await expect(limiter.schedule(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.schedule(async () => 'next')).resolves.toBe('next');
    expect(time.state.now).toBe(1_000);
  });

  it('rejects a negative or non-finite interval', () => {
    expect(() => createRateLimiter({ minIntervalMs: -1 })).toThrow(/minIntervalMs/);
    expect(() => createRateLimiter({ minIntervalMs: Number.NaN })).toThrow(/minIntervalMs/);
  });
});
