import {
  type CreateVideoTaskRequest,
  checkVideoTask,
  errorsOf,
  VIDEO_TASK_ID_PATTERN,
  VIDEO_TASK_STATUSES,
} from '@kyyvideo/contract';
import {
  KyyCreateOutcomeUnknownError,
  type KyyError,
  KyyInputError,
  KyyInvalidResponseError,
} from './errors.js';
import { sentence } from './input.js';
import { asOutcomeUnknown } from './outcome.js';
import { type CoreDeps, send } from './send.js';
import { safely } from './signals.js';
import type { CallOptions } from './types.js';
import { interpretCreate, interpretTask, type VideoContext } from './video-answer.js';
import type { CreatedVideoTask, CreateVideoOptions, VideoTask } from './video-types.js';

/** The two requests of the video task API, on the client's one request path. */
export interface VideosCore {
  create(input: CreateVideoTaskRequest, options?: CreateVideoOptions): Promise<CreatedVideoTask>;
  get(taskId: string, options?: CallOptions): Promise<VideoTask>;
  /** Like get, but an unknown `status` is returned (statusKnown: false) instead of rejected. */
  detail(taskId: string, options?: CallOptions): Promise<{ task: VideoTask; statusKnown: boolean }>;
}

/** The task id for a path: only the contract's documented shape passes, so no id can alter it. */
export function checkTaskId(taskId: unknown): string {
  if (typeof taskId === 'string' && VIDEO_TASK_ID_PATTERN.test(taskId)) return taskId;
  const shown = typeof taskId === 'string' ? ` ${JSON.stringify(taskId.slice(0, 80))}` : '';
  throw new KyyInputError(
    `taskId${shown} is not accepted: give the id create returned ("video_" and a lower-case UUID, like video_fd35ee52-2a98-44a6-b930-29a88ce9b8fd).`,
    { operation: 'input' },
  );
}

/** Errors refuse the task before anything is sent; warnings go to `onWarning`. */
export function checkTask(input: unknown, onWarning?: CreateVideoOptions['onWarning']): void {
  const problems = checkVideoTask(input);
  const errors = errorsOf(problems);
  if (errors.length > 0) {
    throw new KyyInputError(errors.map((problem) => sentence(problem, '')).join(' '), {
      operation: 'input',
      problems: errors,
    });
  }
  for (const warning of problems) {
    if (warning.severity !== 'warning') continue;
    // A reporting callback must not be able to stop a task the rules accept.
    safely(onWarning, warning);
  }
}

/** A create failure whose outcome is unknown becomes the error that says so; others pass. */
function createOutcome(error: KyyError): KyyError {
  return asOutcomeUnknown(
    error,
    (id) =>
      `the answer named task "${id}" but was not the documented success (check it with videos.get before creating another)`,
    (reason, details) =>
      new KyyCreateOutcomeUnknownError(
        `Creating the video task may or may not have started one (and been charged): ${reason}. It was not resent, because the API has no idempotency key and a second request could start and bill a second task. Create again only if that is acceptable.`,
        { operation: 'video-create', ...details },
      ),
  );
}

export function createVideosCore(deps: CoreDeps): VideosCore {
  const { settings } = deps;
  const context = (operation: VideoContext['operation'], taskId?: string): VideoContext => ({
    operation,
    validate: deps.validate,
    redact: settings.redact,
    ...(taskId === undefined ? {} : { taskId }),
  });

  async function create(
    input: CreateVideoTaskRequest,
    options: CreateVideoOptions = {},
  ): Promise<CreatedVideoTask> {
    checkTask(input, options.onWarning);
    const ctx = context('video-create');
    return send(settings, {
      operation: 'video-create',
      request: (raw, init) => raw.POST('/v1/kyyvideo2/videos', { ...init, body: input }),
      retry: 'once',
      interpret: (answer) => interpretCreate(answer, ctx),
      recover: createOutcome,
      signal: options.signal,
    });
  }

  async function detail(taskId: string, options: CallOptions = {}) {
    const id = checkTaskId(taskId);
    const ctx = context('video-get', id);
    return send(settings, {
      operation: 'video-get',
      request: (raw, init) => raw.GET('/v1/result/{id}', { ...init, params: { path: { id } } }),
      taskId: id,
      retry: 'idempotent',
      interpret: (answer) => interpretTask(answer, ctx),
      signal: options.signal,
    });
  }

  async function get(taskId: string, options: CallOptions = {}) {
    const { task, statusKnown } = await detail(taskId, options);
    if (!statusKnown && deps.validate === 'strict') {
      throw new KyyInvalidResponseError(
        `Reading the video task got an unknown status ${settings.redact(JSON.stringify(task.status))} (documented: ${VIDEO_TASK_STATUSES.join(', ')}). waitUntilDone keeps polling through it; pass validate: 'off' to read it as is.`,
        { operation: 'video-get', taskId: task.id, httpStatus: 200 },
      );
    }
    return task;
  }

  return { create, get, detail };
}
