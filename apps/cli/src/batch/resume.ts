import { createHash } from 'node:crypto';
import type { UploadInput } from '../client-types.js';
import type { ManifestItem } from './manifest.js';
import type { ResultRecord } from './results-file.js';

/**
 * Identifies an item across runs by what it uploads, not by its position, so editing or
 * reordering the manifest never re-uploads something that succeeded. Identical lines are told
 * apart by their occurrence number.
 */
export function itemKeys(items: readonly ManifestItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map(({ input }) => {
    const digest = contentDigest(input);
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    return `${digest}#${n}`;
  });
}

function contentDigest(input: UploadInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.assetType, input.url, input.name ?? null]))
    .digest('hex')
    .slice(0, 16);
}

/** Where an item stood when the previous run ended. */
export type PriorState =
  | { kind: 'new' }
  /** Rejected before: nothing was created, so uploading again is safe. */
  | { kind: 'retry'; lastError?: ResultRecord['error'] }
  /** Started but never concluded, or concluded "unknown": an asset may exist. */
  | { kind: 'unknown'; lastError?: ResultRecord['error'] }
  | { kind: 'uploaded'; assetId: string }
  | { kind: 'active'; assetId: string }
  | { kind: 'review-failed'; assetId: string; lastError?: ResultRecord['error'] };

/** Folds the records of earlier runs into the last known state of each item key. */
export function priorStates(records: readonly ResultRecord[]): Map<string, PriorState> {
  const states = new Map<string, PriorState>();
  for (const r of records) {
    const before = states.get(r.key);
    const knownId = r.assetId ?? (before && 'assetId' in before ? before.assetId : undefined);
    switch (r.event) {
      case 'started':
        states.set(r.key, { kind: 'unknown' });
        break;
      case 'unknown':
        states.set(r.key, { kind: 'unknown', lastError: r.error });
        break;
      case 'rejected':
        states.set(r.key, { kind: 'retry', lastError: r.error });
        break;
      case 'uploaded':
      case 'wait-failed':
        if (knownId) states.set(r.key, { kind: 'uploaded', assetId: knownId });
        break;
      case 'active':
        if (knownId) states.set(r.key, { kind: 'active', assetId: knownId });
        break;
      case 'review-failed':
        if (knownId)
          states.set(r.key, { kind: 'review-failed', assetId: knownId, lastError: r.error });
        break;
    }
  }
  return states;
}

/** What this run does with an item. */
export type Step =
  | { do: 'upload' }
  | { do: 'wait'; assetId: string }
  | { do: 'skip'; reason: 'done' | 'unknown' | 'review-failed'; assetId?: string };

export function planStep(
  prior: PriorState,
  options: { wait: boolean; retryUnknown: boolean },
): Step {
  switch (prior.kind) {
    case 'new':
    case 'retry':
      return { do: 'upload' };
    case 'unknown':
      return options.retryUnknown ? { do: 'upload' } : { do: 'skip', reason: 'unknown' };
    case 'uploaded':
      return options.wait
        ? { do: 'wait', assetId: prior.assetId }
        : { do: 'skip', reason: 'done', assetId: prior.assetId };
    case 'active':
      return { do: 'skip', reason: 'done', assetId: prior.assetId };
    case 'review-failed':
      return { do: 'skip', reason: 'review-failed', assetId: prior.assetId };
  }
}
