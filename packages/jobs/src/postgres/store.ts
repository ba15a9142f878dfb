import { randomUUID } from 'node:crypto';
import { DOCUMENTED_VIDEO_DURATION_S } from '@kyyvideo/contract';
import type pg from 'pg';
import type { Db as IDatabase, Job } from 'pg-boss';
import type { RowState } from '../machine.js';
import type {
  AddRowsRequest,
  BatchStore,
  ClaimRequest,
  ReleaseRequest,
  Reservation,
  ReserveSendRequest,
  SaveRequest,
  StoredRow,
} from '../store.js';
import { CREATE_QUEUE, FOLLOW_QUEUE, type QueueConnection } from './connection.js';
import { pause, withReconnect } from './reconnect.js';
import { batchFile, engineKey, splitEngineKey } from './row-key.js';
import { SCHEMA, SETTLED_PHASES } from './schema.js';
import { hasOpenRows } from './status.js';
import { inTransaction } from './transaction.js';

export interface PostgresStoreOptions {
  /**
   * When no row is queued, look again after this long instead of ending the claim (a worker
   * waits for work). Without it a claim that finds nothing ends the run.
   */
  idleMs?: number;
  /** With `idleMs`: stop waiting once no row is pending or held by a live worker. */
  exitWhenIdle?: boolean;
}

/** What a queued job names: one row of one batch. */
export interface RowJob {
  batch: string;
  key: string;
}

/**
 * The row changed under this worker: its lease ran out (the worker stalled past it) and another
 * worker took the row over. This worker must not act on it any more; the other one carries on.
 */
export class RowTakenOverError extends Error {
  override readonly name = 'RowTakenOverError';
  constructor(readonly key: string) {
    super(
      `the batch row ${key} was taken over by another worker (this worker's lease ran out); it carries on there.`,
    );
  }
}

interface Held {
  queue: string;
  id: string;
  retryCount: number;
}

interface RowRecord {
  batch: string;
  key: string;
  position: number;
  kind: StoredRow['kind'];
  input: StoredRow['input'];
  state: RowState;
}

/** Seconds before a row let go mid-way can be taken again. */
const FOLLOW_DELAY_S = 2;

/** jsonb keeps keys in its own order: compare states by content. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
const sameState = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const settled = (state: RowState) => (SETTLED_PHASES as readonly string[]).includes(state.phase);

function toStoredRow(record: RowRecord): StoredRow {
  const row = {
    key: engineKey(record.batch, record.key),
    index: record.position,
    kind: record.kind,
    input: record.input,
    state: record.state,
  } as StoredRow;
  return row.kind === 'video'
    ? { ...row, input: { ...row.input, out: batchFile(record.batch, row.input.out) } }
    : row;
}

/** The ledger's line for a row's create. */
function modelOf(row: StoredRow): string {
  return row.kind === 'video' ? row.input.task.model : 'asset-upload';
}

/** Seconds of video a create asks for, as the ledger counts them. */
export function secondsOf(row: StoredRow): number {
  return row.kind === 'video'
    ? (row.input.task.duration ?? DOCUMENTED_VIDEO_DURATION_S.default)
    : 0;
}

/**
 * The engine's store on PostgreSQL, for one worker process. A claim is a pg-boss job held under a
 * heartbeat: when the worker dies the heartbeat stops, and after the lease pg-boss hands the row
 * to the follow queue, where any worker picks it up. Each write compares the row's state with the
 * one the engine read, so a worker that lost its lease cannot act on a row another one holds.
 */
export class PostgresBatchStore implements BatchStore {
  readonly #queue: QueueConnection;
  readonly #held = new Map<string, Held>();
  readonly #heartbeat: NodeJS.Timeout;
  #closed = false;
  readonly #options: PostgresStoreOptions;
  /** Tells this worker's write-ahead from another's. */
  readonly #worker = randomUUID();

  constructor(queue: QueueConnection, options: PostgresStoreOptions = {}) {
    this.#queue = queue;
    this.#options = options;
    // Three beats per lease, so one slow beat does not lose a row.
    const everyMs = Math.max(1_000, (queue.leaseSeconds * 1_000) / 3);
    this.#heartbeat = setInterval(() => void this.#beat(), everyMs);
    this.#heartbeat.unref();
  }

