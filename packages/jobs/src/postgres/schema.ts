import type pg from 'pg';
import { inTransaction } from './transaction.js';

/**
 * The tables beside pg-boss's own schema. A row's state, the batch's budget counter and the
 * ledger change in one transaction (`reserveSend`), which is why they live in the same database
 * as the queue. Nothing here holds the API key: rows keep the task body and redacted errors.
 */
export const SCHEMA = 'kyy_batch';

/** Phases after which a worker has nothing left to do for a row. */
export const SETTLED_PHASES = ['downloaded', 'failed', 'rejected', 'unknown'] as const;

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
CREATE TABLE IF NOT EXISTS ${SCHEMA}.batch (
  name text PRIMARY KEY,
  max_tasks integer,
  creates integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${SCHEMA}.row (
  batch text NOT NULL REFERENCES ${SCHEMA}.batch (name),
  key text NOT NULL,
  position integer NOT NULL,
  kind text NOT NULL,
  input jsonb NOT NULL,
  state jsonb NOT NULL,
  phase text GENERATED ALWAYS AS (state ->> 'phase') STORED,
  -- Set when a row waits for budget that is spent: no job is queued for it then.
  parked boolean NOT NULL DEFAULT false,
  -- Which worker's claim wrote the write-ahead: a retried reserve recognises its own.
  reserved_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (batch, key)
);
CREATE INDEX IF NOT EXISTS row_open ON ${SCHEMA}.row (batch) WHERE phase NOT IN ('downloaded', 'failed', 'rejected', 'unknown');
CREATE TABLE IF NOT EXISTS ${SCHEMA}.ledger (
  batch text NOT NULL REFERENCES ${SCHEMA}.batch (name),
  model text NOT NULL,
  creates integer NOT NULL DEFAULT 0,
  seconds integer NOT NULL DEFAULT 0,
  PRIMARY KEY (batch, model)
);
`;

/** Any number of workers may start at once: the advisory lock keeps their DDL from racing. */
export async function ensureSchema(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('kyy_batch schema'))");
    await client.query(DDL);
  });
}
