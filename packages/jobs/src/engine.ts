import { runPool } from '@kyyvideo/client';
import { type ActionContext, type BatchClient, download, poll, send, verify } from './actions.js';
import {
  FINAL_PHASES,
  type RowAction,
  type RowError,
  type RowEvent,
  type RowPolicy,
  type RowState,
  type StopReason,
  start,
  transition,
} from './machine.js';
import { pause } from './pause.js';
import { mediaOf, referenceKey, referenceRows } from './references.js';
import type { DescribeError, Redact } from './row-error.js';
import type { BatchStore, RowSpec, StoredRow } from './store.js';

/** Rows worked on at once when the caller does not say. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

export type BatchEvent =
  /** A row changed state; the new state is already durable in the store. */
  | {
      type: 'step';
      row: StoredRow;
      from: RowState;
      to: RowState;
      event: RowEvent | { type: 'start' };
    }
  /** A row is done for this run: finished, settled in a final phase, or paused mid-way. */
  | { type: 'settled'; row: StoredRow; state: RowState; reason: StopReason; error?: RowError }
  /** Bytes of a video download so far. */
  | { type: 'bytes'; row: StoredRow; received: number };

export interface BatchOptions {
  store: BatchStore;
  /** Rows in progress at once: tasks in flight at the service (default 4). */
  concurrency?: number;
  /** At most this many creates/uploads are sent in this run; the rows left pause. */
  maxSends?: number;
  /** Stops claiming rows and waiting; requests already sent are let finish. */
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /** Directory of the video rows' `out` files (default: the working directory). */
  outDir?: string;
  /** Wait for asset rows' review (references are always waited for). Default false. */
  waitForAssets?: boolean;
  retryFailed?: boolean;
  retryUnknown?: boolean;
  /** Pause between task polls (default: the client's, from the documentation). */
  intervalMs?: number;
  /** Time limit of one video wait in this run. */
  timeoutMs?: number;
  /** Time limit of one asset review wait. */
  assetTimeoutMs?: number;
  /** Applied to every error text before it reaches the store or an event. */
  redact?: Redact;
  /** Words an error in the caller's terms before it is kept (default: its message). */
  describeError?: DescribeError;
}

export interface RowResult {
  row: StoredRow;
  state: RowState;
  reason: StopReason;
  error?: RowError;
}

export interface BatchResult {
  /** Every row this run picked up (references included), in the order they settled. */
  rows: RowResult[];
  /** Creates and uploads sent in this run that the service may have accepted (not refused). */
  sends: number;
  /** The keys of the rows whose create or upload was sent and not refused, in order. */
  sentKeys: string[];
  /**
   * The service refused the API key: no row was claimed or sent after that answer, so the rows
   * not sent yet stay as they were, to resume with a working key.
   */
  keyRefused: boolean;
  /** A send was refused because `maxSends` was reached. */
  budgetReached: boolean;
  /** The signal fired before the batch ended. */
  interrupted: boolean;
  /** Bytes of video written in this run. */
  bytesDownloaded: number;
}

/**
 * Adds one event to a run's totals: the one rule for what counts as a send (a reservation, less
 * those the service refused, which provably created nothing) and for the bytes written.
 */
export function tally(totals: Pick<BatchResult, 'sends' | 'bytesDownloaded'>, event: BatchEvent) {
  if (event.type !== 'step') return;
  if (event.event.type === 'reserved') totals.sends++;
  if (event.event.type === 'send-rejected') totals.sends--;
  if (event.event.type === 'downloaded') totals.bytesDownloaded += event.event.bytes;
}

/** How often a reference held elsewhere is read again: a review takes seconds. */
const REFERENCE_FOLLOW_MS = 250;

const referencePolicy: RowPolicy = {
  await: true,
  download: false,
  retryFailed: false,
  retryUnknown: false,
};

/**
 * Runs every row of `rows` (and what rows already in the store still need) to the end of what
 * this run may do. Each state change is saved in the store before the action it announces.
 */
