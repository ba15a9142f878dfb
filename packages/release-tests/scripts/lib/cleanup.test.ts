import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLEANUP_TASK_TIMEOUT_MS, createCleanup, withTimeout } from './cleanup.mjs';

afterEach(() => {
  vi.useRealTimers();
});

describe('createCleanup', () => {
  it('runs tasks newest first, keeps going after a failure, and runs them only once', async () => {
    const warnings: string[] = [];
    const order: string[] = [];
    const cleanup = createCleanup({ warn: (line) => warnings.push(line) });
    cleanup.add('remove files', () => {
      order.push('files');
    });
    cleanup.add('stop registry', () => {
      order.push('registry');
      throw new Error('already stopped');
    });
    cleanup.add('stop mock', async () => {
      order.push('mock');
    });

    await Promise.all([cleanup.run(), cleanup.run()]);
    await cleanup.run();

    expect(order).toEqual(['mock', 'registry', 'files']);
    expect(warnings).toEqual(['cleanup: stop registry failed: already stopped']);
    expect(cleanup.size).toBe(0);
  });

  it('gives up on a task that never finishes and still runs the rest', async () => {
    const warnings: string[] = [];
    const order: string[] = [];
    vi.useFakeTimers();
    const cleanup = createCleanup({ warn: (line) => warnings.push(line) });
    cleanup.add('remove files', () => {
      order.push('files');
    });
    cleanup.add('hang', () => new Promise<void>(() => {}));
    const done = cleanup.run();
    await vi.advanceTimersByTimeAsync(CLEANUP_TASK_TIMEOUT_MS);
    await done;
    expect(order).toEqual(['files']);
    expect(warnings[0]).toMatch(/cleanup: hang failed: hang did not finish within/);
  });
});

describe('withTimeout', () => {
  it('passes the value through when in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, 'x')).resolves.toBe(7);
  });
});
