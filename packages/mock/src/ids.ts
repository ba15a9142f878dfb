import type { RandomSource } from './random.js';
import { idTimestamp } from './time-format.js';

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SUFFIX_LENGTH = 5;

/** `asset-YYYYMMDDhhmmss-xxxxx`; draws again on the (rare) clash with an id already taken. */
export function newAssetId(
  epochMs: number,
  random: RandomSource,
  taken: (id: string) => boolean,
): string {
  for (;;) {
    let suffix = '';
    for (let i = 0; i < SUFFIX_LENGTH; i++) {
      suffix += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length)];
    }
    const id = `asset-${idTimestamp(epochMs)}-${suffix}`;
    if (!taken(id)) return id;
  }
}
