import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock.js';
import { resolveOptions } from './options.js';
import { createStore } from './store.js';

const image = { assetType: 'Image' as const, url: 'https://example.com/a.png' };

describe('asset ids', () => {
  it('never hands out an id twice in the same second, even after its asset is deleted', () => {
    // The first five draws come twice: a second upload would get the first one's id again.
    const draws = [0.1, 0.2, 0.3, 0.4, 0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.9, 0.8, 0.7, 0.6, 0.5];
    const sequence = () => {
      let i = 0;
      return () => draws[i++ % draws.length] as number;
    };
    const store = createStore(
      createVirtualClock(Date.UTC(2026, 2, 30)),
      sequence,
      resolveOptions(),
    );
    const first = store.create(image).assetId;
    store.delete(first);
    const second = store.create(image).assetId;
    expect(second).not.toBe(first);
    // A cleared store is a fresh one: the same draws give the same ids again.
    store.clear();
    expect(store.create(image).assetId).toBe(first);
  });
});
