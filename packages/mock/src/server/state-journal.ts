import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Durability } from '../core/core.js';
import { type InternalStore, isStoredAsset, type StoreChange } from '../store.js';
import { isStoredTask } from '../tasks.js';
import { createGroupCommit, FLUSH_EVERY_MS } from './group-commit.js';
import { COMPACT_AFTER_BYTES, openJournalFile } from './journal-file.js';
import { loadState, removeStaleTempFiles, syncDirectory, writeFileAtomic } from './state-file.js';

export { FLUSH_EVERY_MS };

/** The journal sits next to the snapshot: `state.json` → `state.json.journal`. */
export const journalFileOf = (file: string) => `${file}.journal`;

export interface PersistentState extends Durability {
  /** Writes what is pending, folds the journal into the snapshot and removes the journal. */
  close(): Promise<void>;
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

export interface PersistentStateOptions {
  /**
   * Answer a change only once the disk has it (fdatasync per batch), so that it survives a power
   * cut too. Off: answer once it is written to the journal file, which a killed or crashed mock
   * cannot lose; the disk is flushed every {@link FLUSH_EVERY_MS}.
   */
  fsync: boolean;
}

/**
 * Loads the snapshot and replays the journal into the store. Returns what the caller needs to
 * decide whether to fold: was there a snapshot, did the journal hold anything, did the store
 * limit forget records.
 */
async function restore(
  file: string,
  journal: string,
  store: InternalStore,
  log: (line: string) => void,
): Promise<{ saved: boolean; replayed: boolean; forgotten: number }> {
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
  // used now, and save that so that nothing forgotten comes back at a later start.
  const forgotten = store.enforceLimit();
  return { saved: saved !== null, replayed, forgotten };
}

/** The journal lines for one change; a reset is followed by the whole new content. */
function linesOf(change: StoreChange, store: InternalStore): string[] {
  const lines = [encode(change)];
  // A reset (clear, restore) is followed by the whole new content, so replay rebuilds it.
  if (change.op === 'reset') {
    const content = store.snapshot();
    for (const record of content.assets) lines.push(encode({ op: 'put', kind: 'asset', record }));
    for (const record of content.tasks ?? []) {
      lines.push(encode({ op: 'put', kind: 'task', record }));
    }
  }
  return lines;
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
  const { saved, replayed, forgotten } = await restore(file, journal, store, log);
  const journalFile = openJournalFile(file, journal, store, fsync);
  // Nothing to fold (a clean earlier stop, or a first start): leave the snapshot as it is.
  if (replayed || !saved || forgotten > 0) await journalFile.compact();
  else await journalFile.startJournal();

  const commit = createGroupCommit(journalFile, { file, journal }, log);
  // close() unsubscribes before anything else, so no change arrives after it.
  const unsubscribe = store.onChange((change) => commit.push(...linesOf(change, store)));

  return {
    whenDurable: () => commit.whenDurable(),
    async close() {
      unsubscribe();
      await commit.drain();
      try {
        await writeFileAtomic(file, `${JSON.stringify(store.snapshot())}\n`);
      } catch (error) {
        await journalFile.close().catch(() => {});
        throw new Error(
          `could not save the state to ${file} at shutdown (${messageOf(error)}). Every change the mock answered is still in ${journal}: make room or fix the permissions in ${dirname(file)}, then start the mock again with the same --state to fold it in.`,
          { cause: error },
        );
      }
      await journalFile.close();
      await rm(journal, { force: true });
      await syncDirectory(dirname(file));
    },
  };
}
