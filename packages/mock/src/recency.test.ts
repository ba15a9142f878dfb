import { describe, expect, it } from 'vitest';
import { createRecency } from './recency.js';

const drain = (recency: ReturnType<typeof createRecency>) => {
  const ids: string[] = [];
  for (let id = recency.takeLeastRecent(); id !== undefined; id = recency.takeLeastRecent()) {
    ids.push(id);
  }
  return ids;
};

describe('recency order', () => {
  it('gives ids back least recently used first, a use moving one to the end', () => {
    const recency = createRecency();
    for (const id of ['a', 'b', 'c', 'd']) recency.use(id);
    recency.use('b');
    recency.use('a');
    recency.use('a'); // already the newest: no change
    recency.forget('c');
    recency.forget('missing');
    expect(drain(recency)).toEqual(['d', 'b', 'a']);
    expect(recency.takeLeastRecent()).toBeUndefined();
  });

  it('starts empty again after clear and keeps working', () => {
    const recency = createRecency();
    recency.use('a');
    recency.use('b');
    recency.clear();
    recency.use('c');
    recency.use('a');
    expect(drain(recency)).toEqual(['c', 'a']);
  });

  it('agrees with a plain array model over a long random sequence', () => {
    const recency = createRecency();
    let model: string[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let step = 0; step < 5_000; step++) {
      const id = `id${Math.floor(random() * 50)}`;
      const action = random();
      if (action < 0.6) {
        recency.use(id);
        model = [...model.filter((x) => x !== id), id];
      } else if (action < 0.8) {
        recency.forget(id);
        model = model.filter((x) => x !== id);
      } else {
        expect(recency.takeLeastRecent()).toBe(model.shift());
      }
    }
    expect(drain(recency)).toEqual(model);
  });
});
