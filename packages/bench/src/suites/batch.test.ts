import { describe, expect, it } from 'vitest';
import { buildManifest, succeededCount } from './batch.js';

describe('buildManifest', () => {
  it('gives every item a distinct URL', () => {
    const items = buildManifest(50);
    expect(items).toHaveLength(50);
    expect(new Set(items.map((item) => item.url)).size).toBe(50);
  });
});

describe('succeededCount', () => {
  it('finds summary.succeeded at the top level or nested', () => {
    expect(succeededCount('{"summary":{"succeeded":3}}')).toBe(3);
    expect(succeededCount('{"ok":true,"data":{"summary":{"succeeded":7,"failed":0}}}')).toBe(7);
  });

  it('fails when the output has no summary', () => {
    expect(() => succeededCount('{"ok":true}')).toThrow(/no summary/);
  });
});
