import { readFileSync } from 'node:fs';
import { type FileHandle, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMock as build } from '../mock-parts.js';

const buildMock = (options?: { storeLimit?: number }) => build(options, () => []);

import { loadState, removeStaleTempFiles, writeFileAtomic } from './state-file.js';
import { journalFileOf, openPersistentState } from './state-journal.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kyy-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const upload = (i: number) => ({
  assetType: 'Image' as const,
  url: `https://example.com/${i}.png`,
});

describe('state file', () => {
  it('loads nothing when the file does not exist yet', async () => {
    expect(await loadState(join(dir, 'missing.json'))).toBeNull();
  });

  it('replaces the file atomically and leaves no temp file', async () => {
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

  it('names a state path that is a directory and says to pass a file', async () => {
    await expect(loadState(dir)).rejects.toThrow(
      `State path ${dir} is a directory: --state takes a file, e.g. ${join(dir, 'state.json')}.`,
    );
  });

  it('removes temp files a killed run left, old naming included, and nothing else', async () => {
    const file = join(dir, 'state.json');
    await writeFile(`${file}.tmp`, 'x');
    await writeFile(`${file}.1234.0a1b2c3d.tmp`, 'x');
    await writeFile(join(dir, 'other.json.tmp'), 'x');
    expect((await removeStaleTempFiles(file)).sort()).toEqual([
      'state.json.1234.0a1b2c3d.tmp',
      'state.json.tmp',
    ]);
    expect(await readdir(dir)).toEqual(['other.json.tmp']);
  });
});

describe('state journal', () => {
  it('has every change in the journal file once whenDurable() resolves, and replays it after a crash', async () => {
    const file = join(dir, 'sub', 'state.json');
    const first = buildMock();
    const state = await openPersistentState(file, first.store, () => {});
    const kept = first.store.create(upload(1));
    const gone = first.store.create(upload(2));
    first.store.delete(gone.assetId);
    await state.whenDurable();
    // Read at once, synchronously: nothing else may run between the acknowledgement and the read.
    // No close(): as after kill -9, only the snapshot and the journal are there.
    const journal = readFileSync(journalFileOf(file), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(3);

    const second = buildMock();
    const lines: string[] = [];
    const reopened = await openPersistentState(file, second.store, (l) => lines.push(l));
    expect(second.store.list().map((a) => a.assetId)).toEqual([kept.assetId]);
    expect(lines).toEqual([]);
    await reopened.close();
    // A clean close folds the journal into the snapshot.
    expect(await readdir(join(dir, 'sub'))).toEqual(['state.json']);
    expect((await loadState(file))?.assets.map((a) => a.assetId)).toEqual([kept.assetId]);
  });

  it('acknowledges after a disk flush with fsync, and without waiting for one otherwise', async () => {
    const probe = await open(join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const events: string[] = [];
    const datasync = fileHandle.datasync;
    const spy = vi.spyOn(fileHandle, 'datasync').mockImplementation(function (this: FileHandle) {
      events.push('datasync');
      return datasync.call(this);
    });
    try {
      for (const fsync of [true, false]) {
        const parts = buildMock();
        const state = await openPersistentState(join(dir, `${fsync}.json`), parts.store, () => {}, {
          fsync,
        });
        parts.store.create(upload(1));
        events.length = 0;
        await state.whenDurable().then(() => events.push('acknowledged'));
        expect(events).toEqual(fsync ? ['datasync', 'acknowledged'] : ['acknowledged']);
        await state.close();
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('journals clear() so that cleared assets do not come back', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock();
    const state = await openPersistentState(file, first.store, () => {});
    first.store.create(upload(1));
    first.mock.reset();
    const after = first.store.create(upload(2));
    await state.whenDurable();
    const second = buildMock();
    await openPersistentState(file, second.store, () => {});
    expect(second.store.list().map((a) => a.assetId)).toEqual([after.assetId]);
  });

  it('drops a torn last line with a log line naming the journal', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock();
    const state = await openPersistentState(file, first.store, () => {});
    const kept = first.store.create(upload(1));
    await state.whenDurable();
    await writeFile(journalFileOf(file), '{"kind":"asset","op":"put","rec', { flag: 'a' });
    const second = buildMock();
    const lines: string[] = [];
    await openPersistentState(file, second.store, (l) => lines.push(l));
    expect(second.store.list().map((a) => a.assetId)).toEqual([kept.assetId]);
    expect(lines.join('\n')).toMatch(/state\.json\.journal: dropped an incomplete last entry/);
  });

  it('journals what the store limit forgets, and a higher limit later does not bring it back', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock({ storeLimit: 2 });
    const state = await openPersistentState(file, first.store, () => {});
    const ids = [1, 2, 3].map((i) => first.store.create(upload(i)).assetId);
    const task = { model: 'kyyvideo2', createdAt: 0, processingAt: 0, endsAt: 0 };
    const tasks = [1, 2, 3].map(
      () => first.store.insertTask({ ...task, outcome: { status: 'completed' } }).id,
    );
    await state.whenDurable();

    const second = buildMock({ storeLimit: 10 });
    await openPersistentState(file, second.store, () => {});
    expect(second.store.list().map((a) => a.assetId)).toEqual(ids.slice(1));
    expect(second.store.listTasks().map((t) => t.id)).toEqual(tasks.slice(1));
  });

  it('replays what the limit forgot as it happened, after a read changed the order', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock({ storeLimit: 2 });
    const state = await openPersistentState(file, first.store, () => {});
    const a = first.store.create(upload(1)).assetId;
    first.store.create(upload(2));
    expect(first.store.get(a)).toBeDefined(); // a is now used more recently than the second
    const c = first.store.create(upload(3)).assetId;
    await state.whenDurable();
    expect(first.store.list().map((x) => x.assetId)).toEqual([a, c]);

    // No close(): as after kill -9, the journal is replayed over the snapshot.
    const second = buildMock({ storeLimit: 2 });
    await openPersistentState(file, second.store, () => {});
    expect(second.store.list().map((x) => x.assetId)).toEqual([a, c]);
  });

  it('saves what a lower limit forgets at start, says so, and never brings it back', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock({ storeLimit: 5 });
    const state = await openPersistentState(file, first.store, () => {});
    const ids = [1, 2, 3, 4, 5].map((i) => first.store.create(upload(i)).assetId);
    await state.close();

    const lines: string[] = [];
    const second = build(
      { storeLimit: 2 },
      () => [],
      (kind, limit) => lines.push(`${kind} ${limit}`),
    );
    await openPersistentState(file, second.store, () => {});
    expect(second.store.list().map((a) => a.assetId)).toEqual(ids.slice(3));
    expect(lines).toEqual(['asset 2']);

    // No close(): as after kill -9. A higher limit now keeps what there is, no more.
    const third = buildMock({ storeLimit: 10 });
    await openPersistentState(file, third.store, () => {});
    expect(third.store.list().map((a) => a.assetId)).toEqual(ids.slice(3));
  });

  it('leaves the snapshot of a clean stop as it is at the next start', async () => {
    const file = join(dir, 'state.json');
    const first = buildMock();
    const state = await openPersistentState(file, first.store, () => {});
    const kept = first.store.create(upload(1));
    await state.close();
    // Same content, written differently: a rewrite at start-up would make it compact again.
    const pretty = JSON.stringify(JSON.parse(await readFile(file, 'utf8')), null, 2);
    await writeFile(file, pretty);
    const second = buildMock();
    const reopened = await openPersistentState(file, second.store, () => {});
    expect(second.store.list().map((a) => a.assetId)).toEqual([kept.assetId]);
    expect(await readFile(file, 'utf8')).toBe(pretty);
    // The first change after that start is journaled and replayed as usual.
    const next = second.store.create(upload(2));
    await reopened.whenDurable();
    const third = buildMock();
    await openPersistentState(file, third.store, () => {});
    expect(third.store.list().map((a) => a.assetId)).toEqual([kept.assetId, next.assetId]);
  });

  it('refuses a corrupt journal line, naming the file, instead of starting empty', async () => {
    const file = join(dir, 'state.json');
    await writeFile(journalFileOf(file), 'garbage\n{"op":"reset"}\n');
    await expect(openPersistentState(file, buildMock().store, () => {})).rejects.toThrow(
      /state\.json\.journal is corrupt at line 1/,
    );
    expect(await readFile(journalFileOf(file), 'utf8')).toBe('garbage\n{"op":"reset"}\n');
  });
});
