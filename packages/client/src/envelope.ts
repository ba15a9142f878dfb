import {
  Asset,
  AssetStatus,
  DeleteAssetResponse,
  DOCUMENTED_CODES,
  GetAssetResponse,
  isSuccessCode,
  UploadAssetResponse,
} from '@kyyvideo/contract';
import {
  KyyApiError,
  KyyAuthenticationError,
  type KyyError,
  type KyyErrorDetails,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyServerError,
  KyyTimeoutError,
  KyyUrlUnreachableError,
} from './errors.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * The one place where an HTTP answer becomes a result or a typed error. Success means: a 2xx
 * status, a JSON envelope whose `code` is 0 or "0", and `data` of the documented shape (checked
 * with the contract's zod schemas when `validate` is 'strict'; unknown extra fields tolerated).
 * HTTP 200 with any other code is a failure.
 */

export type RequestOperation = 'upload' | 'get' | 'delete' | 'video-create' | 'video-get';

/** What came back from one request, as openapi-fetch handed it over (3xx never get here). */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  /**
   * The body: for 2xx the text send.ts read itself within the size cap (openapi-fetch hands the
   * stream over unread, parseAs 'stream'); for other statuses, what openapi-fetch parsed: JSON or text.
   */
  body: unknown;
}

export interface InterpretContext {
  operation: RequestOperation;
  validate: 'strict' | 'off';
  /** Removes the API key from any text the service sent back. */
  redact: (text: string) => string;
  assetId?: string;
  taskId?: string;
}

interface Envelope {
  code: number | string;
  /** `msg` with the API key redacted (null when not a string). */
  msg: string | null;
  data: unknown;
  /** The parsed body as sent, for schema validation. */
  raw: Record<string, unknown>;
}

/** How messages name each request. */
export const WHAT: Record<RequestOperation, string> = {
  upload: 'The upload',
  get: 'The detail request',
  delete: 'The delete request',
  'video-create': 'Creating the video task',
  'video-get': 'Reading the video task',
};

export function details(
  ctx: InterpretContext,
  answer: Answer,
  envelope?: Envelope,
): KyyErrorDetails {
  const d: KyyErrorDetails = { operation: ctx.operation, httpStatus: answer.status };
  if (ctx.assetId !== undefined) d.assetId = ctx.assetId;
  if (ctx.taskId !== undefined) d.taskId = ctx.taskId;
  if (envelope) {
    d.code = envelope.code;
    d.msg = envelope.msg;
  }
  return d;
}

function serviceSaid(envelope: Envelope | undefined): string {
  if (!envelope) return '';
  return envelope.msg ? ` (code ${envelope.code}: ${envelope.msg})` : ` (code ${envelope.code})`;
}

function asEnvelope(value: unknown, ctx: InterpretContext): Envelope | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { code, msg } = record;
  if (typeof code !== 'number' && typeof code !== 'string') return undefined;
  return {
    // A string code is the service's text too: it could echo anything, the key included.
    code: typeof code === 'string' ? ctx.redact(code) : code,
    msg: typeof msg === 'string' ? ctx.redact(msg) : null,
    data: record.data,
    raw: record,
  };
}

export function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The error for a failure envelope (any non-zero code). */
function failureFromCode(envelope: Envelope, answer: Answer, ctx: InterpretContext): KyyError {
  const d = details(ctx, answer, envelope);
  const said = serviceSaid(envelope);
  const numeric = typeof envelope.code === 'number' ? envelope.code : Number(envelope.code);
  if (numeric === DOCUMENTED_CODES.notFound) {
    return new KyyNotFoundError(
      `No asset ${JSON.stringify(ctx.assetId ?? '')} exists${said}: it was never created or has been deleted. Check the id (upload returns it as assetId).`,
      d,
    );
  }
  if (numeric === DOCUMENTED_CODES.urlUnreachable) {
    return new KyyUrlUnreachableError(
      `The service could not download the asset URL${said}. Make sure the URL is public (no login, no localhost or private network), then upload again.`,
      d,
    );
  }
  if (numeric === 401 || numeric === 403) return authError(answer, ctx, envelope);
  return new KyyApiError(
    `${WHAT[ctx.operation]} failed${said}. Check the arguments; the service did not accept them.`,
    d,
  );
}

function authError(answer: Answer, ctx: InterpretContext, envelope?: Envelope): KyyError {
  return new KyyAuthenticationError(
    `The service rejected the API key (HTTP ${answer.status}${envelope ? `, code ${envelope.code}` : ''}). Check the apiKey option or KYY_API_KEY.`,
    details(ctx, answer, envelope),
  );
}

