import { UsageError } from './errors.js';
import { quote } from './quote.js';

// commander's argParser functions for option values. Light on purpose (no contract, no zod):
// they are loaded with the command tree on every run, `kyy --help` included.

export function integerInRange(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(
        `${flag} must be a whole number from ${min} to ${max}; got ${quote(value)}.`,
      );
    }
    return n;
  };
}

/** Seconds as typed by a human (`90`, `2.5`); kept in seconds so messages can say them back. */
export function positiveSeconds(flag: string): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const n = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(n) || n <= 0) {
      throw new UsageError(
        `${flag} must be a positive number of seconds, like 300; got ${quote(value)}.`,
      );
    }
    return n;
  };
}
