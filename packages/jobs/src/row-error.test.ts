import {
  KyyApiError,
  KyyConnectionError,
  KyyCreateOutcomeUnknownError,
  KyyDownloadError,
  KyyError,
  KyyRateLimitError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
} from '@kyyvideo/client';
import { describe, expect, it } from 'vitest';
import { isExpiredUrl, sendMayHaveCreated, toRowError } from './row-error.js';

const upload = { operation: 'upload' } as const;

describe('sendMayHaveCreated', () => {
  it("takes the client's verdict: refusals and never-sent requests created nothing", () => {
    for (const error of [
      new KyyUrlUnreachableError('no', { ...upload, code: 1001 }),
      new KyyApiError('no', upload),
      new KyyRateLimitError('slow down', upload),
      new KyyConnectionError('refused', { ...upload, provablyNotSent: true }),
    ]) {
      expect(sendMayHaveCreated(error)).toBe(false);
    }
  });

  it('treats "outcome unknown" and anything the client did not recognise as maybe created', () => {
    expect(sendMayHaveCreated(new KyyUploadOutcomeUnknownError('maybe', upload))).toBe(true);
    expect(
      sendMayHaveCreated(new KyyCreateOutcomeUnknownError('maybe', { operation: 'video-create' })),
    ).toBe(true);
    expect(sendMayHaveCreated(new KyyError('Unexpected failure: boom', upload))).toBe(true);
    expect(sendMayHaveCreated(new Error('a bug'))).toBe(true);
  });
});

describe('isExpiredUrl', () => {
  it('is true for a download the host refuses as gone, not for a server failure', () => {
    const download = { operation: 'video-download' } as const;
    expect(isExpiredUrl(new KyyDownloadError('gone', { ...download, httpStatus: 410 }))).toBe(true);
    expect(isExpiredUrl(new KyyDownloadError('denied', { ...download, httpStatus: 403 }))).toBe(
      true,
    );
    expect(isExpiredUrl(new KyyDownloadError('broken', { ...download, httpStatus: 502 }))).toBe(
      false,
    );
  });
});

describe('toRowError', () => {
  it('keeps the kind and redacts the message', () => {
    const error = toRowError(new KyyApiError('key sk-1 refused', upload), (t) =>
      t.replace('sk-1', '[redacted]'),
    );
    expect(error).toEqual({ type: 'KyyApiError', kind: 'api', message: 'key [redacted] refused' });
  });
});
