/**
 * Runs `task(0…count-1)` with at most `limit` in flight. Tasks handle their own errors: one
 * task's failure must never stop the others that are already running. The one concurrency pool
 * of the toolkit (the batch engine and the CLI build on it).
 */
export async function runPool(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
