/**
 * The client's state diagram in the inspector at 1280×720, in real Chromium: it fits its panel
 * (no sideways scrolling), no two transition labels overlap, labels are drawn at 11 px or more,
 * and the transition just taken is highlighted. In English and German (German words are longer).
 * Screenshots go to test-results/state-diagram-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

const inspector = (page: Page) => page.getByRole('region', { name: /^(Inspector|Inspektor)$/ });

/** The default scenario, stepped until the sensor is connected; then the sensor opened in the inspector. */
async function openSensor(locale: string): Promise<Page> {
  const { page } = await browser.openPage({ locale, viewport: { width: 1280, height: 720 } });
  await page.goto(inject('baseUrl') + '?play=0');
  await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
  await page.locator('body').press('Home');
  await page.locator('[data-node="sensor"]').click();
  const heading = inspector(page).locator('[data-current-state]');
  await heading.waitFor();
  for (let i = 0; i < 40 && !/verbunden \(|connected \(/.test(await heading.innerText()); i++) await page.locator('body').press('ArrowRight');
  return page;
}

interface Measured {
  svgWidth: number;
  panelWidth: number;
  scrollOverflow: number;
  labels: { text: string; x: number; y: number; width: number; height: number; fontPx: number; visible: boolean }[];
}

async function measure(page: Page): Promise<Measured> {
  return inspector(page)
    .locator('svg.diagram')
    .evaluate((svg) => {
      const scroller = svg.parentElement!;
      const panel = svg.closest('section, [role="region"]')!;
      const labels = [...svg.querySelectorAll('.edge text')].map((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return { text: el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height, fontPx: r.height, visible: style.visibility !== 'hidden' };
      });
      return {
        svgWidth: svg.getBoundingClientRect().width,
        panelWidth: panel.getBoundingClientRect().width,
        scrollOverflow: scroller.scrollWidth - scroller.clientWidth,
        labels,
      };
    });
}

describe('the client state diagram at 1280×720', () => {
  for (const locale of ['en-US', 'de-DE']) {
    it(`fits its panel without sideways scrolling and keeps its labels apart (${locale})`, async () => {
      const page = await openSensor(locale);
      const diagram = inspector(page).locator('svg.diagram');
      await diagram.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `state-diagram-${locale}-1280x720.png`) });
      const m = await measure(page);
      expect(m.scrollOverflow, 'the diagram scrolls sideways').toBeLessThanOrEqual(0);
      expect(m.svgWidth).toBeLessThanOrEqual(m.panelWidth);
      const shown = m.labels.filter((l) => l.visible && l.width > 0);
      expect(shown.length).toBeGreaterThan(5);
      for (const l of shown) expect(l.fontPx, l.text).toBeGreaterThanOrEqual(11);
      // Text boxes of two shown labels never overlap (1 px tolerance for anti-aliasing).
      for (const a of shown) {
        for (const b of shown) {
          if (a === b) continue;
          const apart = a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1 || a.y + a.height <= b.y + 1 || b.y + b.height <= a.y + 1;
          expect(apart, `"${a.text}" overlaps "${b.text}"`).toBe(true);
        }
      }
      // The transition just taken (CONNACK accepted) is highlighted.
      await expect(diagram.locator('[data-taken] text').count()).resolves.toBe(1);
    });
  }
});