  #lost(key: string): RowTakenOverError {
    this.#held.delete(key);
    return new RowTakenOverError(key);
  }

  /** Rows this worker holds now. */
  get held(): number {
    return this.#held.size;
  }

  async #beat(): Promise<void> {
    const byQueue = new Map<string, Held[]>();
    for (const held of this.#held.values()) {
      byQueue.set(held.queue, [...(byQueue.get(held.queue) ?? []), held]);
    }
    for (const [queue, jobs] of byQueue) {
      // A missed beat is retried by the next one; the lease allows two of them.
      await this.#queue.boss
        .touch(
          queue,
          jobs.map(({ id, retryCount }) => ({ id, retryCount })),
        )
        .catch(() => {});
    }
  }

  /** Rows are queued by `enqueueBatch`; the engine's own `add` (of no rows) has nothing to do. */
  async add(request: AddRowsRequest): Promise<void> {
    if (request.rows.length > 0) {
      throw new Error(
        'rows of a PostgreSQL batch are queued with enqueueBatch, not added by a worker',
      );
    }
  }

  /** True when a claim should look again; false when the worker may stop claiming. */
  async #waitForRows(signal?: AbortSignal): Promise<boolean> {
    const { idleMs, exitWhenIdle } = this.#options;
    if (idleMs === undefined || signal?.aborted || this.#closed) return false;
    if (exitWhenIdle && !(await withReconnect(() => hasOpenRows(this.#queue)))) return false;
    await pause(idleMs, signal);
    return !signal?.aborted;
  }

  async #fetch(): Promise<{ queue: string; job: Job<RowJob> } | undefined> {
    // Rows already under way first: they hold a paid task whose video expires.
    for (const queue of [FOLLOW_QUEUE, CREATE_QUEUE]) {
      const [job] = await this.#queue.boss.fetch<RowJob>(queue, { batchSize: 1 });
      if (job) return { queue, job };
    }
    return undefined;
  }

  async #read(batch: string, key: string): Promise<RowRecord | undefined> {
    const { rows } = await this.#queue.pool.query<RowRecord>(
      `SELECT batch, key, position, kind, input, state FROM ${SCHEMA}.row WHERE batch = $1 AND key = $2`,
      [batch, key],
    );
    return rows[0];
  }

  async claim(request: ClaimRequest): Promise<StoredRow | undefined> {
    // Reference uploads (a claim by key) are not queued in PostgreSQL: see the README.
    if (request.key !== undefined || this.#closed) return undefined;
    for (;;) {
      if (request.signal?.aborted) return undefined;
      const fetched = await withReconnect(() => this.#fetch(), {
        ...(request.signal && { signal: request.signal }),
      });
      if (!fetched) {
        if (!(await this.#waitForRows(request.signal))) return undefined;
        continue;
      }
      const { queue, job } = fetched;
      const held: Held = { queue, id: job.id, retryCount: job.retryCount };
      const record = await withReconnect(() => this.#read(job.data.batch, job.data.key));
      if (!record || settled(record.state)) {
        // A job for a row that has nothing left to do (a duplicate hand-over): let it go.
        await withReconnect(() => this.#queue.boss.complete(queue, held)).catch(() => {});
        continue;
      }
      const row = toStoredRow(record);
      this.#held.set(row.key, held);
      return row;
    }
  }

  async get(request: { key: string }): Promise<StoredRow | undefined> {
    const { batch, key } = splitEngineKey(request.key);
    const record = await withReconnect(() => this.#read(batch, key));
    return record && toStoredRow(record);
  }

  async save(request: SaveRequest): Promise<void> {
    const { batch, key } = splitEngineKey(request.key);
    // A send the service refused created nothing: its reservation goes back to the budget and
    // the ledger, in the same transaction as the state, so a retried commit cannot do it twice.
    const refund = request.from.phase === 'sending' && request.to.phase === 'rejected';
    const write = async (client: pg.Pool | pg.PoolClient, db?: IDatabase) => {
      const updated = await client.query<RowRecord>(
        `UPDATE ${SCHEMA}.row SET state = $3, parked = false, updated_at = now()
         WHERE batch = $1 AND key = $2 AND state = $4::jsonb
         RETURNING batch, key, position, kind, input, state`,
        [batch, key, JSON.stringify(request.to), JSON.stringify(request.from)],
      );
      const record = updated.rows[0];
      if (refund && record && db) await this.#refund(client, db, record);
      return updated.rowCount;
    };
    await withReconnect(async () => {
      const { pool } = this.#queue;
      const rowCount = refund ? await inTransaction(pool, write) : await write(pool);
      if (rowCount === 1) return;
      // A retry after a commit whose answer was lost finds its own change: that is success.
      const now = await this.#read(batch, key);
      if (!now || !sameState(now.state, request.to)) throw this.#lost(request.key);
    });
  }

  /** Takes back what `reserveSend` counted for this row's create. */
  async #refund(client: pg.PoolClient | pg.Pool, db: IDatabase, record: RowRecord): Promise<void> {
    const row = toStoredRow(record);
    // The batch, then the ledger: the order reserveSend locks them in, so the two never deadlock.
    await client.query(
      `UPDATE ${SCHEMA}.batch SET creates = creates - 1 WHERE name = $1 AND creates > 0`,
      [record.batch],
    );
    await client.query(
      `UPDATE ${SCHEMA}.ledger SET creates = creates - 1, seconds = seconds - $3
       WHERE batch = $1 AND model = $2 AND creates > 0`,
      [record.batch, modelOf(row), secondsOf(row)],
    );
    // The unit freed can be spent: one row parked for want of budget goes back to the workers.
    const unparked = await client.query<{ key: string }>(
      `UPDATE ${SCHEMA}.row SET parked = false
       WHERE (batch, key) = (SELECT batch, key FROM ${SCHEMA}.row
                             WHERE batch = $1 AND parked ORDER BY position LIMIT 1 FOR UPDATE)
       RETURNING key`,
      [record.batch],
    );
    const key = unparked.rows[0]?.key;
    if (key !== undefined) {
      const job: RowJob = { batch: record.batch, key };
      await this.#queue.boss.send(FOLLOW_QUEUE, job, { db });
    }
  }

  async reserveSend(request: ReserveSendRequest): Promise<Reservation> {
    const { batch, key } = splitEngineKey(request.key);
    const held = this.#held.get(request.key);
    const token = `${this.#worker}/${held?.id ?? 'unheld'}`;
    return withReconnect(() =>
      inTransaction(this.#queue.pool, async (client) => {
        const rowNow = await client.query<RowRecord & { reserved_by: string | null }>(
          `SELECT batch, key, position, kind, input, state, reserved_by FROM ${SCHEMA}.row
           WHERE batch = $1 AND key = $2 FOR UPDATE`,
          [batch, key],
        );
        const record = rowNow.rows[0];
        const budget = await client.query<{ max_tasks: number | null; creates: number }>(
          `SELECT max_tasks, creates FROM ${SCHEMA}.batch WHERE name = $1 FOR UPDATE`,
          [batch],
        );
        const limits = budget.rows[0];
        if (!record || !limits) throw this.#lost(request.key);
        // The write-ahead of this very attempt whose commit answer was lost: already reserved.
        // Another worker's reservation of the same row is not ours to send.
        if (sameState(record.state, request.to) && record.reserved_by === token) {
          return { ok: true, sends: limits.creates };
        }
        if (!sameState(record.state, request.from)) throw this.#lost(request.key);
        // The batch's --max-tasks is the budget that holds across workers; a run's own limit
        // (maxSends) can only lower it.
        const limit = Math.min(
          limits.max_tasks ?? Number.POSITIVE_INFINITY,
          request.maxSends ?? Number.POSITIVE_INFINITY,
        );
        if (limits.creates >= limit)
          return { ok: false, reason: 'budget-reached', sends: limits.creates };
        await client.query(
          `UPDATE ${SCHEMA}.row SET state = $3, parked = false, reserved_by = $4, updated_at = now()
           WHERE batch = $1 AND key = $2`,
          [batch, key, JSON.stringify(request.to), token],
        );
        const row = toStoredRow(record);
        const model = modelOf(row);
        await client.query(
          `INSERT INTO ${SCHEMA}.ledger (batch, model, creates, seconds) VALUES ($1, $2, 1, $3)
           ON CONFLICT (batch, model) DO UPDATE
           SET creates = ledger.creates + 1, seconds = ledger.seconds + EXCLUDED.seconds`,
          [batch, model, secondsOf(row)],
        );
        const updated = await client.query<{ creates: number }>(
          `UPDATE ${SCHEMA}.batch SET creates = creates + 1 WHERE name = $1 RETURNING creates`,
          [batch],
        );
        return { ok: true, sends: updated.rows[0]?.creates ?? limits.creates + 1 };
      }),
    );
  }

  async release(request: ReleaseRequest): Promise<void> {
    const held = this.#held.get(request.key);
    this.#held.delete(request.key);
    if (!held) return;
    const { batch, key } = splitEngineKey(request.key);
    const { boss, pool } = this.#queue;
    await withReconnect(() =>
      inTransaction(pool, async (client, db) => {
        const done = (await boss.complete(held.queue, held, null, { db })) as { affected?: number };
        // Not completed: the lease had run out and pg-boss already handed the row on.
        if (done.affected === 0 || settled(request.state)) return;
        if (request.state.phase === 'new' || request.state.phase === 'ready') {
          const spent = await client.query<{ spent: boolean }>(
            `SELECT max_tasks IS NOT NULL AND creates >= max_tasks AS spent FROM ${SCHEMA}.batch WHERE name = $1`,
            [batch],
          );
          if (spent.rows[0]?.spent) {
            // Waiting for budget: queue nothing, or workers would take it and put it back forever.
            await client.query(
              `UPDATE ${SCHEMA}.row SET parked = true WHERE batch = $1 AND key = $2`,
              [batch, key],
            );
            return;
          }
        }
        const job: RowJob = { batch, key };
        // A little later, not at once: a row paused by a failing download or poll would
        // otherwise go round the workers as fast as they can take it.
        await boss.send(FOLLOW_QUEUE, job, { db, startAfter: FOLLOW_DELAY_S });
      }),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#heartbeat);
  }
}
