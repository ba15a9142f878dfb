/** A source of uniformly distributed numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32: a tiny seeded PRNG. Good enough for id suffixes, and the same seed always yields
 * the same sequence, which is what makes ids deterministic in tests.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number | undefined): RandomSource {
  return seed === undefined ? Math.random : seededRandom(seed);
}
