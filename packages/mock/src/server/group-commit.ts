import type { JournalFile } from './journal-file.js';

/**
 * How long a change may sit in the operating system's cache before it is flushed to the disk
 * when `fsync` is off: a power cut loses at most about this much; a killed mock loses nothing.
 */
export const FLUSH_EVERY_MS = 1_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface GroupCommit {
  /** Queues one encoded change; it goes out with the others of this event-loop turn. */
  push(...lines: string[]): void;
  /** Resolves once every change pushed so far is written; rejects if writing failed. */
  whenDurable(): Promise<void>;
  /** Stops the timer and writes whatever is still queued. */
  drain(): Promise<void>;
}

/**
 * Batches changes: everything that arrived while the previous batch was being written goes out in
 * one write, and each waiter is released once its batch is written.
 */
export function createGroupCommit(
  journalFile: JournalFile,
  names: { file: string; journal: string },
  log: (line: string) => void,
): GroupCommit {
  const { file, journal } = names;
  let pending: string[] = [];
  let appended = 0; // changes appended so far
  let durable = 0; // changes known to be written
  let waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let writing: Promise<void> | null = null;
  let closed = false;

  const settle = (upTo: number, error?: Error) => {
    const still: typeof waiters = [];
    for (const w of waiters) {
      if (w.upTo > upTo) still.push(w);
      else if (error) w.reject(error);
      else w.resolve();
    }
    waiters = still;
  };

  /** Writes one batch: to the journal, or as a whole snapshot once the journal is suspect. */
  const writeBatch = async (batch: string) => {
    if (!journalFile.suspect) {
      try {
        await journalFile.append(Buffer.from(batch));
      } catch (error) {
        journalFile.suspect = true;
        log(
          `could not write state journal ${journal}: ${messageOf(error)}; saving the whole state to ${file} instead`,
        );
      }
    }
    // The store in memory holds this batch (and anything since), so a snapshot saves it.
    if (journalFile.suspect) await journalFile.compact();
  };

  const foldIfDue = async () => {
    if (!journalFile.dueForCompaction) return;
    try {
      await journalFile.compact();
    } catch (error) {
      // The journal is still whole: keep appending, and try again once it has grown as much.
      journalFile.postponeCompaction();
      log(`could not fold state journal ${journal} into ${file}: ${messageOf(error)}`);
    }
  };

  const writeLoop = async () => {
    while (pending.length > 0) {
      const batch = pending.join('');
      const upTo = appended;
      pending = [];
      try {
        await writeBatch(batch);
        durable = upTo;
        settle(upTo);
      } catch (error) {
        log(
          `could not save state file ${file}: ${messageOf(error)}; changes since the last save are in memory only until a save succeeds`,
        );
        settle(upTo, error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      await foldIfDue();
    }
  };
  const run = (work: () => Promise<void>) => {
    writing = work().finally(() => {
      writing = null;
      if (pending.length > 0 && !closed) kick();
    });
  };
  // Changes made in one turn of the event loop (every request parsed in it) share one write.
  let scheduled = false;
  const kick = () => {
    if (writing !== null || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (writing === null) run(writeLoop);
    });
  };
  // Without fsync the disk still gets every change soon; the flush takes turns with the writes.
  const flusher = setInterval(() => {
    if (!journalFile.unflushed || writing !== null || closed) return;
    run(async () => {
      try {
        await journalFile.flush();
      } catch (error) {
        log(`could not flush state journal ${journal}: ${messageOf(error)}`);
      }
    });
  }, FLUSH_EVERY_MS);
  flusher.unref();

  return {
    push(...lines) {
      pending.push(...lines);
      appended++;
      kick();
    },
    whenDurable() {
      if (durable >= appended) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ upTo: appended, resolve, reject });
      });
    },
    async drain() {
      closed = true;
      clearInterval(flusher);
      while (writing || scheduled) await (writing ?? new Promise((r) => setImmediate(r)));
      await writeLoop();
    },
  };
}
