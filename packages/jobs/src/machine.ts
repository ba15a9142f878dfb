import type { KyyErrorKind } from '@kyyvideo/client';

/**
 * The per-row state machine of a batch: pure (no I/O, no clock), so every store and every engine
 * agrees on what a row may do next. The engine performs the action, turns its result into an
 * event, asks {@link transition} for the next step, persists the new state through the store and
 * only then acts on it.
 *
 * One row sends one paid, non-idempotent request (a video create or an asset upload: "send"),
 * optionally polls what it made until the service finishes ("await"), and optionally downloads
 * the result ("download").
 */

/** An error as a row keeps it: plain data, already redacted (the key never reaches a store). */
export interface RowError {
  /** The error's class name, for people reading the store. */
  type: string;
  /** The client error's `kind`, when it is one: what decisions switch on. */
  kind?: KyyErrorKind;
  message: string;
  code?: unknown;
}

export type RowState =
  /** Nothing sent for this row yet. */
  | { phase: 'new' }
  /** Its prerequisites (uploaded references) are Active: the send may be reserved. */
  | { phase: 'ready' }
  /**
   * Write-ahead: the send is about to leave. Found at the start of a run, it means a run died
   * after this point, so the request may have reached the service.
   */
  | { phase: 'sending' }
  /** The service answered with an id (task id or asset id). */
  | { phase: 'sent'; id: string }
  /** The service finished; `url` is the video to download (none for an asset). */
  | { phase: 'completed'; id: string; url?: string }
  /** The video is on disk, verified; `file` as the store's user named it. */
  | { phase: 'downloaded'; id: string; file: string; bytes: number }
  /** What was made ended failed at the service (task failed, review failed). */
  | { phase: 'failed'; id?: string; error: RowError }
  /** Provably nothing was created: refused before or by the service, or never left. */
  | { phase: 'rejected'; error: RowError }
  /** The send may have created something; never sent again without `retryUnknown`. */
  | { phase: 'unknown'; id?: string; error: RowError };

export type RowPhase = RowState['phase'];

/** What a row needs besides its send, and what a run may retry. */
export interface RowPolicy {
  /** Poll what the send made until the service finishes (videos: yes; assets: `--wait`). */
  await: boolean;
  /** Download the finished video (videos: yes). Implies `await`. */
  download: boolean;
  /** Send again a row whose result ended failed. */
  retryFailed: boolean;
  /** Send again a row whose send may have reached the service. Costs money twice if it did. */
  retryUnknown: boolean;
}

/** Why a row stops for this run. */
export type StopReason =
  /** Finished: nothing left to do. */
  | 'done'
  /** Ends in its state (failed, rejected, unknown) until a retry option asks otherwise. */
  | 'settled'
  /** Left mid-way, resumable: a poll or download stopped, Ctrl-C, or the budget. */
  | 'paused';

export type RowAction =
  /** Make the row's prerequisites ready (upload and wait for references), then `prepared`. */
  | { do: 'prepare' }
  /**
   * Reserve the send: one store call that takes one unit of the budget and persists the
   * `sending` state together (`BatchStore.reserveSend`), then `reserved` or `budget-reached`.
   */
  | { do: 'reserve' }
  /** Send the create/upload (its `sending` state is already durable). */
  | { do: 'send' }
  /** Read the task/asset until it finishes. */
  | { do: 'poll'; id: string }
  | { do: 'download'; id: string; url: string }
  /** A download from an earlier run: check the file is still there and still a video. */
  | { do: 'verify'; id: string; file: string }
  | { do: 'stop'; reason: StopReason; error?: RowError };

export type RowEvent =
  | { type: 'prepared' }
  /** A prerequisite could not be made ready; nothing was sent for this row. */
  | { type: 'prepare-failed'; error: RowError }
  | { type: 'reserved' }
  | { type: 'budget-reached' }
  /** The service answered the send with an id. */
  | { type: 'sent'; id: string }
  /** The send provably created nothing. */
  | { type: 'send-rejected'; error: RowError }
  /** The send may or may not have created something (`id` when the answer named one). */
  | { type: 'send-unknown'; error: RowError; id?: string }
  | { type: 'completed'; url?: string }
  | { type: 'failed'; error: RowError }
  /** Polling stopped before the end (time limit, network, Ctrl-C); what was made still exists. */
  | { type: 'poll-stopped'; error?: RowError }
  | { type: 'downloaded'; file: string; bytes: number }
  /** The download failed; `expired` when the host says the `video_url` is gone. */
  | { type: 'download-failed'; error: RowError; expired?: boolean }
  | { type: 'file-valid' }
  | { type: 'file-invalid' }
  /** Ctrl-C (or the worker stopping) before the action started. */
  | { type: 'interrupted' };

export interface Step {
  /** The same object as before when nothing changed: persist only when it is a new one. */
  state: RowState;
  action: RowAction;
}

/** The row's state makes no sense for this event: a bug in the engine or a damaged store. */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly state: RowState,
    readonly event: RowEvent | { type: 'start' },
  ) {
    super(`A batch row in phase "${state.phase}" cannot take the event "${event.type}".`);
  }
}

const PAUSED: RowAction = { do: 'stop', reason: 'paused' };
const DONE: RowAction = { do: 'stop', reason: 'done' };

function settled(error?: RowError): RowAction {
  return error ? { do: 'stop', reason: 'settled', error } : { do: 'stop', reason: 'settled' };
}

function paused(error?: RowError): RowAction {
  return error ? { do: 'stop', reason: 'paused', error } : PAUSED;
}

