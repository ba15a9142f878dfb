import { afterAll } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../src/postgres/throwaway-cluster.js';

/**
 * One PostgreSQL per test file (KYY_TEST_POSTGRES_URL, else a throw-away cluster), stopped and
 * removed after the file even when a test fails; `undefined` with one printed line when neither
 * is to be had, so the file's tests skip.
 */
export async function usePostgres(): Promise<TestPostgres | undefined> {
  const started = await startTestPostgres();
  if (!started.ok) {
    process.stderr.write(`${started.skip}\n`);
    return undefined;
  }
  afterAll(() => started.postgres.stop());
  return started.postgres;
}
