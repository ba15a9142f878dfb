import { KyyError } from '@kyyvideo/client';
import type { RowError } from './machine.js';

/** Text as it may be stored; the engine's caller passes one that masks the API key. */
export type Redact = (text: string) => string;

/** An error in the caller's words (the CLI names its flags); the error's message otherwise. */
export type DescribeError = (error: Error) => string;

/** Any thrown value as a row keeps it: plain, serialisable, redacted. */
export function toRowError(error: unknown, redact: Redact, describe?: DescribeError): RowError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      type: error.name,
      ...(error instanceof KyyError && { kind: error.kind }),
      message: redact(describe ? describe(error) : error.message),
      ...(code !== undefined && code !== null && { code }),
    };
  }
  return { type: 'Error', message: redact(String(error)) };
}

/**
 * Whether a failed create or upload may have made something. The client decides: its
 * "outcome unknown" kinds, or a failure it did not recognise, may have; every other kind is a
 * clear "no" (refused by the rules or the service, or never left the machine).
 */
export function sendMayHaveCreated(error: unknown): boolean {
  if (!(error instanceof KyyError)) return true;
  return (
    error.kind === 'create-outcome-unknown' ||
    error.kind === 'upload-outcome-unknown' ||
    error.kind === 'unexpected'
  );
}

/** Host answers that mean a `video_url` no longer serves the video (it lives about 24 h). */
const EXPIRED_STATUSES = [401, 403, 404, 410];

export function isExpiredUrl(error: unknown): boolean {
  return (
    error instanceof KyyError &&
    error.kind === 'download-failed' &&
    error.httpStatus !== undefined &&
    EXPIRED_STATUSES.includes(error.httpStatus)
  );
}
