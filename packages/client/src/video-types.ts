import type {
  CreateVideoTaskRequest,
  CreateVideoTaskResponse,
  GetVideoTaskResponse,
  Problem,
  VideoTaskInput,
} from '@kyyvideo/contract';
import type { GeneratedAsset, KyyError } from './errors.js';
import type { CallOptions, PrepareProgress } from './types.js';

/** A task as `GET /v1/result/{id}` answers it. */
export type VideoTask = GetVideoTaskResponse;
/** A task as create answers it (no `video_url` yet). */
export type CreatedVideoTask = CreateVideoTaskResponse;
/** A finished task with its video: what `waitUntilDone` resolves with. */
export type CompletedVideoTask = VideoTask & { status: 'completed'; video_url: string };

export interface CreateVideoOptions {
  /** Aborts the call. An abort while the request is in flight ends in "outcome unknown". */
  signal?: AbortSignal;
  /**
   * Called (before sending) with each warning of the contract's rules: limits only public code
   * states (aspect ratios, 9/3/3 references) and fields the API does not document. Warnings
   * never refuse a task; without this option they are not reported.
   */
  onWarning?: (warning: Problem) => void;
}

export interface VideoWaitOptions {
  signal?: AbortSignal;
  /** Give up after this long, in ms (default DEFAULT_VIDEO_WAIT_TIMEOUT_MS, 10 min). */
  timeoutMs?: number;
  /**
   * Pause between polls, in ms, shortened by up to 20 % at random. Default: 20–40 s at random
   * (the documentation's advice), 10–20 s for the fast models.
   */
  intervalMs?: number;
  /** Called with every task read while waiting (exceptions it throws are ignored). */
  onStatus?: (task: VideoTask) => void;
  /**
   * Pause exactly `intervalMs` between polls instead of a random shorter pause. For callers
   * whose waits already start at different moments (a batch of many tasks). Default false.
   */
  exactInterval?: boolean;
}

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length, when the host sent one. */
  totalBytes?: number;
}

export interface DownloadOptions {
  /** Aborts the download, also mid-stream (the stream then errors with KyyAbortError). */
  signal?: AbortSignal;
  /** Called as bytes arrive (exceptions it throws are ignored). */
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * The largest video accepted, in bytes (default: the client's `maxDownloadBytes`, 1 GiB). A
   * larger declared length is refused before reading; a body without one is cut at the limit.
   */
  maxDownloadBytes?: number;
  /**
   * Resume a cut download: ask for the file from this byte on (`Range: bytes=N-`). The answer's
   * `offset` says what the host sent: `rangeStart` when it granted the range (206 with a matching
   * Content-Range), 0 when it sent the whole file again.
   */
  rangeStart?: number;
}

export interface VideoDownload {
  /** The video file (MP4), as it arrives. Read it once; cancel it if you stop early. */
  body: ReadableStream<Uint8Array>;
  /** Bytes in `body` (from Content-Length or Content-Range), when the host said. */
  contentLength?: number;
  contentType?: string;
  /** Where `body` starts in the file: 0, or `rangeStart` when the host resumed there. */
  offset: number;
  /** The URL it came from. */
  url: string;
}

export interface KyyVideos {
  /**
   * Starts a video task. The body is the API's (`first_image`, `referenceImages`, …; see
   * `buildVideoTask` to make one from upload results), checked with the contract's rules before
   * anything is sent. Never sent twice unless the first try provably never left this machine;
   * otherwise an unclear outcome throws KyyCreateOutcomeUnknownError (with `taskId` when known).
   */
  create(input: CreateVideoTaskRequest, options?: CreateVideoOptions): Promise<CreatedVideoTask>;
  /** Reads a task by id; retried on transient failures. */
  get(taskId: string, options?: CallOptions): Promise<VideoTask>;
  /**
   * Polls a task until `completed` (resolves with it, `video_url` set) or `failed`
   * (KyyVideoFailedError); `timeoutMs` → KyyWaitTimeoutError; abort → KyyAbortError.
   */
  waitUntilDone(taskId: string, options?: VideoWaitOptions): Promise<CompletedVideoTask>;
  /**
   * Fetches the video of a completed task (or a `video_url`) as a stream. The URL is another
   * host's: the API key is never sent with it.
   */
  download(taskOrUrl: VideoTask | string, options?: DownloadOptions): Promise<VideoDownload>;
}

/**
 * What `generate()` takes: the contract's camelCase task (`buildVideoTask`'s input: media as
 * URLs, `asset://` refs, asset ids or upload results), plus whether to upload the URLs first.
 */
export interface GenerateInput extends VideoTaskInput {
  /**
   * Upload every URL given as media as an asset first (Image, Video or Audio by field) and wait
   * for its review, then use its `asset://` reference. Default false: URLs are sent as given.
   */
  uploadReferences?: boolean;
}

/** Progress of `generate()`, by step. */
export type GenerateProgress =
  | { step: 'upload'; event: PrepareProgress }
  | { step: 'create'; task: CreatedVideoTask }
  | { step: 'wait'; task: VideoTask };

export interface GenerateOptions {
  /** Aborts whichever step is running; the error still carries every id made so far. */
  signal?: AbortSignal;
  onProgress?: (event: GenerateProgress) => void;
  /** Called with each warning of the contract's rules (see CreateVideoOptions.onWarning). */
  onWarning?: (warning: Problem) => void;
  /** Time limit of the video wait (default 10 min). */
  timeoutMs?: number;
  /** Pause between task polls (default: the documentation's 20–40 s; fast models 10–20 s). */
  intervalMs?: number;
  /** Time limit of each asset's review wait (default 300 000). */
  assetTimeoutMs?: number;
  /** Uploads in flight at once when `uploadReferences` is set (default 3). */
  concurrency?: number;
}

export interface GenerateResult {
  task: CompletedVideoTask;
  /** `task.video_url`: valid for about 24 hours, download it promptly. */
  videoUrl: string;
  /** The assets made from URLs (empty unless `uploadReferences`). */
  assets: GeneratedAsset[];
}

export type { GeneratedAsset, KyyError };
