/**
 * The live bar's "Connect again" strings (after the feed closed), in English and German. They
 * are added when the live code loads, not with en.ts and de.ts, so the first bundle (which the
 * live view does not need) stays under its budget; the same way as src/ui/i18n/teacher.ts.
 */
import { addMessages } from 'svelte-i18n';

export const reconnectEn = {
  reconnect: 'Connect again',
  reconnectTitle: 'Connect to the live feed again (after the broker was restarted, for example): the view then shows what the broker kept and what follows',
  reconnectQuestion: 'Connecting again ends this view: {count, plural, one {its # event is} other {its # events are}} not saved.',
  saveThenReconnect: 'Save recording, then connect',
  reconnectWithoutSaving: 'Connect without saving',
};

export const reconnectDe: Record<keyof typeof reconnectEn, string> = {
  reconnect: 'Neu verbinden',
  reconnectTitle: 'Wieder mit dem Live-Feed verbinden (etwa nachdem der Broker neu gestartet wurde): Die Ansicht zeigt dann, was der Broker behalten hat, und was folgt',
  reconnectQuestion: 'Neu zu verbinden beendet diese Ansicht: {count, plural, one {ihr # Ereignis ist} other {ihre # Ereignisse sind}} nicht gespeichert.',
  saveThenReconnect: 'Aufzeichnung speichern, dann verbinden',
  reconnectWithoutSaving: 'Ohne Speichern verbinden',
};

let registered = false;

/** Add these strings under `live.` to svelte-i18n (once). */
export function registerReconnectMessages(): void {
  if (registered) return;
  registered = true;
  addMessages('en', { live: reconnectEn });
  addMessages('de', { live: reconnectDe });
}
