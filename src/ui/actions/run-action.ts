/**
 * Run a direct action on the simulation: now (`apply`, replacing any computed future) or as a
 * "what if" fork (`forkHere`, keeping the old future as a branch). Either way the command is
 * queued at the current virtual time; we then step until it has run (only through events due
 * at this same instant, bounded), so the learner sees its effect at once without time passing.
 */
import type { Simulation } from '../state/simulation.svelte.ts';
import type { WorldCommand } from '../../sim/world.ts';
import { needsForm, simpleCommand, type ActionId, type FormAction } from './commands.ts';

export type ActionMode = 'apply' | 'fork';

/** Events due at the same instant that may run before the command (bounded). */
const MAX_SAME_INSTANT_STEPS = 50;

export function runCommand(simulation: Simulation, command: WorldCommand, mode: ActionMode): void {
  const atMs = simulation.world?.nowMs;
  if (atMs === undefined) return;
  const done = mode === 'fork' ? simulation.forkHere(command) : simulation.apply(command);
  if (!done) return; // refused: real traffic (`Simulation.realTraffic`)
  for (let i = 0; i < MAX_SAME_INSTANT_STEPS; i++) {
    if (simulation.nextAtMs !== atMs || !simulation.stepForward()) break;
    if (simulation.lastEntries.some((e) => e.kind === 'command')) break;
  }
}

/**
 * An action picked from a list (the node's menu, the inspector's buttons): one with a form
 * returns that form for the caller to open; any other runs at once and returns null.
 */
export function pickAction(simulation: Simulation, name: string, action: ActionId, mode: ActionMode): FormAction | null {
  if (needsForm(action)) return action;
  const command = simulation.world ? simpleCommand(simulation.world, name, action) : null;
  if (command) runCommand(simulation, command, mode);
  return null;
}
