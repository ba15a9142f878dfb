import { ftruncateSync, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { InternalStore } from '../store.js';
import { writeFileAtomic } from './state-file.js';

/**
 * Past this size the journal is folded into a fresh snapshot. Big enough that compaction (which
 * serialises every record) is rare under load, small enough that start-up replay stays quick.
 */
export const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

/** Writes all of `bytes` at `position` (one write may take fewer bytes than it was given). */
function writeAt(fd: number, bytes: Buffer, position: number): void {
  for (let offset = 0; offset < bytes.length; ) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
  }
}

/** The snapshot file and the journal beside it, as one writer sees them. */
export interface JournalFile {
  /** Appends at the journal's known end; a write cut short is cut off again before it throws. */
  append(bytes: Buffer): Promise<void>;
  /** Writes the whole store as the snapshot and starts an empty journal. */
  compact(): Promise<void>;
  /** Starts an empty journal without touching the snapshot. */
  startJournal(): Promise<void>;
  /** True when appended bytes may not be on the disk yet (only without fsync). */
  readonly unflushed: boolean;
  /** Flushes appended bytes to the disk. */
  flush(): Promise<void>;
  /** True once the journal has grown enough to be folded into the snapshot. */
  readonly dueForCompaction: boolean;
  /** A fold failed: try again only once the journal has grown as much again. */
  postponeCompaction(): void;
  /**
   * Set when a journal write failed: the file may end in a fragment, so nothing more is appended
   * after it; the next save is a whole snapshot, which starts a new journal.
   */
  suspect: boolean;
  close(): Promise<void>;
}

export function openJournalFile(
  file: string,
  journal: string,
  store: InternalStore,
  fsync: boolean,
): JournalFile {
  let handle: FileHandle | undefined;
  let journalBytes = 0;
  let compactAfter = COMPACT_AFTER_BYTES;
  let unflushed = false; // written to the journal but maybe not on the disk yet

  const self: JournalFile = {
    suspect: false,
    get dueForCompaction() {
      return journalBytes > compactAfter;
    },
    postponeCompaction() {
      compactAfter = journalBytes + COMPACT_AFTER_BYTES;
    },
    async startJournal() {
      const old = handle;
      handle = undefined;
      await old?.close();
      handle = await open(journal, 'w');
      await handle.sync();
      journalBytes = 0;
      unflushed = false;
      self.suspect = false;
    },
    async compact() {
      const snapshot = `${JSON.stringify(store.snapshot())}\n`;
      await writeFileAtomic(file, snapshot);
      // Folding costs as much as the snapshot is big, so wait until the journal is as big again:
      // the work per change stays constant however many records the store holds.
      compactAfter = Math.max(COMPACT_AFTER_BYTES, Buffer.byteLength(snapshot));
      // Replaying an old journal over the new snapshot changes nothing (puts and deletes by id,
      // resets included, end in the same state), so a crash before this truncation is harmless.
      await self.startJournal();
    },
    async append(bytes) {
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
          // `suspect` keeps later batches away from whatever is left.
        }
        throw error;
      }
      journalBytes += bytes.length;
      if (fsync) await journalFile.datasync();
      else unflushed = true;
    },
    get unflushed() {
      return unflushed;
    },
    async flush() {
      unflushed = false;
      await handle?.datasync();
    },
    async close() {
      await handle?.close();
    },
  };
  return self;
}
