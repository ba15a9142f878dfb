import { describe, expect, it } from 'vitest';
import type { ManifestItem } from './manifest.js';
import type { ResultRecord } from './results-file.js';
import { itemKeys, planStep, priorStates } from './resume.js';

const item = (index: number, url: string, name?: string): ManifestItem => ({
  index,
  where: `item ${index + 1}`,
  input: { assetType: 'Image', url, ...(name !== undefined && { name }) },
});

const rec = (key: string, event: ResultRecord['event'], assetId?: string): ResultRecord => ({
  v: 1,
  key,
  index: 0,
  event,
  input: { assetType: 'Image', url: 'https://x.example/a' },
  ...(assetId !== undefined && { assetId }),
  at: '2026-01-01T00:00:00.000Z',
});

const ID = 'asset-20260101000000-abcde';

describe('itemKeys', () => {
  it('depends on what is uploaded, not on the position in the manifest', () => {
    const [a, b] = itemKeys([item(0, 'https://x.example/a'), item(1, 'https://x.example/b')]);
    const [b2, a2] = itemKeys([item(0, 'https://x.example/b'), item(1, 'https://x.example/a')]);
    expect(a).toBe(a2);
    expect(b).toBe(b2);
    expect(a).not.toBe(b);
  });

  it('tells identical lines apart and distinguishes names', () => {
    const keys = itemKeys([
      item(0, 'https://x.example/a'),
      item(1, 'https://x.example/a'),
      item(2, 'https://x.example/a', 'n'),
    ]);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('priorStates + planStep', () => {
  const plan = (records: ResultRecord[], options = { wait: false, retryUnknown: false }) =>
    planStep(priorStates(records).get('k') ?? { kind: 'new' }, options);

  it('uploads new items and items the service rejected', () => {
    expect(plan([])).toEqual({ do: 'upload' });
    expect(plan([rec('k', 'started'), rec('k', 'rejected')])).toEqual({ do: 'upload' });
  });

  it('never re-uploads an upload that started without a recorded answer, unless told to', () => {
    expect(plan([rec('k', 'started')])).toEqual({ do: 'skip', reason: 'unknown' });
    expect(plan([rec('k', 'started'), rec('k', 'unknown')])).toEqual({
      do: 'skip',
      reason: 'unknown',
    });
    expect(plan([rec('k', 'started')], { wait: false, retryUnknown: true })).toEqual({
      do: 'upload',
    });
  });

  it('skips uploaded items, or only waits for them again with --wait', () => {
    const records = [rec('k', 'started'), rec('k', 'uploaded', ID)];
    expect(plan(records)).toEqual({ do: 'skip', reason: 'done', assetId: ID });
    expect(plan(records, { wait: true, retryUnknown: false })).toEqual({ do: 'wait', assetId: ID });
    // A wait that failed leaves the asset to be waited for again.
    expect(
      plan([...records, rec('k', 'wait-failed', ID)], { wait: true, retryUnknown: true }),
    ).toEqual({
      do: 'wait',
      assetId: ID,
    });
  });

  it('keeps Active and review-failed items as they are', () => {
    const base = [rec('k', 'started'), rec('k', 'uploaded', ID)];
    expect(plan([...base, rec('k', 'active', ID)], { wait: true, retryUnknown: true })).toEqual({
      do: 'skip',
      reason: 'done',
      assetId: ID,
    });
    expect(
      plan([...base, rec('k', 'review-failed', ID)], { wait: true, retryUnknown: true }),
    ).toEqual({
      do: 'skip',
      reason: 'review-failed',
      assetId: ID,
    });
  });

  it('keeps records of other keys apart', () => {
    const states = priorStates([rec('k', 'started'), rec('other', 'uploaded', ID)]);
    expect(states.get('k')).toEqual({ kind: 'unknown' });
    expect(states.get('other')).toEqual({ kind: 'uploaded', assetId: ID });
  });
});
