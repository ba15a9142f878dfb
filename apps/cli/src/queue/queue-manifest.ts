import { readFile } from 'node:fs/promises';
import {
  buildVideoTask,
  type CreateVideoTaskRequest,
  InvalidVideoTaskError,
  type VideoModel,
} from '@kyyvideo/contract';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import { quote } from '../quote.js';
import { DEFAULT_VIDEO_MODEL } from '../video-defaults.js';

/*
 * STAND-IN, to be replaced when branch `jobs` is merged: `kyy videos batch` reads its manifest
 * with `readVideoManifest` (apps/cli/src/batch/video-manifest.ts on that branch), and so must
 * `--queue`. This whole file then becomes the one line
 *   export { readVideoManifest } from '../batch/video-manifest.js';
 * Until then it reads the CSV subset the queue tests use (prompt, model, duration, out) with the
 * contract's task rules, so nothing here is a rule of its own.
 */

export interface QueueManifestRow {
  key: string;
  where: string;
  task: CreateVideoTaskRequest;
  out: string;
}

const COLUMNS = ['prompt', 'model', 'duration', 'out'];

export async function readVideoManifest(
  path: string,
  shownAs: string,
  _options: { uploadReferences: boolean },
): Promise<QueueManifestRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`Cannot read the manifest ${quote(shownAs)} (${reason}); check the path.`);
  }
  const records = parse(text, { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const problems: string[] = [];
  const rows: QueueManifestRow[] = [];
  records.forEach((record, i) => {
    const where = `line ${i + 2}`;
    const unknown = Object.keys(record).filter((k) => !COLUMNS.includes(k));
    if (unknown.length > 0)
      problems.push(`${where}: unknown column ${unknown.map(quote).join(', ')}`);
    try {
      const task = buildVideoTask({
        model: (record.model || DEFAULT_VIDEO_MODEL) as VideoModel,
        prompt: record.prompt ?? '',
        ...(record.duration ? { duration: Number(record.duration) } : {}),
      });
      rows.push({ key: String(i + 1), where, task, out: record.out || `row-${i + 1}.mp4` });
    } catch (error) {
      if (!(error instanceof InvalidVideoTaskError)) throw error;
      problems.push(...error.problems.map((p) => `${where}: ${p.field}: ${p.hint}`));
    }
  });
  if (rows.length === 0 && problems.length === 0) {
    throw new UsageError(`${shownAs} lists no videos; add at least one row with a prompt.`);
  }
  if (problems.length > 0) {
    throw new UsageError(
      `${shownAs} has problems; nothing was queued. Fix:\n  ${problems.join('\n  ')}`,
    );
  }
  return rows;
}
