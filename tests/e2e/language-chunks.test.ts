/**
 * The UI's languages load one at a time (src/ui/i18n/index.ts), in real Chromium on the built
 * app: a German browser gets the German messages and never the English ones; the very first
 * thing the shell renders is German (no keys, no English flash); switching to English fetches
 * the English messages then, keeps the German UI on screen while they travel, and switches
 * everything at once when they have arrived.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const browser = browserPerFile();
const localeChunk = (url: string) => /\/assets\/(en|de)-[\w-]+\.js$/.exec(url)?.[1];

declare global {
  interface Window {
    /** The shell's markup at the moment it first appeared in #app. */
    __firstShell?: string;
  }
}

describe('UI languages load lazily', () => {
  it('a German browser starts in German, loads only the German messages, and loads English on a switch', async () => {
    const { page } = await browser.openPage({ locale: 'de-DE' });
    const chunks: string[] = [];
    page.on('request', (request) => {
      const code = localeChunk(request.url());
      if (code) chunks.push(code);
    });
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const app = document.getElementById('app');
        if (app?.firstElementChild) {
          window.__firstShell = app.innerHTML;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();

    const first = (await page.evaluate(() => window.__firstShell)) ?? '';
    expect(first).toContain('aria-label="Abspielen"');
    expect(first).not.toContain('aria-label="Play"');
    expect(first).not.toMatch(/>\s*(transport|panels|preferences|app)\.[a-z]/); // no message key shown as text
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(chunks).toEqual(['de']);

    // Hold the English messages back: the German UI stays whole until they arrive.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/en-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Sprache').selectOption('en');
    await expect.poll(() => chunks).toEqual(['de', 'en']);
    await expect(page.getByRole('button', { name: 'Abspielen' }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    release();
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('mqttlab.locale'))).toBe('en');
    await page.screenshot({ path: path.join(screenshotsDir(), 'language-chunks-switched.png') });

    // Back to German: already loaded, no new request.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Abspielen' }).waitFor();
    expect(chunks).toEqual(['de', 'en']);
  });

  it('an English browser loads only the English messages', async () => {
    const { page } = await browser.openPage();
    const chunks: string[] = [];
    page.on('request', (request) => {
      const code = localeChunk(request.url());
      if (code) chunks.push(code);
    });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    expect(chunks).toEqual(['en']);
  });
});
