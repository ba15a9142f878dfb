// Types only: the command line reads these defaults for --help, which must not load zod.
import type { ReferenceVideoRuleName } from '@kyyvideo/contract';
import type { MockClock } from './clock.js';

export interface MockOptions {
  /** If set, only `Authorization: Bearer <apiKey>` is accepted; otherwise any non-empty token. */
  apiKey?: string;
  /** Where time comes from (epoch ms). Default: real time. Use `createVirtualClock()` in tests. */
  clock?: MockClock;
  /** Seeds the id suffixes so the same calls produce the same ids. Default: random. */
  seed?: number;
  /** How long a new asset stays `Processing` before it becomes `Active` (default 2000 ms). */
  reviewDelayMs?: number;
  /** Review time for assets whose name or URL marks a face or avatar (default 10000 ms). */
  faceReviewDelayMs?: number;
  /** Case-insensitive substrings of name/URL that mark a face or avatar (default {@link DEFAULT_FACE_MARKERS}). */
  faceMarkers?: string[];
  /** Case-insensitive substrings of name/URL that make the review end `Failed` (default `['reject']`). */
  failMarkers?: string[];
  /** Extra hosts (and their subdomains) whose URLs answer 1001; hosts ending in `.invalid` always do. */
  unreachableHosts?: string[];
  /** Added to every response, in ms (default 0). */
  latencyMs?: number;
  /** How long a new video task stays `queued` (default 1000 ms). */
  taskQueuedMs?: number;
  /** How long a video task then stays `processing` before it ends (default 3000 ms). */
  taskProcessingMs?: number;
  /**
   * At most this many video tasks process at once; the others stay `queued` until a slot frees
   * (mock-only model of a provider's queue). Default: unlimited.
   */
  taskConcurrency?: number;
  /**
   * Which documented version of "which models take reference videos" the mock enforces
   * (mock-only choice; the docs state it both ways). Default `kyyvideo2Page`.
   */
  referenceVideoRule?: ReferenceVideoRuleName;
  /**
   * The most assets, and separately the most video tasks, the mock keeps (default
   * {@link DEFAULT_STORE_LIMIT}). Past it the least recently used one (uploaded, created or read
   * longest ago) is forgotten, as if deleted, so a mock left running under load keeps a bounded
   * amount of memory.
   */
  storeLimit?: number;
}

// Short enough that tests with a virtual clock and demos with a real one both move along, long
// enough that a client really sees `Processing` first and has to poll.
export const DEFAULT_REVIEW_DELAY_MS = 2_000;
// The docs say faces and virtual avatars wait for review; the mock makes that visibly longer
// while staying well inside the documented 300 s polling budget.
export const DEFAULT_FACE_REVIEW_DELAY_MS = 10_000;
export const DEFAULT_FACE_MARKERS: readonly string[] = [
  'face',
  'avatar',
  'portrait',
  '人脸',
  '头像',
];
export const DEFAULT_FAIL_MARKERS: readonly string[] = ['reject'];
// Seconds, not the documented minutes: offline flows should finish while someone watches, and a
// client still sees `queued` and `processing` and has to poll.
export const DEFAULT_TASK_QUEUED_MS = 1_000;
export const DEFAULT_TASK_PROCESSING_MS = 3_000;
/**
 * How often to poll a task of a mock with the default timings: no status lasts shorter, so each
 * one is seen, and a wait ends within this long of the task (the docs' 20–40 s would outlast it).
 */
export const MOCK_TASK_POLL_INTERVAL_MS = Math.min(
  DEFAULT_TASK_QUEUED_MS,
  DEFAULT_TASK_PROCESSING_MS,
);
/** The KyyVideo2 page's version: under it the documentation's own create example is valid. */
export const DEFAULT_REFERENCE_VIDEO_RULE: ReferenceVideoRuleName = 'kyyvideo2Page';
/**
 * Far more than a person or a test suite creates; reached only by load tests, which then keep
 * a bounded store (a few MiB of assets) instead of growing until the process runs out.
 */
