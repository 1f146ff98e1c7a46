/**
 * The sequence diagram at 1024x768 (issue 14): the lanes move closer together so the rows'
 * text keeps its room, and no row's text runs past the panel's right edge (a long row ends in
 * an ellipsis inside the panel; the caption has all of it), in English and German. Screenshots
 * go to test-results/sequence-1024x768-*.png.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, showEveryRow } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

describe('the sequence diagram in a 1024 px window', () => {
  it.each([
    ['en', 'en-US', 'Sequence diagram'],
    ['de', 'de-DE', 'Sequenzdiagramm'],
  ])('keeps every row inside the panel (%s)', async (lang, locale, region) => {
    const { page } = await browser.openPage({ locale, viewport: { width: 1024, height: 768 } });
    await showEveryRow(page);
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
    await page.locator('body').press('Home');
    for (let i = 0; i < 30; i++) await page.locator('body').press('ArrowRight');
    const sequence = page.getByRole('region', { name: region });
    await sequence.locator('.row').nth(10).waitFor();
    const layout = await sequence.locator('.scroller').evaluate((scroller) => {
      const box = scroller.getBoundingClientRect();
      const texts = [...scroller.querySelectorAll<HTMLElement>('.row .text')].map((t) => t.getBoundingClientRect());
      return {
        right: box.right,
        sideways: scroller.scrollWidth - scroller.clientWidth,
        textRight: Math.max(...texts.map((r) => r.right)),
        textWidth: Math.min(...texts.map((r) => r.width)),
      };
    });
    expect(layout.sideways).toBeLessThanOrEqual(0);
    expect(layout.textRight).toBeLessThanOrEqual(layout.right + 0.5);
    expect(layout.textWidth).toBeGreaterThan(180);
    // A row cut short ends in an ellipsis, and the caption shows all of it.
    const long = sequence.locator('.row .text').filter({ hasText: 'PUBLISH q1' }).first();
    await expect(long.evaluate((el) => [getComputedStyle(el).textOverflow, el.scrollWidth > el.clientWidth])).resolves.toEqual(['ellipsis', true]);
    const full = (await long.getAttribute('title')) ?? '';
    await long.click();
    await expect.poll(() => sequence.innerText()).toContain(full);
    await page.screenshot({ path: path.join(SCREENSHOTS, `sequence-1024x768-${lang}.png`) });
  });
});

describe('the sequence diagram on a phone', () => {
  it.each([
    ['en', 'en-US', 390, 844],
    ['de', 'de-DE', 360, 740],
  ])('fits three lanes into the width, the row text close to the last lane, every arrow label whole and off the text (%s, %s, %ix%i)', async (lang, locale, width, height) => {
    const { page } = await browser.openPage({ locale, viewport: { width, height }, hasTouch: true, isMobile: true });
    await showEveryRow(page);
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
    await page.locator('body').press('Home');
    // Step 14: the retained PUBLISH has just left the sensor (the first lane), its long label over the lane.
    for (let i = 0; i < 14; i++) await page.locator('body').press('ArrowRight');
    await page.locator('nav.views button[data-view="sequence"]').click();
    const scroller = page.locator('[data-area="sequence"] .scroller');
    await expect.poll(() => scroller.locator('text.label').filter({ hasText: /retain/ }).count()).toBeGreaterThan(0);
    const layout = await scroller.evaluate((element) => {
      const drawing = element.querySelector('svg.lines')!.getBoundingClientRect();
      const labels = [...element.querySelectorAll('text.label')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      return {
        sideways: element.scrollWidth - element.clientWidth,
        // Each label's room to the drawing's edges (it is cut there), less its 1.5 px halo.
        cut: labels.filter(({ box }) => box.left - 1.5 < drawing.left || box.right + 1.5 > drawing.right).map((l) => l.text),
        // The row text starts close to the last lane (more of it shows), and no label reaches over it.
        textFromLastLane: Math.min(...[...element.querySelectorAll('.row .text')].map((t) => t.getBoundingClientRect().left)) - Math.max(...[...element.querySelectorAll('line.lifeline')].map((l) => l.getBoundingClientRect().left)),
        overText: labels.filter(({ box }) => box.right + 1.5 > Math.min(...[...element.querySelectorAll('.row .text')].map((t) => t.getBoundingClientRect().left))).map((l) => l.text),
      };
    });
    expect(layout.sideways).toBeLessThanOrEqual(0);
    expect(layout.cut).toEqual([]);
    expect(layout.textFromLastLane).toBeLessThanOrEqual(26);
    expect(layout.overText).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, `sequence-phone-${width}x${height}-${lang}.png`) });
  });
});
