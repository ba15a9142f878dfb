import { KyyError } from '@kyyvideo/client/errors';

/** What kyy knows about a failure that the error it caught does not say. */
export interface FailureContext {
  /** The asset the command was working on (to wait again, or delete). */
  assetId?: string;
  /** The video task that exists (it cost money, so the report must name it). */
  taskId?: string;
  /** --timeout as typed, so a timeout is reported back in seconds. */
  timeoutSeconds?: number;
  /**
   * The kyy command that picks up where this one stopped. Only set once something was sent,
   * so a failure carrying it is never a usage error (exit 2 promises nothing was sent).
   */
  next?: string;
}

/**
 * A failure and kyy's context for it. The error stays as thrown (the client's own class, kind
 * and fields); the context rides beside it instead of being written onto it.
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
  readonly error: Error;
  readonly context: Readonly<FailureContext>;

  constructor(error: Error, context: FailureContext) {
    super(error.message, { cause: error });
    this.error = error;
    this.context = context;
  }
}

/**
 * `error` with `context` added; what is known already (from an earlier wrapper, or the client
 * error's own `assetId`/`taskId`) is kept. Anything that is not an Error passes through.
 */
export function withContext(error: unknown, context: FailureContext): unknown {
  const { error: inner, context: known } = unwrapFailure(error);
  if (!(inner instanceof Error)) return error;
  const merged: FailureContext = { ...context, ...known };
  if (inner instanceof KyyError) {
    if (inner.assetId !== undefined) merged.assetId = inner.assetId;
    if (inner.taskId !== undefined) merged.taskId = inner.taskId;
  }
  return new CommandFailure(inner, merged);
}

/** The error that was thrown and the context kyy added, if any. */
export function unwrapFailure(error: unknown): { error: unknown; context: FailureContext } {
  return error instanceof CommandFailure
    ? { error: error.error, context: error.context }
    : { error, context: {} };
}
