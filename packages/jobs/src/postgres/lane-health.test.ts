import { describe, expect, it } from 'vitest';
import { LANE_FAILURES_TO_STOP, LaneHealth } from './lane-health.js';
import { RowTakenOverError } from './store.js';

const lasting = () =>
  Object.assign(new Error('relation "kyy_batch.row" does not exist'), { code: '42P01' });
const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('LaneHealth', () => {
  it('stops at the limit of unexplained errors in a row, backing off longer each time before', () => {
    const health = new LaneHealth();
    const waits: number[] = [];
    for (let i = 1; i < LANE_FAILURES_TO_STOP; i++) {
      const next = health.failed(lasting());
      if (next.do !== 'retry') throw new Error(`stopped after ${i} failures`);
      waits.push(next.afterMs);
    }
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(new Set(waits).size).toBe(waits.length);
    expect(health.failed(lasting())).toEqual({ do: 'stop' });
  });

  it('a settled row in between starts the count again: a healthy worker never stops', () => {
    const health = new LaneHealth();
    for (let round = 0; round < 10; round++) {
      for (let i = 1; i < LANE_FAILURES_TO_STOP; i++) {
        expect(health.failed(lasting()).do).toBe('retry');
      }
      health.settled();
    }
  });

  it('transient errors and rows taken over never stop it', () => {
    const health = new LaneHealth();
    for (let i = 0; i < 3 * LANE_FAILURES_TO_STOP; i++) {
      expect(health.failed(i % 2 ? deadlock() : refused()).do).toBe('retry');
    }
    // A taken-over row is retried at once and does not count.
    expect(health.failed(new RowTakenOverError('b/1'))).toEqual({ do: 'retry', afterMs: 0 });
    for (let i = 1; i < LANE_FAILURES_TO_STOP; i++) health.failed(lasting());
    expect(health.failed(new RowTakenOverError('b/2')).do).toBe('retry');
    expect(health.failed(lasting()).do).toBe('retry');
  });
});
