import { describe, expect, it } from 'vitest';
import { argvToEnv, readConfig, SUITES } from './config.js';

describe('readConfig', () => {
  it('runs every suite with full durations and writes REPORT.md by default', () => {
    const config = readConfig({});
    expect(config.quick).toBe(false);
    expect(config.suites).toEqual([...SUITES]);
    expect(config.soakS).toBe(60);
    expect(config.batchSize).toBe(1000);
    expect(config.reportPath).toMatch(/packages\/bench\/REPORT\.md$/);
  });

  it('shortens everything in quick mode and keeps the committed report untouched', () => {
    const full = readConfig({});
    const quick = readConfig({ BENCH_QUICK: '1' });
    expect(quick.durationS).toBeLessThan(full.durationS);
    expect(quick.soakS).toBeLessThan(full.soakS);
    expect(quick.reportPath).toMatch(/REPORT\.partial\.md$/);
  });

  it('lets env override a duration and select suites in canonical order', () => {
    const config = readConfig({ BENCH_DURATION_S: '3', BENCH_ONLY: 'soak, client' });
    expect(config.durationS).toBe(3);
    expect(config.suites).toEqual(['client', 'soak']);
    expect(config.reportPath).toMatch(/REPORT\.partial\.md$/);
  });

  it('explains what to fix for a bad number or suite name', () => {
    expect(() => readConfig({ BENCH_DURATION_S: 'ten' })).toThrow(/BENCH_DURATION_S=ten.*number/);
    expect(() => readConfig({ BENCH_SOAK_S: '0' })).toThrow(/greater than 0/);
    expect(() => readConfig({ BENCH_BATCH_SIZE: '2.5' })).toThrow(/whole number/);
    expect(() => readConfig({ BENCH_ONLY: 'client,speed' })).toThrow(/unknown suite "speed"/);
  });
});

describe('argvToEnv', () => {
  it('maps flags onto the BENCH_* variables', () => {
    expect(argvToEnv(['--quick', '--only=mock,soak', '--duration=3'])).toEqual({
      BENCH_QUICK: '1',
      BENCH_ONLY: 'mock,soak',
      BENCH_DURATION_S: '3',
    });
  });

  it('names the accepted flags when given an unknown one', () => {
    expect(() => argvToEnv(['--fast'])).toThrow(/unknown argument "--fast".*--quick/);
  });
});
