/**
 * UI translations. Messages are bundled (they are small) and registered synchronously with
 * `addMessages`, so svelte-i18n has the locale before the first render: no flash of keys and no
 * `$isLoading` state to handle.
 *
 * To add a string: add the key to `en.ts` (the compiler then asks for it in `de.ts`), and use it
 * in a component as `$_('group.key')`. tests/ui/i18n-messages.test.ts checks that both locales
 * have the same keys, no empty strings, and that every `$_('...')` key used in src/ui exists.
 */
import { addMessages, init } from 'svelte-i18n';
import { de } from './de.ts';
import { en } from './en.ts';

/** The locales the UI offers, with their names in their own language (never translated). */
export const LOCALES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];

export const DEFAULT_LOCALE: Locale = 'en';

/** All messages by locale (also used by the tests). */
export const MESSAGES = { en, de } as const;

/** True when `value` is one of the offered locale codes. */
export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.code === value);
}

/**
 * Register the bundled messages and select `initialLocale`, synchronously. Safe to call more
 * than once (tests do): later calls only switch the locale.
 */
export function setupI18n(initialLocale: Locale): void {
  for (const { code } of LOCALES) addMessages(code, MESSAGES[code]);
  void init({ fallbackLocale: DEFAULT_LOCALE, initialLocale });
}

/**
 * A text in every UI locale, for what is stored now and shown later (a notice naming a lesson):
 * the locale is picked when it is shown, so it follows the language switch.
 */
export type InEachLocale = Readonly<Record<Locale, string>>;

/** `text(code)` for every offered locale. */
export function inEachLocale(text: (locale: Locale) => string): InEachLocale {
  return Object.fromEntries(LOCALES.map(({ code }) => [code, text(code)])) as Record<Locale, string>;
}

/** The text of `value` for `locale` (its base language, else the default); plain values as they are. */
export function inLocale(value: string | number | InEachLocale, locale: string | null | undefined): string | number {
  if (typeof value !== 'object') return value;
  const base = (locale ?? DEFAULT_LOCALE).split('-')[0];
  return isLocale(base) ? value[base] : value[DEFAULT_LOCALE];
}
