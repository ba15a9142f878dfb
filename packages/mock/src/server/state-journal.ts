import { ftruncateSync, writeSync } from 'node:fs';
import { type FileHandle, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Durability } from '../core/core.js';
import { type InternalStore, isStoredAsset, type StoreChange } from '../store.js';
import { isStoredTask } from '../tasks.js';
import { loadState, removeStaleTempFiles, syncDirectory, writeFileAtomic } from './state-file.js';

/** The journal sits next to the snapshot: `state.json` → `state.json.journal`. */
export const journalFileOf = (file: string) => `${file}.journal`;

/**
 * Past this size the journal is folded into a fresh snapshot. Big enough that compaction (which
 * serialises every record) is rare under load, small enough that start-up replay stays quick.
 */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export interface PersistentState extends Durability {
  /** Writes what is pending, folds the journal into the snapshot and removes the journal. */
  close(): Promise<void>;
}

/** Writes all of `bytes` at `position` (one write may take fewer bytes than it was given). */
function writeAt(fd: number, bytes: Buffer, position: number): void {
  for (let offset = 0; offset < bytes.length; ) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One journal line per change: `{"kind":"asset","op":"put","record":{…}}`, newline-terminated. */
function encode(change: StoreChange): string {
  return `${JSON.stringify(change)}\n`;
}

/** Reads one journal line back; `null` when it is not a change this version understands. */
function decode(line: string): StoreChange | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  if (c.op === 'reset') return { op: 'reset' };
  if (c.kind !== 'asset' && c.kind !== 'task') return null;
  if (c.op === 'delete')
    return typeof c.id === 'string' ? { op: 'delete', kind: c.kind, id: c.id } : null;
  if (c.op !== 'put') return null;
  if (c.kind === 'task')
    return isStoredTask(c.record) ? { op: 'put', kind: 'task', record: c.record } : null;
  return isStoredAsset(c.record) ? { op: 'put', kind: 'asset', record: c.record } : null;
}

/**
 * Replays the journal into the store; drops a torn last line, refuses anything else broken.
 * Returns whether the journal held anything (changes or a torn line) to fold into the snapshot.
 */
async function replay(
  journal: string,
  store: InternalStore,
  log: (line: string) => void,
): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(journal, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const lines = text.split('\n');
  // Every write ends with a newline, so text after the last one is a write cut short by a crash.
  // Its change was never acknowledged (acknowledgement waits for the whole batch's write).
  const torn = lines.pop() ?? '';
  if (torn !== '') {
    log(
      `state journal ${journal}: dropped an incomplete last entry (${torn.length} bytes) left by a crash; it was never acknowledged`,
    );
  }
  lines.forEach((line, index) => {
    if (line === '') return;
    const change = decode(line);
    if (!change) {
      throw new Error(
        `State journal ${journal} is corrupt at line ${index + 1}: not a kyy-mock change. Fix it, delete it (losing changes since the last snapshot), or pass another --state path.`,
      );
    }
    store.apply(change);
  });
  return text !== '';
}

/**
 * How long a change may sit in the operating system's cache before it is flushed to the disk
 * when `fsync` is off: a power cut loses at most about this much; a killed mock loses nothing.
 */
export const FLUSH_EVERY_MS = 1_000;

export interface PersistentStateOptions {
  /**
   * Answer a change only once the disk has it (fdatasync per batch), so that it survives a power
   * cut too. Off: answer once it is written to the journal file, which a killed or crashed mock
   * cannot lose; the disk is flushed every {@link FLUSH_EVERY_MS}.
   */
  fsync: boolean;
}

/**
 * Durable `--state`: the snapshot (`FILE`, plain JSON) plus a journal of changes since
 * (`FILE.journal`, one JSON line per change). Changes are appended in batches: everything that
 * arrived while the previous batch was being written goes out in one write (group commit), and a
 * request is answered only after its batch is written (and, with `fsync`, on the disk). At
 * start-up, when the journal holds anything, and whenever it grows past the snapshot's size (at
 * least {@link COMPACT_AFTER_BYTES}), the journal is folded into a new snapshot.
 */
