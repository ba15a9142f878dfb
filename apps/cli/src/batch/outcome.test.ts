import {
  KyyAbortError,
  KyyApiError,
  KyyConnectionError,
  KyyError,
  KyyRateLimitError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
  KyyWaitTimeoutError,
} from '@kyyvideo/client';
import { describe, expect, it } from 'vitest';
import { batchExitCode, type ItemOutcome, type ItemStatus, outcomeOfFailure } from './outcome.js';

const outcome = (status: ItemStatus): ItemOutcome => ({
  index: 0,
  where: 'item 1',
  input: { assetType: 'Image', url: 'https://x.example/a' },
  status,
});

describe('outcomeOfFailure', () => {
  const base = {
    index: 0,
    where: 'line 2',
    input: { assetType: 'Image', url: 'https://x.example/a' },
  } as const;
  const upload = { operation: 'upload' } as const;

  it("takes the client's verdict: refusals and never-sent requests created nothing", () => {
    for (const error of [
      new KyyUrlUnreachableError('no', { ...upload, code: 1001 }),
      new KyyApiError('no', upload),
      new KyyRateLimitError('slow down', upload),
      new KyyConnectionError('refused', { ...upload, provablyNotSent: true }),
    ]) {
      expect(outcomeOfFailure(base, error, false, false).status).toBe('rejected');
    }
  });

  it('treats "outcome unknown" and anything the client did not recognise as unknown', () => {
    const unknown = new KyyUploadOutcomeUnknownError('maybe', upload);
    expect(outcomeOfFailure(base, unknown, false, false).status).toBe('unknown');
    const surprise = new KyyError('Unexpected failure: boom', upload);
    expect(outcomeOfFailure(base, surprise, false, false).status).toBe('unknown');
  });

  it('after an upload, names what happened to the wait; an abort is an interruption', () => {
    const wait = { operation: 'wait', assetId: 'asset-20260330142158-q75m8' } as const;
    expect(
      outcomeOfFailure(base, new KyyWaitTimeoutError('late', wait), true, false),
    ).toMatchObject({
      status: 'wait-timeout',
      ref: 'asset://asset-20260330142158-q75m8',
    });
    expect(outcomeOfFailure(base, new KyyAbortError('stop', wait), true, true).status).toBe(
      'interrupted',
    );
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
