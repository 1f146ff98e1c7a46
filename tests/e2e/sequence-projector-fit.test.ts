/**
 * The sequence diagram in projector mode at 1280×720, in real Chromium: the lanes fit the
 * panel's width, so the last lane and its name stay inside the panel and the diagram does not
 * scroll sideways; the rows' text keeps some room. Screenshot:
 * test-results/sequence-projector-fit.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir, showEveryRow } from './browser.ts';
import { FOUR_CLIENTS_SCENARIO } from './four-clients.ts';

const file = browserPerFile();

interface Fit {
  scrollWidth: number;
  clientWidth: number;
  panelRight: number;
  panelWidth: number;
  lastNameRight: number;
  lastLaneRight: number;
}

async function fit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.lane-header')!.closest<HTMLElement>('.scroller')!;
    const names = [...document.querySelectorAll<HTMLElement>('.lane-header .lane-name')];
    const lines = [...scroller.querySelectorAll<SVGLineElement>('svg line.lifeline, svg .lifeline')];
    return {
      scrollWidth: scroller.scrollWidth,
      clientWidth: scroller.clientWidth,
      panelRight: scroller.getBoundingClientRect().right,
      panelWidth: scroller.getBoundingClientRect().width,
      lastNameRight: names.at(-1)?.getBoundingClientRect().right ?? Infinity,
      lastLaneRight: lines.length ? Math.max(...lines.map((l) => l.getBoundingClientRect().right)) : Infinity,
    };
  });
}

describe('the sequence diagram in projector mode', () => {
  it('fits its lanes to the panel at 1280×720: no sideways scrolling, the last lane inside', async () => {
    const { page } = await file.openPage({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
    await showEveryRow(page);
    await page.goto(`${inject('baseUrl')}?play=0&scenario=${encodeURIComponent(FOUR_CLIENTS_SCENARIO)}`);
    await readyAtStart(page);
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await page.locator('.lane-header .lane-name').first().waitFor();
    await page.locator('.app-header button.projector').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.projector)).toBe('on');
    await expect.poll(async () => {
      const f = await fit(page);
      return f.scrollWidth <= f.clientWidth + 1 && f.lastNameRight <= f.panelRight + 0.5 && f.lastLaneRight <= f.panelRight;
    }, { timeout: 10_000 }).toBe(true);
    const f = await fit(page);
    // The row text keeps room beside the lanes: about a third of the panel at least.
    expect(f.panelRight - f.lastLaneRight, JSON.stringify(f)).toBeGreaterThan(f.panelWidth * 0.25);
    await page.screenshot({ path: path.join(screenshotsDir(), 'sequence-projector-fit.png') });
  });
});
