/**
 * What the learner's QA walk through the lessons found in the lesson text itself (Dec 2026), in
 * real Chromium on the built app: a lesson's "Try it" button sat on top of its scenario and hid
 * the end of the first line (on a 1024x768 tablet, with 44 px touch buttons, the first two lines);
 * a table wider than the lesson column (320 px on a 1440 px desktop) hid its last columns behind a
 * sideways scroll: the wildcard table's "Does not match", the production hall's "Session"; a link to
 * an exercise left the focus on the link, a link to another lesson left it nowhere (on the page's body).
 * Screenshots go to test-results/learner-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile({ reusePages: true });

/** Shows a panel: from the bar of views on a tablet or phone, else from the editor's tabs. */
async function show(page: Page, view: 'lesson' | 'scenario'): Promise<void> {
  const bar = page.locator(`nav.views button[data-view="${view}"]`);
  if (await bar.isVisible()) await bar.click();
  else await page.locator(`#editor-tab-${view}`).click();
}

async function openLesson(page: Page, lesson: string): Promise<ReturnType<Page['locator']>> {
  await page.goto(`${inject('baseUrl')}?play=0`);
  await readyAtStart(page);
  await show(page, 'lesson');
  await page.locator(`#editor-panel-lesson button[data-lesson="${lesson}"]`).click();
  const article = page.locator(`#editor-panel-lesson article[data-lesson="${lesson}"]`);
  await article.waitFor();
  return article;
}

describe("a lesson's Try it button", () => {
  it.each([
    ['en-US', 1440, 900, false],
    ['de-DE', 1024, 768, true],
  ])('covers no character of its scenario (%s, %i x %i)', async (locale, width, height, touch) => {
    const { page } = await browser.openPage({ locale, viewport: { width, height }, hasTouch: touch });
    const article = await openLesson(page, '04-topics');
    const block = article.locator('.code', { has: page.locator('button.try') }).first();
    await block.scrollIntoViewIfNeeded();
    const covered = await block.evaluate((el) => {
      const button = el.querySelector('button.try')!.getBoundingClientRect();
      const pre = el.querySelector('pre')!;
      const view = pre.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(pre);
      // Every line box of the text that is in view (the block scrolls sideways) and under the button.
      return [...range.getClientRects()]
        .filter((r) => r.width > 0 && r.left < view.right && r.right > view.left)
        .filter((r) => r.left < button.right && r.right > button.left && r.top < button.bottom && r.bottom > button.top)
        .map((r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, `learner-try-it-${width}.png`) });
    expect(covered).toEqual([]);
    // The button still does its job: the scenario goes into the editor.
    await block.locator('button.try').click();
    await show(page, 'scenario');
    await page.getByText(locale === 'de-DE' ? 'Das Beispiel „Topics“ ist geöffnet.' : 'Opened the example “Topics”.').waitFor();
  });
});

describe("a link to one of the lesson's exercises", () => {
  it('brings the exercise to the top and hands it the focus, so Tab goes on inside the exercise (de, 1024 x 768)', async () => {
    const { page } = await browser.openPage({ locale: 'de-DE', viewport: { width: 1024, height: 768 }, hasTouch: true });
    const article = await openLesson(page, '03-clients-and-connection');
    const link = article.locator('.markdown > ol').last().getByRole('link', { name: 'Zurück nach dem Neustart' });
    await link.scrollIntoViewIfNeeded();
    await link.click();
    const card = page.locator('[data-exercise="03-clients-and-connection/3-come-back"]');
    const heading = card.getByRole('heading', { name: 'Zurück nach dem Neustart' });
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const [cardTop, panelTop] = await Promise.all([card.evaluate((el) => el.getBoundingClientRect().top), page.locator('#editor-panel-lesson').evaluate((el) => el.getBoundingClientRect().top)]);
    expect(Math.abs(cardTop - panelTop)).toBeLessThan(30);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.closest('[data-exercise]')?.getAttribute('data-exercise'))).resolves.toBe('03-clients-and-connection/3-come-back');
  });
});

describe('a link to another lesson', () => {
  it("hands the focus to that lesson's title, so Tab goes on in the new lesson (en, 1440 x 900)", async () => {
    const { page } = await browser.openPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const article = await openLesson(page, '01-why-mqtt');
    const link = article.locator('.markdown a[href="#lesson-08-qos1"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.focus();
    await page.keyboard.press('Enter');
    const title = page.locator('#editor-panel-lesson article[data-lesson="08-qos1"]').getByRole('heading', { name: 'QoS 1: at least once' });
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('data-lesson'))).resolves.toBe('08-qos1');
  });
});

describe('a table wider than the lesson column', () => {
  /** Cells whose box reaches past the table's frame (the part a learner does not see). */
  const hiddenCells = (page: Page) =>
    page.locator('#editor-panel-lesson article .table-wrap').evaluateAll((wraps) =>
      wraps.flatMap((wrap) => {
        const frame = wrap.getBoundingClientRect();
        return [...wrap.querySelectorAll('td, th')].filter((cell) => cell.getBoundingClientRect().right > frame.right + 1).map((cell) => cell.textContent ?? '');
      }),
    );

  it.each([
    ['en-US', 1440, 900, '05-wildcards', 'Does not match: plant/hall1/press3/temp, plant/temp'],
    ['de-DE', 1440, 900, '19-production-hall', 'Sitzung: dauerhaft (-c)'],
    ['de-DE', 1024, 768, '05-wildcards', 'Passt nicht auf: plant/hall1/press3/temp, plant/temp'],
  ])('is stacked, each cell under its header (%s, %i x %i, %s)', async (locale, width, height, lesson, cellText) => {
    const { page } = await browser.openPage({ locale, viewport: { width, height }, hasTouch: width < 1200 });
    const article = await openLesson(page, lesson);
    const wrap = article.locator('.table-wrap').first();
    await wrap.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `learner-table-${lesson}-${width}.png`) });
    await expect(hiddenCells(page)).resolves.toEqual([]);
    await expect.poll(() => wrap.locator('td').evaluateAll((cells) => cells.map((c) => `${(c as HTMLElement).dataset.label}: ${c.textContent}`))).toContain(cellText);
    await expect(article.locator('thead').first().isVisible()).resolves.toBe(false);
  });

  it('stays a table, with its header row, where it fits (en, 1440 x 900, lesson 3)', async () => {
    const { page } = await browser.openPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const article = await openLesson(page, '03-clients-and-connection');
    await article.locator('.table-wrap').first().scrollIntoViewIfNeeded();
    await expect(article.locator('thead').first().isVisible()).resolves.toBe(true);
    await expect(hiddenCells(page)).resolves.toEqual([]);
  });
});
