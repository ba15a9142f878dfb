import type { UploadInput } from '@kyyvideo/client';
import type { CreateVideoTaskRequest } from '@kyyvideo/contract';
import type { RowEvent, RowState } from './machine.js';

/**
 * Where a batch keeps its rows. The engine never acts before the store has what it needs to
 * resume: each new state is saved (or reserved) first, then the request it announces is sent.
 *
 * Two stores are meant to implement it: the JSONL results file (one machine, one run at a time
 * under its lock; `save` appends a line synchronously) and PostgreSQL (any number of workers;
 * `reserveSend` is one transaction over the row, the ledger and the budget counter; a claim is
 * a lease that runs out when its worker dies).
 *
 * Every member takes one object, so later needs add optional fields instead of new signatures.
 * Nothing the engine hands a store contains the API key: errors are redacted before they become
 * events.
 */

/** A video row: one create, then poll, then download to `out`. */
export interface VideoRowInput {
  /** The create body as the contract builds it (`buildVideoTask`), media as given by the user. */
  task: CreateVideoTaskRequest;
  /** File name of the video in the output directory. */
  out: string;
  /**
   * URLs among the task's media to upload as assets (and wait for) before the create; the task
   * then carries their `asset://` references. Each distinct URL is uploaded once per batch.
   */
  uploadReferences?: readonly string[];
}

/** An asset row: one upload, optionally waited for until review ends. */
export interface AssetRowInput {
  upload: UploadInput;
  /**
   * A reference of video rows (their `uploadReferences`): always waited for until Active,
   * whatever the run's own waiting policy for asset rows.
   */
  reference?: boolean;
}

interface RowBase {
  /** Unique within the batch and stable across runs: how a rerun finds the row again. */
  key: string;
  /** Position in the manifest (1-based), for messages. */
  index: number;
}

export type RowSpec =
  | (RowBase & { kind: 'video'; input: VideoRowInput })
  | (RowBase & { kind: 'asset'; input: AssetRowInput });

export type RowKind = RowSpec['kind'];

/** A row with the state the store holds for it. */
export type StoredRow = RowSpec & { state: RowState };

export interface AddRowsRequest {
  rows: readonly RowSpec[];
}

export interface ClaimRequest {
  /**
   * Claim this row only (a prerequisite another row waits for, such as a reference upload).
   * Without it, the next row of the batch the engine has not worked on in this run.
   */
  key?: string;
  signal?: AbortSignal;
}

export interface SaveRequest {
  key: string;
  /** The state the engine read; a store that can check it refuses a lost update. */
  from: RowState;
  to: RowState;
  /** What happened, or `start` for the change a run makes when it picks a row up. */
  event: RowEvent | { type: 'start' };
}

export interface ReserveSendRequest {
  key: string;
  from: RowState;
  /** The write-ahead state (`sending`), to be durable before the request leaves. */
  to: Extract<RowState, { phase: 'sending' }>;
  /**
   * At most this many sends in this run (the CLI's `--max-tasks`); unlimited when absent. The
   * count and the write-ahead change together, or neither does.
   */
  maxSends?: number;
}

export type Reservation =
  | { ok: true /** Sends reserved in this run, this one included. */; sends: number }
  | { ok: false; reason: 'budget-reached'; sends: number };

export interface ReleaseRequest {
  key: string;
  /** The row's state when this worker let it go. */
  state: RowState;
}

export interface BatchStore {
  /**
   * Makes rows known. A key already stored keeps its state and its input as stored: that is how
   * a rerun resumes instead of starting over.
   */
  add(request: AddRowsRequest): Promise<void>;
  /**
   * The next row for this worker, or `undefined` when none is left (or, with `key`, when that
   * row is unknown or held by another worker). A claimed row is not handed out again until it
   * is released (or, in a shared store, until its lease runs out).
   */
  claim(request: ClaimRequest): Promise<StoredRow | undefined>;
  /** A row's current state without claiming it (to follow a prerequisite another worker holds). */
  get(request: { key: string }): Promise<StoredRow | undefined>;
  /** Persists one transition. Resolves only once it is durable. */
  save(request: SaveRequest): Promise<void>;
  /**
   * Takes one send from the budget and persists the write-ahead state, atomically: when the
   * budget is spent nothing changes and the answer says so. Resolves only once durable.
   */
  reserveSend(request: ReserveSendRequest): Promise<Reservation>;
  /** The worker is done with the row for this run (finished, settled or paused). */
  release(request: ReleaseRequest): Promise<void>;
  /** Frees what the store holds (file handles, locks, connections). */
  close(): Promise<void>;
}
