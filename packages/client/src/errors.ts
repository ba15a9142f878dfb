import type { Asset, GetVideoTaskResponse, Problem } from '@kyyvideo/contract';

/** Which part of the client raised the error. */
export type KyyOperation =
  | 'upload'
  | 'get'
  | 'delete'
  | 'wait'
  | 'config'
  | 'input'
  | 'video-create'
  | 'video-get'
  | 'video-wait'
  | 'video-download'
  | 'generate';

/** The `kind` of every error this package throws; `unexpected` is a bug or a foreign failure. */
export type KyyErrorKind =
  | 'config'
  | 'input'
  | 'authentication'
  | 'not-found'
  | 'url-unreachable'
  | 'rate-limit'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'abort'
  | 'invalid-response'
  | 'redirect'
  | 'api'
  | 'asset-failed'
  | 'wait-timeout'
  | 'upload-outcome-unknown'
  | 'create-outcome-unknown'
  | 'video-failed'
  | 'download-failed'
  | 'generate-failed'
  | 'unexpected';

export interface KyyErrorDetails {
  operation: KyyOperation;
  /** The envelope's `code`, when the service answered with one. */
  code?: number | string;
  /** The envelope's `msg`, when the service answered with one. */
  msg?: string | null;
  /** The HTTP status, when a response arrived. */
  httpStatus?: number;
  /** The asset the call was about, when there is one. */
  assetId?: string;
  /** The video task the call was about (or that a create answered with), when there is one. */
  taskId?: string;
  /** How many requests were sent for this call (retries included). */
  attempts?: number;
  cause?: unknown;
}

/**
 * The base of every error this package throws. It never holds the API key: messages are built
 * from the operation, the status and the service's own `code`/`msg` (with the key redacted).
 */
export class KyyError extends Error {
  override name = 'KyyError';
  /** What went wrong, as a stable tag to switch on (each subclass narrows it to its own). */
  readonly kind: KyyErrorKind = 'unexpected';
  readonly operation: KyyOperation;
  readonly code?: number | string;
  readonly msg?: string | null;
  readonly httpStatus?: number;
  readonly assetId?: string;
  readonly taskId?: string;
  /** Requests sent for this call (retries included); set when the call reached the network. */
  readonly attempts?: number;

  constructor(message: string, details: KyyErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.operation = details.operation;
    if (details.code !== undefined) this.code = details.code;
    if (details.msg !== undefined) this.msg = details.msg;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.assetId !== undefined) this.assetId = details.assetId;
    if (details.taskId !== undefined) this.taskId = details.taskId;
    if (details.attempts !== undefined) this.attempts = details.attempts;
  }

  /** A plain summary for logs; `cause` is reduced to its name, message and code. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      message: this.message,
    };
    for (const key of [
      'operation',
      'code',
      'msg',
      'httpStatus',
      'assetId',
      'taskId',
      'attempts',
    ] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    if (this.cause instanceof Error) {
      const { code } = this.cause as { code?: unknown };
      json.cause = {
        name: this.cause.name,
        message: this.cause.message,
        ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      };
    }
    return json;
  }
}

/** Records how many requests a call sent, once it has given up. */
export function withAttempts<E extends KyyError>(error: E, attempts: number): E {
  Object.defineProperty(error, 'attempts', {
    value: attempts,
    enumerable: true,
    configurable: true,
  });
  return error;
}

/** The client was created with missing or invalid options (for example no API key). */
export class KyyConfigError extends KyyError {
  override name = 'KyyConfigError';
  override readonly kind = 'config' as const;
}

/**
 * An argument was rejected before any request was sent. Nothing reached the service.
 * `problems` are the contract's own findings that refused it (the errors of `checkUpload`,
 * `checkVideoTask`, the asset id and URL rules), for a caller to word or place them itself; it
 * is empty when no contract rule is behind the refusal (an option such as `timeoutMs`, a task id).
 */
export class KyyInputError extends KyyError {
  override name = 'KyyInputError';
  override readonly kind = 'input' as const;
  readonly problems: readonly Problem[];
  constructor(message: string, details: KyyErrorDetails & { problems?: readonly Problem[] }) {
    super(message, details);
    this.problems = details.problems ?? [];
  }
}

/** The service refused the API key (HTTP 401/403, or an envelope code 401/403). */
export class KyyAuthenticationError extends KyyError {
  override name = 'KyyAuthenticationError';
  override readonly kind = 'authentication' as const;
}

/** No asset has this id (envelope code -1): it never existed or was deleted. */
export class KyyNotFoundError extends KyyError {
  override name = 'KyyNotFoundError';
  override readonly kind = 'not-found' as const;
}

/** The service could not download the asset URL while handling the upload (code 1001). */
export class KyyUrlUnreachableError extends KyyError {
  override name = 'KyyUrlUnreachableError';
  override readonly kind = 'url-unreachable' as const;
}

