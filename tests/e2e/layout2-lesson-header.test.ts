/**
 * The Lesson tab's header (back to all lessons, the lesson's chapter / time / level, Print) in
 * real Chromium: Back and Print on one row, the line below them, in English and German alike.
 * At 1440x900 the German line wrapped below Back and Print with it, so the lesson's heading sat
 * lower than in English; on a 1024x768 tablet "Drucken" wrapped onto a second row. Compared by
 * bounding boxes. Screenshots: test-results/layout2-lesson-header-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const file = browserPerFile();

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface HeaderBoxes {
  back: Box;
  meta: Box;
  print: Box;
  heading: Box;
  tab: Box;
}

/** Opens lesson 1 in the Lesson tab. */
async function openLessonOne(page: Page): Promise<void> {
  await page.goto(`${inject('baseUrl')}?play=0`);
  // The editor column's tab (wide window) or the views bar's button (tablet).
  await page.locator('#editor-tab-lesson:visible, nav.views button[data-view="lesson"]:visible').first().click();
  await page.locator('.lesson-tab button.lesson-item').first().click();
  await page.locator('.lesson-tab .crumbs .print').waitFor();
}

/** The boxes of the header and the lesson's first heading, once the Print button reads `print`. */
async function headerBoxes(page: Page, print: string, shot: string, width: number, height: number): Promise<HeaderBoxes> {
  await expect.poll(() => page.locator('.lesson-tab .crumbs .print').textContent()).toBe(print);
  await page.locator('.lesson-tab article.lesson :is(h1, h2)').first().waitFor();
  await page.screenshot({ path: path.join(screenshotsDir(), `layout2-lesson-header-${shot}.png`), clip: { x: 0, y: 0, width: Math.min(width, 520), height: Math.min(height, 320) } });
  return page.evaluate(() => {
    const box = (selector: string): Box => {
      const r = document.querySelector(selector)!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    return {
      back: box('.lesson-tab .crumbs .back'),
      meta: box('.lesson-tab .crumbs .meta'),
      print: box('.lesson-tab .crumbs .print'),
      heading: box('.lesson-tab article.lesson :is(h1, h2)'),
      tab: box('.lesson-tab'),
    };
  });
}

function expectOneRow(boxes: HeaderBoxes, when: string): void {
  // Back and Print on the same row, Print at the right edge, the line below both.
  expect(Math.abs(boxes.print.top - boxes.back.top), `${when}: Print on Back's row`).toBeLessThanOrEqual(1);
  expect(boxes.print.right, `${when}: Print inside the tab`).toBeLessThanOrEqual(boxes.tab.right);
  expect(boxes.meta.top, `${when}: the line below the buttons`).toBeGreaterThanOrEqual(Math.max(boxes.back.bottom, boxes.print.bottom) - 0.5);
  // The line on one row (13 px text).
  expect(boxes.meta.bottom - boxes.meta.top, `${when}: the line on one row`).toBeLessThan(26);
}

describe('the Lesson tab header in English and German', () => {
  it.each([
    [1440, 900],
    [1024, 768],
  ])('puts the lesson at the same height in both languages, Print on Back\'s row (%ix%i)', async (width, height) => {
    const { page } = await file.openPage({ locale: 'en-US', viewport: { width, height } });
    await openLessonOne(page);
    const en = await headerBoxes(page, 'Print', `${width}-en`, width, height);
    expectOneRow(en, `${width} en`);
    // The same lesson in German (the header's language switch).
    await page.locator('.app-header .language select').selectOption('de');
    const de = await headerBoxes(page, 'Drucken', `${width}-de`, width, height);
    expectOneRow(de, `${width} de`);
    for (const part of ['back', 'meta', 'print', 'heading'] as const) {
      expect(Math.abs(de[part].top - en[part].top), `${width}: ${part} at the same height in de as in en`).toBeLessThanOrEqual(1);
    }
  });
});
