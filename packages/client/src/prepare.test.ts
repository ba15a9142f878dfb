import type { Asset } from '@kyyvideo/contract';
import { describe, expect, it, vi } from 'vitest';
import { assetBody } from '../test/helpers/fake-fetch.js';
import {
  KyyAbortError,
  KyyAssetFailedError,
  KyyInputError,
  KyyNotFoundError,
  KyyServerError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
} from './errors.js';
import type { UploadInput } from './input.js';
import { DEFAULT_PREPARE_CONCURRENCY, type PrepareDeps, prepare } from './prepare.js';
import type { PrepareProgress } from './types.js';

const item = (n: number): UploadInput => ({
  assetType: 'Image',
  url: `https://example.com/${n}.png`,
  name: `item ${n}`,
});
const idOf = (n: number) => `asset-20260330142158-${String(n).padStart(5, '0')}`;
const numberOf = (input: UploadInput) => Number(/\/(\d+)\.png$/.exec(input.url)?.[1]);

/**
 * A fake core: items whose number is in `uploadFails` fail to upload, those in `waitFails`
 * fail review. Every call yields to the event loop so concurrency is real.
 */
function fakeDeps(
  options: {
    uploadFails?: number[];
    /** Uploads whose outcome is unknown; `named` ones come with the id the answer gave. */
    uploadUnknown?: number[];
    uploadUnknownNamed?: number[];
    waitFails?: number[];
    deleteFails?: number[];
  } = {},
) {
  let inFlight = 0;
  let maxInFlight = 0;
  const uploads: number[] = [];
  const deletes: string[] = [];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const deps: PrepareDeps = {
    core: {
      async upload(input, callOptions) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const n = numberOf(input);
        uploads.push(n);
        try {
          await tick();
          if (callOptions?.signal?.aborted)
            throw new KyyAbortError('aborted', { operation: 'upload' });
          if (options.uploadFails?.includes(n))
            throw new KyyUrlUnreachableError('cannot fetch', { operation: 'upload', code: 1001 });
          if (options.uploadUnknown?.includes(n))
            throw new KyyUploadOutcomeUnknownError('maybe', { operation: 'upload' });
          if (options.uploadUnknownNamed?.includes(n)) {
            throw new KyyUploadOutcomeUnknownError('maybe, named', {
              operation: 'upload',
              assetId: idOf(n),
            });
          }
          return { assetId: idOf(n), ref: `asset://${idOf(n)}` };
        } finally {
          inFlight--;
        }
      },
      async delete(assetId) {
        deletes.push(assetId);
        await tick();
        const n = Number(assetId.slice(-5));
        if (options.deleteFails?.includes(n))
          throw new KyyServerError('down', { operation: 'delete', assetId });
        if (n === 404) throw new KyyNotFoundError('gone', { operation: 'delete', assetId });
        return { assetId, alreadyGone: false };
      },
    },
    async waitUntilActive(assetId, waitOptions) {
      await tick();
      const asset = { ...assetBody('Active').data, assetId } as Asset;
      waitOptions.onStatus?.(asset);
      if (options.waitFails?.includes(Number(assetId.slice(-5)))) {
        throw new KyyAssetFailedError('failed review', {
          operation: 'wait',
          assetId,
          asset: { ...asset, status: 'Failed' },
        });
      }
      return asset;
    },
  };
  return { deps, uploads, deletes, maxInFlight: () => maxInFlight };
}

