/**
 * Entry point: read the remembered preferences (this also registers the translations,
 * synchronously, so the first render is already in the right language), create the UI state,
 * and mount the shell.
 */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { Preferences } from './ui/state/preferences.svelte.ts';
import { Transport } from './ui/state/transport.svelte.ts';
import { Workspace } from './ui/state/workspace.svelte.ts';
import './ui/styles/app.css';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked by the browser's privacy settings
  }
}

const preferences = Preferences.load({
  storage: browserStorage(),
  browserLanguages: navigator.languages ?? [navigator.language],
  root: document.documentElement,
});

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, { target, props: { preferences, transport: new Transport(), workspace: new Workspace() } });
