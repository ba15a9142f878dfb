import type { Asset, AssetRef, paths } from '@kyyvideo/contract';
import type { Client } from 'openapi-fetch';
import type { KyyError } from './errors.js';
import type { UploadInput } from './input.js';
import type { GenerateInput, GenerateOptions, GenerateResult, KyyVideos } from './video-types.js';

export type { AssetRef };

export interface CallOptions {
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this long, in ms (default 300 000, the documentation's own limit). */
  timeoutMs?: number;
  /** Called with every detail read while waiting (exceptions it throws are ignored). */
  onStatus?: (asset: Asset) => void;
}

export interface UploadResult {
  assetId: string;
  /** `asset://{assetId}`, the form a generation task expects. */
  ref: AssetRef;
}

export interface DeleteResult {
  assetId: string;
  /**
   * True when an earlier attempt of this call may have deleted the asset and a retry then found
   * it gone (code -1): the deletion happened, the answer was lost.
   */
  alreadyGone: boolean;
}

/**
 * One item of a batch: an upload, or `{ waitFor: assetId }` for an asset an earlier run already
 * uploaded (resuming), which is only waited for and never uploaded again.
 */
export type PrepareItem = UploadInput | { waitFor: string };

export interface PrepareOptions {
  /** Uploads (and waits) in flight at once; default 3. */
  concurrency?: number;
  /** Wait for each asset to become Active (default true). */
  wait?: boolean;
  /** Applies to the whole batch; items not yet started are reported as aborted, never dropped. */
  signal?: AbortSignal;
  /** Time limit of each item's wait, in ms (default 300 000). */
  waitTimeoutMs?: number;
  onProgress?: (event: PrepareProgress) => void;
  /**
   * When any item fails: start no further items, then delete every asset this batch created
   * (ids listed in `deleted`). Default false: every item is attempted and reported.
   */
  deleteCreatedOnFailure?: boolean;
  /**
   * When `signal` aborts, let uploads already sent finish (their outcome would otherwise be
   * unknown); items not started and waits still stop. Default false: the signal aborts all.
   */
  finishStartedUploads?: boolean;
}

/** Progress of a batch; `done` counts finished items (succeeded or failed) out of `total`. */
export type PrepareProgress =
  | { type: 'uploading'; index: number; done: number; total: number }
  | { type: 'uploaded'; index: number; assetId: string; ref: AssetRef; done: number; total: number }
  | { type: 'status'; index: number; asset: Asset; done: number; total: number }
  | { type: 'ready'; index: number; assetId: string; ref: AssetRef; done: number; total: number }
  | { type: 'failed'; index: number; error: KyyError; done: number; total: number }
  | { type: 'deleted'; assetId: string; done: number; total: number };

export type PrepareItemResult =
  | { index: number; input: PrepareItem; ok: true; assetId: string; ref: AssetRef; asset?: Asset }
  | { index: number; input: PrepareItem; ok: false; error: KyyError; assetId?: string };

export interface PrepareResult {
  /** True when every item succeeded. */
  ok: boolean;
  /** One entry per input, in input order. */
  items: PrepareItemResult[];
  /** Asset ids deleted because of `deleteCreatedOnFailure`. */
  deleted: string[];
  /** Assets `deleteCreatedOnFailure` tried and failed to delete: clean these up yourself. */
  cleanupFailed: Array<{ assetId: string; error: KyyError }>;
}

export interface KyyAssets {
  /**
   * Registers a file by URL. Never sent twice unless the first try provably never left this
   * machine; otherwise an unclear outcome throws KyyUploadOutcomeUnknownError.
   */
  upload(input: UploadInput, options?: CallOptions): Promise<UploadResult>;
  /**
   * Reads one asset, by id or `asset://` reference; retried on transient failures. Unknown id →
   * KyyNotFoundError.
   */
  get(assetId: string, options?: CallOptions): Promise<Asset>;
  /**
   * Deletes an asset for good, by id or `asset://` reference; retried on transient failures
   * (see DeleteResult.alreadyGone).
   */
  delete(assetId: string, options?: CallOptions): Promise<DeleteResult>;
  /**
   * Polls an asset (id or `asset://` reference) until `Active` (growing, jittered interval up to 5 s). `Failed` → KyyAssetFailedError,
   * `timeoutMs` (default 300 s) → KyyWaitTimeoutError, abort → KyyAbortError.
   */
  waitUntilActive(assetId: string, options?: WaitOptions): Promise<Asset>;
  /** upload, then waitUntilActive; if the wait fails, the error carries `assetId`. */
  uploadAndWait(
    input: UploadInput,
    options?: WaitOptions,
  ): Promise<UploadResult & { asset: Asset }>;
  /**
   * Uploads (and by default waits for) several assets, a few at a time. Every input gets a
   * result in input order; with `deleteCreatedOnFailure`, a failure rolls the batch back.
   */
  prepare(items: PrepareItem[], options?: PrepareOptions): Promise<PrepareResult>;
}

export interface KyyClient {
  readonly baseUrl: string;
  /** The underlying openapi-fetch client (sends the API key; no retries, no validation). */
  readonly raw: Client<paths>;
  readonly assets: KyyAssets;
  /** The video generation tasks that use the assets (no envelope; see the README). */
  readonly videos: KyyVideos;
  /**
   * The whole job: URL references → reviewed assets (with `uploadReferences`), a task, its
   * video. Resolves with the completed task, its `videoUrl` and the assets made; a failing step
   * throws KyyGenerateError with `step` and every id made so far. Download is left to the caller.
   */
  generate(input: GenerateInput, options?: GenerateOptions): Promise<GenerateResult>;
}
