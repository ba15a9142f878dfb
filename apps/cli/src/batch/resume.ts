import { createHash } from 'node:crypto';
import type { UploadInput } from '../client-types.js';
import type { ManifestItem } from './manifest.js';

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
