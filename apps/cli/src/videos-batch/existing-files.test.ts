import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowState } from '@kyyvideo/jobs';
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

function outDirWith(...files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyy-existing-'));
  for (const file of files) writeFileSync(join(dir, file), 'bytes');
  return dir;
}

const check = (outDir: string, rows: VideoManifestRow[], states: Map<string, RowState>) =>
  checkExistingFiles(rows, states, {
    outDir,
    outDirShown: 'out',
    resultsShown: 'm.csv.results.jsonl',
  });

describe('checkExistingFiles', () => {
  it('refuses a file that no row owns, naming its line, and passes rows with no file', () => {
    const outDir = outDirWith('b.mp4');
    const rows = [row('a', 'a.mp4', 2), row('b', 'b.mp4', 3)];
    expect(() => check(outDir, rows, new Map())).toThrow(UsageError);
    expect(() => check(outDir, rows, new Map())).toThrow('line 3: "out/b.mp4" already exists');
    expect(() => check(outDir, [rows[0] as VideoManifestRow], new Map())).not.toThrow();
  });

  it("accepts the row's recorded download, and a completed row's file (killed before recording it)", () => {
    const outDir = outDirWith('a.mp4', 'b.mp4');
    const rows = [row('a', 'a.mp4', 2), row('b', 'b.mp4', 3)];
    const states = new Map<string, RowState>([
      ['a', { phase: 'downloaded', id: 't1', file: 'a.mp4', bytes: 5 }],
      ['b', { phase: 'completed', id: 't2', url: 'https://v.example/t2.mp4' }],
    ]);
    expect(() => check(outDir, rows, states)).not.toThrow();
  });

  it('refuses a file recorded as another out, or at a row still being sent or polled', () => {
    const outDir = outDirWith('a.mp4', 'b.mp4');
    const rows = [row('a', 'a.mp4', 2), row('b', 'b.mp4', 3)];
    const states = new Map<string, RowState>([
      ['a', { phase: 'downloaded', id: 't1', file: 'old.mp4', bytes: 5 }],
      ['b', { phase: 'sent', id: 't2' }],
    ]);
    expect(() => check(outDir, rows, states)).toThrow('2 files in --out-dir would be replaced');
  });
});
