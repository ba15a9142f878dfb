import {
  DOCUMENTED_VIDEO_GENERATION_MS,
  DOCUMENTED_VIDEO_POLL_INTERVAL_MS,
  EXAMPLE_VIDEO_TASK_ID,
  EXAMPLE_VIDEO_TASK_REQUEST,
  FINAL_VIDEO_TASK_STATUSES,
  VIDEO_TASK_ID_PATTERN,
} from '@kyyvideo/contract';
import { assertConforms, assertRejected, ensure } from '../assertions.js';
import type { TargetName } from '../coverage.js';
import { jsonBody } from '../exchange.js';
import type { ContractSession, RawRequest } from '../session.js';
import { WRONG_TOKEN } from './auth.js';
import type { Check } from './check.js';

/** Set to `1` (with KYY_API_KEY) to let the suite create video tasks on the real service. */
export const VIDEO_GATE_ENV = 'KYY_CONTRACT_VIDEO';

/**
 * Why a check that creates a video task does not run on `target`, or `undefined` when it does:
 * against the real service each task costs money, so it takes an explicit second opt-in.
 */
export function videoGate(
  target: { name: TargetName },
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (target.name !== 'real' || env[VIDEO_GATE_ENV] === '1') return undefined;
  return `creating a video task costs money; set ${VIDEO_GATE_ENV}=1 as well as KYY_API_KEY to include it.`;
}

// Real generation takes minutes (fast models 1–3, standard 2–5): poll within the documented
// interval and give up after the slowest documented time with room to spare.
const REAL_DEADLINE_MS = DOCUMENTED_VIDEO_GENERATION_MS.standard.max + 60_000;
export const VIDEO_CHECK_REAL_TIMEOUT_MS = REAL_DEADLINE_MS + 60_000;

/** The cheapest task the docs allow: a fast model and the shortest duration. */
const REAL_TASK = {
  model: 'kyyvideo2_fast',
  prompt: 'contract test: a red ball rolling across a table',
  duration: 4,
};

interface Task {
  id: string;
  status: string;
  video_url?: string | null;
  error: string | null;
}

/**
 * Sends `request` and requires a refusal. These calls have no envelope, so no `code` tells a
 * refusal from a task: the HTTP status must (anything but 200).
 */
async function assertRefused(
  session: ContractSession,
  request: RawRequest,
  what: string,
): Promise<void> {
  const exchange = await session.request(request);
  assertRejected(session.validator, exchange, what);
  ensure(exchange.status !== 200, `${what}: expected a refusal, got HTTP 200`, exchange);
}

const CREDENTIALS = ['none', { token: WRONG_TOKEN }] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function queryTask(session: ContractSession, taskId: string): Promise<Task> {
  const exchange = await session.request({ operation: 'getVideoTask', taskId });
  ensure(exchange.status === 200, 'query must answer HTTP 200 for a task it created', exchange);
  assertConforms(session.validator, exchange);
  const task = jsonBody(exchange) as Task;
  ensure(task.id === taskId, 'query answers for another task', exchange);
  return task;
}

