import {
  ASSET_REF_PREFIX,
  CREATE_VIDEO_TASK_PATH,
  type CreateVideoTaskResponse,
  checkReferenceVideoRule,
  checkVideoTask,
  errorsOf,
  type Problem,
  parseAssetRef,
  VIDEO_TASK_MEDIA_FIELDS,
  VIDEO_TASK_PATH,
  type VideoTaskMediaField,
} from '@kyyvideo/contract';
import type { MockClock } from '../clock.js';
import { json, quote } from '../envelope.js';
import { parseJsonBody } from '../json-body.js';
import type { ResolvedOptions } from '../options.js';
import { isUnreachable } from '../reachability.js';
import type { InternalStore } from '../store.js';
import { type TaskOutcome, TaskSlots, toVideoTask, VIDEO_FAIL_MARKER } from '../tasks.js';
import { sentence } from '../validate-upload.js';
import type { SpecRoute } from './route-table.js';
import type { CoreResponse } from './types.js';

/**
 * How the task endpoints fail. The docs give them no envelope and no failure shape; the mock
 * answers OpenAI-style `{ "error": { "message", "type", "param" } }` (mock-only, see README).
 */
type TaskErrorType = 'invalid_request_error' | 'authentication_error' | 'not_found_error';

function taskError(
  status: number,
  type: TaskErrorType,
  message: string,
  param: string | null = null,
): CoreResponse {
  return json({ error: { message, type, param } }, { status });
}

const refuse = (status: number, message: string) =>
  taskError(status, 'authentication_error', message);

const EXAMPLE = '{"model":"kyyvideo2","prompt":"A cat dancing in the rain"}';

/** Every medium of a task body, with the field (and index) that carries it. */
function mediaOf(body: Record<string, unknown>): { field: string; kind: string; value: string }[] {
  const found: { field: string; kind: string; value: string }[] = [];
  for (const [name, kind] of Object.entries(VIDEO_TASK_MEDIA_FIELDS) as [
    VideoTaskMediaField,
    string,
  ][]) {
    const value = body[name];
    if (typeof value === 'string') found.push({ field: name, kind, value });
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (typeof item === 'string') found.push({ field: `${name}[${i}]`, kind, value: item });
      });
    }
  }
  return found;
}

interface MediaProblem {
  field: string;
  message: string;
}

/** What the mock's own asset library and reachability rule say about each medium. */
function checkMedia(
  body: Record<string, unknown>,
  store: InternalStore,
  options: ResolvedOptions,
): MediaProblem[] {
  const problems: MediaProblem[] = [];
  const add = (field: string, hint: string, value: string) =>
    problems.push({ field, message: `${field} ${quote(value, 80)} ${hint}` });
  for (const { field, kind, value } of mediaOf(body)) {
    if (!value.startsWith(ASSET_REF_PREFIX)) {
      if (isUnreachable(value, options.unreachableHosts)) {
        add(field, 'cannot be downloaded: use a public URL the service can reach.', value);
      }
      continue;
    }
    const asset = store.get(parseAssetRef(value));
    if (!asset) {
      add(field, 'names no asset (never uploaded, or deleted): upload the file first.', value);
    } else if (asset.assetType !== kind) {
      const base = field.replace(/\[\d+\]$/, '');
      const article = /^[AEIOU]/.test(asset.assetType) ? 'an' : 'a';
      add(field, `is ${article} ${asset.assetType} asset; ${base} takes ${kind} assets.`, value);
    } else if (asset.status === 'Processing') {
      add(field, 'is still Processing (in review): wait until it is Active, then create.', value);
    } else if (asset.status === 'Failed') {
      add(field, 'failed review (status Failed) and cannot be used: upload another file.', value);
    }
  }
  return problems;
}

function refused(problems: MediaProblem[]): CoreResponse {
  return taskError(
    400,
    'invalid_request_error',
    problems.map((p) => p.message).join(' '),
    problems[0]?.field ?? null,
  );
}

const fromRules = (problems: Problem[]): MediaProblem[] =>
  problems.map((p) => ({ field: p.field, message: sentence(p) }));

/** Create and query of video tasks: bare JSON, no envelope (the task pages document none). */
export function taskRoutes(
  store: InternalStore,
  options: ResolvedOptions,
  clock: MockClock,
): SpecRoute[] {
  const slots =
    options.taskConcurrency === undefined ? undefined : new TaskSlots(options.taskConcurrency);
  return [
    {
      method: 'POST',
      path: CREATE_VIDEO_TASK_PATH,
      refuse,
      handle(request, _params, { scenario }) {
        const parsed = parseJsonBody(request.body, EXAMPLE);
        if (!parsed.ok) return taskError(400, 'invalid_request_error', parsed.msg);
        // The contract's rules first (errors refuse, warnings do not), then the mock's choice of
        // reference-video rule, then what only the mock can know: its assets and hosts.
        const body = parsed.body;
        const shape = errorsOf([
          ...checkVideoTask(body),
          ...checkReferenceVideoRule(body, options.referenceVideoRule),
        ]);
        if (shape.length > 0) return refused(fromRules(shape));
        const media = checkMedia(body as Record<string, unknown>, store, options);
        if (media.length > 0) return refused(media);

        const { model, prompt } = body as { model: string; prompt: string };
        const outcome: TaskOutcome =
          scenario === 'video-failed'
            ? { status: 'failed', error: 'Video generation failed (mock scenario "video-failed").' }
            : prompt.toLowerCase().includes(VIDEO_FAIL_MARKER)
              ? {
                  status: 'failed',
                  error: `Video generation failed (the prompt contains the mock's ${VIDEO_FAIL_MARKER} marker).`,
                }
              : { status: 'completed' };
        const now = clock.now();
        const readyAt = now + options.taskQueuedMs;
        const task = store.insertTask({
          model,
          createdAt: now,
          ...(slots
            ? slots.schedule(readyAt, options.taskProcessingMs)
            : { processingAt: readyAt, endsAt: readyAt + options.taskProcessingMs }),
          outcome,
        });
        // Create always answers `queued`, as documented, even with a zero queue time.
        return json({
          id: task.id,
          object: 'video',
          created: Math.floor(now / 1000),
          model,
          status: 'queued',
          error: null,
        } satisfies CreateVideoTaskResponse);
      },
    },
    {
      method: 'GET',
      path: VIDEO_TASK_PATH,
      refuse,
      handle(request, { id = '' }) {
        const task = store.taskRecord(id);
        if (!task) {
          return taskError(
            404,
            'not_found_error',
            `No video task has the id ${quote(id)}: use the id that create (POST ${CREATE_VIDEO_TASK_PATH}) answered.`,
            'id',
          );
        }
        return json(toVideoTask(task, clock.now(), request.origin));
      },
    },
  ];
}