export async function openPersistentState(
  file: string,
  store: InternalStore,
  log: (line: string) => void,
  { fsync }: PersistentStateOptions = { fsync: false },
): Promise<PersistentState> {
  const journal = journalFileOf(file);
  await mkdir(dirname(file), { recursive: true });
  for (const name of await removeStaleTempFiles(file)) {
    log(`removed ${name}, a temp file left by an earlier run that was killed`);
  }
  const saved = await loadState(file);
  if (saved) {
    // As the journal is replayed: without the store limit, which the journal already applied.
    store.apply({ op: 'reset' });
    for (const record of saved.assets) store.apply({ op: 'put', kind: 'asset', record });
    for (const record of saved.tasks ?? []) store.apply({ op: 'put', kind: 'task', record });
  }
  const replayed = await replay(journal, store, log);
  // Started with a lower --store-limit than the state was saved with: forget the least recently
  // used now, and save that (below) so that nothing forgotten comes back at a later start.
  const forgotten = store.enforceLimit();

  let handle: FileHandle | undefined;
  let journalBytes = 0;
  let compactAfter = COMPACT_AFTER_BYTES;
  let unflushed = false; // written to the journal but maybe not on the disk yet
  // Set when a journal write failed: the file may end in a fragment, so nothing more is appended
  // after it; the next save is a whole snapshot, which starts a new journal.
  let journalSuspect = false;
  const startJournal = async () => {
    const old = handle;
    handle = undefined;
    await old?.close();
    handle = await open(journal, 'w');
    await handle.sync();
    journalBytes = 0;
    unflushed = false;
    journalSuspect = false;
  };
  const compact = async () => {
    const snapshot = `${JSON.stringify(store.snapshot())}\n`;
    await writeFileAtomic(file, snapshot);
    // Folding costs as much as the snapshot is big, so wait until the journal is as big again:
    // the work per change stays constant however many records the store holds.
    compactAfter = Math.max(COMPACT_AFTER_BYTES, Buffer.byteLength(snapshot));
    // Replaying an old journal over the new snapshot changes nothing (puts and deletes by id,
    // resets included, end in the same state), so a crash before this truncation is harmless.
    await startJournal();
  };
  // Nothing to fold (a clean earlier stop, or a first start): leave the snapshot as it is.
  if (replayed || !saved || forgotten > 0) await compact();
  else await startJournal();

  /** Appends at the journal's known end; a write cut short is cut off again before it throws. */
  const append = async (bytes: Buffer) => {
    const journalFile = handle;
    if (journalFile === undefined) throw new Error('the journal is not open');
    try {
      // A small write to the page cache: synchronous is quicker than a thread-pool round trip,
      // and once it returns the batch is in the file, which killing the mock cannot undo.
      writeAt(journalFile.fd, bytes, journalBytes);
    } catch (error) {
      try {
        ftruncateSync(journalFile.fd, journalBytes);
      } catch {
        // journalSuspect keeps later batches away from whatever is left.
      }
      throw error;
    }
    journalBytes += bytes.length;
    if (fsync) await journalFile.datasync();
    else unflushed = true;
  };

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

  const writeLoop = async () => {
    while (pending.length > 0) {
      const batch = pending.join('');
      const upTo = appended;
      pending = [];
      try {
        if (!journalSuspect) {
          try {
            await append(Buffer.from(batch));
          } catch (error) {
            journalSuspect = true;
            log(
              `could not write state journal ${journal}: ${messageOf(error)}; saving the whole state to ${file} instead`,
            );
          }
        }
        // The store in memory holds this batch (and anything since), so a snapshot saves it.
        if (journalSuspect) await compact();
        durable = upTo;
        settle(upTo);
      } catch (error) {
        log(
          `could not save state file ${file}: ${messageOf(error)}; changes since the last save are in memory only until a save succeeds`,
        );
        settle(upTo, error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (journalBytes > compactAfter) {
        try {
          await compact();
        } catch (error) {
          // The journal is still whole: keep appending, and try again once it has grown as much.
          compactAfter = journalBytes + COMPACT_AFTER_BYTES;
          log(`could not fold state journal ${journal} into ${file}: ${messageOf(error)}`);
        }
      }
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
    if (!unflushed || writing !== null || closed) return;
    unflushed = false;
    run(async () => {
      try {
        await handle?.datasync();
      } catch (error) {
        log(`could not flush state journal ${journal}: ${(error as Error).message}`);
      }
    });
  }, FLUSH_EVERY_MS);
  flusher.unref();

  const unsubscribe = store.onChange((change) => {
    pending.push(encode(change));
    // A reset (clear, restore) is followed by the whole new content, so replay rebuilds it.
    if (change.op === 'reset') {
      const content = store.snapshot();
      for (const record of content.assets) {
        pending.push(encode({ op: 'put', kind: 'asset', record }));
      }
      for (const record of content.tasks ?? []) {
        pending.push(encode({ op: 'put', kind: 'task', record }));
      }
    }
    appended++;
    // close() unsubscribes before anything else, so no change arrives after it.
    kick();
  });

  return {
    whenDurable() {
      if (durable >= appended) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ upTo: appended, resolve, reject });
      });
    },
    async close() {
      unsubscribe();
      closed = true;
      clearInterval(flusher);
      while (writing || scheduled) await (writing ?? new Promise((r) => setImmediate(r)));
      await writeLoop();
      try {
        await writeFileAtomic(file, `${JSON.stringify(store.snapshot())}\n`);
      } catch (error) {
        await handle?.close().catch(() => {});
        throw new Error(
          `could not save the state to ${file} at shutdown (${messageOf(error)}). Every change the mock answered is still in ${journal}: make room or fix the permissions in ${dirname(file)}, then start the mock again with the same --state to fold it in.`,
          { cause: error },
        );
      }
      await handle?.close();
      await rm(journal, { force: true });
      await syncDirectory(dirname(file));
    },
  };
}
