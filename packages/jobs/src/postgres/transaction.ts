import type pg from 'pg';
import type { Db as IDatabase } from 'pg-boss';

/** Runs `work` in one transaction; pg-boss calls made with the `db` it gets join it. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, db: IDatabase) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out client is not the pool's to watch: a server shutting down while it is held
  // emits 'error' on it, which would end the process without a listener. The query fails too.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  const db: IDatabase = { executeSql: (text, values) => client.query(text, values as unknown[]) };
  try {
    await client.query('BEGIN');
    const result = await work(client, db);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) await client.query('ROLLBACK').catch(() => {});
    broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', onError);
    // A client that failed is closed rather than handed out again.
    client.release(broken);
  }
}