export async function runBatch(
  kyy: BatchClient,
  rows: readonly RowSpec[],
  options: BatchOptions,
): Promise<BatchResult> {
  const { store } = options;
  const signal = options.signal ?? new AbortController().signal;
  const emit = (event: BatchEvent) => {
    tally(result, event);
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's bug must not stop a batch that spends money.
    }
  };
  const result: BatchResult = {
    rows: [],
    sends: 0,
    sentKeys: [],
    budgetReached: false,
    interrupted: false,
    bytesDownloaded: 0,
    keyRefused: false,
  };
  // A refused key refuses every create alike: each further one would be another paid request
  // turned away, so the run stops starting them.
  const stopping = () => signal.aborted || result.keyRefused;
  const ctx: ActionContext = {
    kyy,
    outDir: options.outDir ?? process.cwd(),
    signal,
    redact: options.redact ?? ((text) => text),
    ...(options.describeError && { describeError: options.describeError }),
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.assetTimeoutMs === undefined ? {} : { assetTimeoutMs: options.assetTimeoutMs }),
    onBytes: (row, received) => emit({ type: 'bytes', row, received }),
  };
  const rowPolicy: RowPolicy = {
    await: options.waitForAssets === true,
    download: false,
    retryFailed: options.retryFailed === true,
    retryUnknown: options.retryUnknown === true,
  };
  const policyOf = (row: StoredRow): RowPolicy =>
    row.kind === 'video'
      ? { ...rowPolicy, await: true, download: true }
      : row.input.reference
        ? { ...referencePolicy, retryUnknown: rowPolicy.retryUnknown }
        : rowPolicy;

  // A reference is worked on once per run, whichever row (or worker) reaches it first.
  const references = new Map<string, Promise<RowResult>>();
  const runReference = (key: string, claimed?: StoredRow): Promise<RowResult> => {
    if (claimed) {
      // Rows waiting on it follow the store, so whoever claimed it first, it runs once.
      const running = runRow(claimed);
      references.set(key, running);
      return running;
    }
    let running = references.get(key);
    if (!running) {
      running = (async () => {
        const row = await store.claim({ key, signal });
        return row ? runRow(row) : followReference(key);
      })();
      references.set(key, running);
    }
    return running;
  };

  /** A reference another worker (or this run's own claim loop) holds: read it until it ends. */
  const followReference = async (key: string): Promise<RowResult> => {
    for (;;) {
      const stored = await store.get({ key });
      if (!stored) throw new Error(`the reference row ${key} is not in the store`);
      const { phase } = stored.state;
      if (phase === 'completed' || FINAL_PHASES.includes(phase) || signal.aborted) {
        return {
          row: stored,
          state: stored.state,
          reason: phase === 'completed' ? 'done' : 'paused',
        };
      }
      await pause(REFERENCE_FOLLOW_MS, signal);
    }
  };

  /** The `asset://` reference of each uploaded URL of a video row, or why it has none. */
  const prepare = async (
    row: StoredRow,
  ): Promise<{ refs: Map<string, string> } | { error: RowError }> => {
    const refs = new Map<string, string>();
    if (row.kind !== 'video' || !row.input.uploadReferences?.length) return { refs };
    const wanted = new Set(row.input.uploadReferences);
    for (const { url, assetType } of mediaOf(row.input.task)) {
      if (!wanted.has(url) || refs.has(url)) continue;
      const ref = await runReference(referenceKey(assetType, url));
      if (ref.state.phase !== 'completed') {
        return {
          error: {
            type: 'ReferenceNotReady',
            message: `the reference ${url} is not usable (${ref.state.phase}${ref.error ? `: ${ref.error.message}` : ''}); nothing was created for this row.`,
          },
        };
      }
      refs.set(url, `asset://${ref.state.id}`);
    }
    return { refs };
  };

  const perform = async (
    row: StoredRow,
    action: Exclude<RowAction, { do: 'stop' }>,
    stored: RowState,
    refs: { current: Map<string, string>; sentNow?: boolean },
  ): Promise<RowEvent> => {
    switch (action.do) {
      case 'prepare': {
        if (stopping()) return { type: 'interrupted' };
        const ready = await prepare(row);
        if ('error' in ready) return { type: 'prepare-failed', error: ready.error };
        refs.current = ready.refs;
        // A reference wait cut by Ctrl-C leaves this row as it was, not rejected.
        return stopping() ? { type: 'interrupted' } : { type: 'prepared' };
      }
      case 'reserve': {
        if (stopping()) return { type: 'interrupted' };
        const reservation = await store.reserveSend({
          key: row.key,
          from: stored,
          to: { phase: 'sending' },
          ...(options.maxSends === undefined ? {} : { maxSends: options.maxSends }),
        });
        if (!reservation.ok) {
          result.budgetReached = true;
          return { type: 'budget-reached' };
        }
        result.sentKeys.push(row.key);
        return { type: 'reserved' };
      }
      case 'send': {
        const sent = await send(row, refs.current, ctx);
        refs.sentNow = sent.type === 'sent';
        if (sent.type === 'send-rejected') {
          // Refused: provably nothing was created, so it is not one of the keys sent.
          result.sentKeys.splice(result.sentKeys.lastIndexOf(row.key), 1);
          if (sent.error.kind === 'authentication') result.keyRefused = true;
        }
        return sent;
      }
      case 'poll':
        return signal.aborted
          ? { type: 'interrupted' }
          : poll(row, action.id, ctx, refs.sentNow === true);
      case 'download':
        return signal.aborted ? { type: 'interrupted' } : download(row, action.id, action.url, ctx);
      case 'verify':
        return verify(action.file, ctx);
    }
  };

  const runRow = async (row: StoredRow): Promise<RowResult> => {
    const policy = policyOf(row);
    let state = row.state;
    // What the store holds for the row: `from` of the next write. It lags `state` when a
    // change is not written (`ready`), so a store that checks `from` sees what it has.
    let stored = row.state;
    let step = start(state, policy);
    const refs: { current: Map<string, string>; sentNow?: boolean } = { current: new Map() };
    const persist = async (to: RowState, event: RowEvent | { type: 'start' }) => {
      // `reserved` was made durable by reserveSend itself, with the budget. `ready` holds
      // nothing a rerun needs (it prepares again), so it costs no line.
      if (event.type !== 'reserved' && to.phase !== 'ready') {
        await store.save({ key: row.key, from: stored, to, event });
      }
      if (to.phase !== 'ready') stored = to;
      emit({ type: 'step', row, from: state, to, event });
      state = to;
    };
    try {
      if (step.state !== state) await persist(step.state, { type: 'start' });
      while (step.action.do !== 'stop') {
        const event = await perform(row, step.action, stored, refs);
        const next = transition(state, event, policy);
        if (next.state !== state) await persist(next.state, event);
        step = next;
      }
    } catch (error) {
      // The row is handed back as the store holds it, for whoever takes it next (in a shared
      // store another worker at once, not after a lease); the error still ends this run.
      await store.release({ key: row.key, state: stored }).catch(() => {});
      throw error;
    }
    await store.release({ key: row.key, state });
    const settled: RowResult = {
      row,
      state,
      reason: step.action.reason,
      ...(step.action.error && { error: step.action.error }),
    };
    result.rows.push(settled);
    emit({ type: 'settled', ...settled });
    return settled;
  };

  await store.add({ rows: [...rows, ...referenceRows(rows)] });
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_BATCH_CONCURRENCY);
  await runPool(concurrency, concurrency, async () => {
    while (!stopping()) {
      const row = await store.claim({ signal });
      if (!row) return;
      if (row.kind === 'asset' && row.input.reference) await runReference(row.key, row);
      else await runRow(row);
    }
  });
  result.interrupted = signal.aborted;
  return result;
}
