import type { JobInsert } from 'pg-boss';
import type { RowSpec } from '../store.js';
import { CREATE_QUEUE, FOLLOW_QUEUE, type QueueConnection } from './connection.js';
import { BATCH_NAME_RULE, isBatchName } from './row-key.js';
import { SCHEMA } from './schema.js';
import type { RowJob } from './store.js';
import { inTransaction } from './transaction.js';

export interface EnqueueRequest {
  batch: string;
  rows: readonly RowSpec[];
  /**
   * Creates the whole batch may send, across every worker. Given again, it replaces the batch's
   * limit (rows waiting for budget are queued again when it grew); absent, the limit stays.
   */
  maxTasks?: number;
}

export interface EnqueueResult {
  /** Keys of the rows this call queued, in manifest order. */
  added: string[];
  /** Rows of the request that the batch already had (kept as they are). */
  existing: number;
  /** Rows that waited for budget and were queued again because the limit grew. */
  resumed: number;
}

/** Thrown before anything is written: the request itself is wrong. */
export class EnqueueInputError extends Error {
  override readonly name = 'EnqueueInputError';
}

/**
 * Queues a batch's rows, keyed by batch and row key, in one transaction with their jobs: queueing
 * the same rows again adds nothing. Only video rows: reference uploads need one worker to wait
 * for another's upload, which the queue does not do yet.
 */
export async function enqueueBatch(
  queue: QueueConnection,
  request: EnqueueRequest,
): Promise<EnqueueResult> {
  if (!isBatchName(request.batch)) {
    throw new EnqueueInputError(`"${request.batch}" is not a batch name: ${BATCH_NAME_RULE}.`);
  }
  if (
    request.maxTasks !== undefined &&
    !(Number.isInteger(request.maxTasks) && request.maxTasks >= 0)
  ) {
    throw new EnqueueInputError('the batch limit (max tasks) must be a whole number, 0 or more.');
  }
  for (const row of request.rows) {
    if (row.kind !== 'video') {
      throw new EnqueueInputError(`row ${row.index}: only video rows can be queued in PostgreSQL.`);
    }
    if (row.input.uploadReferences?.length) {
      throw new EnqueueInputError(
        `row ${row.index}: reference uploads are not available with a PostgreSQL queue; upload them first (kyy assets batch) and use their asset:// references.`,
      );
    }
  }
  const { pool, boss } = queue;
  return inTransaction(pool, async (client, db) => {
    await client.query(
      `INSERT INTO ${SCHEMA}.batch (name, max_tasks) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET max_tasks = COALESCE($2, batch.max_tasks)`,
      [request.batch, request.maxTasks ?? null],
    );
    const inserted = await client.query<{ key: string }>(
      `INSERT INTO ${SCHEMA}.row (batch, key, position, kind, input, state)
       SELECT $1, r.key, r.position, r.kind, r.input, '{"phase":"new"}'::jsonb
       FROM jsonb_to_recordset($2::jsonb) AS r(key text, position integer, kind text, input jsonb)
       ON CONFLICT (batch, key) DO NOTHING
       RETURNING key, position`,
      [
        request.batch,
        JSON.stringify(
          request.rows.map((row) => ({
            key: row.key,
            position: row.index,
            kind: row.kind,
            input: row.input,
          })),
        ),
      ],
    );
    const added = inserted.rows.map((row) => row.key);
    const jobs = (keys: readonly string[]): JobInsert[] =>
      keys.map((key) => ({ data: { batch: request.batch, key } satisfies RowJob }));
    if (added.length > 0) await boss.insert(CREATE_QUEUE, jobs(added), { db });
    let resumed = 0;
    if (request.maxTasks !== undefined) {
      const unparked = await client.query<{ key: string }>(
        `UPDATE ${SCHEMA}.row SET parked = false
         WHERE batch = $1 AND parked AND (SELECT creates < max_tasks FROM ${SCHEMA}.batch WHERE name = $1)
         RETURNING key`,
        [request.batch],
      );
      resumed = unparked.rows.length;
      if (resumed > 0)
        await boss.insert(FOLLOW_QUEUE, jobs(unparked.rows.map((r) => r.key)), { db });
    }
    const wanted = new Set(request.rows.map((row) => row.key));
    const order = new Map(request.rows.map((row, i) => [row.key, i]));
    added.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return { added, existing: wanted.size - added.length, resumed };
  });
}
