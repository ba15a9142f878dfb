import {
  KyyAbortError,
  KyyApiError,
  KyyAssetFailedError,
  KyyAuthenticationError,
  KyyConfigError,
  KyyConnectionError,
  KyyCreateOutcomeUnknownError,
  KyyDownloadError,
  KyyError,
  KyyInputError,
  KyyInvalidResponseError,
  KyyNotFoundError,
  KyyRateLimitError,
  KyyRedirectError,
  KyyServerError,
  KyyTimeoutError,
  KyyUploadOutcomeUnknownError,
  KyyUrlUnreachableError,
  KyyVideoFailedError,
  KyyWaitTimeoutError,
} from '@kyyvideo/client';
import { redactSecret } from '@kyyvideo/contract';
import type { TargetKind } from './targets.js';

/** An error as the page shows it: what happened, what to do next, and the client's own words. */
export interface ErrorText {
  /** The error class name, e.g. KyyNotFoundError. */
  kind: string;
  title: string;
  next: string;
  /** The client's message (key redacted). */
  detail: string;
  code?: number | string;
  httpStatus?: number;
}

export interface ErrorContext {
  target: TargetKind;
  /** Used in connection advice for the local server. */
  baseUrl?: string;
  /** Redacted from every text, in case anything echoed it. */
  secret?: string;
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return `${s} second${s === 1 ? '' : 's'}`;
}

function connectionAdvice(context: ErrorContext): string {
  switch (context.target) {
    case 'browser-mock':
      return 'The in-browser mock dropped the connection (that is what the “drop-connection” scenario does). Pick “No fault” and try again; if it keeps happening, reload the page to restart the mock.';
    case 'local-server':
      return `Start the local mock server with \`pnpm mock\` (or \`pnpm start\`, which runs it with this playground) and check that it listens at ${context.baseUrl ?? 'the URL above'}.`;
    case 'real':
      return 'The playground’s server could not reach the real service through its proxy. Check your internet connection; the terminal running the playground shows the proxy’s error.';
  }
}

/** After a connection that provably never reached the service: trying again is safe. */
function neverSentAdvice(context: ErrorContext): string {
  if (context.target === 'real')
    return 'The playground’s server could not connect to the real service (the name did not resolve, or the connection was refused). Check your internet connection, then try again: it is safe, nothing was sent. The terminal running the playground shows the proxy’s error.';
  return connectionAdvice(context);
}

function authAdvice(context: ErrorContext): string {
  if (context.target === 'real')
    return 'Check the API key you entered above: copy it again from your KyyVideo account, without spaces.';
  if (context.target === 'local-server')
    return 'The mock server was started with --api-key: enter that same key in the “Key” field above.';
  return 'The in-browser mock accepts any key, so this should not happen; reload the page.';
}

/** 502–504 come from a gateway in front of the service, not from the service itself. */
function serverProblem(status: number | undefined): string {
  if (status !== undefined && status >= 502 && status <= 504)
    return `A gateway in front of the service could not get an answer from it (HTTP ${status}).`;
  return `The service had an internal problem${status ? ` (HTTP ${status})` : ''}.`;
}

/** Why an upload's outcome is unknown, from the error the client wrapped. */
function uncertainCause(error: KyyError): string {
  const cause = error.cause;
  const status = error.httpStatus ?? (cause instanceof KyyError ? cause.httpStatus : undefined);
  if (cause instanceof KyyServerError || (status !== undefined && status >= 500))
    return status !== undefined ? ` (the service answered HTTP ${status})` : '';
  if (cause instanceof KyyInvalidResponseError)
    return ' (the answer was not the documented envelope)';
  if (cause instanceof KyyTimeoutError) return ' (no answer in time)';
  if (cause instanceof KyyConnectionError) return ' (the connection broke after the request left)';
  return '';
}

