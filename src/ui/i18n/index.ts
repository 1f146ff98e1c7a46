/**
 * UI translations. Each locale's messages are a chunk of their own (`import()`): the first
 * bundle carries none, main.ts loads the one in use (`startI18n`, the language is known from the
 * stored preference or the browser's) and mounts the shell only then, so the first render is
 * already in the right language: no flash of keys or of the other language, and no `$isLoading`
 * state to handle. A switch (`loadLocale`, then `locale.set`) keeps the old language on screen
 * until the new one's messages are there. Tests and the stage harness register both at once,
 * synchronously (`./bundled.ts`). When the first language cannot load (after the retries), main.ts
 * shows a message in both languages instead of the shell (src/ui/chunks/start-failure.ts).
 *
 * To add a string: add the key to `en.ts` (the compiler then asks for it in `de.ts`), and use it
 * in a component as `$_('group.key')`. tests/ui/i18n-messages.test.ts checks that both locales
 * have the same keys, no empty strings, and that every `$_('...')` key used in src/ui exists.
 */
import { addMessages, init, _ } from 'svelte-i18n';
import { get } from 'svelte/store';
import { loadChunk } from '../chunks/load-chunk.ts';
import type { Messages } from './en.ts';

/** The locales the UI offers, with their names in their own language (never translated). */
export const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];

export const DEFAULT_LOCALE: Locale = 'en';

/** True when `value` is one of the offered locale codes. */
export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.code === value);
}

/** Each locale's messages, a chunk of their own (tried again when it fails to arrive: `loadChunk`). */
const LOADERS: Readonly<Record<Locale, () => Promise<Messages>>> = {
  en: () => loadChunk(() => import('./en.ts')).then((m) => m.en),
  de: () => loadChunk(() => import('./de.ts')).then((m) => m.de),
};

const registered = new Set<Locale>();

/** Register one locale's messages with svelte-i18n (once; ./bundled.ts registers both). */
export function registerMessages(code: Locale, messages: Messages): void {
  if (registered.has(code)) return;
  addMessages(code, messages);
  registered.add(code);
}

/** True when `code`'s messages are registered (a switch to it can happen at once). */
export function hasMessages(code: Locale): boolean {
  return registered.has(code);
}

/** Load and register `code`'s messages, unless they are already there. */
export async function loadLocale(code: Locale): Promise<void> {
  if (!registered.has(code)) registerMessages(code, await LOADERS[code]());
}

/** Select `initialLocale` (its messages must be registered). Safe to call again: it only switches. */
export function selectInitialLocale(initialLocale: Locale): void {
  void init({ fallbackLocale: DEFAULT_LOCALE, initialLocale });
}

/**
 * Load `initialLocale`'s messages, then select it: resolves when the first render may happen
 * (selected at once when they are already registered, as in tests).
 */
export function startI18n(initialLocale: Locale): Promise<void> {
  if (hasMessages(initialLocale)) {
    selectInitialLocale(initialLocale);
    return Promise.resolve();
  }
  return loadLocale(initialLocale).then(() => selectInitialLocale(initialLocale));
}

/**
 * A text in every UI locale, for what is stored now and shown later (a notice naming a lesson):
 * the locale is picked when it is shown, so it follows the language switch.
 */
export type InEachLocale = Readonly<Record<Locale, string>>;

/**
 * `text(code)` for every offered locale, computed when read (a getter per locale): a locale's
 * messages are loaded only when the user switches to it, so its text is made when it is shown.
 */
export function inEachLocale(text: (locale: Locale) => string): InEachLocale {
  const texts = {} as Record<Locale, string>;
  for (const { code } of LOCALES) Object.defineProperty(texts, code, { get: () => text(code), enumerable: true });
  return texts;
}

/** `key` in `locale`, read now (not a store): for texts made when shown, such as `inEachLocale`'s. */
export function translateIn(locale: Locale, key: string): string {
  return get(_)(key, { locale });
}

/** The text of `value` for `locale` (its base language, else the default); plain values as they are. */
export function inLocale(value: string | number | InEachLocale, locale: string | null | undefined): string | number {
  if (typeof value !== 'object') return value;
  const base = (locale ?? DEFAULT_LOCALE).split('-')[0];
  return isLocale(base) ? value[base] : value[DEFAULT_LOCALE];
}
