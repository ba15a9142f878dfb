/**
 * Ids from least to most recently used, to choose what the store limit forgets. A doubly linked
 * list indexed by a Map: using, forgetting and taking the least recent id are each O(1), and a
 * use moves pointers only (reordering a Map instead, by delete and set, leaves holes that make
 * its tables rehash under a read-heavy load).
 */
interface Entry {
  id: string;
  older: Entry | null;
  newer: Entry | null;
}

export interface Recency {
  /** Marks `id` as the most recently used (adding it if new). */
  use(id: string): void;
  forget(id: string): void;
  clear(): void;
  /** Removes and returns the least recently used id, or `undefined` when there is none. */
  takeLeastRecent(): string | undefined;
}

export function createRecency(): Recency {
  const entries = new Map<string, Entry>();
  let oldest: Entry | null = null;
  let newest: Entry | null = null;
  const unlink = (entry: Entry) => {
    if (entry.older) entry.older.newer = entry.newer;
    else oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else newest = entry.older;
    entry.older = null;
    entry.newer = null;
  };
  const append = (entry: Entry) => {
    entry.older = newest;
    if (newest) newest.newer = entry;
    else oldest = entry;
    newest = entry;
  };
  return {
    use(id) {
      const entry = entries.get(id);
      if (entry === undefined) {
        const added: Entry = { id, older: null, newer: null };
        entries.set(id, added);
        append(added);
      } else if (entry !== newest) {
        unlink(entry);
        append(entry);
      }
    },
    forget(id) {
      const entry = entries.get(id);
      if (entry === undefined) return;
      unlink(entry);
      entries.delete(id);
    },
    clear() {
      entries.clear();
      oldest = null;
      newest = null;
    },
    takeLeastRecent() {
      const entry = oldest;
      if (entry === null) return undefined;
      unlink(entry);
      entries.delete(entry.id);
      return entry.id;
    },
  };
}
