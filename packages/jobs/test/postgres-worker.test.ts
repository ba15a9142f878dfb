import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createKyyClient } from '@kyyvideo/client';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { RowSpec } from '../src/index.js';
import {
  batchStatus,
  enqueueBatch,
  LANE_FAILURES_TO_STOP,
  openQueue,
  runWorker,
  WorkerStoppedError,
} from '../src/postgres/index.js';
import { usePostgres } from './postgres-support.js';
import { API_KEY, CREATE_PATH, useMockServer } from './support.js';

const postgres = await usePostgres();
const { env, client, creates } = useMockServer({ taskConcurrency: 50 });

const redact = (text: string) => text.split(API_KEY).join('[redacted]');

function videoRows(n: number): RowSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    key: String(i + 1),
    index: i + 1,
    kind: 'video' as const,
    input: {
      task: { model: 'kyyvideo2_fast', prompt: `video ${i + 1}`, duration: 5 },
      out: `video-${i + 1}.mp4`,
    },
  }));
}

describe.skipIf(!postgres)('workers on the PostgreSQL store', () => {
  it('two workers share a batch: each row created once, every MP4 written, the key in no table', async () => {
    if (!postgres) return;
    const url = await postgres.database();
    const queues = await Promise.all([openQueue(url), openQueue(url)]);
    try {
      const [first] = queues;
      if (!first) throw new Error('unreachable');
      await enqueueBatch(first, { batch: 'two', rows: videoRows(12) });
      const results = await Promise.all(
        queues.map((queue) =>
          runWorker(client(), queue, {
            outDir: env.dir,
            concurrency: 3,
            intervalMs: 20,
            idleMs: 100,
            exitWhenIdle: true,
            redact,
          }),
        ),
      );
      expect(results.reduce((n, r) => n + r.sends, 0)).toBe(12);
      expect(creates()).toBe(12);
      expect(env.server.mock.requests().filter((r) => r.path.endsWith(CREATE_PATH))).toHaveLength(
        12,
      );
      const [status] = await batchStatus(first, { batch: 'two' });
      expect(status?.counts).toMatchObject({ rows: 12, downloaded: 12, pending: 0, running: 0 });
      expect(status?.creates).toBe(12);
      expect(status?.secondsByModel).toEqual({ kyyvideo2_fast: 60 });
      expect(readdirSync(join(env.dir, 'two')).filter((f) => f.endsWith('.mp4'))).toHaveLength(12);
      // Every table of the database, pg-boss's included, as text: the key is in none of them.
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const tables = await db.query<{ schema: string; name: string }>(
          `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
           WHERE table_schema IN ('kyy_batch', 'pgboss') AND table_type = 'BASE TABLE'`,
        );
        for (const { schema, name } of tables.rows) {
          const dump = await db.query(`SELECT t::text AS line FROM "${schema}"."${name}" t`);
          const text = dump.rows.map((r) => r.line).join('\n');
          expect(text).not.toContain(API_KEY);
          expect(text).not.toContain(Buffer.from(API_KEY).toString('base64'));
        }
      } finally {
        await db.end();
      }
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  });

  it('batches that name the same file each get their own: one folder per batch', async () => {
    if (!postgres) return;
    const url = await postgres.database();
    const queue = await openQueue(url);
    try {
      await enqueueBatch(queue, { batch: 'first', rows: videoRows(2) });
      await enqueueBatch(queue, { batch: 'second', rows: videoRows(2) });
      const result = await runWorker(client(), queue, {
        outDir: env.dir,
        concurrency: 2,
        intervalMs: 20,
        idleMs: 100,
        exitWhenIdle: true,
        redact,
      });
      expect(result.sends).toBe(4);
      expect(readdirSync(env.dir).sort()).toEqual(['first', 'second']);
      for (const batch of ['first', 'second']) {
        expect(readdirSync(join(env.dir, batch)).sort()).toEqual(['video-1.mp4', 'video-2.mp4']);
      }
    } finally {
      await queue.close();
    }
  });

  it('an error that keeps coming back stops the worker (it does not spin), with the error', async () => {
    if (!postgres) return;
    const url = await postgres.database();
    const queue = await openQueue(url);
    try {
      // More rows than failures to stop: each failed claim holds its row until the lease runs
      // out, so every failure is a fresh row, not a wait for a lease.
      await enqueueBatch(queue, { batch: 'dropped', rows: videoRows(4 * LANE_FAILURES_TO_STOP) });
      const before = creates();
      // A table the store needs is gone: every claim fails the same way, and no wait fixes it.
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      await db.query('DROP TABLE kyy_batch.row CASCADE');
      await db.end();
      const laneErrors: unknown[] = [];
      const stopped = await runWorker(client(), queue, {
        outDir: env.dir,
        concurrency: 2,
        intervalMs: 20,
        idleMs: 100,
        redact,
        onLaneError: (error) => laneErrors.push(error),
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Without exitWhenIdle only a stop ends runWorker: the stop is what this test waits on.
      expect(stopped).toBeInstanceOf(WorkerStoppedError);
      const error = stopped as WorkerStoppedError;
      expect(error.message).toContain('does not exist');
      expect(error.result.sends).toBe(0);
      expect(creates()).toBe(before);
      // The failing lane stopped at the limit; the other lane stopped with it.
      expect(laneErrors.length).toBeGreaterThanOrEqual(LANE_FAILURES_TO_STOP);
      expect(laneErrors.length).toBeLessThanOrEqual(2 * LANE_FAILURES_TO_STOP);
    } finally {
      await queue.close();
    }
  });

  it('a refused key stops every lane of the worker; the rows not sent stay queued', async () => {
    if (!postgres) return;
    const url = await postgres.database();
    const queue = await openQueue(url);
    try {
      await enqueueBatch(queue, { batch: 'wrongkey', rows: videoRows(10) });
      const wrong = createKyyClient({ apiKey: 'not-the-key', baseUrl: env.server.url });
      const result = await runWorker(wrong, queue, {
        outDir: env.dir,
        concurrency: 2,
        intervalMs: 20,
        idleMs: 100,
        redact,
      });
      // Without exitWhenIdle only the refusal ends the worker; each lane sent at most one.
      expect(result.keyRefused).toBe(true);
      expect(result.sends).toBe(0);
      expect(creates()).toBeLessThanOrEqual(2);
      const [status] = await batchStatus(queue, { batch: 'wrongkey' });
      // A refused create made nothing: the ledger and the budget do not count it.
      expect(creates()).toBeGreaterThan(0);
      expect(status?.creates).toBe(0);
      expect(Object.values(status?.secondsByModel ?? {}).every((s) => s === 0)).toBe(true);
      expect(status?.counts.downloaded).toBe(0);
      expect((status?.counts.pending ?? 0) + (status?.counts.rejected ?? 0)).toBe(10);
    } finally {
      await queue.close();
    }
  });
});
