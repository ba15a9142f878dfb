import { describe, expect, it } from 'vitest';
import { createRequestLog } from './request-log.js';

const entry = (n: number) => ({ method: 'GET', path: `/p/${n}`, scenario: null, status: 200 });

describe('request log', () => {
  it('shows at most `limit` entries, the newest, in order, however far past the limit it has grown', () => {
    const log = createRequestLog(5);
    for (let n = 1; n <= 5; n++) log.add(entry(n));
    expect(log.entries().map((e) => e.path)).toEqual(['/p/1', '/p/2', '/p/3', '/p/4', '/p/5']);
    for (let n = 6; n <= 2_503; n++) log.add(entry(n));
    expect(log.entries().map((e) => e.path)).toEqual([
      '/p/2499',
      '/p/2500',
      '/p/2501',
      '/p/2502',
      '/p/2503',
    ]);
  });

  it('hands out frozen snapshots that later requests do not change', () => {
    const log = createRequestLog(3);
    log.add(entry(1));
    const snapshot = log.entries();
    log.add(entry(2));
    expect(snapshot).toHaveLength(1);
    expect(Object.isFrozen(snapshot)).toBe(true);
    log.clear();
    expect(log.entries()).toEqual([]);
  });
});
