import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set size now, bytes (VmRSS). */
  rss: number;
  /** Peak resident set size since the process started, bytes (VmHWM). */
  peakRss: number;
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`${name} missing from /proc status (is this Linux?)`);
  return Number(match[1]) * 1024;
}

/** Parses the VmRSS/VmHWM lines of a /proc/<pid>/status text. */
export function parseProcStatus(status: string): ProcessMemory {
  return { rss: field(status, 'VmRSS'), peakRss: field(status, 'VmHWM') };
}

export function readProcessMemory(pid: number): ProcessMemory {
  return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** Samples a process's RSS on an interval, for growth over a soak. */
export function sampleMemory(pid: number, intervalMs: number) {
  const samples: { atMs: number; rss: number }[] = [];
  const start = performance.now();
  const take = () => {
    try {
      samples.push({ atMs: performance.now() - start, rss: readProcessMemory(pid).rss });
    } catch {
      // The process has exited; the caller notices that on its own.
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    stop(): typeof samples {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
