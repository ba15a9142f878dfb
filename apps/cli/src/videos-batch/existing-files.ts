import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RowState } from '@kyyvideo/jobs';
import type { VideoManifestRow } from '../batch/video-manifest.js';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';

/**
 * Files in --out-dir that a row would replace although the results file does not record them as
 * that row's own download: a user's file, or the video of a row whose prompt was edited since
 * (a new row to the results file). Found before any request, since a create costs money and its
 * video would then have nowhere to go; `kyy videos download` refuses the same way.
 *
 * A row recorded `completed` owns its file too: its download renames the finished file into
 * place and only then records it, so a run killed between the two leaves the row's own video
 * there unrecorded. The rerun downloads it again over itself.
 */
export function checkExistingFiles(
  rows: readonly VideoManifestRow[],
  states: ReadonlyMap<string, RowState>,
  dirs: { outDir: string; outDirShown: string; resultsShown: string },
): void {
  const taken = rows.filter((row) => {
    const state = states.get(row.key);
    const own =
      (state?.phase === 'downloaded' && state.file === row.out) || state?.phase === 'completed';
    return !own && existsSync(resolve(dirs.outDir, row.out));
  });
  if (taken.length === 0) return;
  const one = taken.length === 1;
  const lines = taken.map(
    (row) => `  ${row.where}: ${quote(join(dirs.outDirShown, row.out))} already exists`,
  );
  throw new UsageError(
    [
      `${one ? 'A file' : `${taken.length} files`} in --out-dir would be replaced, and ${quote(dirs.resultsShown)} does not record ${one ? 'it' : 'them'} as that row's download:`,
      ...lines,
      `Move ${one ? 'it' : 'them'} away (or give ${one ? 'that row' : 'those rows'} another out), or pass --force to replace ${one ? 'it' : 'them'}. Nothing was sent.`,
    ].join('\n'),
  );
}
