/**
 * The landscape tablet (two columns, 1000-1199 px, touch-sized controls), in real Chromium at
 * 1024x768 with touch, in English and German: the sequence diagram's header keeps its controls
 * (filter, columns, export) in one row beside the title, the export menu holds both downloads,
 * and the goals list starts folded to one row with a mark per goal, giving the height to the
 * editor; unfolding shows the goals in full. Screenshots: test-results/tablet-layout-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir, sequenceRegion } from './browser.ts';

const browser = browserPerFile();

/** Top and bottom of each of the sequence header's parts. */
async function headerBoxes(page: Page): Promise<{ top: number; bottom: number }[]> {
  return page.locator('[data-area="sequence"] .panel-header').evaluate((header) =>
    [...header.children].map((child) => {
      const box = child.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom };
    }),
  );
}

const editorHeight = (page: Page) => page.locator('.scenario-editor').evaluate((e) => e.getBoundingClientRect().height);

describe.each([
  { locale: 'en-US', lessonTab: 'Lesson', start: 'Start exercise', goals: 'Goals', exportTitle: 'Download the diagram as an image, or the run as a capture', svg: 'SVG image (for worksheets)', pcap: 'Wireshark capture (.pcapng)', met: '3 of 3 met' },
  { locale: 'de-DE', lessonTab: 'Lektion', start: 'Aufgabe starten', goals: 'Ziele', exportTitle: 'Das Diagramm als Bild oder den Lauf als Mitschnitt herunterladen', svg: 'SVG-Bild (für Arbeitsblätter)', pcap: 'Wireshark-Mitschnitt (.pcapng)', met: '3 von 3 erreicht' },
])('a 1024 px touch tablet, $locale', ({ locale, lessonTab, start, goals, exportTitle, svg, pcap, met }) => {
  it('keeps the sequence header in one row and folds the goals to one row of marks', async () => {
    const { page } = await browser.openPage({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(page);
    await page.locator('.scenario-editor[data-ready="true"]').waitFor();
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End'); // every row there: the export menu is shown

    const diagram = sequenceRegion(page);
    await diagram.getByTitle(exportTitle).waitFor();
    const boxes = await headerBoxes(page);
    expect(boxes.length).toBe(4); // title, filter, columns, export
    const tallest = Math.max(...boxes.map((b) => b.bottom - b.top));
    const rowSpan = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
    expect(rowSpan, 'all in one row').toBeLessThanOrEqual(tallest + 1);

    // The export menu holds both downloads.
    await diagram.getByTitle(exportTitle).click();
    await diagram.getByRole('button', { name: svg }).waitFor();
    expect(await diagram.getByRole('button', { name: pcap }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshotsDir(), `tablet-layout-${locale}.png`) });
    await diagram.getByTitle(exportTitle).click();

    // The goals: folded, one mark per goal and the count, the editor has the height.
    const fold = page.getByRole('button', { name: goals, exact: true });
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.checklist .marks li.pass').count()).toBe(3); // at the end, all met
    expect(await page.locator('.checklist .summary').first().textContent()).toContain(met);
    expect(await page.locator('.checklist li.item').first().isVisible()).toBe(false);
    const foldedHeight = await page.locator('.checklist').evaluate((e) => e.getBoundingClientRect().height);
    expect(foldedHeight).toBeLessThan(70); // one row of 44 px touch targets
    const editorFolded = await editorHeight(page);

    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await page.locator('.checklist li.item').first().waitFor();
    expect(await page.locator('.checklist .marks').count()).toBe(0);
    expect(editorFolded - (await editorHeight(page))).toBeGreaterThan(100);

    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps the goals row, where a check’s reasons are, inside the panel with an exercise started and its notice open', async () => {
    const { page } = await browser.openPage({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.locator('.scenario-editor[data-ready="true"]').waitFor();
    await page.getByText(lessonTab, { exact: true }).first().click();
    await page.locator('#editor-panel-lesson [data-lesson="09-qos2"]').click();
    await page.locator('#editor-panel-lesson [data-exercise]').first().getByRole('button', { name: start }).click();
    await page.locator('[data-exercise-bar]').waitFor();
    await page.locator('[data-notice="exampleOpened"]').waitFor();
    const [goalsBottom, panelBottom] = await page.evaluate(() => [document.querySelector('.checklist')!.getBoundingClientRect().bottom, document.querySelector('#editor-panel-scenario')!.getBoundingClientRect().bottom]);
    expect(goalsBottom).toBeLessThanOrEqual(panelBottom + 1);
    expect(await editorHeight(page)).toBeGreaterThanOrEqual(170); // still about nine lines
    await page.screenshot({ path: path.join(screenshotsDir(), `tablet-layout-exercise-${locale}.png`) });
  });
});

describe('the three-column layout', () => {
  it('shows the goals in full, with the fold at hand', async () => {
    const { page } = await browser.openPage();
    await page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(page);
    const fold = page.getByRole('button', { name: 'Goals', exact: true });
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await page.locator('.checklist li.item').first().waitFor();
  });
});
