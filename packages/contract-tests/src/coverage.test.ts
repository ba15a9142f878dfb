import { describe, expect, it } from 'vitest';
import { type CheckOutcome, renderCoverageTable } from './coverage.js';

const upload = { operation: 'uploadAsset', outcome: 'success' } as const;
const rowOf = (table: string, operation: string, outcome: string) =>
  table.split('\n').find((line) => line.startsWith(operation) && line.includes(` ${outcome} `));

describe('renderCoverageTable', () => {
  it('shows a failure over a pass, and a pass over a skip, per target', () => {
    const outcomes: CheckOutcome[] = [
      { meta: { target: 'in-process', covers: [upload] }, state: 'passed' },
      { meta: { target: 'in-process', covers: [upload] }, state: 'failed' },
      { meta: { target: 'http', covers: [upload] }, state: 'skipped' },
      { meta: { target: 'http', covers: [upload] }, state: 'passed' },
      {
        meta: { target: 'real', covers: [upload], skipReason: 'KYY_API_KEY is not set' },
        state: 'skipped',
      },
    ];
    const table = renderCoverageTable(outcomes, ['latency']);
    expect(rowOf(table, 'uploadAsset', 'success')?.split(/\s{2,}/)).toEqual([
      'uploadAsset',
      'success',
      'FAILED',
      'exercised',
      'skipped',
    ]);
    expect(table).toContain('real endpoint skipped: KYY_API_KEY is not set');
  });

  it('lists uncovered rows and marks mock-only ones as not applicable', () => {
    const latency = { operation: 'getAsset', outcome: 'fault: latency' } as const;
    const table = renderCoverageTable(
      [{ meta: { target: 'real', covers: [latency], notApplicable: true }, state: 'skipped' }],
      ['latency'],
    );
    expect(rowOf(table, 'getAsset', 'fault: latency')).toMatch(
      /not covered\s+not covered\s+n\/a \(mock only\)$/,
    );
    expect(rowOf(table, 'deleteAsset', 'auth-failure')).toBeDefined();
    expect(rowOf(table, 'createVideoTask', 'success')).toMatch(
      /not covered\s+not covered\s+not covered$/,
    );
    expect(rowOf(table, 'getVideoTask', 'success')).toBeDefined();
  });
});
