import {
  KyyAbortError,
  KyyConnectionError,
  type KyyError,
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
