import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * More than any API key; a larger file is not a key file, and its contents are left alone
 * (resolving the key later rejects it anyway).
 */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * What the key file holds (trimmed), read before anything is printed so that even the earliest
 * error (`got "…"` when the key was pasted as an argument) cannot echo it. Best effort and
 * silent: a missing or odd file is reported later, when the key is actually resolved. Only
 * regular files are read, so a FIFO or /dev/stdin is not consumed here.
 */
export function readKeyFileSecret(path: string, cwd: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(resolve(cwd, path), 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const length = readSync(fd, buffer, 0, stat.size, 0);
    return buffer.subarray(0, length).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