export const videoTaskLifecycleCheck: Check = {
  id: 'video-task/lifecycle',
  title: 'video task: create → query queued/processing → completed with a downloadable video_url',
  covers: [
    { operation: 'createVideoTask', outcome: 'success' },
    { operation: 'getVideoTask', outcome: 'success' },
  ],
  skipReason: videoGate,
  realTimeoutMs: VIDEO_CHECK_REAL_TIMEOUT_MS,
  async run(session) {
    const { target, validator } = session;
    const body = target.mock ? EXAMPLE_VIDEO_TASK_REQUEST : REAL_TASK;
    const created = await session.request({ operation: 'createVideoTask', body });
    ensure(created.status === 200, 'create must answer HTTP 200', created);
    assertConforms(validator, created);
    const task = jsonBody(created) as Task;
    ensure(VIDEO_TASK_ID_PATTERN.test(task.id), 'create answered an id of another shape', created);
    ensure(task.status === 'queued', `a new task must be queued, got ${task.status}`, created);

    let current = await queryTask(session, task.id);
    if (target.mock) {
      ensure(current.status === 'queued', `the mock's new task is ${current.status}`);
      // The mock's virtual clock: past its default queue and processing times.
      session.finishReview();
      current = await queryTask(session, task.id);
    } else {
      const deadline = Date.now() + REAL_DEADLINE_MS;
      while (!(FINAL_VIDEO_TASK_STATUSES as readonly string[]).includes(current.status)) {
        ensure(
          Date.now() < deadline,
          `the task is still ${current.status} after the documented time`,
        );
        await sleep(DOCUMENTED_VIDEO_POLL_INTERVAL_MS.min);
        current = await queryTask(session, task.id);
      }
    }
    ensure(
      current.status === 'completed',
      `the task ended ${current.status}${current.error ? `: ${current.error}` : ''}`,
    );
    ensure(typeof current.video_url === 'string', 'a completed task must carry video_url');
    // Downloaded outside the recording fetch: the video is not an API operation.
    const video = await target.transport(current.video_url as string);
    ensure(video.ok, `video_url answered HTTP ${video.status}`);
    const bytes = new Uint8Array(await video.arrayBuffer());
    ensure(
      new TextDecoder().decode(bytes.slice(4, 8)) === 'ftyp',
      'video_url did not download an MP4 (no ftyp box)',
    );
  },
};

export const videoTaskChecks: Check[] = [
  videoTaskLifecycleCheck,
  {
    id: 'video-task/invalid-input',
    title: 'create with an invalid body (no prompt, duration 20) is rejected',
    covers: [{ operation: 'createVideoTask', outcome: 'invalid-input' }],
    // Should the service accept it after all, it would be a paid task.
    skipReason: videoGate,
    async run(session) {
      await assertRefused(
        session,
        { operation: 'createVideoTask', body: { model: 'kyyvideo2_fast', duration: 20 } },
        'create without a prompt',
      );
    },
  },
  {
    id: 'video-task/unknown-id',
    title: 'query of an unknown task id is rejected',
    covers: [{ operation: 'getVideoTask', outcome: 'unknown-id' }],
    async run(session) {
      // The docs' example id: well formed, but never created by this target (mocks start empty).
      const taskId = session.target.mock
        ? EXAMPLE_VIDEO_TASK_ID
        : 'video_00000000-0000-4000-8000-000000000000';
      await assertRefused(session, { operation: 'getVideoTask', taskId }, 'unknown task');
    },
  },
  {
    id: 'auth/createVideoTask',
    title: 'create without a token or with a wrong token is rejected',
    covers: [{ operation: 'createVideoTask', outcome: 'auth-failure' }],
    async run(session) {
      for (const auth of CREDENTIALS) {
        const request: RawRequest = {
          operation: 'createVideoTask',
          body: EXAMPLE_VIDEO_TASK_REQUEST,
          auth,
        };
        await assertRefused(session, request, 'create without a valid key');
      }
    },
  },
  {
    id: 'auth/getVideoTask',
    title: 'query without a token or with a wrong token is rejected',
    covers: [{ operation: 'getVideoTask', outcome: 'auth-failure' }],
    // An existing task (against an unknown id, "not found" would pass for "rejected") costs money.
    skipReason: videoGate,
    async run(session) {
      const created = await session.request({
        operation: 'createVideoTask',
        body: session.target.mock ? EXAMPLE_VIDEO_TASK_REQUEST : REAL_TASK,
      });
      ensure(created.status === 200, 'create must answer HTTP 200', created);
      const { id: taskId } = jsonBody(created) as Task;
      ensure(typeof taskId === 'string', 'create answered no task id', created);
      for (const auth of CREDENTIALS) {
        const request: RawRequest = { operation: 'getVideoTask', taskId, auth };
        await assertRefused(session, request, 'query without a valid key');
      }
    },
  },
];
