import { render } from '@testing-library/svelte';
import App from '../../src/ui/App.svelte';
import { Preferences } from '../../src/ui/state/preferences.svelte.ts';
import { Transport } from '../../src/ui/state/transport.svelte.ts';
import { Workspace } from '../../src/ui/state/workspace.svelte.ts';

/** Mount the whole shell, as main.ts does, with this test's own state objects. */
export function renderApp(browserLanguages: readonly string[] = ['en-US']) {
  const preferences = Preferences.load({ storage: localStorage, browserLanguages, root: document.documentElement });
  const transport = new Transport();
  const workspace = new Workspace();
  const result = render(App, { props: { preferences, transport, workspace } });
  return { ...result, preferences, transport, workspace };
}
