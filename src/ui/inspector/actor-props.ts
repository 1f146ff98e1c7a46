/**
 * What every view of one actor takes (the actor inspector, the client's view, the actions below
 * it, the node's context menu): the simulation, and the actor's name in it.
 */
import type { Simulation } from '../state/simulation.svelte.ts';

export interface ActorProps {
  simulation: Simulation;
  /** The client's name, or `broker`. */
  name: string;
}
