import {
  CreateVideoTaskResponse,
  GetVideoTaskResponse,
  isSuccessCode,
  VideoTaskStatus,
} from '@kyyvideo/contract';
import {
  type Answer,
  details,
  failureFromStatus,
  type InterpretContext,
  invalid as invalidAnswer,
  parseJson,
  WHAT,
  zodIssues,
} from './envelope.js';
import { KyyApiError, KyyAuthenticationError, type KyyError, KyyNotFoundError } from './errors.js';

/**
 * Where a video task answer becomes a result or a typed error. Unlike the asset calls, create
 * and query answer the bare task object, with no `{ code, msg, data }` envelope; success is a
 * 2xx whose body has the documented shape (the contract's zod schemas under 'strict').
 * Failures are not documented: 401/403, 408, 429 and 5xx mean what they mean for every call
 * (the asset interpreter's mapping is reused), a 404 on query means no such task, and anything
 * else is a plain refusal.
 */

export interface VideoContext extends InterpretContext {
  operation: 'video-create' | 'video-get';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The service's own words in an undocumented failure body, in the shapes APIs commonly use. */
function serviceText(value: unknown, redact: (text: string) => string): string | undefined {
  if (typeof value === 'string')
    return value.trim() === '' ? undefined : redact(value.slice(0, 300));
  if (!isRecord(value)) return undefined;
  for (const key of ['msg', 'message', 'error']) {
    const found = serviceText(value[key], redact);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Not the documented answer; `taskId` when the answer named one (the task probably exists). */
function invalid(answer: Answer, ctx: VideoContext, why: string, taskId?: string): KyyError {
  return invalidAnswer(answer, taskId === undefined ? ctx : { ...ctx, taskId }, why);
}

/** A refusal: a non-2xx status, or a 2xx carrying an asset-style envelope with a failure code. */
function refusal(answer: Answer, ctx: VideoContext, body: unknown): KyyError {
  const { status } = answer;
  if (status === 401 || status === 403 || status === 408 || status === 429 || status >= 500) {
    return failureFromStatus(answer, ctx);
  }
  const said = serviceText(body, ctx.redact);
  const d = { ...details(ctx, answer), ...(said === undefined ? {} : { msg: said }) };
  const quoted = said === undefined ? '' : ` (${said})`;
  const code = isRecord(body) ? body.code : undefined;
  if (code === 401 || code === 403 || code === '401' || code === '403') {
    return new KyyAuthenticationError(
      `The service rejected the API key (code ${String(code)}). Check the apiKey option or KYY_API_KEY.`,
      { ...d, code },
    );
  }
  if (status === 404 && ctx.operation === 'video-get') {
    return new KyyNotFoundError(
      `No video task "${ctx.taskId ?? ''}" was found (HTTP 404)${quoted}: check the id (create returns it as id), or the task has expired.`,
      d,
    );
  }
  return new KyyApiError(
    `${WHAT[ctx.operation]} failed (HTTP ${status}${typeof code === 'number' || typeof code === 'string' ? `, code ${ctx.redact(String(code))}` : ''})${quoted}. Check the arguments; the service did not accept them.`,
    d,
  );
}

/** The parsed 2xx body, or the error it amounts to. */
function successBody(answer: Answer, ctx: VideoContext): Record<string, unknown> {
  const parsed = parseJson(answer.body);
  if (answer.status < 200 || answer.status > 299) {
    throw refusal(answer, ctx, parsed.ok ? parsed.value : answer.body);
  }
  if (!parsed.ok) throw invalid(answer, ctx, 'the body is not valid JSON');
  const body = parsed.value;
  if (!isRecord(body)) throw invalid(answer, ctx, 'the body is not a task object');
  // The asset calls fail with HTTP 200 and an envelope; if these do too, it is a refusal.
  if (body.id === undefined && 'code' in body && !isSuccessCode(body.code as number | string)) {
    throw refusal(answer, ctx, body);
  }
  return body;
}

/** The id an answer names, when it names one (kept on errors: the task probably exists). */
function namedId(body: Record<string, unknown>, ctx: VideoContext): string | undefined {
  return typeof body.id === 'string' && body.id !== '' ? ctx.redact(body.id) : undefined;
}

export function interpretCreate(answer: Answer, ctx: VideoContext): CreateVideoTaskResponse {
  const body = successBody(answer, ctx);
  if (ctx.validate === 'strict') {
    const result = CreateVideoTaskResponse.safeParse(body);
    if (result.success) return result.data;
    throw invalid(answer, ctx, zodIssues(result.error), namedId(body, ctx));
  }
  if (namedId(body, ctx) === undefined) throw invalid(answer, ctx, 'a task without an id');
  return body as unknown as CreateVideoTaskResponse;
}

/**
 * A task read. `statusKnown` is false when all but `status` matches the contract: the service
 * may add states, and a waiting caller keeps polling. `videos.get()` still rejects it (strict).
 */
export function interpretTask(
  answer: Answer,
  ctx: VideoContext,
): { task: GetVideoTaskResponse; statusKnown: boolean } {
  const body = successBody(answer, ctx);
  if (ctx.validate === 'strict') {
    const result = GetVideoTaskResponse.safeParse(body);
    if (result.success) return { task: result.data, statusKnown: true };
    const others = GetVideoTaskResponse.omit({ status: true }).safeParse(body);
    if (others.success && typeof body.status === 'string') {
      const task = { ...others.data, status: body.status as VideoTaskStatus };
      return { task, statusKnown: false };
    }
    throw invalid(answer, ctx, zodIssues(result.error), namedId(body, ctx));
  }
  if (namedId(body, ctx) === undefined) throw invalid(answer, ctx, 'a task without an id');
  return {
    task: body as unknown as GetVideoTaskResponse,
    statusKnown: VideoTaskStatus.safeParse(body.status).success,
  };
}
