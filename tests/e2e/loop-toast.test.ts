/**
 * The "works offline" notice of a first visit (a real service worker in Chromium) keeps out of
 * the way: on a 1024x768 tablet and a 390x844 phone it covers no control of the page and no part
 * of the lesson or editor panels, it is in German after switching the language, and it closes
 * by itself. Screenshots go to test-results/loop-toast-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile();

/**
 * Controls of the page whose box the notice overlaps, by a short description; with `panels`, the
 * lesson and editor panels too (on a phone, where one view fills the screen, the notice lies over
 * the bottom edge of that view until it closes).
 */
async function covered(page: Page, panels: boolean): Promise<string[]> {
  return page.evaluate((panels) => {
    const notice = document.querySelector('[data-notice="offline-ready"]')!.getBoundingClientRect();
    const overlaps = (r: DOMRect) => r.width > 0 && r.height > 0 && r.left < notice.right && r.right > notice.left && r.top < notice.bottom && r.bottom > notice.top;
    const hits: string[] = [];
    const selector = 'button, input, select, [role="tab"], [role="slider"], a[href]' + (panels ? ', section.panel[data-area="editor"], #editor-panel-lesson article, .monaco-editor' : '');
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest('[data-notice]') || el.checkVisibility?.() === false) continue;
      if (overlaps(el.getBoundingClientRect())) hits.push(`${el.tagName.toLowerCase()}.${el.className} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`);
    }
    return hits;
  }, panels);
}

describe('the offline notice (Chromium, service worker)', () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 390, height: 844 },
  ]) {
    it(`covers nothing at ${viewport.width}x${viewport.height}${viewport.width > 1000 ? ', stays while held and closes by itself' : ''}`, async () => {
      const { page } = await openPage({ serviceWorkers: 'allow', viewport });
      // The page's clock runs as usual, and the test jumps it past the notice's 10 s (fastForward).
      await page.clock.install();
      await page.goto(`${inject('baseUrl')}?play=0`);
      const notice = page.locator('[data-notice="offline-ready"]');
      await notice.getByText('MQTT Lab now works offline in this browser, your progress too.').waitFor({ timeout: 30_000 });
      const wide = viewport.width > 1000;
      if (wide) {
        await page.locator('nav.views button[data-view="lesson"]').click();
        await page.locator('#editor-panel-lesson button[data-lesson="01-why-mqtt"]').click();
        await page.locator('#editor-panel-lesson article[data-lesson="01-why-mqtt"]').waitFor();
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, `loop-toast-${viewport.width}-en.png`) });
      expect(await covered(page, wide)).toEqual([]);
      // Held while the pointer is on it.
      await notice.hover();
      await page.getByLabel('Language', { exact: true }).selectOption('de');
      await notice.getByText('MQTT Lab funktioniert jetzt auch offline in diesem Browser, dein Fortschritt auch.').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, `loop-toast-${viewport.width}-de.png`) });
      expect(await covered(page, wide)).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `loop-toast-${viewport.width}-de-held.png`) });
      // Holding and closing by itself do not depend on the size: checked once. The page's clock
      // jumps 11 s (past the notice's 10 s) instead of the test waiting for them.
      if (!wide) return;
      await page.clock.fastForward(11_000);
      await expect(notice.count()).resolves.toBe(1);
      // Left alone, it closes by itself: not before its 10 s, and after them.
      await page.mouse.move(5, 5);
      await page.clock.fastForward(5_000);
      await expect(notice.count()).resolves.toBe(1);
      await page.clock.fastForward(6_000);
      await notice.waitFor({ state: 'detached', timeout: 10_000 });
    }, 90_000);
  }
});
