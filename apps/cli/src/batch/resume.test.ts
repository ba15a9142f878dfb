import { describe, expect, it } from 'vitest';
import type { ManifestItem } from './manifest.js';
import { itemKeys } from './resume.js';

const item = (index: number, url: string, name?: string): ManifestItem => ({
  index,
  where: `item ${index + 1}`,
  input: { assetType: 'Image', url, ...(name !== undefined && { name }) },
});

describe('itemKeys', () => {
  it('depends on what is uploaded, not on the position in the manifest', () => {
    const [a, b] = itemKeys([item(0, 'https://x.example/a'), item(1, 'https://x.example/b')]);
    const [b2, a2] = itemKeys([item(0, 'https://x.example/b'), item(1, 'https://x.example/a')]);
    expect(a).toBe(a2);
    expect(b).toBe(b2);
    expect(a).not.toBe(b);
  });

  it('tells identical lines apart and distinguishes names', () => {
    const keys = itemKeys([
      item(0, 'https://x.example/a'),
      item(1, 'https://x.example/a'),
      item(2, 'https://x.example/a', 'n'),
    ]);
    expect(new Set(keys).size).toBe(3);
  });
});
