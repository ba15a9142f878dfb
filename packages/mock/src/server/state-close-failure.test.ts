import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMock } from '../mock-parts.js';
import { openPersistentState } from './state-journal.js';

// The snapshot's rename can be told to fail, as a full disk or a read-only folder makes the last
// save at shutdown fail after its temp file was written.
const failure = vi.hoisted(() => ({ rename: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const rename = (...args: Parameters<typeof fs.rename>) =>
    failure.rename
      ? Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' }),
        )
      : fs.rename(...args);
  return { ...fs, default: { ...fs, rename }, rename };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-state-close-'));
});
afterEach(async () => {
  failure.rename = false;
  await rm(dir, { recursive: true, force: true });
});

describe('a snapshot that cannot be written at shutdown', () => {
  it('says which file, why and what to do, leaves no temp file, and keeps the journal for the next start', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock(undefined, () => []);
    const state = await openPersistentState(file, first.store, () => {});
    const { assetId } = first.store.create({
      assetType: 'Image',
      url: 'https://example.com/a.png',
    });
    await state.whenDurable();
    failure.rename = true;
    const error = await state.close().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`could not save the state to ${file} at shutdown`);
    expect(error?.message).toContain('ENOSPC');
    expect(error?.message).toContain('start the mock again with the same --state');
    expect((await readdir(dir)).sort()).toEqual(['state.json', 'state.json.journal']);
    expect(await readFile(`${file}.journal`, 'utf8')).toContain(assetId);

    failure.rename = false;
    const second = buildMock(undefined, () => []);
    await (await openPersistentState(file, second.store, () => {})).close();
    expect(second.store.list().map((a) => a.assetId)).toEqual([assetId]);
  });
});
