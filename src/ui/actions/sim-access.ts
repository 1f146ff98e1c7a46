/**
 * What the stage and the actions read from the Simulation beyond its documented fields: the
 * continuous virtual time the transport animates (`displayMs`) and whether it plays. Both may
 * or may not exist on the Simulation yet (the transport adds them); until then the picture
 * stands at the world's time and actions are always allowed. Reading them inside `$derived`
 * tracks them when they are runes.
 */
import type { Simulation } from '../state/simulation.svelte.ts';

interface MaybeTransportFields {
  displayMs?: unknown;
  playing?: unknown;
}

/** The virtual time the picture shows. */
export function displayTime(simulation: Simulation): number {
  const d = (simulation as unknown as MaybeTransportFields).displayMs;
  return typeof d === 'number' && Number.isFinite(d) ? d : (simulation.world?.nowMs ?? 0);
}

/** True while the simulation plays (direct actions wait for a pause). */
export function isPlaying(simulation: Simulation): boolean {
  return (simulation as unknown as MaybeTransportFields).playing === true;
}

/** True when the cursor is on a past step (a computed future lies ahead). */
export function atPastStep(simulation: Simulation): boolean {
  return simulation.position < simulation.length - 1;
}
