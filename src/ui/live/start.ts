/**
 * Live mode's entry (loaded with `import()` by main.ts for `#live`, `#recording` and `#client`, so
 * none of it is in the app's first bundle): the kernel and the explanation texts, the live
 * session and its bar; then, for `#live`, the feed of the broker that served this page.
 *
 * main.ts hands in what its own bundle already has (mounting the shell, registering the kernel):
 * imported here as values, they would make the bundler split the shared code into one more
 * chunk that the first page load has to fetch (measured: 2.5 kB gzip more).
 */
import type { Component } from 'svelte';
import { codecMessage, commandText, explanationTables, simulationKernel } from '../default-scenario.ts';
import type { provideExplanations } from '../format/explain.ts';
import type { Simulation, SimulationKernel } from '../state/simulation.svelte.ts';
import LiveBar from './LiveBar.svelte';
import { feedUrl, LiveSession } from './live-session.svelte.ts';

export interface LiveStart {
  simulation: Simulation;
  /** Mounts the app shell with the live bar (main.ts's `mount(App, …)`). */
  mountShell: (liveBar: { component: Component<Record<string, unknown>>; props: Record<string, unknown> }) => void;
  provideSimulationKernel: (kernel: SimulationKernel) => void;
  provideExplanations: typeof provideExplanations;
  /** `#live`: connect to the feed; `#recording`: wait for a file; `#client`: the in-app client. */
  mode: 'live' | 'recording' | 'client';
}

export function startLive(start: LiveStart): LiveSession {
  start.provideSimulationKernel(simulationKernel);
  start.provideExplanations(explanationTables, codecMessage, commandText);
  const session = new LiveSession(start.simulation);
  start.mountShell({ component: LiveBar as never, props: { session } });
  if (start.mode === 'live') session.connect(feedUrl(window.location));
  else if (start.mode === 'client') session.startClient();
  else session.status = 'recording';
  return session;
}
