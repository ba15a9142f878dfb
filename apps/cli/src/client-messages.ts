import {
  KyyConnectionError,
  KyyError,
  type KyyErrorKind,
  KyyGenerateError,
  KyyWaitTimeoutError,
} from '@kyyvideo/client/errors';
import type { GlobalOptions } from './context.js';
import type { FailureContext } from './failure.js';
import { kyyCommand } from './next-command.js';

/**
 * The kind that decides the exit code and the wording: a failed step of `generate` counts as its cause (a
 * failed task exits 6, a review that failed 3, Ctrl-C 130), never as a kind of its own.
 */
export function effectiveKind(error: KyyError): KyyErrorKind {
  return error.kind === 'generate-failed' && error.cause instanceof KyyError
    ? error.cause.kind
    : error.kind;
}

/**
 * The client's messages speak to programmers in its option names and units; kyy's users know
 * its flags, and typed --timeout in seconds. Where the client's sentence does not fit, kyy says
 * it in its own words, once (the client's "not found" repeats the service's msg, for example).
 */
export function messageInCliTerms(
  error: Error,
  globals?: Partial<GlobalOptions>,
  context: FailureContext = {},
): string {
  const kyyError = error instanceof KyyError ? error : undefined;
  const kind = kyyError?.kind;
  const assetId = kyyError?.assetId ?? context.assetId;
  const taskId = kyyError?.taskId ?? context.taskId;
  const id = assetId === undefined ? 'this id' : JSON.stringify(assetId);
  const operation = kyyError?.operation;
  if (error instanceof KyyGenerateError && error.cause instanceof KyyError) {
    // The step's own error says what happened; the task id is in it or in the report's details.
    const made = error.assets.map((asset) => asset.assetId).filter((id) => id);
    const step = messageInCliTerms(error.cause, globals);
    return made.length === 0
      ? step
      : `${step} Assets it made (they exist; reuse them as asset://… or delete them): ${made.join(', ')}.`;
  }
  if (typeof operation === 'string' && operation.startsWith('video')) {
    const video = videoMessage(operation, kind, taskId);
    if (video !== undefined) return video;
  }
  if (kind === 'not-found') {
    return `No asset ${id} exists: it was never created or has been deleted.`;
  }
  if (kind === 'url-unreachable') {
    const code = kyyError?.code;
    return `The service could not download the file's URL${code === undefined ? '' : ` (code ${String(code)})`}. Make sure the URL is public (no login, no localhost or private network), then upload again.`;
  }
  const timeout = context.timeoutSeconds;
  if (error instanceof KyyWaitTimeoutError && timeout !== undefined) {
    return `Asset ${id} was not Active after ${timeout} s (last status: ${error.lastStatus ?? 'never read'}). Review can take longer for images with faces; wait again with a larger --timeout.`;
  }
  if (error instanceof KyyConnectionError && error.provablyNotSent) {
    if (globals?.mock) {
      return `Nothing answers at the local mock's address, so nothing was sent. Start the mock in another terminal with \`kyy mock\`, then run ${kyyCommand(globals, '…')} again.`;
    }
  }
  // Client option names that are kyy flags. The per-request timeoutMs has no flag, so only the
  // wait's timeoutMs becomes --timeout.
  const message = error.message
    .replace(/\bbaseUrl\b/g, '--base-url')
    .replace(
      /\bthe apiKey option or KYY_API_KEY\b/g,
      'KYY_API_KEY or the file given to --api-key-file',
    );
  const waited = error instanceof KyyError && effectiveKind(error) === 'wait-timeout';
  return waited ? message.replace(/\btimeoutMs\b/g, '--timeout') : message;
}

/** The video calls' errors where the client's sentence speaks of its own API. */
function videoMessage(
  operation: string,
  kind: string | undefined,
  taskId: string | undefined,
): string | undefined {
  const task = taskId === undefined ? 'this task' : `video task ${JSON.stringify(taskId)}`;
  if (kind === 'not-found') {
    return `No ${task} exists at this service: check the id (tasks are not shared between the mock and the real service).`;
  }
  if (kind === 'abort' && taskId !== undefined) {
    return operation === 'video-download'
      ? `Stopped downloading the video of ${task}; no file was written.`
      : `Stopped waiting for ${task}.`;
  }
  return undefined;
}
