import { describe, expect, it } from 'vitest';
import { batchExitCode, type ItemOutcome, type ItemStatus, outcomeOfRow } from './outcome.js';

const outcome = (status: ItemStatus): ItemOutcome => ({
  index: 0,
  where: 'item 1',
  input: { assetType: 'Image', url: 'https://x.example/a' },
  status,
});

describe('outcomeOfRow', () => {
  const base = {
    index: 0,
    where: 'line 2',
    input: { assetType: 'Image', url: 'https://x.example/a' },
  } as const;
  const ID = 'asset-20260330142158-q75m8';
  const error = { type: 'KyyWaitTimeoutError', kind: 'wait-timeout' as const, message: 'late' };

  it('uploaded now, waited for now, or done by an earlier run', () => {
    const sent = { phase: 'sent', id: ID } as const;
    expect(
      outcomeOfRow(base, { before: { phase: 'new' }, state: sent, reason: 'done' }),
    ).toMatchObject({ status: 'uploaded', ref: `asset://${ID}` });
    expect(
      outcomeOfRow(base, {
        before: sent,
        state: { phase: 'completed', id: ID },
        reason: 'done',
      }).status,
    ).toBe('active');
    expect(outcomeOfRow(base, { before: sent, state: sent, reason: 'done' })).toMatchObject({
      status: 'skipped',
      previousRun: true,
    });
  });

  it('a wait that stopped names why; Ctrl-C (no error) is an interruption', () => {
    const sent = { phase: 'sent', id: ID } as const;
    expect(outcomeOfRow(base, { before: sent, state: sent, reason: 'paused', error }).status).toBe(
      'wait-timeout',
    );
    expect(outcomeOfRow(base, { before: sent, state: sent, reason: 'paused' }).status).toBe(
      'interrupted',
    );
    expect(outcomeOfRow(base, undefined).status).toBe('interrupted');
  });

  it('a send left by an earlier run is unknown and says how to retry', () => {
    const got = outcomeOfRow(base, {
      before: { phase: 'sending' },
      state: { phase: 'unknown', error },
      reason: 'settled',
    });
    expect(got.status).toBe('unknown');
    expect(got.error?.message).toContain('--retry-unknown');
  });
});

describe('batchExitCode', () => {
  it('is 0 when every item succeeded or was done before', () => {
    expect(batchExitCode([outcome('uploaded'), outcome('active'), outcome('skipped')], false)).toBe(
      0,
    );
  });

  it('uses the code all failures share, else 1', () => {
    expect(batchExitCode([outcome('active'), outcome('review-failed')], false)).toBe(3);
    expect(batchExitCode([outcome('wait-timeout'), outcome('wait-timeout')], false)).toBe(4);
    expect(batchExitCode([outcome('review-failed'), outcome('wait-timeout')], false)).toBe(1);
    expect(batchExitCode([outcome('unknown')], false)).toBe(1);
  });

  it('is 130 after Ctrl-C whatever else happened', () => {
    expect(batchExitCode([outcome('active'), outcome('review-failed')], true)).toBe(130);
  });
});
