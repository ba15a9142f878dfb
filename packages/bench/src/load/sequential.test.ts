import { describe, expect, it } from 'vitest';
import { throughputRounds, timeConcurrent, timeSequential } from './sequential.js';

describe('timeSequential', () => {
  it('records exactly `calls` samples per variant after the warm-up calls', async () => {
    const counts = { a: 0, b: 0 };
    const samples = await timeSequential(
      [
        { label: 'a', call: async () => void counts.a++ },
        { label: 'b', call: async () => void counts.b++ },
      ],
      25,
      3,
      10,
    );
    expect(samples.get('a')).toHaveLength(25);
    expect(samples.get('b')).toHaveLength(25);
    expect(counts).toEqual({ a: 28, b: 28 });
  });

  it('rotates which variant starts each round', async () => {
    const order: string[] = [];
    await timeSequential(
      [
        { label: 'a', call: async () => void order.push('a') },
        { label: 'b', call: async () => void order.push('b') },
      ],
      2,
      0,
      1,
    );
    expect(order).toEqual(['a', 'b', 'b', 'a']);
  });
});

describe('timeConcurrent', () => {
  it('makes exactly `calls` calls and never more than `inFlight` at once', async () => {
    let active = 0;
    let peak = 0;
    let made = 0;
    await timeConcurrent(
      {
        label: 'x',
        call: async () => {
          active += 1;
          made += 1;
          peak = Math.max(peak, active);
          await Promise.resolve();
          active -= 1;
        },
      },
      50,
      4,
    );
    expect(made).toBe(50);
    expect(peak).toBe(4);
  });
});

describe('throughputRounds', () => {
  it('runs every variant `calls` times in total and reports a rate for each', async () => {
    const counts = { a: 0, b: 0 };
    const rates = await throughputRounds(
      [
        { label: 'a', call: async () => void counts.a++ },
        { label: 'b', call: async () => void counts.b++ },
      ],
      40,
      4,
      2,
    );
    expect(counts).toEqual({ a: 40, b: 40 });
    expect(rates.get('a')).toBeGreaterThan(0);
    expect(rates.get('b')).toBeGreaterThan(0);
  });
});
