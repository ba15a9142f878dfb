import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMock } from '../mock-parts.js';
import { openPersistentState } from './state-journal.js';

// The journal's writes go through node:fs's writeSync; this one can be told to fail the next
// write half-way, as a full disk or a file-size limit would, leaving a fragment in the file.
const failure = vi.hoisted(() => ({ next: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = (...args: Parameters<typeof fs.writeSync>) => {
    const [fd, buffer, offset, length, position] = args as unknown as [
      number,
      Buffer,
      number,
      number,
      number,
    ];
    if (failure.next && Buffer.isBuffer(buffer) && length > 1) {
      failure.next = false;
      fs.writeSync(fd, buffer, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG' });
    }
    return fs.writeSync(...args);
  };
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-state-fail-'));
});
afterEach(async () => {
  failure.next = false;
  await rm(dir, { recursive: true, force: true });
});

const upload = (i: number) => ({
  assetType: 'Image' as const,
  url: `https://example.com/${i}.png`,
});
const ids = (parts: ReturnType<typeof buildMock>) => parts.store.list().map((a) => a.assetId);

describe('a journal write that fails half-way', () => {
  it('saves the whole state instead, acknowledges, and the next start reads it all', async () => {
    const file = join(dir, 'state.json');
    const lines: string[] = [];
    const first = buildMock(undefined, () => []);
    const state = await openPersistentState(file, first.store, (line) => lines.push(line));
    const a = first.store.create(upload(1)).assetId;
    await state.whenDurable();
    failure.next = true;
    const b = first.store.create(upload(2)).assetId;
    await state.whenDurable();
    expect(failure.next).toBe(false); // the failing write did happen
    expect(lines.join('\n')).toMatch(
      /could not write state journal .*state\.json\.journal: EFBIG.*saving the whole state to .*state\.json instead/,
    );
    // Later changes go to a new journal, not after the fragment.
    const c = first.store.create(upload(3)).assetId;
    await state.whenDurable();

    // No close(): as after kill -9.
    const second = buildMock(undefined, () => []);
    await openPersistentState(file, second.store, () => {});
    expect(ids(second)).toEqual([a, b, c]);
  });
});
