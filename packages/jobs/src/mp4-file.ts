import { open, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** An MP4 (ISO base media) file starts with a box whose type, at offset 4, is `ftyp`. */
export async function looksLikeMp4(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return bytesRead === 8 && head.toString('latin1', 4, 8) === 'ftyp';
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

export async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/**
 * Removes the temporary files an interrupted download of `path` left beside it (the client's
 * `writeFileAtomically` names them `.<name>.<random>.part`): a process killed mid-download
 * cannot remove its own. Only this row's pattern is touched.
 */
export async function removeLeftoverParts(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.part'))
      .map((name) => rm(join(dir, name), { force: true })),
  );
}