export const DEFAULT_STORE_LIMIT = 10_000;
/**
 * The names of the contract's `REFERENCE_VIDEO_RULES`, listed here so that `--help` need not load
 * the contract (and zod); a test keeps the two lists equal.
 */
export const REFERENCE_VIDEO_RULE_NAMES = [
  'kyyvideo2Page',
  'seedanceMirror',
] as const satisfies readonly ReferenceVideoRuleName[];

export interface ResolvedOptions {
  apiKey: string | undefined;
  clock: MockClock | undefined;
  seed: number | undefined;
  reviewDelayMs: number;
  faceReviewDelayMs: number;
  faceMarkers: readonly string[];
  failMarkers: readonly string[];
  unreachableHosts: readonly string[];
  latencyMs: number;
  taskQueuedMs: number;
  taskProcessingMs: number;
  taskConcurrency: number | undefined;
  referenceVideoRule: ReferenceVideoRuleName;
  storeLimit: number;
}

function duration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `createMock: ${name} must be a finite number of ms ≥ 0, got ${String(value)}.`,
    );
  }
  return value;
}

function markers(
  name: string,
  value: string[] | undefined,
  fallback: readonly string[],
): readonly string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.some((m) => typeof m !== 'string' || m === '')) {
    throw new TypeError(`createMock: ${name} must be an array of non-empty strings.`);
  }
  return value.map((m) => m.toLowerCase());
}

function storeLimit(value: number | undefined): number {
  if (value === undefined) return DEFAULT_STORE_LIMIT;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `createMock: storeLimit must be a whole number ≥ 1, got ${String(value)}.`,
    );
  }
  return value;
}

function taskConcurrency(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `createMock: taskConcurrency must be a whole number ≥ 1 (or leave it out for no limit), got ${String(value)}.`,
    );
  }
  return value;
}

/** Checks options once, up front, so a typo fails loudly instead of changing behaviour quietly. */
export function resolveOptions(options: MockOptions = {}): ResolvedOptions {
  if (
    options.apiKey !== undefined &&
    (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
  ) {
    throw new TypeError(
      'createMock: apiKey must be a non-empty string (or leave it out to accept any token).',
    );
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new TypeError(`createMock: seed must be an integer, got ${String(options.seed)}.`);
  }
  if (options.clock !== undefined && typeof options.clock?.now !== 'function') {
    throw new TypeError('createMock: clock must have a now() method returning epoch ms.');
  }
  const rule = options.referenceVideoRule ?? DEFAULT_REFERENCE_VIDEO_RULE;
  if (!(REFERENCE_VIDEO_RULE_NAMES as readonly string[]).includes(rule)) {
    throw new TypeError(
      `createMock: referenceVideoRule must be one of ${REFERENCE_VIDEO_RULE_NAMES.join(', ')}, got ${String(rule)}.`,
    );
  }
  return {
    apiKey: options.apiKey,
    clock: options.clock,
    seed: options.seed,
    reviewDelayMs: duration('reviewDelayMs', options.reviewDelayMs, DEFAULT_REVIEW_DELAY_MS),
    faceReviewDelayMs: duration(
      'faceReviewDelayMs',
      options.faceReviewDelayMs,
      DEFAULT_FACE_REVIEW_DELAY_MS,
    ),
    faceMarkers: markers('faceMarkers', options.faceMarkers, DEFAULT_FACE_MARKERS),
    failMarkers: markers('failMarkers', options.failMarkers, DEFAULT_FAIL_MARKERS),
    unreachableHosts: markers('unreachableHosts', options.unreachableHosts, []),
    latencyMs: duration('latencyMs', options.latencyMs, 0),
    taskQueuedMs: duration('taskQueuedMs', options.taskQueuedMs, DEFAULT_TASK_QUEUED_MS),
    taskProcessingMs: duration(
      'taskProcessingMs',
      options.taskProcessingMs,
      DEFAULT_TASK_PROCESSING_MS,
    ),
    taskConcurrency: taskConcurrency(options.taskConcurrency),
    referenceVideoRule: rule,
    storeLimit: storeLimit(options.storeLimit),
  };
}
