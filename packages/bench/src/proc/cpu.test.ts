import { describe, expect, it } from 'vitest';
import { parseCpuTicks, readCpuMs } from './cpu.js';

describe('parseCpuTicks', () => {
  it('adds utime and stime, counting fields after the command name', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    const stat = '42 (node (x) y) S 1 42 42 0 -1 4194304 100 0 0 0 250 30 0 0 20 0 7';
    expect(parseCpuTicks(stat)).toBe(280);
  });

  it('reads a live process and never goes backwards', () => {
    const first = readCpuMs(process.pid);
    let spin = 0;
    for (let i = 0; i < 1e6; i++) spin += i;
    expect(spin).toBeGreaterThan(0);
    expect(readCpuMs(process.pid)).toBeGreaterThanOrEqual(first);
  });
});