describe('prepare', () => {
  it('uploads and waits for every item, in input order, within the concurrency limit', async () => {
    const fake = fakeDeps();
    const events: PrepareProgress[] = [];
    const items = [1, 2, 3, 4, 5, 6, 7].map(item);
    const result = await prepare(fake.deps, items, { onProgress: (e) => events.push(e) });
    expect(result.ok).toBe(true);
    expect(result.items.map((r) => r.ok && r.assetId)).toEqual([1, 2, 3, 4, 5, 6, 7].map(idOf));
    expect(result.items.every((r) => r.ok && r.asset?.status === 'Active')).toBe(true);
    expect(result.items[2]).toMatchObject({ index: 2, ref: `asset://${idOf(3)}` });
    // The caller's own object comes back, extra fields and all, to map results to their use.
    expect(result.items[2]?.input).toBe(items[2]);
    expect(fake.maxInFlight()).toBe(DEFAULT_PREPARE_CONCURRENCY);
    expect(events.filter((e) => e.type === 'ready')).toHaveLength(7);
    expect(events.at(-1)).toMatchObject({ type: 'ready', done: 7, total: 7 });
    expect(result.deleted).toEqual([]);
  });

  it('honours a custom concurrency and wait: false', async () => {
    const fake = fakeDeps();
    const result = await prepare(fake.deps, [1, 2, 3, 4].map(item), {
      concurrency: 1,
      wait: false,
    });
    expect(fake.maxInFlight()).toBe(1);
    expect(result.items.every((r) => r.ok && r.asset === undefined)).toBe(true);
  });

  it('reports every failure beside the successes; nothing is dropped or deleted by default', async () => {
    const fake = fakeDeps({ uploadFails: [2], waitFails: [4] });
    const result = await prepare(fake.deps, [1, 2, 3, 4, 5].map(item));
    expect(result.ok).toBe(false);
    expect(result.items).toHaveLength(5);
    expect(result.items.map((r) => r.ok)).toEqual([true, false, true, false, true]);
    const [, second, , fourth] = result.items;
    expect(second?.ok === false && second.error).toBeInstanceOf(KyyUrlUnreachableError);
    expect(second?.assetId).toBeUndefined();
    // The asset exists even though review failed: its id is reported so it can be cleaned up.
    expect(fourth?.ok === false && fourth.error).toBeInstanceOf(KyyAssetFailedError);
    expect(fourth?.assetId).toBe(idOf(4));
    expect(fake.deletes).toEqual([]);
  });

  it('with deleteCreatedOnFailure, starts nothing new after a failure and deletes what it made', async () => {
    const fake = fakeDeps({ waitFails: [2] });
    const events: PrepareProgress[] = [];
    const result = await prepare(fake.deps, [1, 2, 3, 4, 5, 6].map(item), {
      concurrency: 2,
      deleteCreatedOnFailure: true,
      onProgress: (e) => events.push(e),
    });
    expect(result.ok).toBe(false);
    expect(result.items).toHaveLength(6);
    // Items 1 and 2 ran together; 2 failed review, so 3 (started alongside) finishes and the rest never start.
    expect(fake.uploads).toEqual([1, 2, 3]);
    const skipped = result.items.slice(3);
    for (const r of skipped) {
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.error).toBeInstanceOf(KyyAbortError);
      expect(r.ok === false && r.error.message).toMatch(/Nothing was sent/);
    }
    expect([...result.deleted].sort()).toEqual([idOf(1), idOf(2), idOf(3)]);
    expect(events.filter((e) => e.type === 'deleted')).toHaveLength(3);
  });

  it('reports and cleans up the id an "outcome unknown" upload answer named', async () => {
    const fake = fakeDeps({ uploadUnknownNamed: [2], uploadUnknown: [3] });
    const result = await prepare(fake.deps, [1, 2, 3].map(item), {
      concurrency: 3,
      wait: false,
      deleteCreatedOnFailure: true,
    });
    const [, named, unnamed] = result.items;
    expect(named?.ok === false && named.error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect(named?.assetId).toBe(idOf(2));
    expect(unnamed?.ok === false && unnamed.error).toBeInstanceOf(KyyUploadOutcomeUnknownError);
    expect(unnamed?.assetId).toBeUndefined();
    expect([...fake.deletes].sort()).toEqual([idOf(1), idOf(2)]);
    expect([...result.deleted].sort()).toEqual([idOf(1), idOf(2)]);
  });

  it('reports cleanup failures and counts an already-gone asset as deleted', async () => {
    const fake = fakeDeps({ uploadFails: [3], deleteFails: [1] });
    const result = await prepare(fake.deps, [1, 404, 3].map(item), {
      concurrency: 3,
      deleteCreatedOnFailure: true,
    });
    expect(result.deleted).toEqual([idOf(404)]);
    expect(result.cleanupFailed).toHaveLength(1);
    expect(result.cleanupFailed[0]?.assetId).toBe(idOf(1));
    expect(result.cleanupFailed[0]?.error).toBeInstanceOf(KyyServerError);
  });

  it('on abort, reports unstarted items as aborted and still returns every item', async () => {
    const fake = fakeDeps();
    const controller = new AbortController();
    const result = await prepare(fake.deps, [1, 2, 3, 4, 5].map(item), {
      concurrency: 1,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'ready' && e.index === 0) controller.abort();
      },
    });
    expect(result.items).toHaveLength(5);
    expect(result.items[0]?.ok).toBe(true);
    expect(result.items.slice(1).every((r) => !r.ok && r.error instanceof KyyAbortError)).toBe(
      true,
    );
    expect(fake.uploads).toEqual([1]);
  });

  it('waits only for { waitFor } items (uploaded by an earlier run) and never uploads them', async () => {
    const fake = fakeDeps();
    const events: PrepareProgress[] = [];
    const result = await prepare(fake.deps, [item(1), { waitFor: idOf(7) }], {
      onProgress: (e) => events.push(e),
    });
    expect(result.ok).toBe(true);
    expect(fake.uploads).toEqual([1]);
    expect(result.items[1]).toMatchObject({
      ok: true,
      assetId: idOf(7),
      ref: `asset://${idOf(7)}`,
    });
    expect(events.filter((e) => e.type === 'uploading').map((e) => e.index)).toEqual([0]);
    await expect(prepare(fake.deps, [{ waitFor: 'nope' }])).rejects.toThrow(KyyInputError);
  });

  it("one item's failure does not stop uploads that are already in flight", async () => {
    const fake = fakeDeps({ uploadFails: [1] });
    const result = await prepare(fake.deps, [1, 2, 3].map(item), { concurrency: 3, wait: false });
    expect(fake.maxInFlight()).toBe(3);
    expect(result.items.map((r) => r.ok)).toEqual([false, true, true]);
  });

  it('with finishStartedUploads, an abort lets uploads in flight finish and starts no more', async () => {
    const fake = fakeDeps();
    const controller = new AbortController();
    const result = await prepare(fake.deps, [1, 2, 3, 4].map(item), {
      concurrency: 2,
      wait: false,
      signal: controller.signal,
      finishStartedUploads: true,
      onProgress: (e) => {
        if (e.type === 'uploading' && e.index === 1) controller.abort();
      },
    });
    expect(fake.uploads).toEqual([1, 2]);
    expect(result.items.map((r) => r.ok)).toEqual([true, true, false, false]);
    expect(result.items[2]?.ok === false && result.items[2].error).toBeInstanceOf(KyyAbortError);
  });

  it('checks every item before uploading any', async () => {
    const fake = fakeDeps();
    const bad = [item(1), { assetType: 'video', url: 'https://example.com/v.mp4' } as never];
    await expect(prepare(fake.deps, bad)).rejects.toThrow(/items\[1\]\.assetType.*'Video'/);
    await expect(prepare(fake.deps, [item(1)], { concurrency: 0 })).rejects.toBeInstanceOf(
      KyyInputError,
    );
    await expect(prepare(fake.deps, 'x' as never)).rejects.toBeInstanceOf(KyyInputError);
    await expect(prepare(fake.deps, [item(1)], { waitTimeoutMs: 0 })).rejects.toThrow(
      /waitTimeoutMs/,
    );
    expect(fake.uploads).toEqual([]);
  });

  it('handles an empty batch and ignores a throwing onProgress', async () => {
    const fake = fakeDeps();
    expect(await prepare(fake.deps, [])).toEqual({
      ok: true,
      items: [],
      deleted: [],
      cleanupFailed: [],
    });
    const onProgress = vi.fn(() => {
      throw new Error('ui bug');
    });
    const result = await prepare(fake.deps, [item(1)], { onProgress });
    expect(result.ok).toBe(true);
    expect(onProgress).toHaveBeenCalled();
  });
});
