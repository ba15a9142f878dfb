import { type BatchResult, resumeUnknownError, type StoredRow } from '@kyyvideo/jobs';
import { describe, expect, it } from 'vitest';
import type { VideoManifestRow } from '../batch/video-manifest.js';
import { reportsOf } from './summary.js';

const row: VideoManifestRow = {
  key: 'k1',
  out: 'a.mp4',
  where: 'line 2',
  seconds: 5,
  task: { model: 'kyyvideo2', prompt: 'a cat' },
};

function resultWith(error: BatchResult['rows'][number]['error']): BatchResult {
  return {
    rows: [
      {
        row: { key: 'k1' } as StoredRow,
        state: error ? { phase: 'unknown', error } : { phase: 'new' },
        reason: 'settled',
        ...(error && { error }),
      },
    ],
    sends: 0,
    sentKeys: [],
    keyRefused: false,
    budgetReached: false,
    interrupted: false,
    bytesDownloaded: 0,
  };
}

const input = (result: BatchResult) => ({
  rows: [row],
  stored: new Map<string, StoredRow>(
    result.rows.map((r) => [r.row.key, { ...r.row, state: r.state } as StoredRow]),
  ),
  result,
  resultsFile: 'm.csv.results.jsonl',
  rerun: 'kyy videos batch m.csv --out-dir out',
  retryUnknown: false,
});

describe('reportsOf', () => {
  it("words a row found mid-send with kyy's flag, not the library's option", () => {
    const [report] = reportsOf(input(resultWith(resumeUnknownError)));
    expect(report?.state).toBe('unknown');
    expect(report?.error?.message).toContain('without --retry-unknown');
    expect(report?.error?.message).not.toContain('retryUnknown');
    expect(report?.error?.type).toBe(resumeUnknownError.type);
  });

  it('keeps every other error as the engine recorded it', () => {
    const error = { type: 'KyyHttpError', message: 'the service answered 500; retryUnknown' };
    const [report] = reportsOf(input(resultWith(error)));
    expect(report?.error).toEqual(error);
  });
});
