import { describe, expect, it } from 'vitest';
import { integerInRange, positiveSeconds } from './option-values.js';

describe('option values', () => {
  it('keeps seconds in the unit typed, and refuses what is not a positive number', () => {
    expect(positiveSeconds('--timeout')('2.5')).toBe(2.5);
    expect(() => positiveSeconds('--timeout')('0')).toThrow(/positive number of seconds/);
    expect(() => positiveSeconds('--timeout')('5m')).toThrow(/--timeout .*got "5m"/);
  });

  it('takes whole numbers in range only', () => {
    expect(integerInRange('--concurrency', 1, 16)('8')).toBe(8);
    expect(() => integerInRange('--concurrency', 1, 16)('17')).toThrow(/from 1 to 16; got "17"/);
  });
});