/** The service's own words ending a sentence of ours: their full stop is kept, never doubled. */
function closing(text: string): string {
  const trimmed = text.trim();
  return /[.!?。！？]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Video task calls share some error classes with asset calls but need other words. */
function isVideoCall(error: KyyError): boolean {
  return error.operation.startsWith('video-');
}

function describe(error: KyyError, context: ErrorContext): Pick<ErrorText, 'title' | 'next'> {
  if (error instanceof KyyInputError)
    return {
      title: 'The client refused this input before sending anything.',
      next: 'Correct the value it names and try again. Nothing reached the service.',
    };
  if (error instanceof KyyConfigError)
    return {
      title: 'The client is not set up for this target.',
      next:
        context.target === 'real'
          ? 'Enter your API key above and try again.'
          : 'Check the target settings above and try again.',
    };
  if (error instanceof KyyAuthenticationError)
    return { title: 'The API key was refused.', next: authAdvice(context) };
  if (error instanceof KyyNotFoundError && isVideoCall(error))
    return {
      title: 'No video task has this id.',
      next: 'Check the id (it looks like video_ and a UUID). Tasks made on another target are not known here.',
    };
  if (error instanceof KyyNotFoundError)
    return {
      title: 'No asset has this id.',
      next: 'It never existed, or it was deleted (deletion is permanent). Check the id, or pick one from this session’s assets.',
    };
  if (error instanceof KyyUrlUnreachableError)
    return {
      title: 'The service could not download the file from this URL (code 1001).',
      next:
        context.target === 'real'
          ? 'Use a URL that anyone on the internet can open without logging in, then upload again.'
          : 'The mock treats hosts ending in .invalid as unreachable. Use another URL, then upload again.',
    };
  if (error instanceof KyyRateLimitError)
    return {
      title: 'Too many requests: the service asked to slow down (HTTP 429).',
      next:
        error.retryAfterMs !== undefined
          ? `Wait ${seconds(error.retryAfterMs)} and try again.`
          : 'Wait a little and try again.',
    };
  if (error instanceof KyyUploadOutcomeUnknownError)
    return {
      title: `The upload may or may not have created an asset${uncertainCause(error)}.`,
      next: 'Do not simply resend: the API has no idempotency key, so a second asset could be created. Look for the asset first (if you know its id, look it up); resend only if you accept a possible duplicate.',
    };
  if (error instanceof KyyCreateOutcomeUnknownError)
    return {
      title: `Creating the task may or may not have started one${uncertainCause(error)}.`,
      next: error.taskId
        ? `The answer named task ${error.taskId}: wait for that one instead of creating another (a task costs money and the API has no idempotency key).`
        : 'Do not simply resend: a task costs money and the API has no idempotency key, so a second one could be started and charged. Resend only if you accept that.',
    };
  if (error instanceof KyyVideoFailedError)
    return {
      title: closing(`The video task failed${error.serviceError ? `: ${error.serviceError}` : ''}`),
      next: 'A failed task is final. Change the prompt or the media and create a new task.',
    };
  if (error instanceof KyyDownloadError)
    return {
      title: 'The video file could not be fetched.',
      next: 'Its URL lasts about 24 hours. Read the task again for a fresh one, or create a new task.',
    };
  if (error instanceof KyyServerError)
    return {
      title: serverProblem(error.httpStatus),
      next:
        error.operation === 'upload'
          ? 'Try again in a moment.'
          : `Try again in a moment${error.attempts && error.attempts > 1 ? ` (the client already tried ${error.attempts} times)` : ''}.`,
    };
  if (error instanceof KyyConnectionError)
    return error.provablyNotSent
      ? {
          title: 'The request never reached the service, so nothing was created or changed.',
          next: neverSentAdvice(context),
        }
      : { title: 'No answer: the connection failed.', next: connectionAdvice(context) };
  if (error instanceof KyyTimeoutError)
    return {
      title: 'The request took too long and was given up.',
      next: 'Try again; if the service is slow right now, wait a minute first.',
    };
  if (error instanceof KyyAbortError)
    return { title: 'Stopped before it finished.', next: 'Start it again when you are ready.' };
  if (error instanceof KyyAssetFailedError)
    return {
      title: 'Review rejected this asset: its status is Failed, which is final.',
      next: 'Upload a different file; a Failed asset can never be used. You may delete this one.',
    };
  if (error instanceof KyyWaitTimeoutError && isVideoCall(error))
    return {
      title: `The video was not done when the wait ran out${error.lastStatus ? ` (last status: ${error.lastStatus})` : ''}.`,
      next: 'The task keeps running on the service: wait for it again; it is not lost.',
    };
  if (error instanceof KyyWaitTimeoutError)
    return {
      title: `Still not Active when the wait ran out${error.lastStatus ? ` (last status: ${error.lastStatus})` : ''}.`,
      next: 'Review of faces or avatars can take a while. Wait until Active again later; the asset is not lost.',
    };
  if (error instanceof KyyInvalidResponseError)
    return {
      title: 'The answer was not the documented envelope.',
      next: 'This is not caused by your input. Try again; look at the body below to see what came back.',
    };
  if (error instanceof KyyRedirectError)
    return {
      title: `The server answered with a redirect${error.location ? ` to ${error.location}` : ''}, which the client never follows.`,
      next: 'Point the base URL at the API’s own address (it ends in /kyyReactApiServer).',
    };
  if (error instanceof KyyApiError)
    return {
      title: closing(
        `The service refused the call with code ${String(error.code)}${error.msg ? `: ${error.msg}` : ''}`,
      ),
      next: 'This code is not documented. Read the message, fix the input it points at, and try again.',
    };
  return {
    title: 'The client reported an error.',
    next: 'Read the details below and try again.',
  };
}

/** Plain words for any error a call can end with. Never shows the key. */
export function describeError(error: unknown, context: ErrorContext): ErrorText {
  const clean = (text: string) => redactSecret(text, context.secret);
  if (error instanceof KyyError) {
    const { title, next } = describe(error, context);
    return {
      kind: error.name,
      title: clean(title),
      next: clean(next),
      detail: clean(error.message),
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    kind: error instanceof Error ? error.name : 'Error',
    title: 'Something unexpected went wrong in the playground.',
    next: 'Reload the page and try again. If it happens again, please report it with the details below.',
    detail: clean(message),
  };
}
