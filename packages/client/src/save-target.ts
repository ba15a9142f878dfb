/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { KyyInputError } from './errors.js';

/**
 * Where a downloaded video goes, checked before anything is requested: a download that can only
 * fail at the rename (a folder, a missing folder) would otherwise fetch the whole video first.
 */

export interface SaveTarget {
  /** The absolute path. */
  path: string;
  /** A file is there already (the caller decides whether to replace it). */
  exists: boolean;
}

function refuse(message: string): KyyInputError {
  return new KyyInputError(message, { operation: 'input' });
}

async function statOf(path: string) {
  return stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw refuse(`Cannot use ${path} (${error.code ?? error.message}); choose another path.`);
  });
}

/**
 * Throws a KyyInputError saying what to fix when `path` cannot receive a video: it is a folder,
 * its folder does not exist or is not a folder, or that folder is not writable.
 */
export async function checkSaveTarget(path: string): Promise<SaveTarget> {
  if (typeof path !== 'string' || path.trim() === '') {
    throw refuse('Give the path of the file to write, like cat.mp4.');
  }
  const target = resolve(path);
  const existing = await statOf(target);
  if (existing?.isDirectory()) {
    throw refuse(
      `${target} is a folder; give a file path, like ${join(target, 'video.mp4')}. Nothing was downloaded.`,
    );
  }
  const folder = dirname(target);
  const parent = await statOf(folder);
  if (parent === undefined) {
    throw refuse(`The folder ${folder} does not exist; create it first. Nothing was downloaded.`);
  }
  if (!parent.isDirectory()) {
    throw refuse(`${folder} is not a folder; give a path inside a folder. Nothing was downloaded.`);
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw refuse(`The folder ${folder} is not writable; choose another. Nothing was downloaded.`);
  }
  return { path: target, exists: existing !== undefined };
}

/** The temporary file a download of `target` writes, beside it, named for this process. */
export function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.part`,
  );
}

// `<pid>-<12 hex>` (this version) or `<12 hex>` (before the pid was part of the name).
const PART_TAIL = /^(?:(\d+)-)?[0-9a-f]{12}\.part$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files of downloads of `target` whose process is gone (killed mid-download,
 * kill -9 included). A download in progress in another process keeps its file.
 */
export async function removeStaleParts(target: string): Promise<void> {
  const prefix = `.${basename(target)}.`;
  const names = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = PART_TAIL.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && (pid === process.pid || alive(pid))) continue;
    await rm(join(dirname(target), name), { force: true }).catch(() => {});
  }
}
