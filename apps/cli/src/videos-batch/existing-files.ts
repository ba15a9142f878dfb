import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LatestState } from '@kyyvideo/jobs';
import type { VideoManifestRow } from '../batch/video-manifest.js';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';

/**
 * Files in --out-dir that a row would replace although the results file does not record them as
 * that row's own download: a user's file, or the video of a row whose prompt was edited since
 * (a new row to the results file). Found before any request, since a create costs money and its
 * video would then have nowhere to go; `kyy videos download` refuses the same way.
 *
 * A row recorded `completed` may own its file too: its download renames the finished video into
 * place and only then records it, so a run killed between the two leaves the row's own video
 * there unrecorded. It counts as the row's when it is a video written after the row was first
 * recorded completed (the download starts only then); the rerun downloads it again over itself.
 * Anything older, or not a video, is refused like any other file.
 */
export async function checkExistingFiles(
  rows: readonly VideoManifestRow[],
  latest: ReadonlyMap<string, LatestState>,
  dirs: { outDir: string; outDirShown: string; resultsShown: string },
): Promise<void> {
  const taken: VideoManifestRow[] = [];
  for (const row of rows) {
    const path = resolve(dirs.outDir, row.out);
    if (!existsSync(path)) continue;
    if (!(await isOwnFile(path, row, latest.get(row.key)))) taken.push(row);
  }
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

/** File times can be coarser than the results file's (some file systems keep 2 s steps). */
const MTIME_SLACK_MS = 2_000;

async function isOwnFile(
  path: string,
  row: VideoManifestRow,
  latest: LatestState | undefined,
): Promise<boolean> {
  const state = latest?.state;
  if (state?.phase === 'downloaded') return state.file === row.out;
  if (state?.phase !== 'completed' || latest?.phaseSince === undefined) return false;
  const since = Date.parse(latest.phaseSince);
  if (!(statSync(path).mtimeMs >= since - MTIME_SLACK_MS)) return false;
  const { isVideoFile } = await import('@kyyvideo/client/node');
  return isVideoFile(path);
}
