import { readFileSync } from 'node:fs';
import {
  type LatestState,
  type RowPolicy,
  type RowState,
  readLatest,
  referenceRows,
  start,
} from '@kyyvideo/jobs';
import type { VideoManifestRow } from '../batch/video-manifest.js';
import { plural } from '../plural.js';

/** What this run would send: the rows that still need a create, and the uploads they need. */
export interface BatchPlan {
  /** Rows whose create would be sent (new, rejected before, or reopened by a retry flag). */
  toCreate: VideoManifestRow[];
  /** Distinct reference URLs not uploaded yet. */
  toUpload: string[];
  /** Rows already downloaded by an earlier run. */
  downloaded: number;
  byModel: Record<string, { tasks: number; seconds: number }>;
}

/** The results file's last state of each row, or none when there is no file yet. */
export function latestIn(path: string): Map<string, LatestState> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Map();
  }
  return readLatest(text);
}

/** The states of {@link latestIn}. */
export function statesOf(latest: ReadonlyMap<string, LatestState>): Map<string, RowState> {
  return new Map([...latest].map(([key, { state }]) => [key, state]));
}

export function planBatch(
  rows: readonly VideoManifestRow[],
  states: ReadonlyMap<string, RowState>,
  policy: RowPolicy,
): BatchPlan {
  const stateOf = (key: string): RowState => states.get(key) ?? { phase: 'new' };
  const toCreate = rows.filter((row) => start(stateOf(row.key), policy).action.do === 'prepare');
  const byModel: BatchPlan['byModel'] = {};
  for (const row of toCreate) {
    const entry = byModel[row.task.model] ?? { tasks: 0, seconds: 0 };
    byModel[row.task.model] = { tasks: entry.tasks + 1, seconds: entry.seconds + row.seconds };
  }
  const refs = referenceRows(
    toCreate.map((row) => ({ key: row.key, index: 0, kind: 'video' as const, input: row })),
  );
  return {
    toCreate,
    toUpload: refs
      .filter((ref) => stateOf(ref.key).phase !== 'completed')
      .map((ref) => (ref.kind === 'asset' ? ref.input.upload.url : ref.key)),
    downloaded: rows.filter((row) => stateOf(row.key).phase === 'downloaded').length,
    byModel,
  };
}

export function describePlan(plan: BatchPlan, total: number): string {
  const models = Object.entries(plan.byModel)
    .map(
      ([model, { tasks, seconds }]) =>
        `  ${model}: ${plural(tasks, 'task')}, ${seconds} s of video`,
    )
    .join('\n');
  const seconds = Object.values(plan.byModel).reduce((sum, m) => sum + m.seconds, 0);
  return [
    `Dry run: nothing was sent. Of ${plural(total, 'row')}, ${plan.toCreate.length} would be created (${seconds} s of video)${plan.downloaded > 0 ? `, ${plan.downloaded} ${plan.downloaded === 1 ? 'is' : 'are'} downloaded already` : ''}.`,
    ...(models ? [models] : []),
    plan.toUpload.length > 0
      ? `References to upload first: ${plan.toUpload.length}\n${plan.toUpload.map((u) => `  ${u}`).join('\n')}`
      : 'References to upload first: none',
  ].join('\n');
}
