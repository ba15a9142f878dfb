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
  const { inputs, concurrency } = checkBatch(items, options);
  const tally = createTally(items, options.onProgress);
  await runPool(inputs.length, concurrency, itemRunner(deps, inputs, options, tally));
  const ok = tally.results.every((r) => r.ok);
  const cleanup =
    !ok && options.deleteCreatedOnFailure
      ? await deleteCreated(deps, tally, concurrency)
      : { deleted: [], cleanupFailed: [] };
  return { ok, items: tally.results, ...cleanup };
}

/** Every item and option checked before anything is sent, so a typo never leaves half a batch. */
function checkBatch(
  items: PrepareItem[],
  options: PrepareOptions,
): { inputs: (UploadInput | WaitOnly)[]; concurrency: number } {
  if (!Array.isArray(items)) {
    throw new KyyInputError('prepare expects an array of { assetType, url, name? } items.', {
      operation: 'input',
    });
  }
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
  return { inputs, concurrency };
}

/** The batch's results so far, and the progress events that report them. */
interface Tally {
  readonly results: PrepareItemResult[];
  readonly total: number;
  done: number;
  firstFailure: number | undefined;
  emit(event: PrepareProgress): void;
  fail(index: number, error: KyyError, assetId?: string): void;
  succeed(index: number, assetId: string, ref: `asset://${string}`, asset?: Asset): void;
}

function createTally(items: PrepareItem[], onProgress: PrepareOptions['onProgress']): Tally {
  const total = items.length;
  const tally: Tally = {
    results: new Array(total),
    total,
    done: 0,
    firstFailure: undefined,
    emit(event) {
      try {
        onProgress?.(event);
      } catch {
        // A progress callback must not be able to break the batch it observes.
      }
    },
    fail(index, error, assetId) {
      tally.results[index] = {
        index,
        // The caller's own object, so anything they attached to it maps the result back.
        input: items[index] as PrepareItem,
        ok: false,
        error,
        ...(assetId === undefined ? {} : { assetId }),
      };
      tally.done++;
      tally.firstFailure ??= index;
      tally.emit({ type: 'failed', index, error, done: tally.done, total });
    },
    succeed(index, assetId, ref, asset) {
      tally.results[index] = {
        index,
        input: items[index] as PrepareItem,
        ok: true,
        assetId,
        ref,
        ...(asset ? { asset } : {}),
      };
      tally.done++;
      tally.emit({ type: 'ready', index, assetId, ref, done: tally.done, total });
    },
  };
  return tally;
}

/** Why an item is not started, or undefined when it may start. */
function notStartedBecause(options: PrepareOptions, tally: Tally): KyyAbortError | undefined {
  const { signal } = options;
  if (!signal?.aborted && !(options.deleteCreatedOnFailure && tally.firstFailure !== undefined)) {
    return undefined;
  }
  const why = signal?.aborted
    ? 'the batch was aborted'
    : `item ${tally.firstFailure} failed and deleteCreatedOnFailure is set`;
  return new KyyAbortError(`Not uploaded: ${why}. Nothing was sent for this item.`, {
    operation: 'upload',
    ...(signal?.aborted ? { cause: signal.reason } : {}),
  });
}

/** Uploads one item (unless an earlier run did) and waits for its review, into the tally. */
function itemRunner(
  deps: PrepareDeps,
  inputs: readonly (UploadInput | WaitOnly)[],
  options: PrepareOptions,
  tally: Tally,
): (index: number) => Promise<void> {
  const { signal, waitTimeoutMs, finishStartedUploads = false } = options;
  const wait = options.wait ?? true;
  // With finishStartedUploads the signal stops new items and waits, never an upload in flight:
  // an upload cut off halfway leaves its outcome unknown.
  const uploadSignal = finishStartedUploads ? undefined : signal;
  const { emit, total } = tally;
  return async (index) => {
    const input = inputs[index] as UploadInput | WaitOnly;
    const refusal = notStartedBecause(options, tally);
    if (refusal) {
      tally.fail(index, refusal);
      return;
    }
    let uploaded: { assetId: string; ref: `asset://${string}` };
    if ('waitFor' in input) {
      // Uploaded by an earlier run: only the review is left to wait for.
      uploaded = { assetId: input.waitFor, ref: input.ref };
    } else {
      emit({ type: 'uploading', index, done: tally.done, total });
      try {
        uploaded = await deps.core.upload(input, uploadSignal ? { signal: uploadSignal } : {});
      } catch (error) {
        // An "outcome unknown" whose answer named an asset: that asset probably exists, so the
        // item reports the id and deleteCreatedOnFailure cleans it up like any created asset.
        const namedId = error instanceof KyyUploadOutcomeUnknownError ? error.assetId : undefined;
        tally.fail(index, asKyyError(error), namedId);
        return;
      }
      const { assetId, ref } = uploaded;
      emit({ type: 'uploaded', index, assetId, ref, done: tally.done, total });
    }
    const { assetId, ref } = uploaded;
    let asset: Asset | undefined;
    if (wait) {
      try {
        asset = await deps.waitUntilActive(assetId, {
          ...(signal ? { signal } : {}),
          ...(waitTimeoutMs === undefined ? {} : { timeoutMs: waitTimeoutMs }),
          onStatus: (a) => emit({ type: 'status', index, asset: a, done: tally.done, total }),
        });
      } catch (error) {
        tally.fail(index, asKyyError(error), assetId);
        return;
      }
    }
    tally.succeed(index, assetId, ref, asset);
  };
}

/** Deletes every asset the batch made, after a failure, as deleteCreatedOnFailure asks. */
async function deleteCreated(
  deps: PrepareDeps,
  tally: Tally,
  concurrency: number,
): Promise<Pick<PrepareResult, 'deleted' | 'cleanupFailed'>> {
  const deleted: string[] = [];
  const cleanupFailed: PrepareResult['cleanupFailed'] = [];
  const created = tally.results.flatMap((r) => (r.assetId === undefined ? [] : [r.assetId]));
  const gone = (assetId: string) => {
    deleted.push(assetId);
    tally.emit({ type: 'deleted', assetId, done: tally.done, total: tally.total });
  };
  // Deliberately without the caller's signal: after an abort the caller still asked for a
  // clean slate, and each delete is bounded by its own timeout and retry limit.
  await runPool(created.length, concurrency, async (i) => {
    const assetId = created[i] as string;
    try {
      await deps.core.delete(assetId);
      gone(assetId);
    } catch (error) {
      if (error instanceof KyyNotFoundError) gone(assetId);
      else cleanupFailed.push({ assetId, error: asKyyError(error) });
    }
  });
  return { deleted, cleanupFailed };
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
