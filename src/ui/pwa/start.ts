/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Loaded lazily by main.ts after the first render (not in the initial bundle): registers the
 * service worker and shows its notices (UpdateNotice) in a container of their own at the end
 * of the page, outside the app shell.
 */
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { AppUpdate } from './app-update.svelte.ts';
import UpdateNotice from './UpdateNotice.svelte';

export function startOffline(): AppUpdate {
  const update = new AppUpdate(registerSW);
  const target = document.createElement('div');
  target.className = 'app-update';
  document.body.append(target);
  mount(UpdateNotice, { target, props: { update } });
  update.start();
  return update;
}
