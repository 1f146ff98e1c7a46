/**
 * Live mode's entry (loaded with `import()` by main.ts for `#live` and `#recording`, so none of it
 * is in the app's first bundle): the kernel and the explanation texts, the live session, the app
 * shell with the live bar; then, for `#live`, the feed of the broker that served this page.
 */
import { mount } from 'svelte';
import App from '../App.svelte';
import { explanationTables, simulationKernel } from '../default-scenario.ts';
import { provideExplanations } from '../format/explain.ts';
import type { Preferences } from '../state/preferences.svelte.ts';
import { provideSimulationKernel, type Simulation } from '../state/simulation.svelte.ts';
import type { Transport } from '../state/transport.svelte.ts';
import type { Workspace } from '../state/workspace.svelte.ts';
import LiveBar from './LiveBar.svelte';
import { feedUrl, LiveSession } from './live-session.svelte.ts';

export interface LiveStart {
  target: HTMLElement;
  preferences: Preferences;
  simulation: Simulation;
  transport: Transport;
  workspace: Workspace;
  /** `#live`: connect to the feed; `#recording`: wait for a file; `#client`: the in-app client. */
  mode: 'live' | 'recording' | 'client';
}

export function startLive(start: LiveStart): LiveSession {
  provideSimulationKernel(simulationKernel);
  provideExplanations(explanationTables);
  const session = new LiveSession(start.simulation);
  mount(App, {
    target: start.target,
    props: {
      preferences: start.preferences,
      simulation: start.simulation,
      transport: start.transport,
      workspace: start.workspace,
      liveBar: { component: LiveBar as never, props: { session } },
    },
  });
  if (start.mode === 'live') session.connect(feedUrl(window.location));
  else if (start.mode === 'client') session.startClient();
  else session.status = 'recording';
  return session;
}
