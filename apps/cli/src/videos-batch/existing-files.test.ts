import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LatestState, RowState } from '@kyyvideo/jobs';
import { describe, expect, it } from 'vitest';
import type { VideoManifestRow } from '../batch/video-manifest.js';
import { UsageError } from '../errors.js';
import { checkExistingFiles } from './existing-files.js';

const row = (key: string, out: string, line: number): VideoManifestRow => ({
  key,
  out,
  where: `line ${line}`,
  seconds: 5,
  task: { model: 'kyyvideo2', prompt: key },
});

/** The start of an MP4: a box size, then `ftyp`. */
const MP4 = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 0, 0]);

function outDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyy-existing-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const check = (dir: string, rows: VideoManifestRow[], latest: Map<string, LatestState>) =>
  checkExistingFiles(rows, latest, {
    outDir: dir,
    outDirShown: 'out',
    resultsShown: 'm.csv.results.jsonl',
  });

const completed: RowState = { phase: 'completed', id: 't2', url: 'https://v.example/t2.mp4' };
const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

describe('checkExistingFiles', () => {
  it('refuses a file that no row owns, naming its line, and passes rows with no file', async () => {
    const dir = outDir({ 'b.mp4': MP4 });
    const rows = [row('a', 'a.mp4', 2), row('b', 'b.mp4', 3)];
    await expect(check(dir, rows, new Map())).rejects.toThrow(UsageError);
    await expect(check(dir, rows, new Map())).rejects.toThrow('line 3: "out/b.mp4" already exists');
    await expect(check(dir, [rows[0] as VideoManifestRow], new Map())).resolves.toBeUndefined();
  });

  it("accepts the row's recorded download, and a completed row's video written since (a kill before its record)", async () => {
    const dir = outDir({ 'a.mp4': 'any bytes', 'b.mp4': MP4 });
    const rows = [row('a', 'a.mp4', 2), row('b', 'b.mp4', 3)];
    const latest = new Map<string, LatestState>([
      ['a', { state: { phase: 'downloaded', id: 't1', file: 'a.mp4', bytes: 5 } }],
      ['b', { state: completed, phaseSince: aMinuteAgo() }],
    ]);
    await expect(check(dir, rows, latest)).resolves.toBeUndefined();
  });

  it('refuses at a completed row a file older than its completion, or one that is not a video', async () => {
    const dir = outDir({ 'old.mp4': MP4, 'page.mp4': '<html>not a video</html>' });
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'old.mp4'), old, old);
    const rows = [row('o', 'old.mp4', 2), row('p', 'page.mp4', 3)];
    const latest = new Map<string, LatestState>([
      ['o', { state: completed, phaseSince: aMinuteAgo() }],
      ['p', { state: completed, phaseSince: aMinuteAgo() }],
    ]);
    await expect(check(dir, rows, latest)).rejects.toThrow(
      '2 files in --out-dir would be replaced',
    );
  });

  it('refuses a file recorded as another out, or at a row still being sent or polled', async () => {
    const dir = outDir({ 'a.mp4': MP4, 'b.mp4': MP4 });
    const rows = [row('a', 'a.mp4', 2), row('b', 'b.mp4', 3)];
    const latest = new Map<string, LatestState>([
      ['a', { state: { phase: 'downloaded', id: 't1', file: 'old.mp4', bytes: 5 } }],
      ['b', { state: { phase: 'sent', id: 't2' }, phaseSince: aMinuteAgo() }],
    ]);
    await expect(check(dir, rows, latest)).rejects.toThrow(
      '2 files in --out-dir would be replaced',
    );
  });
});
