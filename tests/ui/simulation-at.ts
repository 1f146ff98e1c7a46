/** A simulation of a scenario text, moved to a virtual time, for tests that render one panel. */
import { simulationKernel, worldFromScenario } from '../../src/ui/default-scenario.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';

export function simulationAt(scenario: string, atMs: number): Simulation {
  provideSimulationKernel(simulationKernel);
  const loaded = worldFromScenario(scenario);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const simulation = new Simulation();
  simulation.load(loaded.world, { endMs: loaded.endMs });
  simulation.seekTime(atMs);
  return simulation;
}
