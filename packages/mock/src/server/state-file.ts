import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseSnapshot, type StoreSnapshot } from '../store.js';

/** Reads a state file written by {@link createStateWriter}; `null` when it does not exist yet. */
export async function loadState(file: string): Promise<StoreSnapshot | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
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

/**
 * Writes `text` so that readers only ever see the old or the new content: write a temp file in the
 * same directory, flush it to disk, then rename it over the target (atomic on POSIX).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
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
    await rm(temp, { force: true });
    throw error;
  }
}

export interface StateWriter {
  /** Asks for the current state to be written; bursts of changes coalesce into few writes. */
  schedule(): void;
  /** Resolves once everything scheduled so far is on disk; rejects with the last write error. */
  flush(): Promise<void>;
}

export function createStateWriter(
  file: string,
  snapshot: () => StoreSnapshot,
  onError: (error: Error) => void,
): StateWriter {
  let running: Promise<void> | null = null;
  let dirty = false;
  let lastError: Error | null = null;

  const loop = async () => {
    await mkdir(dirname(file), { recursive: true });
    while (dirty) {
      dirty = false;
      try {
        await writeFileAtomic(file, `${JSON.stringify(snapshot(), null, 2)}\n`);
        lastError = null;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        onError(lastError);
      }
    }
  };

  const start = () => {
    running ??= loop()
      .catch((error: unknown) => {
        lastError = error instanceof Error ? error : new Error(String(error));
        onError(lastError);
      })
      .finally(() => {
        running = null;
        // A change that arrived after the loop's last check still needs writing.
        if (dirty) start();
      });
  };

  return {
    schedule() {
      dirty = true;
      start();
    },
    async flush() {
      while (running) await running;
      if (lastError) throw lastError;
    },
  };
}
