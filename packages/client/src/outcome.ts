import {
  KyyAbortError,
  KyyConnectionError,
  type KyyError,
  type KyyErrorDetails,
  KyyInvalidResponseError,
  KyyServerError,
  KyyTimeoutError,
} from './errors.js';

/**
 * Why a request that creates something billable or lasting (an upload, a video task) may or may
 * not have done so, or undefined when the failure is a clear "no". One rule for every such call:
 * the API has no idempotency key, so only a request that provably never left the machine (the
 * `once` retry rule in send.ts) is resent; everything listed here is reported, never resent.
 * `named(id)` describes an answer that named what it made but was not the documented success.
 */
export function unknownOutcomeReason(
  error: KyyError,
  named: (id: string) => string,
): string | undefined {
  if (error instanceof KyyTimeoutError) return 'no answer arrived in time';
  if (error instanceof KyyAbortError) return 'it was aborted while the request was in flight';
  if (error instanceof KyyServerError) return `the service failed with HTTP ${error.httpStatus}`;
  if (error instanceof KyyInvalidResponseError) {
    const id = error.assetId ?? error.taskId;
    return id === undefined ? 'the answer was not the documented success or failure' : named(id);
  }
  if (error instanceof KyyConnectionError && !error.provablyNotSent)
    return 'the connection failed after the request may have been sent';
  return undefined;
}

/**
 * `error` as the "outcome unknown" error `wrap` makes, when its outcome is unknown (see
 * {@link unknownOutcomeReason}); a clear "no" is returned as it is. The new error keeps what is
 * known: the status, the service's code and words, and any id the answer named.
 */
export function asOutcomeUnknown(
  error: KyyError,
  named: (id: string) => string,
  wrap: (reason: string, details: Omit<KyyErrorDetails, 'operation'>) => KyyError,
): KyyError {
  const reason = unknownOutcomeReason(error, named);
  if (reason === undefined) return error;
  return wrap(reason, {
    cause: error,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.msg === undefined ? {} : { msg: error.msg }),
    ...(error.assetId === undefined ? {} : { assetId: error.assetId }),
    ...(error.taskId === undefined ? {} : { taskId: error.taskId }),
  });
}
