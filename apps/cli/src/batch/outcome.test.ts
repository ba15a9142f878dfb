import * as clientErrors from '@kyyvideo/client/errors';
import { describe, expect, it } from 'vitest';
import { batchExitCode, type ItemOutcome, type ItemStatus, uploadFailureKind } from './outcome.js';

/** A real client error of the class with this name (the CLI switches on its `kind`). */
const named = (name: string) => {
  const Class = (clientErrors as unknown as Record<string, typeof clientErrors.KyyError>)[name];
  return Class ? new Class('x', { operation: 'upload' }) : Object.assign(new Error('x'), { name });
};
const outcome = (status: ItemStatus): ItemOutcome => ({
  index: 0,
  where: 'item 1',
  input: { assetType: 'Image', url: 'https://x.example/a' },
  status,
});

describe('uploadFailureKind', () => {
  it('treats refusals and never-sent requests as "nothing created"', () => {
    for (const name of [
      'KyyUrlUnreachableError',
      'KyyApiError',
      'KyyRateLimitError',
      'KyyConnectionError',
    ]) {
      expect(uploadFailureKind(named(name))).toBe('rejected');
    }
  });

  it('treats everything else, including surprises, as an unknown outcome', () => {
    for (const name of ['KyyUploadOutcomeUnknownError', 'KyyTimeoutError', 'TypeError']) {
      expect(uploadFailureKind(named(name))).toBe('unknown');
    }
    expect(uploadFailureKind('a string')).toBe('unknown');
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
