import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreSnapshot } from '../store.js';
import { createStateWriter, loadState, writeFileAtomic } from './state-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const snapshotWith = (n: number): StoreSnapshot => ({
  version: 1,
  assets: Array.from({ length: n }, (_, i) => ({
    assetId: `asset-20260330142158-${String(i).padStart(5, '0')}`,
    name: null,
    url: `https://example.com/${i}.png`,
    assetType: 'Image',
    createdAt: 0,
    readyAt: 2000,
    outcome: 'Active',
  })),
});

describe('state file', () => {
  it('loads nothing when the file does not exist yet', async () => {
    expect(await loadState(join(dir, 'missing.json'))).toBeNull();
  });

  it('replaces the file atomically and cleans up its temp file', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('leaves the old file intact when the write fails', async () => {
    const file = join(dir, 'no-such-dir', 'state.json');
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('coalesces bursts of changes and always ends with the latest state on disk', async () => {
    const file = join(dir, 'sub', 'state.json');
    let current = snapshotWith(0);
    const errors: Error[] = [];
    const writer = createStateWriter(
      file,
      () => current,
      (e) => errors.push(e),
    );
    for (let n = 1; n <= 50; n++) {
      current = snapshotWith(n);
      writer.schedule();
    }
    await writer.flush();
    expect(errors).toEqual([]);
    expect(await loadState(file)).toEqual(snapshotWith(50));
    expect(await readdir(join(dir, 'sub'))).toEqual(['state.json']);
  });

  it('reports a failed write through onError and flush()', async () => {
    // A directory where the file should be makes every rename fail.
    const file = join(dir, 'taken');
    await mkdir(file);
    const errors: Error[] = [];
    const writer = createStateWriter(
      file,
      () => snapshotWith(1),
      (e) => errors.push(e),
    );
    writer.schedule();
    await expect(writer.flush()).rejects.toThrow();
    expect(errors).toHaveLength(1);
  });
});
