import { render } from '@testing-library/svelte';
import App from '../../src/ui/App.svelte';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import { Preferences } from '../../src/ui/state/preferences.svelte.ts';
import { Simulation } from '../../src/ui/state/simulation.svelte.ts';
import { Transport } from '../../src/ui/state/transport.svelte.ts';
import { Workspace } from '../../src/ui/state/workspace.svelte.ts';

/**
 * Mount the whole shell, as main.ts does, with this test's own state objects. Nothing is loaded
 * unless the test loads a world into `simulation` (before or after rendering).
 */
export function renderApp(browserLanguages: readonly string[] = ['en-US'], simulation = new Simulation()) {
  setupI18n('en'); // both locales, synchronously: Preferences.load then selects the browser's
  const preferences = Preferences.load({ storage: localStorage, browserLanguages, root: document.documentElement });
  const transport = new Transport(simulation, { request: () => 0, cancel: () => {} });
  const workspace = new Workspace();
  const result = render(App, { props: { preferences, simulation, transport, workspace } });
  return { ...result, preferences, simulation, transport, workspace };
}
