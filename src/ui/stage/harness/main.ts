/**
 * Entry of the stage harness page (src/ui/stage/harness/index.html), built only by the stage
 * browser tests and the frame-time bench, never part of the app bundle. `?world=demo` (default)
 * or `?world=crowd&clients=30&packets=100`, or `?world=fleet&clients=200&packets=100` (sensors,
 * dashboards, a gateway and an alarm: grouped on the stage). `&panels=stage` or `&panels=sequence`
 * shows one panel alone (to measure it). Exposes `window.__stageHarness` to drive it.
 */
import { mount } from 'svelte';
import { setupI18n } from '../../i18n/bundled.ts';
import '../../styles/app.css';
import Harness from './Harness.svelte';
import { Simulation, provideSimulationKernel } from '../../state/simulation.svelte.ts';
import { simulationKernel } from '../../default-scenario.ts';
import { crowdFlyingFromMs, crowdWorld, demoWorld, fleetWorld } from './worlds.ts';

const params = new URLSearchParams(location.search);
setupI18n(params.get('lang') === 'de' ? 'de' : 'en');
provideSimulationKernel(simulationKernel);
const simulation = new Simulation();
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
const kind = params.get('world') ?? 'demo';
const packets = Number(params.get('packets') ?? 100);
const clients = Number(params.get('clients') ?? 30);
const crowded = kind === 'crowd' || kind === 'fleet';
simulation.load(kind === 'crowd' ? crowdWorld(clients, packets) : kind === 'fleet' ? fleetWorld(clients, packets) : demoWorld(), { endMs: crowded ? 4000 : 30_000 });
if (crowded) {
  simulation.advanceTo(crowdFlyingFromMs(packets));
  simulation.setDisplayMs(simulation.world?.nowMs ?? 0);
}

const target = document.getElementById('harness');
if (!target) throw new Error('no #harness element');
mount(Harness, { target, props: { simulation } });

declare global {
  interface Window {
    __stageHarness?: { simulation: Simulation; step(n?: number): void };
  }
}

window.__stageHarness = {
  simulation,
  /** Step `n` times and show the picture at the new world's time. */
  step(n = 1) {
    for (let i = 0; i < n; i++) simulation.stepForward();
    simulation.setDisplayMs(simulation.world?.nowMs ?? 0);
  },
};
