/**
 * The world's seeded random generator: mulberry32, a 32-bit state that is a plain number, so a
 * world holds it by value and stepping back restores it exactly. Nothing in the simulation may
 * use `Math.random` (lint enforces it).
 */

/** A generator state: any 32-bit integer. */
export type RngState = number;

/** The state for a seed (any integer; equal seeds give equal sequences). */
export function seedRng(seed: number): RngState {
  return (seed ^ 0x9e3779b9) >>> 0;
}

/** mulberry32's output for an advanced state: a float in [0, 1). */
function floatOf(state: RngState): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The next float in [0, 1) and the state after it. */
export function nextFloat(state: RngState): [value: number, next: RngState] {
  const next = (state + 0x6d2b79f5) >>> 0;
  return [floatOf(next), next];
}

/**
 * The same generator as a function that keeps its own state (for benchmarks and tests that
 * want the same sequence every run, outside a world): `seed` is the state itself.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    return floatOf(a);
  };
}
