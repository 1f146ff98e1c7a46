/**
 * The sequence diagram a class can read, in real Chromium (issue 14, part 2): what it shows
 * ("Packets only" by default, "Packets and rules", "Everything") and which client columns,
 * remembered across a reload; the selected row in full in a caption with its spec link; the
 * SVG export draws the same choice, wraps long text, and when Chromium renders it no text runs
 * past its width. Screenshots go to test-results/sequence-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, downloadedBytes, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile();

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `sequence-${name}.png`) });
const diagram = (page: Page) => page.getByRole('region', { name: 'Sequence diagram' });

async function openAtEnd(page: Page): Promise<void> {
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  await page.locator('.checklist').first().waitFor();
  const scrubber = page.locator('.transport input[type="range"]');
  await scrubber.focus();
  await page.keyboard.press('End');
  await diagram(page).locator('.row').first().waitFor();
}

/** The kinds of the rows rendered now (the diagram renders the rows in view). */
const rowKinds = (page: Page) => page.evaluate(() => [...new Set([...document.querySelectorAll('.scroller .row')].map((r) => [...r.classList].find((c) => c.startsWith('kind-'))))]);
const laneNames = (page: Page) => diagram(page).locator('.lane-name').allTextContents();

describe('the sequence diagram in Chromium', () => {
  it('filters rows and columns, remembers the choice, and captions the selected row', async () => {
    const { page } = await openPage();
    await openAtEnd(page);
    const filter = diagram(page).getByLabel('What the diagram shows');
    await expect(filter.inputValue()).resolves.toBe('packets');
    for (const kind of await rowKinds(page)) expect(['kind-send', 'kind-deliver', 'kind-drop', 'kind-app']).toContain(kind);

    await filter.selectOption('all');
    await expect.poll(() => rowKinds(page)).toContain('kind-timer');
    await filter.selectOption('rules');
    await expect.poll(() => rowKinds(page)).toContain('kind-note');
    await expect(rowKinds(page)).resolves.not.toContain('kind-timer');

    // A rule's row, selected: its whole text in the caption, with the statement's link.
    const note = diagram(page).locator('.row.kind-note .text', { hasText: 'No packet from sensor-17' });
    const full = await note.getAttribute('title');
    await note.click();
    const caption = diagram(page).locator('[data-caption]');
    await expect(caption.textContent()).resolves.toContain(full!);
    const link = caption.getByRole('link');
    // The sensor speaks MQTT 5.0: the statement in the 5.0 specification.
    await expect(link.getAttribute('href')).resolves.toBe('https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#:~:text=%5BMQTT%2D3.1.2%2D22%5D');
    await expect(caption.textContent()).resolves.toContain('MQTT 5.0');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await shot(page, 'rules-caption');

    // Hide the sensor's column: its lane and the rows at it go.
    await diagram(page).getByText('Clients 2/2').click();
    await diagram(page).getByRole('checkbox', { name: 'sensor' }).uncheck();
    await expect.poll(() => laneNames(page)).toEqual(['broker', 'dashboard']);
    await shot(page, 'sensor-hidden');

    // Remembered across a reload.
    await page.reload();
    await openAtEnd(page);
    await expect(diagram(page).getByLabel('What the diagram shows').inputValue()).resolves.toBe('rules');
    await expect(laneNames(page)).resolves.toEqual(['broker', 'dashboard']);
    await diagram(page).getByText('Clients 1/2').click();
    await diagram(page).getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => laneNames(page)).toEqual(['sensor', 'broker', 'dashboard']);
  });

  it('exports the chosen rows as an SVG that wraps long text and fits its width in Chromium', async () => {
    const { page } = await openPage({ acceptDownloads: true });
    await openAtEnd(page);
    await diagram(page).getByLabel('What the diagram shows').selectOption('rules');
    await diagram(page).getByTitle('Download the diagram as an image, or the run as a capture').click(); // the header's export menu
    const [download] = await Promise.all([page.waitForEvent('download'), diagram(page).getByRole('button', { name: 'SVG image (for worksheets)' }).click()]);
    const svg = (await downloadedBytes(download)).toString('utf8');
    // The filter applies: the rule notes are there, timers are not.
    expect(svg).toContain('No packet from sensor-17');
    expect(svg).not.toMatch(/timer \S+ fired/);

    const view = await openPage();
    await view.page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    const measured = await view.page.evaluate(() => {
      const root = document.querySelector('svg')!;
      const width = Number(root.getAttribute('width'));
      const right = Math.max(...[...root.querySelectorAll('text')].map((t) => t.getBoundingClientRect().right));
      const wrapped = [...root.querySelectorAll('text')].filter((t) => t.querySelectorAll('tspan').length > 1).length;
      return { width, right, wrapped, rendered: root.getBoundingClientRect().width };
    });
    expect(measured.rendered).toBe(measured.width);
    // A4 portrait is 794 px wide at 96 dpi: two clients and the broker fit with the margins.
    expect(measured.width).toBeLessThanOrEqual(760);
    expect(measured.right).toBeLessThanOrEqual(measured.width);
    expect(measured.wrapped).toBeGreaterThan(0);
    await view.page.screenshot({ path: path.join(SCREENSHOTS, 'sequence-export.png'), fullPage: true });
    await view.page.context().close();
  });
});
