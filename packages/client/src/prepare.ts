import { type Asset, MAX_UPLOAD_CONCURRENCY, toAssetRef } from '@kyyvideo/contract';
import type { AssetsCore } from './assets.js';
import {
  KyyAbortError,
  KyyError,
  KyyInputError,
  KyyNotFoundError,
  KyyUploadOutcomeUnknownError,
} from './errors.js';
import { checkAssetId, checkUploadInput, type UploadInput } from './input.js';
import { runPool } from './pool.js';
import type {
  PrepareItem,
  PrepareItemResult,
  PrepareOptions,
  PrepareProgress,
  PrepareResult,
  WaitOptions,
} from './types.js';

/**
 * Three at a time: each upload makes the service download a file, and its rate limits are not
 * documented, so a batch stays gentle while still overlapping the review waits.
 */
export const DEFAULT_PREPARE_CONCURRENCY = 3;

/** The contract's ceiling for uploads in flight (undocumented rate limits). */
export const MAX_PREPARE_CONCURRENCY = MAX_UPLOAD_CONCURRENCY;

export interface PrepareDeps {
  core: Pick<AssetsCore, 'upload' | 'delete'>;
  waitUntilActive(assetId: string, options: WaitOptions): Promise<Asset>;
}

function asKyyError(error: unknown): KyyError {
  if (error instanceof KyyError) return error;
  return new KyyError(
    `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    { operation: 'upload', cause: error },
  );
}

export async function prepare(
  deps: PrepareDeps,
  items: PrepareItem[],
  options: PrepareOptions = {},
): Promise<PrepareResult> {
  if (!Array.isArray(items)) {
    throw new KyyInputError('prepare expects an array of { assetType, url, name? } items.', {
      operation: 'input',
    });
  }
  // Every item is checked before anything is sent, so a typo never leaves half a batch behind.
  const inputs = items.map((item, i): UploadInput | WaitOnly =>
    isWaitOnly(item) ? checkWaitOnly(item) : checkUploadInput(item, `items[${i}].`),
  );
  const concurrency = options.concurrency ?? DEFAULT_PREPARE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_PREPARE_CONCURRENCY) {
    throw new KyyInputError(
      `prepare: concurrency must be a whole number from 1 to ${MAX_PREPARE_CONCURRENCY}, got ${String(concurrency)}.`,
      { operation: 'input' },
    );
  }
  const { waitTimeoutMs } = options;
  if (waitTimeoutMs !== undefined && (typeof waitTimeoutMs !== 'number' || !(waitTimeoutMs > 0))) {
    throw new KyyInputError(
      `prepare: waitTimeoutMs must be a positive number of milliseconds, got ${String(waitTimeoutMs)}.`,
      { operation: 'input' },
    );
  }
  const wait = options.wait ?? true;
  const { signal, deleteCreatedOnFailure = false, finishStartedUploads = false } = options;
  // With finishStartedUploads the signal stops new items and waits, never an upload in flight:
  // an upload cut off halfway leaves its outcome unknown.
  const uploadSignal = finishStartedUploads ? undefined : signal;
  const total = inputs.length;
  const results: PrepareItemResult[] = new Array(total);
  let done = 0;
  let firstFailure: number | undefined;

  const emit = (event: PrepareProgress) => {
    try {
      options.onProgress?.(event);
    } catch {
      // A progress callback must not be able to break the batch it observes.
    }
  };

  const fail = (index: number, error: KyyError, assetId?: string) => {
    results[index] = {
      index,
      // The caller's own object, so anything they attached to it maps the result back.
      input: items[index] as PrepareItem,
      ok: false,
      error,
      ...(assetId === undefined ? {} : { assetId }),
    };
    done++;
    firstFailure ??= index;
    emit({ type: 'failed', index, error, done, total });
  };

  const runItem = async (index: number) => {
    const input = inputs[index] as UploadInput | WaitOnly;
    if (signal?.aborted || (deleteCreatedOnFailure && firstFailure !== undefined)) {
      const why = signal?.aborted
        ? 'the batch was aborted'
        : `item ${firstFailure} failed and deleteCreatedOnFailure is set`;
      fail(
        index,
        new KyyAbortError(`Not uploaded: ${why}. Nothing was sent for this item.`, {
          operation: 'upload',
          ...(signal?.aborted ? { cause: signal.reason } : {}),
        }),
      );
      return;
    }
    let uploaded: { assetId: string; ref: `asset://${string}` };
    if ('waitFor' in input) {
      // Uploaded by an earlier run: only the review is left to wait for.
      uploaded = { assetId: input.waitFor, ref: input.ref };
    } else {
      emit({ type: 'uploading', index, done, total });
      try {
        uploaded = await deps.core.upload(input, uploadSignal ? { signal: uploadSignal } : {});
      } catch (error) {
        // An "outcome unknown" whose answer named an asset: that asset probably exists, so the
        // item reports the id and deleteCreatedOnFailure cleans it up like any created asset.
        const namedId = error instanceof KyyUploadOutcomeUnknownError ? error.assetId : undefined;
        fail(index, asKyyError(error), namedId);
        return;
      }
      emit({ type: 'uploaded', index, assetId: uploaded.assetId, ref: uploaded.ref, done, total });
    }
    const { assetId, ref } = uploaded;
    let asset: Asset | undefined;
    if (wait) {
      try {
        asset = await deps.waitUntilActive(assetId, {
          ...(signal ? { signal } : {}),
          ...(waitTimeoutMs === undefined ? {} : { timeoutMs: waitTimeoutMs }),
          onStatus: (a) => emit({ type: 'status', index, asset: a, done, total }),
        });
      } catch (error) {
        fail(index, asKyyError(error), assetId);
        return;
      }
    }
    results[index] = {
      index,
      input: items[index] as PrepareItem,
      ok: true,
      assetId,
      ref,
      ...(asset ? { asset } : {}),
    };
    done++;
    emit({ type: 'ready', index, assetId, ref, done, total });
  };

  await runPool(total, concurrency, runItem);

  const ok = results.every((r) => r.ok);
  const deleted: string[] = [];
  const cleanupFailed: PrepareResult['cleanupFailed'] = [];
  if (!ok && deleteCreatedOnFailure) {
    const created = results.flatMap((r) => (r.assetId === undefined ? [] : [r.assetId]));
    // Deliberately without the caller's signal: after an abort the caller still asked for a
    // clean slate, and each delete is bounded by its own timeout and retry limit.
    await runPool(created.length, concurrency, async (i) => {
      const assetId = created[i] as string;
      try {
        await deps.core.delete(assetId);
        deleted.push(assetId);
        emit({ type: 'deleted', assetId, done, total });
      } catch (error) {
        if (error instanceof KyyNotFoundError) {
          deleted.push(assetId);
          emit({ type: 'deleted', assetId, done, total });
        } else {
          cleanupFailed.push({ assetId, error: asKyyError(error) });
        }
      }
    });
  }
  return { ok, items: results, deleted, cleanupFailed };
}

interface WaitOnly {
  waitFor: string;
  ref: `asset://${string}`;
}

function checkWaitOnly(item: { waitFor: unknown }): WaitOnly {
  // checkAssetId accepts only what toAssetRef accepts, so this cannot throw.
  const assetId = checkAssetId(item.waitFor, 'input');
  return { waitFor: assetId, ref: toAssetRef(assetId) };
}

function isWaitOnly(item: PrepareItem): item is { waitFor: string } {
  return typeof item === 'object' && item !== null && 'waitFor' in item;
}
