/**
 * Both UI locales, bundled and registered synchronously: for the tests (happy-dom) and the stage
 * harness page. The app never imports this file: it loads only the locale in use (./index.ts).
 */
import { de } from './de.ts';
import { en } from './en.ts';
import { LOCALES, registerMessages, selectInitialLocale, type Locale } from './index.ts';

/** All messages by locale. */
export const MESSAGES = { en, de } as const;

/** Register both locales' messages and select `initialLocale`, synchronously. Safe to call again. */
export function setupI18n(initialLocale: Locale): void {
  for (const { code } of LOCALES) registerMessages(code, MESSAGES[code]);
  selectInitialLocale(initialLocale);
}