/** Its `type` lets a front end word it in its own terms (the CLI names its flag). */
export const resumeUnknownError: RowError = {
  type: 'OutcomeUnknown',
  message:
    'an earlier run stopped after sending this request and before its answer arrived; it may have been created. It is not sent again unless the batch runs with retryUnknown (which may create it twice).',
};

/** What follows once a row has an id (sent), by policy. */
function afterSent(state: Extract<RowState, { phase: 'sent' }>, policy: RowPolicy): Step {
  return policy.await || policy.download
    ? { state, action: { do: 'poll', id: state.id } }
    : { state, action: DONE };
}

function afterCompleted(state: Extract<RowState, { phase: 'completed' }>, policy: RowPolicy): Step {
  if (!policy.download) return { state, action: DONE };
  // A completed task without its URL cannot be downloaded: read it again for the URL.
  return state.url
    ? { state, action: { do: 'download', id: state.id, url: state.url } }
    : { state, action: { do: 'poll', id: state.id } };
}

const fresh = (): Step => ({ state: { phase: 'new' }, action: { do: 'prepare' } });

/**
 * The first step of a row in this run, from the state an earlier run (or nobody) left. A row
 * found `sending` becomes `unknown`: the run that wrote it died with the request possibly sent.
 * A `completed` row is read again before its download (its `video_url` may have expired or
 * changed), and a `downloaded` one is verified on disk.
 */
export function start(state: RowState, policy: RowPolicy): Step {
  switch (state.phase) {
    case 'new':
    case 'ready':
      return { state, action: { do: 'prepare' } };
    case 'sending': {
      const unknown: RowState = { phase: 'unknown', error: resumeUnknownError };
      return policy.retryUnknown ? fresh() : { state: unknown, action: settled(unknown.error) };
    }
    case 'sent':
      return afterSent(state, policy);
    case 'completed':
      return policy.download
        ? { state, action: { do: 'poll', id: state.id } }
        : afterCompleted(state, policy);
    case 'downloaded':
      return policy.download
        ? { state, action: { do: 'verify', id: state.id, file: state.file } }
        : { state, action: DONE };
    case 'failed':
      return policy.retryFailed ? fresh() : { state, action: settled(state.error) };
    case 'rejected':
      // Nothing was created, so trying again costs nothing twice.
      return fresh();
    case 'unknown':
      return policy.retryUnknown ? fresh() : { state, action: settled(state.error) };
    default:
      // Only a damaged store holds a phase no version of the machine wrote.
      throw new InvalidTransitionError(state as RowState, { type: 'start' });
  }
}

/** The next step after `event` happened to a row in `state`. */
export function transition(state: RowState, event: RowEvent, policy: RowPolicy): Step {
  const invalid = () => new InvalidTransitionError(state, event);
  if (event.type === 'interrupted') {
    if (state.phase === 'sending') throw invalid();
    return { state, action: PAUSED };
  }
  switch (state.phase) {
    case 'new':
      if (event.type === 'prepared')
        return { state: { phase: 'ready' }, action: { do: 'reserve' } };
      if (event.type === 'prepare-failed') {
        return { state: { phase: 'rejected', error: event.error }, action: settled(event.error) };
      }
      throw invalid();
    case 'ready':
      // A rerun prepares a `ready` row again (its references' ids are not in its state).
      if (event.type === 'prepared') return { state, action: { do: 'reserve' } };
      if (event.type === 'reserved') return { state: { phase: 'sending' }, action: { do: 'send' } };
      if (event.type === 'budget-reached') return { state, action: PAUSED };
      throw invalid();
    case 'sending':
      if (event.type === 'sent') return afterSent({ phase: 'sent', id: event.id }, policy);
      if (event.type === 'send-rejected') {
        return { state: { phase: 'rejected', error: event.error }, action: settled(event.error) };
      }
      if (event.type === 'send-unknown') {
        const unknown: RowState =
          event.id === undefined
            ? { phase: 'unknown', error: event.error }
            : { phase: 'unknown', id: event.id, error: event.error };
        return { state: unknown, action: settled(event.error) };
      }
      throw invalid();
    case 'sent':
    case 'completed':
      // A completed row is polled again on a rerun (fresh URL); both phases take poll results.
      if (event.type === 'completed') {
        const done: Extract<RowState, { phase: 'completed' }> =
          event.url === undefined
            ? { phase: 'completed', id: state.id }
            : { phase: 'completed', id: state.id, url: event.url };
        return afterCompleted(done, policy);
      }
      if (event.type === 'failed') {
        return {
          state: { phase: 'failed', id: state.id, error: event.error },
          action: settled(event.error),
        };
      }
      if (event.type === 'poll-stopped') return { state, action: paused(event.error) };
      if (state.phase === 'completed' && event.type === 'downloaded') {
        return {
          state: { phase: 'downloaded', id: state.id, file: event.file, bytes: event.bytes },
          action: DONE,
        };
      }
      if (state.phase === 'completed' && event.type === 'download-failed') {
        // Keep the URL out of the state once it is known to be gone: the next run reads the
        // task again instead of trying a dead link.
        const next: RowState = event.expired ? { phase: 'completed', id: state.id } : state;
        return { state: next, action: paused(event.error) };
      }
      throw invalid();
    case 'downloaded':
      if (event.type === 'file-valid') return { state, action: DONE };
      if (event.type === 'file-invalid') {
        // The file is gone or damaged: read the task again for its URL and download anew.
        return {
          state: { phase: 'completed', id: state.id },
          action: { do: 'poll', id: state.id },
        };
      }
      throw invalid();
    case 'failed':
    case 'rejected':
    case 'unknown':
      throw invalid();
  }
}

/** Phases after which no action is taken in this run unless a retry option reopens them. */
export const FINAL_PHASES: readonly RowPhase[] = ['downloaded', 'failed', 'rejected', 'unknown'];
