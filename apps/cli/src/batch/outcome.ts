import { KyyError, type KyyErrorKind, toAssetRef } from '@kyyvideo/client';
import { messageInCliTerms } from '../client-messages.js';
import type { UploadInput } from '../client-types.js';
import { EXIT } from '../exit-codes.js';

export type ItemStatus =
  /** Uploaded in this run (not waited for). */
  | 'uploaded'
  /** Uploaded (now or before) and review passed. */
  | 'active'
  /** Done in an earlier run; nothing sent now. */
  | 'skipped'
  /** The service said no; nothing was created. Retried on the next run. */
  | 'rejected'
  /** May or may not have created an asset; never retried without --retry-unknown. */
  | 'unknown'
  | 'review-failed'
  | 'wait-timeout'
  /** Waiting failed for another reason (network); the asset exists and will be waited for again. */
  | 'wait-failed'
  /** Ctrl-C arrived before this item started or finished waiting. */
  | 'interrupted';

export interface ItemError {
  type: string;
  /** The client error's `kind`, when it is one: what decisions switch on. */
  kind?: KyyErrorKind;
  message: string;
  code?: unknown;
}

export interface ItemOutcome {
  index: number;
  where: string;
  input: UploadInput;
  status: ItemStatus;
  assetId?: string;
  ref?: `asset://${string}`;
  error?: ItemError;
  /** The status comes from an earlier run's results file. */
  previousRun?: boolean;
}

const OK: readonly ItemStatus[] = ['uploaded', 'active', 'skipped'];

export function isOk(outcome: ItemOutcome): boolean {
  return OK.includes(outcome.status);
}

/** `timeoutSeconds`: --timeout as typed, so a wait timeout is reported in that unit. */
export function toItemError(error: unknown, timeoutSeconds?: number): ItemError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      type: error.name,
      ...(error instanceof KyyError && { kind: error.kind }),
      message: messageInCliTerms(
        error,
        undefined,
        timeoutSeconds === undefined ? {} : { timeoutSeconds },
      ),
      ...(code !== undefined && code !== null && { code }),
    };
  }
  return { type: 'Error', message: String(error) };
}

/**
 * What one failed batch item means, from the client's own verdict (its error `kind`): an upload
 * failure is "unknown" exactly when the client says its outcome is unknown or the failure is not
 * one the client recognised; any other upload failure provably created nothing. `uploaded`: the
 * asset exists (uploaded now, or by an earlier run).
 */
export function outcomeOfFailure(
  base: Pick<ItemOutcome, 'index' | 'where' | 'input'>,
  error: KyyError,
  uploaded: boolean,
  interrupted: boolean,
  timeoutSeconds?: number,
): ItemOutcome {
  const assetId = error.assetId;
  const withId = assetId ? { assetId, ref: toAssetRef(assetId) } : {};
  if (error.kind === 'abort' || (interrupted && !uploaded && !assetId)) {
    return { ...base, ...withId, status: 'interrupted' };
  }
  const itemError = toItemError(error, timeoutSeconds);
  if (!uploaded) {
    const unknown = error.kind === 'upload-outcome-unknown' || error.kind === 'unexpected';
    return { ...base, ...withId, status: unknown ? 'unknown' : 'rejected', error: itemError };
  }
  const status: ItemStatus =
    error.kind === 'asset-failed'
      ? 'review-failed'
      : error.kind === 'wait-timeout'
        ? 'wait-timeout'
        : 'wait-failed';
  return { ...base, ...withId, status, error: itemError };
}

function exitCodeFor(status: ItemStatus): number {
  if (status === 'review-failed') return EXIT.reviewFailed;
  if (status === 'wait-timeout') return EXIT.waitTimedOut;
  if (status === 'interrupted') return EXIT.interrupted;
  return EXIT.failed;
}

/** 0 when all succeeded; the code all failures share; else 1. Ctrl-C wins over everything. */
export function batchExitCode(outcomes: readonly ItemOutcome[], interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  const codes = new Set(outcomes.filter((o) => !isOk(o)).map((o) => exitCodeFor(o.status)));
  if (codes.size === 0) return EXIT.ok;
  if (codes.size === 1) return [...codes][0] as number;
  return EXIT.failed;
}
