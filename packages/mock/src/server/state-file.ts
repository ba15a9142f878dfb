import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseSnapshot, type StoreSnapshot } from '../store.js';

/** Reads a snapshot written by {@link writeFileAtomic}; `null` when it does not exist yet. */
export async function loadState(file: string): Promise<StoreSnapshot | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') {
      throw new Error(
        `State path ${file} is a directory: --state takes a file, e.g. ${join(file, 'state.json')}.`,
      );
    }
    throw new Error(`Cannot read state file ${file}: ${messageOf(error)}`, { cause: error });
  }
  try {
    return parseSnapshot(JSON.parse(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `State file ${file} is not a kyy-mock state file (${reason}). Fix it, delete it, or pass another --state path.`,
    );
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The one temp file a state file ever has: fixed, so a crash leaves at most this, removed at start. */
const tempFileOf = (file: string) => `${file}.tmp`;

/** Flushes a directory entry change (a rename, a new or removed file) to disk. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `text` so that readers only ever see the old or the new content: write the temp file,
 * flush it, rename it over the target (atomic on POSIX), then flush the directory so the rename
 * itself survives a crash.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = tempFileOf(file);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // The write's own error says what to fix; a failed clean-up must not replace it.
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(file));
}

// Earlier versions wrote `<file>.<pid>.<8 hex>.tmp`, which a kill -9 could leave behind.
const legacyTemp = (name: string) =>
  new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);

/** Removes temp files that a killed process left next to `file`; returns their names. */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const name = basename(file);
  const dir = dirname(file);
  const legacy = legacyTemp(name);
  const stale = (await readdir(dir)).filter((n) => n === `${name}.tmp` || legacy.test(n));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
  return stale;
}
