import type { QueueConnection } from './connection.js';
import { SCHEMA } from './schema.js';

/** Rows of a batch by what they wait for, as `kyy videos status` shows them. */
export interface RowCounts {
  rows: number;
  /** Not created yet (new, ready, or waiting for budget). */
  pending: number;
  /** Being created, generated at the service, or downloaded. */
  running: number;
  downloaded: number;
  /** The task ended failed at the service. */
  failed: number;
  /** Provably nothing was created (refused); queued again they cost nothing twice. */
  rejected: number;
  /** The create may have reached the service; it is not sent again. */
  unknown: number;
}

export interface BatchStatus {
  batch: string;
  /** The batch's --max-tasks, or null when unlimited. */
  maxTasks: number | null;
  counts: RowCounts;
  /** Of the pending rows, those waiting for budget (--max-tasks reached). */
  waitingForBudget: number;
  /** Creates reserved (write-ahead committed) across every worker, less those the service refused: the ledger. */
  creates: number;
  /** Seconds of video asked for, by model. */
  secondsByModel: Record<string, number>;
  createsByModel: Record<string, number>;
}

const PHASE_GROUP: Record<string, keyof RowCounts> = {
  new: 'pending',
  ready: 'pending',
  sending: 'running',
  sent: 'running',
  completed: 'running',
  downloaded: 'downloaded',
  failed: 'failed',
  rejected: 'rejected',
  unknown: 'unknown',
};

const emptyCounts = (): RowCounts => ({
  rows: 0,
  pending: 0,
  running: 0,
  downloaded: 0,
  failed: 0,
  rejected: 0,
  unknown: 0,
});

/** Every batch (or one) with its counts and ledger, by name. */
export async function batchStatus(
  queue: QueueConnection,
  options: { batch?: string } = {},
): Promise<BatchStatus[]> {
  const only = options.batch ?? null;
  const { pool } = queue;
  const batches = await pool.query<{ name: string; max_tasks: number | null; creates: number }>(
    `SELECT name, max_tasks, creates FROM ${SCHEMA}.batch WHERE $1::text IS NULL OR name = $1 ORDER BY name`,
    [only],
  );
  const phases = await pool.query<{ batch: string; phase: string; parked: boolean; n: string }>(
    `SELECT batch, phase, parked, count(*) AS n FROM ${SCHEMA}.row
     WHERE $1::text IS NULL OR batch = $1 GROUP BY batch, phase, parked`,
    [only],
  );
  const ledger = await pool.query<{
    batch: string;
    model: string;
    creates: number;
    seconds: number;
  }>(
    `SELECT batch, model, creates, seconds FROM ${SCHEMA}.ledger WHERE $1::text IS NULL OR batch = $1 ORDER BY model`,
    [only],
  );
  return batches.rows.map((b) => {
    const counts = emptyCounts();
    let waitingForBudget = 0;
    for (const p of phases.rows.filter((r) => r.batch === b.name)) {
      const n = Number(p.n);
      counts.rows += n;
      counts[PHASE_GROUP[p.phase] ?? 'pending'] += n;
      if (p.parked) waitingForBudget += n;
    }
    const models = ledger.rows.filter((l) => l.batch === b.name);
    return {
      batch: b.name,
      maxTasks: b.max_tasks,
      counts,
      waitingForBudget,
      creates: b.creates,
      secondsByModel: Object.fromEntries(models.map((l) => [l.model, l.seconds])),
      createsByModel: Object.fromEntries(models.map((l) => [l.model, l.creates])),
    };
  });
}

/**
 * Whether a worker with `--exit-when-idle` may stop: no row is left that a worker could still
 * take (pending or under way), apart from rows waiting for budget. Rows held by a dead worker
 * count as under way until its lease runs out and another worker settles them.
 */
export async function hasOpenRows(queue: QueueConnection): Promise<boolean> {
  const { rows } = await queue.pool.query<{ open: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${SCHEMA}.row
       WHERE phase NOT IN ('downloaded', 'failed', 'rejected', 'unknown') AND NOT parked) AS open`,
  );
  return rows[0]?.open === true;
}
