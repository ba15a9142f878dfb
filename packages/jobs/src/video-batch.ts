import type { BatchClient } from './actions.js';
import { type BatchOptions, type BatchResult, runBatch } from './engine.js';
import type { RowSpec, VideoRowInput } from './store.js';

/** One video of a batch: a stable key (how reruns find it again) and what to make. */
export interface VideoRow extends VideoRowInput {
  key: string;
}

/**
 * Makes many videos: each row's references uploaded once per batch (with `uploadReferences`),
 * its task created (never twice), polled, and its MP4 downloaded into `outDir`. Run it again on
 * the same store to resume.
 */
export function runVideoBatch(
  kyy: BatchClient,
  rows: readonly VideoRow[],
  options: BatchOptions,
): Promise<BatchResult> {
  const specs: RowSpec[] = rows.map(({ key, ...input }, i) => ({
    key,
    index: i + 1,
    kind: 'video',
    input,
  }));
  return runBatch(kyy, specs, options);
}
