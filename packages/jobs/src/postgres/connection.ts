import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { ensureSchema } from './schema.js';

/** New rows wait here for their create. The queue never retries it: a create costs money. */
export const CREATE_QUEUE = 'kyy-video-create';
/**
 * Rows that have to be picked up again: paused by a worker that stopped, or handed over by
 * pg-boss when the worker holding a create job died (its dead-letter queue). Polls and downloads
 * are safe to repeat, so the queue retries them; a row found mid-create becomes `unknown`.
 */
export const FOLLOW_QUEUE = 'kyy-video-follow';

/** Default lease: how long a row stays held after its worker stops answering. */
export const DEFAULT_LEASE_SECONDS = 30;
/** pg-boss refuses a shorter heartbeat. */
export const MIN_LEASE_SECONDS = 10;
/** A job may stay active this long as long as its heartbeat goes on (a video takes minutes). */
const JOB_EXPIRE_SECONDS = 6 * 60 * 60;
/** Follow-ups of a row whose worker died over and over (each time after its lease). */
const FOLLOW_RETRY_LIMIT = 50;

export interface QueueOptions {
  /** Seconds a dead worker's rows stay held (pg-boss heartbeat). Sets the queues' lease. */
  leaseSeconds?: number;
  /** Passed on to pg-boss: how often it looks for dead workers' jobs (seconds, default 5). */
  superviseSeconds?: number;
}

export interface QueueConnection {
  pool: pg.Pool;
  boss: PgBoss;
  leaseSeconds: number;
  close(): Promise<void>;
}

/** A connection URL as it may be shown: without its password. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const name of PASSWORD_PARAMS)
      if (u.searchParams.has(name)) u.searchParams.set(name, '***');
    return u.toString();
  } catch {
    return '(the --queue URL)';
  }
}

/** Query parameters that the PostgreSQL driver reads as passwords (`?password=…`). */
const PASSWORD_PARAMS = ['password', 'sslpassword'];

/** True when a connection URL carries a password, in its user part or its query. */
export function hasPassword(url: string): boolean {
  try {
    const u = new URL(url);
    return u.password !== '' || PASSWORD_PARAMS.some((name) => u.searchParams.has(name));
  } catch {
    return false;
  }
}

/** Workers starting together may both try to create a queue: the loser finds it made. */
async function ensureQueue(
  boss: PgBoss,
  name: string,
  options: Parameters<PgBoss['createQueue']>[1],
): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, options);
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}

export async function openQueue(
  url: string,
  options: QueueOptions & { onError?: (error: Error) => void } = {},
): Promise<QueueConnection> {
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < MIN_LEASE_SECONDS) {
    throw new RangeError(
      `the lease must be a whole number of seconds, at least ${MIN_LEASE_SECONDS}`,
    );
  }
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // A pooled client whose server went away emits 'error'; without a listener that ends the process.
  pool.on('error', (error) => options.onError?.(error));
  const supervise = options.superviseSeconds ?? 5;
  const boss = new PgBoss({
    connectionString: url,
    superviseIntervalSeconds: supervise,
    monitorIntervalSeconds: supervise,
  });
  boss.on('error', (error) => options.onError?.(error));
  try {
    await ensureSchema(pool);
    await boss.start();
    await ensureQueue(boss, FOLLOW_QUEUE, {
      retryLimit: FOLLOW_RETRY_LIMIT,
      retryDelay: 1,
      expireInSeconds: JOB_EXPIRE_SECONDS,
      heartbeatSeconds: leaseSeconds,
    });
    await ensureQueue(boss, CREATE_QUEUE, {
      retryLimit: 0,
      expireInSeconds: JOB_EXPIRE_SECONDS,
      heartbeatSeconds: leaseSeconds,
      deadLetter: FOLLOW_QUEUE,
    });
    if (options.leaseSeconds !== undefined) {
      // Jobs already queued keep the lease they were queued with; new ones and hand-overs take this.
      await boss.updateQueue(FOLLOW_QUEUE, { heartbeatSeconds: leaseSeconds });
      await boss.updateQueue(CREATE_QUEUE, { heartbeatSeconds: leaseSeconds });
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    pool,
    boss,
    leaseSeconds,
    close: async () => {
      await boss.stop({ graceful: false }).catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
