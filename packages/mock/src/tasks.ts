import {
  BASE_PATH,
  type GetVideoTaskResponse,
  MOCK_BASE_URL,
  VIDEO_TASK_ID_PATTERN,
  type VideoTaskStatus,
} from '@kyyvideo/contract';
import { mediaUrl, SAMPLE_MEDIA } from './media.js';
import type { RandomSource } from './random.js';

/** What a task ends as, decided when it is created. */
export type TaskOutcome = { status: 'completed' } | { status: 'failed'; error: string };

/** One video task as the store keeps it: the timeline is fixed at create, status is derived. */
export interface StoredTask {
  id: string;
  /** The model as requested (the mock answers the model it was asked for). */
  model: string;
  /** Epoch ms of the create call. */
  createdAt: number;
  /** Epoch ms at which `queued` becomes `processing`. */
  processingAt: number;
  /** Epoch ms at which the task ends with `outcome`. */
  endsAt: number;
  outcome: TaskOutcome;
}

/** A prompt containing this (any case) makes the task end `failed` (mock-only trigger). */
export const VIDEO_FAIL_MARKER = '[fail]';

// Where requests reached directly through the core (no transport) say the mock lives.
const FALLBACK_ORIGIN = new URL(MOCK_BASE_URL).origin;

function taskStatusAt(task: StoredTask, now: number): VideoTaskStatus {
  if (now < task.processingAt) return 'queued';
  if (now < task.endsAt) return 'processing';
  return task.outcome.status;
}

/** The query answer for a task as of `now`; `origin` is where the client reached the mock. */
export function toVideoTask(
  task: StoredTask,
  now: number,
  origin: string | undefined,
): GetVideoTaskResponse {
  const status = taskStatusAt(task, now);
  return {
    id: task.id,
    object: 'video',
    created: Math.floor(task.createdAt / 1000),
    model: task.model,
    status,
    video_url:
      status === 'completed'
        ? mediaUrl(origin ?? FALLBACK_ORIGIN, BASE_PATH, SAMPLE_MEDIA.video)
        : null,
    error: status === 'failed' && task.outcome.status === 'failed' ? task.outcome.error : null,
  };
}

/**
 * The service's capacity (`taskConcurrency`): at most `size` tasks process at once, in the order
 * they were created; the others stay `queued` until a slot frees, as a provider's queue does.
 * Each task's timeline is still fixed when it is created: it takes the slot that frees first.
 * Mock-only model; the slots are not saved with `--state`, so after a restart earlier tasks no
 * longer hold one.
 */
export class TaskSlots {
  readonly #freeAt: number[];

  constructor(size: number) {
    this.#freeAt = Array.from({ length: size }, () => 0);
  }

  /** When a task that may start processing at `readyAt` and takes `processingMs` runs. */
  schedule(readyAt: number, processingMs: number): { processingAt: number; endsAt: number } {
    let slot = 0;
    for (let i = 1; i < this.#freeAt.length; i++) {
      if ((this.#freeAt[i] as number) < (this.#freeAt[slot] as number)) slot = i;
    }
    const processingAt = Math.max(readyAt, this.#freeAt[slot] as number);
    const endsAt = processingAt + processingMs;
    this.#freeAt[slot] = endsAt;
    return { processingAt, endsAt };
  }
}

const HEX = '0123456789abcdef';

/** `video_` and a version-4-shaped UUID drawn from `random` (seeded mocks repeat their ids). */
export function newTaskId(random: RandomSource, taken: (id: string) => boolean): string {
  for (;;) {
    let hex = '';
    for (let i = 0; i < 32; i++) hex += HEX[Math.floor(random() * 16)];
    const variant = HEX[8 + Math.floor(random() * 4)];
    const id = `video_${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    if (!taken(id)) return id;
  }
}

/** Checks one saved or journaled task record. */
export function isStoredTask(value: unknown): value is StoredTask {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const outcome = r.outcome as Record<string, unknown> | null | undefined;
  return (
    typeof r.id === 'string' &&
    VIDEO_TASK_ID_PATTERN.test(r.id) &&
    typeof r.model === 'string' &&
    Number.isFinite(r.createdAt) &&
    Number.isFinite(r.processingAt) &&
    Number.isFinite(r.endsAt) &&
    typeof outcome === 'object' &&
    outcome !== null &&
    (outcome.status === 'completed' ||
      (outcome.status === 'failed' && typeof outcome.error === 'string'))
  );
}
