import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ResultsBusyError } from '../errors.js';
import { quote } from '../quote.js';

/** Who holds a results file: enough to tell whether that process still runs. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

/**
 * A lock file whose owner never finished writing it is left alone this long: its creator may
 * be between `open` and `write`. Older than that, it was left by a process killed in between.
 */
const HALF_WRITTEN_GRACE_MS = 10_000;

export interface RunLock {
  readonly path: string;
  release(): void;
}

function readOwner(path: string): { text: string; owner?: LockOwner } {
  const text = readFileSync(path, 'utf8');
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return { text, owner: { pid: value.pid, host: value.host, startedAt: `${value.startedAt}` } };
    }
  } catch {
    // Half written: handled by the caller with the grace period.
  }
  return { text };
}

/** process.kill(pid, 0) sends nothing; it only asks whether the process exists. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function createExclusive(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Why the lock at `path` cannot be taken, or undefined when its owner is provably gone. */
function liveHolder(path: string): string | undefined {
  let read: ReturnType<typeof readOwner>;
  try {
    read = readOwner(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const { owner } = read;
  if (!owner) return ageMs(path) < HALF_WRITTEN_GRACE_MS ? 'a kyy run that is starting' : undefined;
  if (owner.host !== hostname()) {
    return `kyy (pid ${owner.pid}) on ${owner.host}, started ${owner.startedAt}`;
  }
  return isAlive(owner.pid) ? `kyy (pid ${owner.pid}), started ${owner.startedAt}` : undefined;
}

/**
 * Makes this process the only writer of a results file, with an exclusive-create lock file
 * beside it. Two runs of the same batch would otherwise both see "not started" for every item and
 * upload everything twice. A lock left by a process that no longer runs (killed with -9) is taken
 * over; the takeover itself is serialised by a second exclusive file, so two runs finding the
 * same stale lock cannot both win.
 */
export function acquireRunLock(resultsPath: string, shownAs: string): RunLock {
  const path = `${resultsPath}.lock`;
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  };
  const busy = (holder: string) =>
    new ResultsBusyError(
      `Another run is using the results file ${quote(shownAs)}: ${holder}. Nothing was sent. Wait for it to finish, or pass --results <file> to run separately. If no such run exists, delete ${quote(`${shownAs}.lock`)}.`,
    );
  if (!createExclusive(path, owner)) {
    const holder = liveHolder(path);
    if (holder !== undefined) throw busy(holder);
    takeOver(path, owner, busy);
  }
  const mine = JSON.stringify(owner);
  const release = () => {
    process.off('exit', release);
    try {
      // Only our own lock: never delete one a later run took over.
      if (readFileSync(path, 'utf8').trim() === mine) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  // A second Ctrl-C exits at once; the lock goes with the process even then.
  process.on('exit', release);
  return { path, release };
}

function takeOver(path: string, owner: LockOwner, busy: (holder: string) => Error): void {
  const guard = `${path}.takeover`;
  // A guard left by a process killed mid-takeover would block every later run.
  if (ageMs(guard) > HALF_WRITTEN_GRACE_MS) {
    try {
      unlinkSync(guard);
    } catch {
      // Someone else removed it.
    }
  }
  if (!createExclusive(guard, owner)) throw busy('another kyy run that is starting');
  try {
    // Checked again under the guard: another run may have taken over since we looked.
    const holder = liveHolder(path);
    if (holder !== undefined) throw busy(holder);
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (!createExclusive(path, owner)) throw busy('another kyy run that is starting');
  } finally {
    unlinkSync(guard);
  }
}
