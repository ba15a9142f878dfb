import { describe, expect, it } from 'vitest';
import { runSteps, summaryLine } from './steps.mjs';

describe('runSteps', () => {
  it('runs steps in order, skips those asking to, and skips everything after a failure', async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    let clock = 0;
    const summary = await runSteps(
      [
        { name: 'one', run: async () => void ran.push('one') },
        { name: 'two', skip: () => 'not needed', run: async () => void ran.push('two') },
        {
          name: 'three',
          run: async () => {
            ran.push('three');
            throw new Error('broke\nsecond line');
          },
        },
        { name: 'four', run: async () => void ran.push('four') },
      ],
      { write: (line) => lines.push(line), now: () => (clock += 500) },
    );

    expect(ran).toEqual(['one', 'three']);
    expect(summary).toMatchObject({ passed: 1, failed: 1, skipped: 2 });
    expect(summary.failures.map((failure) => failure.name)).toEqual(['three']);
    expect(lines).toContain('- [2/4] two (skipped: not needed)');
    expect(lines).toContain('    broke\n    second line');
    expect(lines).toContain('- [4/4] four (skipped: an earlier step failed)');
    expect(summaryLine(summary)).toBe('release: 1 passed, 1 failed, 2 skipped');
  });

  it('prints the detail a step returns', async () => {
    const lines: string[] = [];
    await runSteps([{ name: 'one', run: async () => 'http://127.0.0.1:1234/' }], {
      write: (line) => lines.push(line),
      now: () => 0,
    });
    expect(lines).toEqual(['> [1/1] one', '✓ [1/1] one (0.0 s) — http://127.0.0.1:1234/']);
  });

  it('skips every step not yet started once a stop reason appears', async () => {
    const lines: string[] = [];
    let stop: string | undefined;
    const summary = await runSteps(
      [
        {
          name: 'one',
          run: async () => {
            stop = 'interrupted by SIGINT';
          },
        },
        { name: 'two', run: async () => undefined },
      ],
      { write: (line) => lines.push(line), now: () => 0, stopReason: () => stop },
    );
    expect(summary).toMatchObject({ passed: 1, failed: 0, skipped: 1 });
    expect(lines).toContain('- [2/2] two (skipped: interrupted by SIGINT)');
  });
});
