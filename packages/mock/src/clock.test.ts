import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock.js';
import { createTime, idTimestamp } from './time-format.js';

describe('createVirtualClock', () => {
  it('starts at a Date or epoch ms and only moves when advanced', () => {
    const start = new Date('2026-03-30T06:21:58Z');
    const clock = createVirtualClock(start);
    expect(clock.now()).toBe(start.getTime());
    expect(clock.now()).toBe(start.getTime());
    clock.advance(1500);
    expect(clock.now()).toBe(start.getTime() + 1500);
    expect(createVirtualClock(42).now()).toBe(42);
  });

  it('refuses to go backwards or to start at an invalid time', () => {
    const clock = createVirtualClock(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => createVirtualClock(new Date('nope'))).toThrow(RangeError);
  });
});

describe('service time format (UTC+8)', () => {
  it('formats ids and createTime in China Standard Time, whatever the machine zone', () => {
    // 23:59:59 UTC is already the next day in UTC+8.
    const t = Date.UTC(2026, 11, 31, 23, 59, 59);
    expect(idTimestamp(t)).toBe('20270101075959');
    expect(createTime(t)).toBe('2027-01-01 07:59:59');
  });
});
