import { describe, expect, it } from 'vitest';
import { parseProcStatus, readProcessMemory } from './memory.js';

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in bytes', () => {
    const status = 'Name:\tnode\nVmHWM:\t  161148 kB\nVmRSS:\t   90000 kB\nThreads:\t7\n';
    expect(parseProcStatus(status)).toEqual({ rss: 90000 * 1024, peakRss: 161148 * 1024 });
  });

  it('says which field is missing', () => {
    expect(() => parseProcStatus('VmRSS:\t1 kB\n')).toThrow(/VmHWM missing/);
  });

  it('reads this very process, whose peak is never below its current RSS', () => {
    const memory = readProcessMemory(process.pid);
    expect(memory.rss).toBeGreaterThan(0);
    expect(memory.peakRss).toBeGreaterThanOrEqual(memory.rss);
  });
});
