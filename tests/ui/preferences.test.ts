import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALE_KEY, PROJECTOR_KEY, THEME_KEY } from '../../src/ui/state/preference-keys.ts';
import { initialLocale } from '../../src/ui/state/preferences.svelte.ts';

describe('preferences', () => {
  it('starts with the stored locale, else the first offered browser language, else English', () => {
    expect(initialLocale('de', ['en-US'])).toBe('de');
    expect(initialLocale(null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(initialLocale('xx', ['fr'])).toBe('en');
    expect(initialLocale(null, [])).toBe('en');
  });

  it('index.html applies the same storage keys before the first paint', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../index.html'), 'utf8');
    expect(html).toContain(`'${THEME_KEY}'`);
    expect(html).toContain(`'${LOCALE_KEY}'`);
    expect(html).toContain(`'${PROJECTOR_KEY}'`);
  });
});
