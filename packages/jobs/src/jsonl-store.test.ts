import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlStore, ResultsFileError, readLatest, readStates } from './jsonl-store.js';

const line = (key: string, state: object, event = 'x') =>
  JSON.stringify({ v: 2, key, index: 1, kind: 'video', event, state, at: 'now' });

describe('readStates', () => {
  it('keeps the last state of each key', () => {
    const text = `${line('a', { phase: 'sending' })}\n${line('a', { phase: 'sent', id: 'v1' })}\n`;
    expect(readStates(text).get('a')).toEqual({ phase: 'sent', id: 'v1' });
  });

  it('ignores a last line cut short, but refuses damage anywhere else, naming the line', () => {
    const whole = line('a', { phase: 'sent', id: 'v1' });
    expect(readStates(`${whole}\n${whole.slice(0, 20)}`).get('a')?.phase).toBe('sent');
    const damaged = `${whole}\n{"v":2,"key\n${whole}\n`;
    expect(() => readStates(damaged)).toThrow(ResultsFileError);
    expect(() => readStates(damaged)).toThrow(/line 2/);
  });

  it('reads a file of 245,000 lines in one pass (a resume of a grown file must not be quadratic)', () => {
    // Issue 23: the old reader scanned the rest of the file for every line.
    const lines: string[] = [];
    for (let i = 0; i < 245_000; i++)
      lines.push(line(`row-${i % 30}`, { phase: 'sent', id: `v${i}` }));
    const states = readStates(`${lines.join('\n')}\n`);
    expect(states.size).toBe(30);
    expect(states.get('row-19')).toEqual({ phase: 'sent', id: 'v244999' });
  });

  it('reads the first format (asset batches of older kyy) as the states it means', () => {
    const v1 = (event: string, extra: object = {}) =>
      JSON.stringify({ v: 1, key: 'k', index: 0, event, input: {}, at: 'now', ...extra });
    expect(readStates(`${v1('started')}\n`).get('k')).toEqual({ phase: 'sending' });
    expect(
      readStates(`${v1('started')}\n${v1('uploaded', { assetId: 'asset-1' })}\n`).get('k'),
    ).toEqual({ phase: 'sent', id: 'asset-1' });
    expect(
      readStates(`${v1('uploaded', { assetId: 'asset-1' })}\n${v1('active')}\n`).get('k'),
    ).toEqual({ phase: 'completed', id: 'asset-1' });
  });
});

describe('readLatest', () => {
  const line = (key: string, state: object, at: string) =>
    JSON.stringify({ v: 2, key, index: 1, kind: 'video', event: 'e', state, at });

  it('keeps when a row entered its phase, across records of the same phase', () => {
    const text = [
      line('a', { phase: 'sent', id: 't' }, '2026-01-01T00:00:01Z'),
      line('a', { phase: 'completed', id: 't', url: 'u1' }, '2026-01-01T00:00:02Z'),
      // The task read again on a rerun: still completed since the first time.
      line('a', { phase: 'completed', id: 't', url: 'u2' }, '2026-01-01T00:00:09Z'),
      line('b', { phase: 'completed', id: 'v', url: 'u' }, '2026-01-01T00:00:03Z'),
      line('b', { phase: 'downloaded', id: 'v', file: 'b.mp4', bytes: 1 }, '2026-01-01T00:00:04Z'),
      '',
    ].join('\n');
    const latest = readLatest(text);
    expect(latest.get('a')).toEqual({
      state: { phase: 'completed', id: 't', url: 'u2' },
      phaseSince: '2026-01-01T00:00:02Z',
    });
    expect(latest.get('b')?.phaseSince).toBe('2026-01-01T00:00:04Z');
    expect(readStates(text).get('a')).toEqual({ phase: 'completed', id: 't', url: 'u2' });
  });
});

describe('JsonlStore', () => {
  const spec = {
    key: 'a',
    index: 1,
    kind: 'asset' as const,
    input: { upload: { assetType: 'Image' as const, url: 'https://example.com/a.png' } },
  };

  it('resumes rows from the file and cuts a fragment left by a killed run before appending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyy-jsonl-'));
    const path = join(dir, 'r.jsonl');
    writeFileSync(path, `${line('a', { phase: 'sent', id: 'asset-1' })}\n{"v":2,"ke`);
    const store = new JsonlStore(path);
    await store.add({ rows: [spec] });
    const row = await store.claim({});
    expect(row?.state).toEqual({ phase: 'sent', id: 'asset-1' });
    expect(await store.claim({})).toBeUndefined();
    await store.save({
      key: 'a',
      from: row?.state ?? { phase: 'new' },
      to: { phase: 'completed', id: 'asset-1' },
      event: { type: 'completed' },
    });
    await store.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1] as string).state).toEqual({ phase: 'completed', id: 'asset-1' });
  });

  it('reserves sends up to the budget; past it nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyy-jsonl-'));
    const path = join(dir, 'r.jsonl');
    const store = new JsonlStore(path);
    await store.add({ rows: [spec, { ...spec, key: 'b' }] });
    const reserve = (key: string) =>
      store.reserveSend({ key, from: { phase: 'ready' }, to: { phase: 'sending' }, maxSends: 1 });
    expect(await reserve('a')).toEqual({ ok: true, sends: 1 });
    expect(await reserve('b')).toEqual({ ok: false, reason: 'budget-reached', sends: 1 });
    await store.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      key: 'a',
      state: { phase: 'sending' },
      input: spec.input,
    });
  });
});
