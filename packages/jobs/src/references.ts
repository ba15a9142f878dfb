import { createHash } from 'node:crypto';
import type { AssetType, CreateVideoTaskRequest } from '@kyyvideo/contract';
import { VIDEO_TASK_MEDIA_FIELDS, type VideoTaskMediaField } from '@kyyvideo/contract';
import type { RowSpec } from './store.js';

/** Each medium of a task body with the asset type its field takes. */
export function mediaOf(
  task: CreateVideoTaskRequest,
): Array<{ url: string; assetType: AssetType }> {
  const found: Array<{ url: string; assetType: AssetType }> = [];
  for (const field of Object.keys(VIDEO_TASK_MEDIA_FIELDS) as VideoTaskMediaField[]) {
    const value = task[field];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const url of values) found.push({ url, assetType: VIDEO_TASK_MEDIA_FIELDS[field] });
  }
  return found;
}

/**
 * The key of the asset row that uploads `url` for the video rows of a batch. A digest, not the
 * URL: a store masks the API key in what it writes, and a URL carrying the key (a signed link)
 * would otherwise be stored under another key than the next run asks for, and uploaded again.
 */
export function referenceKey(assetType: AssetType, url: string): string {
  return `ref:${assetType}:${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
}

/**
 * The asset rows a batch's video rows need (their `uploadReferences`), each distinct URL once:
 * ten rows sharing one first frame make one upload.
 */
export function referenceRows(rows: readonly RowSpec[]): RowSpec[] {
  const refs = new Map<string, RowSpec>();
  for (const row of rows) {
    if (row.kind !== 'video' || !row.input.uploadReferences?.length) continue;
    const wanted = new Set(row.input.uploadReferences);
    for (const { url, assetType } of mediaOf(row.input.task)) {
      const key = referenceKey(assetType, url);
      if (!wanted.has(url) || refs.has(key)) continue;
      refs.set(key, {
        key,
        index: row.index,
        kind: 'asset',
        input: { upload: { assetType, url }, reference: true },
      });
    }
  }
  return [...refs.values()];
}

/** The task body with each uploaded URL replaced by its `asset://` reference. */
export function withReferences(
  task: CreateVideoTaskRequest,
  refOf: ReadonlyMap<string, string>,
): CreateVideoTaskRequest {
  const swap = (url: string) => refOf.get(url) ?? url;
  const body: Record<string, unknown> = { ...task };
  for (const field of Object.keys(VIDEO_TASK_MEDIA_FIELDS) as VideoTaskMediaField[]) {
    const value = task[field];
    if (Array.isArray(value)) body[field] = value.map(swap);
    else if (typeof value === 'string') body[field] = swap(value);
  }
  return body as CreateVideoTaskRequest;
}
