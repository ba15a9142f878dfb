import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fromVersion1, type Version1Record } from './jsonl-v1.js';
import type { RowState } from './machine.js';
import type {
  AddRowsRequest,
  BatchStore,
  ClaimRequest,
  ReleaseRequest,
  Reservation,
  ReserveSendRequest,
  RowSpec,
  SaveRequest,
  StoredRow,
} from './store.js';

/** One line of the results file: a row's new state and what caused it. */
export interface JsonlRecord {
  v: 2;
  key: string;
  index: number;
  kind: RowSpec['kind'];
  /** The event's type (`start` for the change a run makes when it picks the row up). */
  event: string;
  state: RowState;
  /** The row's input, on its write-ahead line: what was sent, for people reading the file. */
  input?: RowSpec['input'];
  at: string;
}

/** The results file cannot be read as one: what is wrong and on which line. */
export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
  constructor(
    message: string,
    /** 1-based; absent when the file could not be read at all. */
    readonly line?: number,
  ) {
    super(message);
  }
}

const PHASES = new Set<RowState['phase']>([
  'new',
  'ready',
  'sending',
  'sent',
  'completed',
  'downloaded',
  'failed',
  'rejected',
  'unknown',
]);

function isRecord(value: unknown): value is JsonlRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Partial<JsonlRecord>;
  return (
    r.v === 2 &&
    typeof r.key === 'string' &&
    typeof r.event === 'string' &&
    !!r.state &&
    typeof r.state === 'object' &&
    PHASES.has((r.state as RowState).phase)
  );
}

/**
 * The last state of every key in a results file, read in one pass. A last line cut short (the
 * process was killed while writing it) is ignored; damage anywhere else is an error, because
 * guessing a state could send a paid request twice. Lines of the first format (`v: 1`, asset
 * batches) are read as the states they mean.
 */
export function readStates(text: string): Map<string, RowState> {
  return new Map([...readLatest(text)].map(([key, latest]) => [key, latest.state]));
}

/** A row's last state in a results file, and since when the row has been in that phase. */
export interface LatestState {
  state: RowState;
  /**
   * When the first record of the current phase was written (a run's records in a row of the
   * same phase, such as a task read `completed` again, keep the first time). Absent for lines of
   * the first format, which had no times.
   */
  phaseSince?: string;
}

/** {@link readStates}, with the time each row entered its current phase. */
export function readLatest(text: string): Map<string, LatestState> {
  const states = new Map<string, LatestState>();
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && (lines[last] as string).trim() === '') last--;
  for (let i = 0; i <= last; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (i === last && !text.endsWith('\n')) break;
    }
    if (isRecord(parsed)) {
      const before = states.get(parsed.key);
      const samePhase = before?.state.phase === parsed.state.phase;
      const phaseSince = samePhase ? before?.phaseSince : parsed.at;
      states.set(parsed.key, { state: parsed.state, ...(phaseSince && { phaseSince }) });
      continue;
    }
    const older = fromVersion1(
      parsed as Version1Record,
      states.get((parsed as { key?: string })?.key ?? '')?.state,
    );
    if (older) {
      states.set(older.key, { state: older.state });
      continue;
    }
    throw new ResultsFileError(`line ${i + 1} is not a kyy batch record`, i + 1);
  }
  return states;
}

/**
 * The embedded store: an append-only JSONL results file, one line per transition, written
 * synchronously so a line is on disk (in the OS's hands: it survives the process being killed)
 * before the request it announces is sent. One run at a time: the caller holds the file's lock.
 */
export class JsonlStore implements BatchStore {
  readonly #fd: number;
  readonly #redact: (text: string) => string;
  readonly #stored: Map<string, RowState>;
  readonly #rows = new Map<string, StoredRow>();
  readonly #order: string[] = [];
  readonly #claimed = new Set<string>();
  #cursor = 0;
  #sends = 0;

  /**
   * Opens (or creates) the file at `path`. `redact` masks the API key in every line; a key
   * echoed back by a server must not reach the disk either.
   */
  constructor(path: string, options: { redact?: (text: string) => string } = {}) {
    this.#redact = options.redact ?? ((text) => text);
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ResultsFileError(`cannot be read (${(error as NodeJS.ErrnoException).code})`);
      }
    }
    this.#stored = readStates(text);
    try {
      this.#fd = openSync(path, 'a+');
    } catch (error) {
      throw new ResultsFileError(
        `cannot be written (${(error as NodeJS.ErrnoException).code ?? 'unwritable'})`,
      );
    }
    // A run killed mid-line leaves a fragment that carries nothing worth keeping (a write-ahead
    // line is whole before its request is sent): cut it off and append cleanly after it.
    const bytes = Buffer.from(text);
    if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) {
      ftruncateSync(this.#fd, bytes.lastIndexOf(0x0a) + 1);
    }
  }

  async add({ rows }: AddRowsRequest): Promise<void> {
    for (const spec of rows) {
      if (this.#rows.has(spec.key)) continue;
      this.#rows.set(spec.key, { ...spec, state: this.#stored.get(spec.key) ?? { phase: 'new' } });
      this.#order.push(spec.key);
    }
  }

  async claim({ key }: ClaimRequest): Promise<StoredRow | undefined> {
    if (key !== undefined) {
      const row = this.#rows.get(key);
      if (!row || this.#claimed.has(key)) return undefined;
      this.#claimed.add(key);
      return row;
    }
    while (this.#cursor < this.#order.length) {
      const next = this.#order[this.#cursor++] as string;
      if (this.#claimed.has(next)) continue;
      this.#claimed.add(next);
      return this.#rows.get(next);
    }
    return undefined;
  }

  async get({ key }: { key: string }): Promise<StoredRow | undefined> {
    return this.#rows.get(key);
  }

  async save({ key, to, event }: SaveRequest): Promise<void> {
    this.#append(key, to, event.type);
  }

  async reserveSend({ key, to, maxSends }: ReserveSendRequest): Promise<Reservation> {
    if (maxSends !== undefined && this.#sends >= maxSends) {
      return { ok: false, reason: 'budget-reached', sends: this.#sends };
    }
    this.#sends++;
    this.#append(key, to, 'reserved', true);
    return { ok: true, sends: this.#sends };
  }

  async release(_request: ReleaseRequest): Promise<void> {}

  async close(): Promise<void> {
    closeSync(this.#fd);
  }

  /** Every row added in this run, in order, with its current state. */
  rows(): StoredRow[] {
    return this.#order.map((key) => this.#rows.get(key) as StoredRow);
  }

  #append(key: string, state: RowState, event: string, withInput = false): void {
    const row = this.#rows.get(key);
    if (!row) throw new Error(`the batch row ${key} was never added`);
    const record: JsonlRecord = {
      v: 2,
      key,
      index: row.index,
      kind: row.kind,
      event,
      state,
      ...(withInput && { input: row.input }),
      at: new Date().toISOString(),
    };
    writeSync(this.#fd, `${this.#redact(JSON.stringify(record))}\n`);
    this.#rows.set(key, { ...row, state } as StoredRow);
  }
}
