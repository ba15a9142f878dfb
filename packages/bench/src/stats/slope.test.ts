import { describe, expect, it } from 'vitest';
import { slope } from './slope.js';

describe('slope', () => {
  it('recovers the gradient of a line, noise-free', () => {
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 5 + 2 * x })))).toBeCloseTo(2);
  });

  it('is zero for a plateau and NaN without two distinct x', () => {
    expect(slope([0, 1, 2].map((x) => ({ x, y: 7 })))).toBe(0);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
    expect(
      slope([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNaN();
  });
});
