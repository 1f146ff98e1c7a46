/**
 * The sequence diagram's lane names in normal mode (not projector mode) on a 1024x768 tablet, in
 * real Chromium, en and de: the default scenario (sensor, broker, dashboard) and exercise 19/1's
 * solution (five clients). Where one row would put two names closer than a letter (or shorten
 * them), every other name goes a row lower: each name whole, at least 10 px from the next name on
 * its row, and the diagram does not scroll sideways. At 1440x900 the names stay on one row, as
 * before. Screenshots: test-results/layout2-sequence-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir } from './browser.ts';
import { laneNames, nextOnRow, type NameBox } from './lane-names.ts';

const file = browserPerFile();
const HALL = readFileSync(path.resolve(import.meta.dirname, '../../lessons/19-production-hall/exercises/1-connect-the-hall/solution.mqtts'), 'utf8');

async function openAtEnd(locale: string, width: number, height: number, scenario?: string): Promise<Page> {
  const { page } = await file.openPage({ locale, viewport: { width, height } });
  await page.goto(`${inject('baseUrl')}?play=0${scenario ? `&scenario=${encodeURIComponent(scenario)}` : ''}`);
  await readyAtStart(page);
  await page.locator('.transport input[type="range"]').focus();
  await page.keyboard.press('End');
  await page.locator('.lane-header .lane-name').first().waitFor();
  return page;
}

async function sideways(page: Page): Promise<number> {
  return page.locator('.lane-header').evaluate((header) => {
    const scroller = header.parentElement!;
    return scroller.scrollWidth - scroller.clientWidth;
  });
}

/** Each name whole, not cut, and at least `space` px before the next name on its row. */
function expectWholeAndApart(names: NameBox[], lanes: string[], space: number, when: string): void {
  expect(names.map((n) => n.text), when).toEqual(lanes);
  for (const name of names) expect(name.cut, `${when}: "${name.text}" is not cut`).toBe(false);
  names.forEach((name, i) => {
    const next = nextOnRow(names, i);
    if (next) expect(next.left - name.right, `${when}: "${name.text}" is at least ${space} px before "${next.text}"`).toBeGreaterThanOrEqual(space);
  });
}

describe('lane names on a 1024x768 tablet, normal mode', () => {
  it.each([
    ['en', 'en-US'],
    ['de', 'de-DE'],
  ])('the default scenario: broker and dashboard whole and apart, no sideways scroll (%s)', async (lang, locale) => {
    const page = await openAtEnd(locale, 1024, 768);
    const lanes = ['sensor', 'broker', 'dashboard'];
    await expect.poll(async () => (await laneNames(page)).map((n) => n.text)).toEqual(lanes);
    const names = await laneNames(page);
    expectWholeAndApart(names, lanes, 10, `default ${lang}`);
    // One row would put "broker" and "dashboard" 6 px apart: two rows.
    expect(new Set(names.map((n) => n.top)).size).toBe(2);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(screenshotsDir(), `layout2-sequence-default-1024-${lang}.png`) });
  });

  it.each([
    ['en', 'en-US'],
    ['de', 'de-DE'],
  ])('exercise 19/1 (six lanes): whole names apart, the rows inside the panel (%s)', async (lang, locale) => {
    const page = await openAtEnd(locale, 1024, 768, HALL);
    const lanes = ['press1', 'press2', 'broker', 'scada', 'hmi', 'laptop'];
    await expect.poll(async () => (await laneNames(page)).map((n) => n.text)).toEqual(lanes);
    expectWholeAndApart(await laneNames(page), lanes, 10, `19/1 ${lang}`);
    // It scrolled 86 px sideways, the rows' text past the panel's edge.
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(screenshotsDir(), `layout2-sequence-hall-1024-${lang}.png`) });
  });

  it.each([
    ['the default scenario', undefined, ['sensor', 'broker', 'dashboard']],
    ['exercise 19/1', HALL, ['press1', 'press2', 'broker', 'scada', 'hmi', 'laptop']],
  ])('keeps one row at 1440x900, where the names already fit: %s', async (_name, scenario, lanes) => {
    const page = await openAtEnd('en-US', 1440, 900, scenario);
    await expect.poll(async () => (await laneNames(page)).map((n) => n.text)).toEqual(lanes);
    const names = await laneNames(page);
    expectWholeAndApart(names, lanes, 10, `1440 ${lanes.length} lanes`);
    expect(new Set(names.map((n) => n.top)).size).toBe(1);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
  });
});