/** HTTP 429. `retryAfterMs` is the server's `Retry-After`, when it sent one. */
export class KyyRateLimitError extends KyyError {
  override name = 'KyyRateLimitError';
  override readonly kind = 'rate-limit' as const;
  readonly retryAfterMs?: number;
  constructor(message: string, details: KyyErrorDetails & { retryAfterMs?: number }) {
    super(message, details);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** HTTP 5xx. */
export class KyyServerError extends KyyError {
  override name = 'KyyServerError';
  override readonly kind = 'server' as const;
  readonly retryAfterMs?: number;
  constructor(message: string, details: KyyErrorDetails & { retryAfterMs?: number }) {
    super(message, details);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * The request failed below HTTP (DNS, refused, reset, dropped). `provablyNotSent` is true only
 * when the failure shows the request never left this machine (DNS failure, connection refused).
 */
export class KyyConnectionError extends KyyError {
  override name = 'KyyConnectionError';
  override readonly kind = 'connection' as const;
  readonly provablyNotSent: boolean;
  constructor(message: string, details: KyyErrorDetails & { provablyNotSent: boolean }) {
    super(message, details);
    this.provablyNotSent = details.provablyNotSent;
  }
}

/** One attempt took longer than `timeoutMs` (or the server answered HTTP 408). */
export class KyyTimeoutError extends KyyError {
  override name = 'KyyTimeoutError';
  override readonly kind = 'timeout' as const;
}

/** The caller's AbortSignal fired. */
export class KyyAbortError extends KyyError {
  override name = 'KyyAbortError';
  override readonly kind = 'abort' as const;
}

/** The answer was not JSON, not an envelope, or a success without the documented `data`. */
export class KyyInvalidResponseError extends KyyError {
  override name = 'KyyInvalidResponseError';
  override readonly kind = 'invalid-response' as const;
}

/**
 * The service answered with a redirect (HTTP 3xx). The client never follows one: a resent POST
 * could create a second asset, and a 303 would turn it into a GET whose answer means nothing.
 * `location` is where the server pointed (absent when the runtime hides it, as browsers do).
 */
export class KyyRedirectError extends KyyError {
  override name = 'KyyRedirectError';
  override readonly kind = 'redirect' as const;
  readonly location?: string;
  constructor(message: string, details: KyyErrorDetails & { location?: string }) {
    super(message, details);
    if (details.location !== undefined) this.location = details.location;
  }
}

/** The service answered with a failure code this client has no dedicated error for. */
export class KyyApiError extends KyyError {
  override name = 'KyyApiError';
  override readonly kind = 'api' as const;
}

/** Review ended in `Failed`, which is final. `asset` is the last detail read. */
export class KyyAssetFailedError extends KyyError {
  override name = 'KyyAssetFailedError';
  override readonly kind = 'asset-failed' as const;
  readonly asset: Asset;
  constructor(message: string, details: KyyErrorDetails & { asset: Asset }) {
    super(message, details);
    this.asset = details.asset;
  }
}

/** The asset was still not `Active` when the wait's `timeoutMs` ran out. */
export class KyyWaitTimeoutError extends KyyError {
  override name = 'KyyWaitTimeoutError';
  override readonly kind = 'wait-timeout' as const;
  /** The last status read (may be a status this client does not know), if any poll succeeded. */
  readonly lastStatus?: string;
  constructor(message: string, details: KyyErrorDetails & { lastStatus?: string }) {
    super(message, details);
    if (details.lastStatus !== undefined) this.lastStatus = details.lastStatus;
  }
}

/**
 * The upload may or may not have created an asset: the request may have reached the service
 * but no trustworthy answer came back (timeout, reset, 5xx, malformed or empty success). The
 * API has no idempotency key, so the client never resends it. `cause` says what happened.
 */
export class KyyUploadOutcomeUnknownError extends KyyError {
  override name = 'KyyUploadOutcomeUnknownError';
  override readonly kind = 'upload-outcome-unknown' as const;
}

/**
 * Creating a video task may or may not have started one (and been charged): the request may have
 * reached the service but no trustworthy answer came back. The API has no idempotency key, so the
 * client never resends it. `taskId` is set when the answer named a task; `cause` says what happened.
 */
export class KyyCreateOutcomeUnknownError extends KyyError {
  override name = 'KyyCreateOutcomeUnknownError';
  override readonly kind = 'create-outcome-unknown' as const;
}

/** The video task ended `failed` (final). `serviceError` is the service's `error` text. */
export class KyyVideoFailedError extends KyyError {
  override name = 'KyyVideoFailedError';
  override readonly kind = 'video-failed' as const;
  readonly task: GetVideoTaskResponse;
  readonly serviceError: string | null;
  constructor(message: string, details: KyyErrorDetails & { task: GetVideoTaskResponse }) {
    super(message, details);
    this.task = details.task;
    this.serviceError = details.task.error;
  }
}

/**
 * The video file could not be fetched: the host answered with a failure status, sent something
 * that is not a video (a text type, an empty body, other first bytes), or more than
 * `maxDownloadBytes`.
 */
export class KyyDownloadError extends KyyError {
  override name = 'KyyDownloadError';
  override readonly kind = 'download-failed' as const;
}

/** Which step of `generate()` failed. */
export type GenerateStep = 'upload' | 'review' | 'create' | 'wait';

/** An asset `generate()` made from a URL, and where it is used in the task. */
export interface GeneratedAsset {
  /** The task field it fills: `first_image`, `referenceImages`, … */
  field: string;
  /** Position in a reference list (absent for first_image / last_image). */
  index?: number;
  /** The URL it was uploaded from. */
  url: string;
  assetId: string;
  ref: `asset://${string}`;
  /** The last status read (absent when review was not waited for or never read). */
  status?: Asset['status'];
}

/**
 * A step of `generate()` failed. `step` says which; `assets` lists every asset made so far (they
 * exist: reuse or delete them) and `taskId` the task, once created. `cause` is the step's own
 * typed error (switch on `cause.kind` for the details).
 */
export class KyyGenerateError extends KyyError {
  override name = 'KyyGenerateError';
  override readonly kind = 'generate-failed' as const;
  readonly step: GenerateStep;
  readonly assets: readonly GeneratedAsset[];
  constructor(
    message: string,
    details: KyyErrorDetails & { step: GenerateStep; assets: readonly GeneratedAsset[] },
  ) {
    super(message, details);
    this.step = details.step;
    this.assets = details.assets;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      step: this.step,
      assets: this.assets.map((asset) => asset.assetId),
    };
  }
}
