/**
 * Theme, language and projector mode, remembered in localStorage and applied to `<html>`.
 *
 * Theory of operation: index.html's inline script applies the stored theme and language before
 * the first paint. `Preferences.load()` then resolves the same values (stored, else the
 * browser's language, else English; theme defaults to following the system) and owns them from
 * there: `setTheme` / `setLocale` update the rune state, write localStorage, set
 * `<html data-theme>` and switch svelte-i18n (which sets `<html lang>`). Only the language in use
 * is loaded: `ready` resolves once its messages are there (main.ts mounts the shell then), and
 * `setLocale` loads the other one first and switches when it has arrived.
 *
 * The theme lives in CSS: `data-theme="light" | "dark"` forces a palette; `"system"` lets
 * `prefers-color-scheme` decide (src/ui/styles/theme.css), so an OS switch needs no JavaScript.
 * Projector mode is `<html data-projector="on">`: larger text and strokes, stronger contrast
 * (src/ui/styles/app.css and the stage and diagram styles).
 */
import { locale as i18nLocale } from 'svelte-i18n';
import { MediaQuery } from 'svelte/reactivity';
import { DEFAULT_LOCALE, hasMessages, isLocale, loadLocale, startI18n, type Locale } from '../i18n/index.ts';
import { LOCALE_KEY, PROJECTOR_KEY, THEME_KEY } from './preference-keys.ts';

export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(value: unknown): value is Theme {
  return THEMES.includes(value as Theme);
}

/** Where preferences are remembered: `localStorage` in the app, a fake in tests. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface LoadOptions {
  /** null when storage is unavailable (private mode, blocked cookies): nothing is remembered. */
  storage: PreferenceStorage | null;
  /** `navigator.languages`: the first one we offer wins when nothing is stored. */
  browserLanguages: readonly string[];
  /** The element that gets `data-theme` (normally `document.documentElement`). */
  root: HTMLElement;
}

/** The locale to start with: the stored one, else the browser's first we offer, else English. */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

export class Preferences {
  theme = $state<Theme>('system');
  locale = $state<Locale>(DEFAULT_LOCALE);
  /** Larger text and strokes, stronger contrast: for a classroom projector. */
  projector = $state(false);

  /** The language a switch asked for whose messages did not load (after the retries), or null. */
  localeFailed = $state<Locale | null>(null);

  /** Resolves when the UI messages of the starting language are registered and selected. */
  ready: Promise<void> = Promise.resolve();

  readonly #storage: PreferenceStorage | null;
  /** Counts language switches, so that only the last one asked for is applied. */
  #switches = 0;
  readonly #root: HTMLElement;
  readonly #systemDark = new MediaQuery('(prefers-color-scheme: dark)', false);
  readonly #reducedMotion = new MediaQuery('(prefers-reduced-motion: reduce)', false);

  private constructor(storage: PreferenceStorage | null, root: HTMLElement) {
    this.#storage = storage;
    this.#root = root;
  }

  /** Read the remembered preferences, apply them, and load the UI translations (`ready`). */
  static load({ storage, browserLanguages, root }: LoadOptions): Preferences {
    const prefs = new Preferences(storage, root);
    const storedTheme = safeGet(storage, THEME_KEY);
    prefs.theme = isTheme(storedTheme) ? storedTheme : 'system';
    prefs.locale = initialLocale(safeGet(storage, LOCALE_KEY), browserLanguages);
    prefs.projector = safeGet(storage, PROJECTOR_KEY) === 'on';
    prefs.ready = startI18n(prefs.locale);
    prefs.#applyTheme();
    prefs.#applyProjector();
    return prefs;
  }

  /** The palette in use: the chosen one, or the system's when following it. */
  get resolvedTheme(): 'light' | 'dark' {
    if (this.theme !== 'system') return this.theme;
    return this.#systemDark.current ? 'dark' : 'light';
  }

  /** The user asked the OS for less motion: animations should jump instead of glide. */
  get reducedMotion(): boolean {
    return this.#reducedMotion.current;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    safeSet(this.#storage, THEME_KEY, theme);
    this.#applyTheme();
  }

  /**
   * Switch the UI language once its messages have loaded (the old one stays until then). When they
   * do not load (after the retries), the UI stays as it is, nothing is remembered, and
   * `localeFailed` names the language (the switch says so); false then.
   */
  async setLocale(locale: Locale): Promise<boolean> {
    const mine = ++this.#switches;
    this.localeFailed = null;
    if (!hasMessages(locale)) {
      try {
        await loadLocale(locale);
      } catch (error) {
        console.warn(`The ${locale} messages could not be loaded`, error);
        if (mine === this.#switches) this.localeFailed = locale;
        return false;
      }
    }
    if (mine !== this.#switches) return true; // a later switch wins
    safeSet(this.#storage, LOCALE_KEY, locale);
    this.locale = locale;
    await i18nLocale.set(locale); // svelte-i18n also sets <html lang>
    return true;
  }

  setProjector(on: boolean): void {
    this.projector = on;
    safeSet(this.#storage, PROJECTOR_KEY, on ? 'on' : 'off');
    this.#applyProjector();
  }

  #applyProjector(): void {
    if (this.projector) this.#root.dataset.projector = 'on';
    else delete this.#root.dataset.projector;
  }

  #applyTheme(): void {
    this.#root.dataset.theme = this.theme;
  }
}

function safeGet(storage: PreferenceStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(storage: PreferenceStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Storage full or blocked: the preference still applies for this visit.
  }
}
