import { runPool } from '@kyyvideo/client';

/** One way of making a call, timed by the harness. */
export interface Variant {
  label: string;
  call: () => Promise<unknown>;
}

/**
 * Times `calls` sequential calls of every variant, in rounds that rotate the order, so drift on
 * a noisy machine (GC, CPU frequency, neighbours) spreads evenly instead of hitting one variant.
 */
export async function timeSequential(
  variants: Variant[],
  calls: number,
  warmupCalls: number,
  roundSize: number,
): Promise<Map<string, number[]>> {
  const samples = new Map(variants.map((variant) => [variant.label, [] as number[]]));
  for (const variant of variants) {
    for (let i = 0; i < warmupCalls; i++) await variant.call();
  }
  const rounds = Math.ceil(calls / roundSize);
  for (let round = 0; round < rounds; round++) {
    const shift = round % variants.length;
    const order = [...variants.slice(shift), ...variants.slice(0, shift)];
    const size = Math.min(roundSize, calls - round * roundSize);
    for (const variant of order) {
      const bucket = samples.get(variant.label) as number[];
      for (let i = 0; i < size; i++) {
        const start = performance.now();
        await variant.call();
        bucket.push(performance.now() - start);
      }
    }
  }
  return samples;
}

/** Calls per second with `inFlight` calls outstanding at all times, `calls` in total. */
export async function timeConcurrent(
  variant: Variant,
  calls: number,
  inFlight: number,
): Promise<number> {
  const start = performance.now();
  await runPool(calls, inFlight, async () => {
    await variant.call();
  });
  return calls / ((performance.now() - start) / 1000);
}

/**
 * Throughput of every variant with `inFlight` calls outstanding, `calls` calls each, split into
 * `rounds` that rotate the order (as timeSequential does) so no variant always runs first.
 */
export async function throughputRounds(
  variants: Variant[],
  calls: number,
  inFlight: number,
  rounds: number,
): Promise<Map<string, number>> {
  const elapsedMs = new Map(variants.map((variant) => [variant.label, 0]));
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    const shift = round % variants.length;
    for (const variant of [...variants.slice(shift), ...variants.slice(0, shift)]) {
      const perSecond = await timeConcurrent(variant, perRound, inFlight);
      elapsedMs.set(
        variant.label,
        (elapsedMs.get(variant.label) ?? 0) + (perRound / perSecond) * 1000,
      );
    }
  }
  return new Map(
    variants.map((variant) => [
      variant.label,
      (perRound * rounds) / ((elapsedMs.get(variant.label) ?? Number.NaN) / 1000),
    ]),
  );
}
