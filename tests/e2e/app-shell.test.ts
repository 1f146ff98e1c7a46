import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const PANELS_EN = ['Topology', 'Sequence diagram', 'Inspector', 'Editor', 'Transport'];
const PANELS_DE = ['Topologie', 'Sequenzdiagramm', 'Inspektor', 'Editor', 'Wiedergabesteuerung'];

// Every test fails on any console error or page error, even one logged after its last check.
const file = browserPerFile();

/** The app with its default scenario loaded but paused at the start (`?play=0`). */
async function open(options: BrowserContextOptions = {}): Promise<Page> {
  const opened = await file.openPage(options);
  await opened.page.goto(`${inject('baseUrl')}?play=0`);
  await opened.page.getByRole('main').waitFor();
  return opened.page;
}

async function boxesOf(page: Page, names: readonly string[]) {
  const boxes = [];
  for (const name of [...names]) {
    const box = await page.getByRole('region', { name, exact: true }).boundingBox();
    if (!box) throw new Error(`region ${name} is not visible`);
    boxes.push({ name, ...box });
  }
  const header = await page.getByRole('banner').boundingBox();
  if (header) boxes.push({ name: 'header', ...header });
  return boxes;
}

describe('app shell in Chromium', () => {
  it('shows the five panels and the transport at the start of the default scenario, in English', async () => {
    const page = await open();
    for (const name of PANELS_EN) await expect(page.getByRole('region', { name, exact: true }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor();
    for (const name of ['Play', 'Step forward']) {
      await expect(page.getByRole('button', { name, exact: true }).isEnabled()).resolves.toBe(true);
    }
    await expect(page.getByRole('timer').textContent()).resolves.toBe('0.000 s');
    await expect(page.getByRole('slider', { name: 'Timeline' }).isEnabled()).resolves.toBe(true);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByText('Select a packet to see its fields and bytes').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'app-shell-light-en-1280x720.png') });
  });

  it('switches to German, and remembers it after a reload', async () => {
    const page = await open();
    await page.getByLabel('Language').selectOption('de');
    // The German messages are a chunk of their own: the UI switches when it has arrived.
    await page.getByRole('button', { name: 'Abspielen', exact: true }).waitFor();
    const checkGerman = async () => {
      for (const name of ['Zurücksetzen', 'Schritt zurück', 'Abspielen', 'Schritt vor']) {
        await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
      }
      for (const name of PANELS_DE) await expect(page.getByRole('region', { name, exact: true }).count()).resolves.toBe(1);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
      await expect(page.getByRole('timer').textContent()).resolves.toBe('0,000 s');
    };
    await checkGerman();
    await page.reload();
    await page.getByRole('main').waitFor();
    await checkGerman();
  });

  it('switches the theme, remembers it, and applies it before the app script runs', async () => {
    const page = await open();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    // Reload with scripts' module entry blocked: the inline head script alone must apply it.
    await page.route('**/assets/*.js', (route) => route.abort());
    file.opened?.errors.splice(0);
    await page.reload();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(background()).resolves.toBe(dark);
    await page.unroute('**/assets/*.js');
    file.opened?.errors.splice(0); // the blocked module request is expected here
    await page.reload();
    await page.getByRole('main').waitFor();
    await expect(page.getByLabel('Theme').inputValue()).resolves.toBe('dark');
  });

  it('follows the system colour scheme by default', async () => {
    const page = await open({ colorScheme: 'dark' });
    await expect(page.getByLabel('Theme').inputValue()).resolves.toBe('system');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(15, 18, 23)');
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(`lays the panels out without overlap or page scroll at ${viewport.width}x${viewport.height}`, async () => {
      const page = await open({ viewport });
      const boxes = await boxesOf(page, PANELS_EN);
      for (const box of boxes) {
        expect(box.x, box.name).toBeGreaterThanOrEqual(0);
        expect(box.y, box.name).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, box.name).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(box.y + box.height, box.name).toBeLessThanOrEqual(viewport.height + 0.5);
        expect(box.width * box.height, box.name).toBeGreaterThan(0);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
          const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
          expect(overlapX > 0.5 && overlapY > 0.5, `${a.name} overlaps ${b.name}`).toBe(false);
        }
      }
      const scroll = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
      expect(scroll).toEqual({ w: viewport.width, h: viewport.height });
      if (viewport.width === 1920) await page.screenshot({ path: path.join(SCREENSHOTS, 'app-shell-light-en-1920x1080.png') });
    });
  }

  it('is usable by keyboard: skip link, visible focus, tabs by arrow keys, Space not stolen', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to the sandbox');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('SELECT');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).toBe('solid');
    await page.getByRole('tab', { name: 'Scenario' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Lesson' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Lesson');
    // Outside an input, Space plays and pauses the simulation.
    await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor();
    await page.locator('main').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  });

  it('looks right in dark German (screenshot for review)', async () => {
    const page = await open({ colorScheme: 'dark', locale: 'de-DE' });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.getByLabel('Farbschema').selectOption('dark');
    // The scenario toolbar keeps its buttons on one row in German too (the editor keeps the room).
    const tops = await page
      .getByRole('group', { name: 'Szenario-Aktionen' })
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(5);
    expect(new Set(tops).size).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'app-shell-dark-de-1280x720.png') });
  });
});
