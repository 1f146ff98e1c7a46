/**
 * Worksheets (issue 19): the Print button of a lesson and of an exercise opens the sheet (task,
 * start scenario, the sequence diagram of the solution run); in print media only the sheet is
 * shown, at the width of a page's text area nothing runs past the edge or is cut (no element
 * wider than its box), and Chromium prints it to PDF. In English and German; a long run's
 * diagram is cut into pieces that each fit on a page. Screenshots and PDFs go to
 * test-results/print-*.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
/** A4 (210 x 297 mm) less the sheet's 14 mm margins, in CSS px. */
const PAGE_TEXT = { width: Math.floor(((210 - 28) / 25.4) * 96), height: Math.floor(((297 - 28) / 25.4) * 96) };

const { openPage } = browserPerFile();

const lessonPanel = (page: Page) => page.locator('#editor-panel-lesson');
const sheet = (page: Page) => page.locator('.worksheet-root .sheet');

async function openLesson(page: Page, id: string): Promise<void> {
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.getByRole('main').waitFor();
  await page.getByRole('tab', { name: /^(Lesson|Lektion)$/ }).click();
  await lessonPanel(page).locator(`[data-lesson="${id}"]`).click();
}

/** Every diagram of the sheet drawn (the images decoded). */
async function diagramsReady(page: Page, count: number): Promise<void> {
  await expect.poll(() => sheet(page).locator('img.diagram').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  await expect.poll(() => sheet(page).locator('img.diagram').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
}

/** Print media at the width of a page's text area: what runs past the edge or is cut. */
async function printProblems(page: Page): Promise<string[]> {
  await page.setViewportSize(PAGE_TEXT);
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(() => {
    const root = document.querySelector('.worksheet-root .sheet')!;
    const edge = document.documentElement.clientWidth;
    const problems: string[] = [];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const name = `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '')} “${(el.textContent ?? '').slice(0, 40)}”`;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) problems.push(`${name}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      if (box.right > edge + 1 || box.left < -1) problems.push(`${name}: ${box.left}..${box.right} outside 0..${edge}`);
    }
    return problems;
  });
}

/** Print to PDF (A4); its pages. */
async function printPdf(page: Page, name: string): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(path.join(SCREENSHOTS, `print-${name}.pdf`), pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(0);
  return pages;
}

async function backToScreen(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('worksheets', () => {
  it('prints a lesson in English and in German: task, start scenario, diagram, nothing cut', async () => {
    const { page } = await openPage();
    await openLesson(page, '01-why-mqtt');
    await lessonPanel(page).locator('.crumbs').getByRole('button', { name: 'Print', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Worksheet' });
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Print…');
    await diagramsReady(page, 2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-preview-en.png') });

    expect(await printProblems(page)).toEqual([]);
    // In print only the sheet: not the app, not the sheet's toolbar.
    await expect(page.getByRole('button', { name: 'Step forward' }).isVisible()).resolves.toBe(false);
    await expect(dialog.getByRole('button', { name: 'Print…' }).isVisible()).resolves.toBe(false);
    const text = (await sheet(page).innerText()).replace(/\s+/g, ' ');
    for (const part of ['Why MQTT?', 'Exercise 1: Your first reading', 'Task', 'Start scenario', 'Sequence diagram of the solution run', 'Name:', 'client sensor']) expect(text).toContain(part);
    await expect(sheet(page).locator('section.exercise').count()).resolves.toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-lesson-en.png'), fullPage: true });
    await printPdf(page, 'lesson-en');

    // The same sheet in German, chosen in the sheet's toolbar.
    await backToScreen(page);
    await dialog.getByLabel('Language of the sheet').selectOption('de');
    await sheet(page).getByRole('heading', { name: /^Aufgabe 1:/ }).first().waitFor();
    await diagramsReady(page, 2);
    expect(await printProblems(page)).toEqual([]);
    const german = (await sheet(page).innerText()).replace(/\s+/g, ' ');
    for (const part of ['Warum MQTT?', 'Aufgabe 1:', 'Startszenario', 'Sequenzdiagramm des Lösungslaufs', 'Datum:']) expect(german).toContain(part);
    await expect(sheet(page).getAttribute('lang')).resolves.toBe('de');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-lesson-de.png'), fullPage: true });
    await printPdf(page, 'lesson-de');

    // Escape closes the sheet; the app is back.
    await backToScreen(page);
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
    await expect(page.locator('html').getAttribute('data-worksheet')).resolves.toBeNull();
  });

  it('prints one exercise (German UI), with the solution; a long diagram is cut into page-sized pieces', async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    await openLesson(page, '17-scalability');
    const card = page.locator('[data-exercise="17-scalability/1-fan-in-fan-out"]');
    const print = card.getByRole('button', { name: 'Drucken', exact: true });
    await print.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-button-de.png') });
    await print.click();
    const dialog = page.getByRole('dialog', { name: 'Arbeitsblatt' });
    await dialog.waitFor();
    await dialog.getByLabel('Mit dem Lösungsszenario').check();
    await diagramsReady(page, 2);
    await expect(sheet(page).locator('section.exercise').count()).resolves.toBe(1);
    const german = (await sheet(page).innerText()).replace(/\s+/g, ' ');
    for (const part of ['Aus der Lektion', 'Aufgabe', 'Startszenario', 'Lösungsszenario', 'Sequenzdiagramm des Lösungslaufs']) expect(german).toContain(part);

    expect(await printProblems(page)).toEqual([]);
    // Each piece of the diagram fits on a page (the run has hundreds of rows).
    const heights = await sheet(page).locator('img.diagram').evaluateAll((imgs) => imgs.map((i) => i.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(2);
    for (const h of heights) expect(h).toBeLessThanOrEqual(PAGE_TEXT.height);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-exercise-de.png'), fullPage: true });
    expect(await printPdf(page, 'exercise-de')).toBeGreaterThanOrEqual(heights.length / 2);
  });
});
