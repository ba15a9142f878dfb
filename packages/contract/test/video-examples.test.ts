import { describe, expect, it } from 'vitest';
import {
  CREATE_VIDEO_TASK_PATH,
  EXAMPLE_VIDEO_TASK_ID,
  EXAMPLE_VIDEO_TASK_REQUEST,
  VIDEO_TASK_ID_PATTERN,
  VIDEO_TASK_PATH,
} from '../src/video-constants.js';
import {
  CreateVideoTaskRequest,
  CreateVideoTaskResponse,
  GetVideoTaskResponse,
} from '../src/video-schemas.js';
import { loadSpec } from './spec-drift.js';

interface Examples {
  examples: Record<string, { value: unknown }>;
}
interface Operation {
  requestBody?: { content: Record<string, Examples> };
  responses: Record<string, { content?: Record<string, Examples> }>;
}
const paths = (loadSpec() as unknown as { paths: Record<string, Record<string, Operation>> }).paths;

function documented(path: string, method: string, where: 'request' | '200'): unknown {
  const operation = paths[path]?.[method];
  const holder = where === 'request' ? operation?.requestBody : operation?.responses[where];
  const value = holder?.content?.['application/json']?.examples.documented?.value;
  if (value === undefined) throw new Error(`no documented ${where} example for ${method} ${path}`);
  return value;
}

describe("the documentation's video task examples, as the spec records them", () => {
  it('sit under the paths the constants name', () => {
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([CREATE_VIDEO_TASK_PATH, VIDEO_TASK_PATH]),
    );
  });

  it('parse with the zod schemas', () => {
    expect(
      CreateVideoTaskRequest.parse(documented(CREATE_VIDEO_TASK_PATH, 'post', 'request')),
    ).toEqual(EXAMPLE_VIDEO_TASK_REQUEST);
    const created = CreateVideoTaskResponse.parse(
      documented(CREATE_VIDEO_TASK_PATH, 'post', '200'),
    );
    const queried = GetVideoTaskResponse.parse(documented(VIDEO_TASK_PATH, 'get', '200'));
    expect(created.id).toBe(EXAMPLE_VIDEO_TASK_ID);
    expect(queried).toEqual({ ...created, video_url: null });
    expect(EXAMPLE_VIDEO_TASK_ID).toMatch(VIDEO_TASK_ID_PATTERN);
  });

  it.each([
    ['an upper-case task id', { id: EXAMPLE_VIDEO_TASK_ID.toUpperCase() }],
    ['an asset-style envelope', { code: 0 }],
    ['an unknown status', { status: 'running' }],
    ['a string `created`', { created: '1774836724' }],
    ['`object` other than video', { object: 'image' }],
  ])('are refused once altered: %s', (_, change) => {
    const queried = documented(VIDEO_TASK_PATH, 'get', '200') as object;
    const altered = { ...queried, ...change };
    // An envelope wraps the task instead of replacing its fields.
    const body = 'code' in change ? { code: 0, msg: null, data: queried } : altered;
    expect(GetVideoTaskResponse.safeParse(body).success).toBe(false);
  });

  it('refuses a request without a model or with a duration outside 4–15', () => {
    const request = documented(CREATE_VIDEO_TASK_PATH, 'post', 'request') as object;
    const { model: _, ...withoutModel } = request as { model: string };
    expect(CreateVideoTaskRequest.safeParse(withoutModel).success).toBe(false);
    expect(CreateVideoTaskRequest.safeParse({ ...request, duration: 16 }).success).toBe(false);
    expect(CreateVideoTaskRequest.safeParse({ ...request, duration: 3 }).success).toBe(false);
    expect(CreateVideoTaskRequest.safeParse({ ...request, duration: 4.5 }).success).toBe(false);
  });
});
