import type { KyyErrorKind } from '@kyyvideo/client';
import { toAssetRef } from '@kyyvideo/contract';
import type { RowError, RowState, StopReason } from '@kyyvideo/jobs';
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

/** What the engine reports for one row: its state when picked up, and when it stopped. */
export interface RowRun {
  before: RowState;
  state: RowState;
  reason: StopReason;
  error?: RowError;
}

const EARLIER_UNKNOWN: ItemError = {
  type: 'OutcomeUnknown',
  message:
    'an earlier run sent this upload but never learned whether it created an asset; it is not re-uploaded. Check, then rerun with --retry-unknown to upload it again.',
};

/**
 * What one row of an asset batch means for the report. `run` is undefined for a row this run
 * never picked up (Ctrl-C came first). A row that ended as it began was settled by an earlier
 * run, and nothing was sent for it now.
 */
export function outcomeOfRow(
  base: Pick<ItemOutcome, 'index' | 'where' | 'input'>,
  run: RowRun | undefined,
): ItemOutcome {
  if (!run) return { ...base, status: 'interrupted' };
  const { state, before } = run;
  const withId = 'id' in state && state.id ? { assetId: state.id, ref: toAssetRef(state.id) } : {};
  const earlier = before.phase === state.phase && run.reason !== 'paused';
  const error = run.error ?? ('error' in state ? state.error : undefined);
  const previous = earlier ? { previousRun: true } : {};
  switch (state.phase) {
    case 'sent':
    case 'completed':
      if (run.reason === 'done') {
        const status: ItemStatus = earlier
          ? 'skipped'
          : state.phase === 'sent'
            ? 'uploaded'
            : 'active';
        return { ...base, ...withId, ...previous, status };
      }
      if (!error) return { ...base, ...withId, status: 'interrupted' };
      return {
        ...base,
        ...withId,
        status: error.kind === 'wait-timeout' ? 'wait-timeout' : 'wait-failed',
        error,
      };
    case 'failed':
      return { ...base, ...withId, ...previous, status: 'review-failed', ...(error && { error }) };
    case 'rejected':
      return { ...base, status: 'rejected', ...(error && { error }) };
    case 'unknown': {
      const fromEarlier = before.phase === 'sending' || before.phase === 'unknown';
      return {
        ...base,
        ...withId,
        ...(fromEarlier && { previousRun: true }),
        status: 'unknown',
        error: fromEarlier ? EARLIER_UNKNOWN : (error ?? EARLIER_UNKNOWN),
      };
    }
    default:
      return { ...base, status: 'interrupted' };
  }
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
