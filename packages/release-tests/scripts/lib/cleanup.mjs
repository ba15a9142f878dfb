// Everything the release test starts or creates registers how to undo it here, so that a pass,
// a failure and Ctrl-C all end the same way: processes stopped, temporary directories removed.

/** Long enough for a process group to exit after SIGTERM/SIGKILL or a large rm -r to finish. */
export const CLEANUP_TASK_TIMEOUT_MS = 30_000;

/**
 * @typedef {{ label: string, run: () => Promise<void> | void }} CleanupTask
 */

/**
 * @param {{ warn: (line: string) => void, taskTimeoutMs?: number }} io
 */
export function createCleanup({ warn, taskTimeoutMs = CLEANUP_TASK_TIMEOUT_MS }) {
  /** @type {CleanupTask[]} */
  const tasks = [];
  /** @type {Promise<void> | undefined} */
  let running;

  async function runAll() {
    // Newest first: the mock stops before the directory it runs from is removed.
    while (tasks.length > 0) {
      const task = /** @type {CleanupTask} */ (tasks.pop());
      try {
        await withTimeout(Promise.resolve().then(task.run), taskTimeoutMs, task.label);
      } catch (error) {
        warn(`cleanup: ${task.label} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  }

  return {
    /**
     * @param {string} label
     * @param {() => Promise<void> | void} run
     */
    add(label, run) {
      tasks.push({ label, run });
    },
    /** Runs every task once, newest first; later calls wait for the same run. */
    run() {
      running ??= runAll();
      return running;
    },
    get size() {
      return tasks.length;
    },
  };
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} label
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, label) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} did not finish within ${ms / 1000} s`)),
      ms,
    );
  });
  return /** @type {Promise<T>} */ (
    Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
  );
}
