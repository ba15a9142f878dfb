/**
 * A worker serves every batch in the database, while the engine knows a row by one key. The
 * engine's key is the batch name, a colon and the row's key; batch names cannot hold a colon.
 */
export const BATCH_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const BATCH_NAME_RULE =
  'a batch name is 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit';

export function isBatchName(name: string): boolean {
  return BATCH_NAME_PATTERN.test(name);
}

export function engineKey(batch: string, key: string): string {
  return `${batch}:${key}`;
}

export function splitEngineKey(key: string): { batch: string; key: string } {
  const at = key.indexOf(':');
  if (at < 1) throw new Error(`"${key}" is not a row of a queued batch`);
  return { batch: key.slice(0, at), key: key.slice(at + 1) };
}

/**
 * Where a queued row's video goes, relative to the worker's out dir: a folder per batch, since
 * two batches may name the same file (`cat.mp4`, or the default `row-1.mp4`). A batch name holds
 * no slash and starts with a letter or digit, so the folder is never `..` and stays inside.
 */
export function batchFile(batch: string, out: string): string {
  return `${batch}/${out}`;
}
