import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { RowSpec } from '../src/index.js';
import {
  batchStatus,
  CREATE_QUEUE,
  enqueueBatch,
  FOLLOW_QUEUE,
  openQueue,
  PostgresBatchStore,
  type QueueConnection,
  RowTakenOverError,
} from '../src/postgres/index.js';
import { usePostgres } from './postgres-support.js';

const postgres = await usePostgres();

function videoRows(n: number, duration = 5): RowSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    key: String(i + 1),
    index: i + 1,
    kind: 'video' as const,
    input: {
      task: { model: 'kyyvideo2_fast', prompt: `video ${i + 1}`, duration },
      out: `video-${i + 1}.mp4`,
    },
  }));
}

async function withQueue<T>(
  work: (queue: QueueConnection, url: string) => Promise<T>,
  options: { leaseSeconds?: number } = {},
): Promise<T> {
  if (!postgres) throw new Error('unreachable');
  const url = await postgres.database();
  const queue = await openQueue(url, { ...options, superviseSeconds: 1 });
  try {
    return await work(queue, url);
  } finally {
    await queue.close();
  }
}

describe.skipIf(!postgres)('the PostgreSQL store', () => {
  it('queues rows keyed by batch and row: the same manifest again adds nothing', async () => {
    await withQueue(async (queue) => {
      const first = await enqueueBatch(queue, { batch: 'b1', rows: videoRows(3) });
      expect(first).toEqual({ added: ['1', '2', '3'], existing: 0, resumed: 0 });
      const again = await enqueueBatch(queue, { batch: 'b1', rows: videoRows(4) });
      expect(again).toEqual({ added: ['4'], existing: 3, resumed: 0 });
      const other = await enqueueBatch(queue, { batch: 'b2', rows: videoRows(2) });
      expect(other.added).toEqual(['1', '2']);
      const [b1] = await batchStatus(queue, { batch: 'b1' });
      expect(b1?.counts).toMatchObject({ rows: 4, pending: 4, running: 0 });
    });
  });

  it("the create queue never retries (retryLimit 0) and hands a dead worker's row to the follow queue", async () => {
    await withQueue(
      async (queue) => {
        const create = await queue.boss.getQueue(CREATE_QUEUE);
        const follow = await queue.boss.getQueue(FOLLOW_QUEUE);
        expect(create).toMatchObject({
          retryLimit: 0,
          deadLetter: FOLLOW_QUEUE,
          heartbeatSeconds: 10,
        });
        expect(follow?.retryLimit).toBeGreaterThan(0);
      },
      { leaseSeconds: 10 },
    );
  });

  it('refuses a bad batch name and reference uploads before writing anything', async () => {
    await withQueue(async (queue) => {
      await expect(enqueueBatch(queue, { batch: 'a:b', rows: videoRows(1) })).rejects.toThrow(
        /not a batch name/,
      );
      const [row] = videoRows(1);
      if (row?.kind !== 'video') throw new Error('unreachable');
      const withRefs: RowSpec = {
        ...row,
        input: { ...row.input, uploadReferences: ['https://e.x/a.png'] },
      };
      await expect(enqueueBatch(queue, { batch: 'refs', rows: [withRefs] })).rejects.toThrow(
        /reference uploads are not available/,
      );
      expect(await batchStatus(queue)).toEqual([]);
    });
  });

  it('--max-tasks holds across workers: concurrent reservations never pass it', async () => {
    await withQueue(async (queue) => {
      await enqueueBatch(queue, { batch: 'budget', rows: videoRows(10, 7), maxTasks: 4 });
      const stores = [new PostgresBatchStore(queue), new PostgresBatchStore(queue)];
      const claimed = await Promise.all(
        Array.from({ length: 10 }, (_, i) => stores[i % 2]?.claim({})),
      );
      const answers = await Promise.all(
        claimed.map(async (row, i) => {
          if (!row) throw new Error('a queued row was not handed out');
          const store = stores[i % 2] as PostgresBatchStore;
          await store.save({
            key: row.key,
            from: row.state,
            to: { phase: 'ready' },
            event: { type: 'prepared' },
          });
          return store.reserveSend({
            key: row.key,
            from: { phase: 'ready' },
            to: { phase: 'sending' },
          });
        }),
      );
      expect(answers.filter((a) => a.ok)).toHaveLength(4);
      const [status] = await batchStatus(queue, { batch: 'budget' });
      expect(status?.creates).toBe(4);
      expect(status?.secondsByModel).toEqual({ kyyvideo2_fast: 28 });
      expect(status?.counts).toMatchObject({ running: 4, pending: 6 });
      // Rows let go while the budget is spent wait without a job, so no worker spins on them.
      for (const [i, row] of claimed.entries()) {
        if (row && !answers[i]?.ok) {
          await stores[i % 2]?.release({ key: row.key, state: { phase: 'ready' } });
        }
      }
      const [after] = await batchStatus(queue, { batch: 'budget' });
      expect(after?.waitingForBudget).toBe(6);
      expect(await stores[0]?.claim({})).toBeUndefined();
      // A larger limit given again queues them again.
      const more = await enqueueBatch(queue, {
        batch: 'budget',
        rows: videoRows(10, 7),
        maxTasks: 6,
      });
      expect(more.resumed).toBe(6);
      await Promise.all(stores.map((s) => s.close()));
    });
  });

  it('a create the service refused is taken back once: from the budget, the ledger, and a parked row goes on', async () => {
    await withQueue(async (queue) => {
      await enqueueBatch(queue, { batch: 'refund', rows: videoRows(3, 5), maxTasks: 2 });
      const store = new PostgresBatchStore(queue);
      const rows = [await store.claim({}), await store.claim({}), await store.claim({})];
      const answers = [];
      for (const row of rows) {
        if (!row) throw new Error('a queued row was not handed out');
        answers.push(
          await store.reserveSend({ key: row.key, from: row.state, to: { phase: 'sending' } }),
        );
      }
      expect(answers.map((a) => a.ok)).toEqual([true, true, false]);
      const [first, , third] = rows;
      if (!first || !third) throw new Error('unreachable');
      await store.release({ key: third.key, state: third.state });
      expect((await batchStatus(queue, { batch: 'refund' }))[0]?.waitingForBudget).toBe(1);

      const refusal = {
        key: first.key,
        from: { phase: 'sending' } as const,
        to: { phase: 'rejected', error: { type: 'KyyAuthError', message: 'refused' } } as const,
        event: {
          type: 'send-rejected',
          error: { type: 'KyyAuthError', message: 'refused' },
        } as const,
      };
      await store.save(refusal);
      // The same write again, as after a commit whose answer was lost: no second refund.
      await store.save(refusal);
      const [status] = await batchStatus(queue, { batch: 'refund' });
      expect(status?.creates).toBe(1);
      expect(status?.createsByModel).toEqual({ kyyvideo2_fast: 1 });
      expect(status?.secondsByModel).toEqual({ kyyvideo2_fast: 5 });
      expect(status?.waitingForBudget).toBe(0);
      // The parked row is handed out again, and the freed unit is its to spend.
      const again = await store.claim({});
      expect(again?.key).toBe(third.key);
      const spent = await store.reserveSend({
        key: third.key,
        from: third.state,
        to: { phase: 'sending' },
      });
      expect(spent.ok).toBe(true);
      await store.close();
    });
  });

  it('a write from a stale state is refused: a worker whose row was taken over cannot act on it', async () => {
    await withQueue(async (queue) => {
      await enqueueBatch(queue, { batch: 'cas', rows: videoRows(1) });
      const store = new PostgresBatchStore(queue);
      const row = await store.claim({});
      if (!row) throw new Error('no row');
      await store.save({
        key: row.key,
        from: row.state,
        to: { phase: 'ready' },
        event: { type: 'prepared' },
      });
      await expect(
        store.save({
          key: row.key,
          from: { phase: 'new' },
          to: { phase: 'rejected', error: { type: 'X', message: 'stale' } },
          event: { type: 'prepare-failed', error: { type: 'X', message: 'stale' } },
        }),
      ).rejects.toBeInstanceOf(RowTakenOverError);
      await store.close();
    });
  });

  it('a live worker keeps its row past the lease: its heartbeat renews the claim', async () => {
    await withQueue(
      async (queue, url) => {
        await enqueueBatch(queue, { batch: 'beat', rows: videoRows(1) });
        const store = new PostgresBatchStore(queue);
        const row = await store.claim({});
        if (!row) throw new Error('no row');
        const db = new pg.Client({ connectionString: url });
        await db.connect();
        try {
          // pg-boss's own columns: wait until the claim has lived past its lease, beat by beat.
          const job = async () =>
            (
              await db.query<{ state: string; alive: boolean }>(
                `SELECT state, heartbeat_on > started_on + interval '15 seconds' AS alive
                 FROM pgboss.job WHERE name = 'kyy-video-create'`,
              )
            ).rows[0];
          for (let i = 0; i < 120 && !(await job())?.alive; i++) {
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
          expect(await job()).toEqual({ state: 'active', alive: true });
          // Nothing was handed over: no other worker can take the row.
          expect(await new PostgresBatchStore(queue).claim({})).toBeUndefined();
        } finally {
          await db.end();
          await store.close();
        }
      },
      { leaseSeconds: 10 },
    );
  });

  it('a dead worker holds its row only until the lease runs out; the row comes back for any worker', async () => {
    await withQueue(
      async (queue, url) => {
        await enqueueBatch(queue, { batch: 'lease', rows: videoRows(1) });
        // The dying worker: its own connection, closed without letting the row go.
        const dying = await openQueue(url);
        const store = new PostgresBatchStore(dying);
        const row = await store.claim({});
        if (!row) throw new Error('no row');
        await store.save({
          key: row.key,
          from: row.state,
          to: { phase: 'ready' },
          event: { type: 'prepared' },
        });
        expect(
          await store.reserveSend({
            key: row.key,
            from: { phase: 'ready' },
            to: { phase: 'sending' },
          }),
        ).toEqual({ ok: true, sends: 1 });
        await store.close();
        await dying.close();
        const other = new PostgresBatchStore(queue, { idleMs: 200 });
        const controller = new AbortController();
        const limit = setTimeout(() => controller.abort(), 90_000);
        const again = await other.claim({ signal: controller.signal });
        clearTimeout(limit);
        // Handed over with its write-ahead: the engine turns it into `unknown`, never a second create.
        expect(again).toMatchObject({ key: 'lease:1', state: { phase: 'sending' } });
        await other.close();
      },
      { leaseSeconds: 10 },
    );
  });
});
