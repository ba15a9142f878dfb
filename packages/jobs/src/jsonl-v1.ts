import type { RowError, RowState } from './machine.js';

/** A line of the first results-file format, written by `kyy assets batch` before this engine. */
export interface Version1Record {
  v: 1;
  key: string;
  event: string;
  assetId?: string;
  error?: RowError;
}

const V1_EVENTS = [
  'started',
  'uploaded',
  'rejected',
  'unknown',
  'active',
  'review-failed',
  'wait-failed',
];

const noDetail: RowError = { type: 'Unknown', message: 'recorded by an earlier version of kyy' };

/**
 * The state a first-format line means, given the key's state before it; undefined when the line
 * is not one. Kept so a batch started by an older kyy resumes without sending anything twice.
 */
export function fromVersion1(
  record: Version1Record | undefined,
  before: RowState | undefined,
): { key: string; state: RowState } | undefined {
  if (!record || typeof record !== 'object' || record.v !== 1 || typeof record.key !== 'string') {
    return undefined;
  }
  const knownId = record.assetId ?? (before && 'id' in before ? before.id : undefined);
  const error = record.error ?? noDetail;
  const state = ((): RowState | undefined => {
    switch (record.event) {
      case 'started':
        return { phase: 'sending' };
      case 'rejected':
        return { phase: 'rejected', error };
      case 'unknown':
        return { phase: 'unknown', error };
      case 'uploaded':
      case 'wait-failed':
        return knownId ? { phase: 'sent', id: knownId } : undefined;
      case 'active':
        return knownId ? { phase: 'completed', id: knownId } : undefined;
      case 'review-failed':
        return knownId ? { phase: 'failed', id: knownId, error } : undefined;
      default:
        return undefined;
    }
  })();
  if (state) return { key: record.key, state };
  // A known event without the id it needs (never written by kyy): the line changes nothing.
  return V1_EVENTS.includes(record.event)
    ? { key: record.key, state: before ?? { phase: 'new' } }
    : undefined;
}