/** The error for a non-2xx answer. */
export function failureFromStatus(answer: Answer, ctx: InterpretContext): KyyError {
  const parsed = parseJson(answer.body);
  const envelope = parsed.ok ? asEnvelope(parsed.value, ctx) : undefined;
  const { status } = answer;
  const d = details(ctx, answer, envelope);
  const said = serviceSaid(envelope);
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
  if (status === 401 || status === 403) return authError(answer, ctx, envelope);
  if (status === 408) {
    return new KyyTimeoutError(
      `The service timed out waiting for the request (HTTP 408)${said}. Try again.`,
      d,
    );
  }
  if (status === 429) {
    const wait =
      retryAfterMs === undefined ? 'Wait a little' : `Wait ${Math.ceil(retryAfterMs / 1000)} s`;
    return new KyyRateLimitError(
      `Rate limited by the service (HTTP 429)${said}. ${wait} and try again, or send fewer requests at once.`,
      retryAfterMs === undefined ? d : { ...d, retryAfterMs },
    );
  }
  if (status >= 500) {
    return new KyyServerError(
      `The service failed with HTTP ${status}${answer.statusText ? ` ${ctx.redact(answer.statusText)}` : ''}${said}. Try again later.`,
      retryAfterMs === undefined ? d : { ...d, retryAfterMs },
    );
  }
  if (envelope && !isSuccessCode(envelope.code)) return failureFromCode(envelope, answer, ctx);
  return new KyyApiError(
    `${WHAT[ctx.operation]} got HTTP ${status}${said}. Check that baseUrl points at the API (it ends in /kyyReactApiServer).`,
    d,
  );
}

/** The answer is not the documented one (shared by the envelope and the video interpreters). */
export function invalid(answer: Answer, ctx: InterpretContext, why: string, envelope?: Envelope) {
  return new KyyInvalidResponseError(
    `${WHAT[ctx.operation]} got an answer that is not the documented one: ${ctx.redact(why)}. Check that baseUrl points at the KyyVideo2 API; if it does, the service changed, so report it.`,
    details(ctx, answer, envelope),
  );
}

/** Status and envelope checks shared by every operation; returns the success envelope. */
function successEnvelope(answer: Answer, ctx: InterpretContext): Envelope {
  if (answer.status < 200 || answer.status > 299) throw failureFromStatus(answer, ctx);
  const parsed = parseJson(answer.body);
  if (!parsed.ok) throw invalid(answer, ctx, 'the body is not valid JSON');
  const envelope = asEnvelope(parsed.value, ctx);
  if (!envelope) throw invalid(answer, ctx, 'the body is not a { code, msg, data } envelope');
  if (!isSuccessCode(envelope.code)) throw failureFromCode(envelope, answer, ctx);
  return envelope;
}

/** The first few zod issues, as one line for a message. */
export function zodIssues(error: {
  issues: Array<{ path: (string | number)[]; message: string }>;
}) {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function interpretUpload(answer: Answer, ctx: InterpretContext): { assetId: string } {
  const envelope = successEnvelope(answer, ctx);
  if (ctx.validate === 'strict') {
    const result = UploadAssetResponse.safeParse({ ...envelope.raw, code: Number(envelope.code) });
    if (!result.success) {
      // A success with an id in an undocumented form still names an asset that probably exists:
      // keep the id on the error so the caller can look it up or delete it.
      const maybeId = (envelope.data as { assetId?: unknown } | null | undefined)?.assetId;
      const withId =
        typeof maybeId === 'string' && maybeId !== ''
          ? { ...ctx, assetId: ctx.redact(maybeId) }
          : ctx;
      throw invalid(answer, withId, zodIssues(result.error), envelope);
    }
    return { assetId: result.data.data.assetId };
  }
  const data = envelope.data as { assetId?: unknown } | null | undefined;
  if (typeof data?.assetId !== 'string' || data.assetId === '') {
    throw invalid(answer, ctx, 'success without data.assetId', envelope);
  }
  return { assetId: data.assetId };
}

/**
 * The detail answer. `statusKnown` is false when everything matches the contract except a
 * `status` outside Processing/Active/Failed: the service may add states, and a waiting caller
 * should keep polling rather than crash. `get()` itself still rejects it in strict mode.
 */
export function interpretGet(
  answer: Answer,
  ctx: InterpretContext,
): { asset: Asset; statusKnown: boolean } {
  const envelope = successEnvelope(answer, ctx);
  if (ctx.validate === 'strict') {
    const result = GetAssetResponse.safeParse({ ...envelope.raw, code: Number(envelope.code) });
    if (result.success) return { asset: result.data.data, statusKnown: true };
    const others = Asset.omit({ status: true }).safeParse(envelope.data);
    const status = (envelope.data as { status?: unknown } | null)?.status;
    if (others.success && typeof status === 'string' && !AssetStatus.safeParse(status).success) {
      return { asset: { ...others.data, status: status as Asset['status'] }, statusKnown: false };
    }
    throw invalid(answer, ctx, zodIssues(result.error), envelope);
  }
  const data = envelope.data as Record<string, unknown> | null | undefined;
  if (typeof data !== 'object' || data === null || typeof data.assetId !== 'string') {
    throw invalid(answer, ctx, 'success without data.assetId', envelope);
  }
  const status = data.status;
  return {
    asset: data as unknown as Asset,
    statusKnown: typeof status === 'string' && AssetStatus.safeParse(status).success,
  };
}

export function interpretDelete(answer: Answer, ctx: InterpretContext): void {
  const envelope = successEnvelope(answer, ctx);
  if (ctx.validate === 'strict') {
    // The docs show code "0" for delete; 0 is accepted too (isSuccessCode), so compare as text.
    const result = DeleteAssetResponse.safeParse({ ...envelope.raw, code: String(envelope.code) });
    if (!result.success) throw invalid(answer, ctx, zodIssues(result.error), envelope);
  }
}
