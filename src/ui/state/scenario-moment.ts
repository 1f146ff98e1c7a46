/**
 * A moment of a run that survives a re-run: the virtual time at the cursor and how many of the
 * steps at that time were taken (several events can happen at the same virtual time). The
 * scenario document takes it before loading a new run and seeks it after, so a re-run after a
 * small edit shows the same moment.
 */
import type { Simulation } from './simulation.svelte.ts';

/** Where the cursor is, as a moment. */
export interface Moment {
  nowMs: number;
  stepsAtTime: number;
}

/** The parts of the simulation a moment is read from and sought in. */
type Cursor = Pick<Simulation, 'world' | 'position' | 'length' | 'seek'>;

/** The first position whose world time is at least `ms` (`length` when none); moves the cursor. */
function firstAtOrAfter(sim: Cursor, ms: number): number {
  let lo = 0;
  let hi = sim.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    sim.seek(mid);
    if ((sim.world?.nowMs ?? 0) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The moment at the cursor (the cursor stays). */
export function momentOf(sim: Cursor): Moment {
  const position = sim.position;
  const nowMs = sim.world?.nowMs ?? 0;
  const first = firstAtOrAfter(sim, nowMs);
  sim.seek(position);
  return { nowMs, stepsAtTime: position - first + 1 };
}

/** Go to the same moment in a new timeline (or the last step before it). */
export function seekMoment(sim: Cursor, { nowMs, stepsAtTime }: Moment): void {
  const first = firstAtOrAfter(sim, nowMs);
  const firstAfter = firstAtOrAfter(sim, nowMs + 1e-9);
  const target = first < firstAfter ? Math.min(first + stepsAtTime - 1, firstAfter - 1) : first - 1;
  sim.seek(Math.max(0, Math.min(target, sim.length - 1)));
}
