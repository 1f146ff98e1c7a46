/**
 * What the stage and the actions read from the Simulation: the continuous virtual time the
 * transport animates (`displayMs`) and whether it plays. Reading them inside `$derived` tracks
 * them (they are runes).
 */
import type { Simulation } from '../state/simulation.svelte.ts';

/** The virtual time the picture shows. */
export function displayTime(simulation: Simulation): number {
  const d = simulation.displayMs;
  return Number.isFinite(d) ? d : (simulation.world?.nowMs ?? 0);
}

/** True while the simulation plays (direct actions wait for a pause). */
export function isPlaying(simulation: Simulation): boolean {
  return simulation.playing;
}

/** True when the cursor is on a past step (a computed future lies ahead). */
export function atPastStep(simulation: Simulation): boolean {
  return simulation.position < simulation.length - 1;
}
