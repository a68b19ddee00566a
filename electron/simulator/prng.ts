/**
 * A small seeded PRNG so the demo market is reproducible: the same seed gives the same
 * price path on every machine, which lets tests and screenshots rely on it.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: 32-bit state, full period 2^32, good enough statistical quality for a price
 * walk and a few lines long. Only 32-bit integer math, so results are identical everywhere.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A standard normal sample by the Box–Muller transform. Consumes two uniforms per call
 * (no cached spare), which keeps the stream of draws easy to reason about in tests.
 */
export function normal(random: Random): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
