/**
 * A crowd on the stage and in the sequence diagram, in real Chromium at 1280x720 (the stage
 * harness, src/ui/stage/harness, with a fleet: sensors, three dashboards, a gateway, an alarm):
 * groups instead of a ring of names, a group that opens on click and by keyboard, zoom and pan
 * that never scroll the page, names that never overlap, and 1,000 clients that still step.
 * Screenshots go to test-results/stage-crowd-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStageHarness } from '../../src/node/bench/stage.ts';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();
let harness: { url: string; close: () => Promise<void> } | undefined;

beforeAll(async () => {
  harness = await serveStageHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function openFleet(clients: number): Promise<Page> {
  const { page } = await browser.openPage();
  await page.goto(`${harness!.url}?world=fleet&clients=${clients}&packets=100`);
  await page.locator('[data-node="group:sensor"]').waitFor({ timeout: 120_000 });
  return page;
}

/** Pairs of drawn node names (as the browser lays them out) that overlap by more than a pixel. */
function overlappingNames(page: Page): Promise<string[]> {
  return page.locator('.stage svg').evaluate((svg) => {
    const boxes = [...svg.querySelectorAll('text.name')].map((t) => ({ text: t.textContent?.trim() ?? '', box: t.getBoundingClientRect() }));
    const clashes: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.box;
        const b = boxes[j]!.box;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) clashes.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
      }
    }
    return clashes;
  });
}

const namesDrawn = (page: Page) => page.locator('.stage svg text.name').count();
const zoomLevel = async (page: Page) => Number(await page.locator('.stage svg').getAttribute('data-zoom'));

describe('stage with 200 clients', () => {
  it('shows groups instead of 200 names, and opens a group on click into nodes whose names do not overlap', async () => {
    const page = await openFleet(200);
    const sensors = page.locator('[data-node="group:sensor"]');
    await expect(sensors.getAttribute('data-members')).resolves.toBe('195');
    await expect(sensors.getAttribute('aria-label')).resolves.toBe('Group sensor: 195 clients, 195 of 195 connected. Enter opens the group.');
    await expect(page.locator('[data-node="group:dashboard"]').getAttribute('data-members')).resolves.toBe('3');
    await expect(page.locator('.stage [data-node="gateway"]').count()).resolves.toBe(1);
    await expect(page.locator('.stage [data-node^="sensor-"]').count()).resolves.toBe(0);
    await expect(page.getByText('sensor × 195', { exact: true }).first().isVisible()).resolves.toBe(true);
    // The group's traffic flies on its one link: 100 packets of 100 different sensors.
    await expect(page.locator('[data-packet]').count()).resolves.toBe(100);
    await expect(overlappingNames(page)).resolves.toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-crowd-200-groups.png') });

    await sensors.click();
    await page.locator('[data-node="sensor-195"]').waitFor();
    await expect(page.locator('.stage [data-node^="sensor-"]').count()).resolves.toBe(195);
    await expect(page.locator('[data-group-toggle="sensor"]').first().getAttribute('aria-expanded')).resolves.toBe('true');
    const drawn = await namesDrawn(page);
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(200);
    await expect(overlappingNames(page)).resolves.toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-crowd-200-open.png') });

    // Closed again from the header, and opened with the keyboard.
    await page.locator('[data-group-toggle="sensor"]').first().click();
    await expect(page.locator('.stage [data-node^="sensor-"]').count()).resolves.toBe(0);
    await page.locator('[data-node="group:sensor"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-node="sensor-001"]').waitFor();
  });

  it('zooms and pans with the wheel, a drag, the keys and the buttons, shows more names zoomed in, and never scrolls the page', async () => {
    const page = await openFleet(200);
    await page.locator('[data-node="group:sensor"]').click();
    await page.locator('[data-node="sensor-001"]').waitFor();
    // Make the page itself scrollable, to see that the wheel over the stage does not scroll it.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('div'), { style: 'height: 3000px' })));
    const svg = page.locator('.stage svg');
    const box = (await svg.boundingBox())!;
    const before = await namesDrawn(page);
    // Zoom in on the top of the ring (the first sensors, with packets leaving them).
    await page.mouse.move(box.x + box.width / 2, box.y + 45);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -120);
    await expect.poll(() => zoomLevel(page)).toBeGreaterThanOrEqual(4);
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    await expect.poll(() => namesDrawn(page)).toBeGreaterThan(before);
    await expect(overlappingNames(page)).resolves.toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-crowd-200-zoomed.png') });

    // A drag on the background pans the drawing.
    const content = page.locator('.stage svg > g.content');
    const moved = await content.getAttribute('transform');
    // Start on the background (no node, packet or name there).
    const start = await svg.evaluate((el) => {
      const r = el.getBoundingClientRect();
      for (let y = r.top + 10; y < r.bottom - 10; y += 7) {
        for (let x = r.left + 10; x < r.right - 10; x += 7) {
          const hit = document.elementFromPoint(x, y);
          if (hit && (hit === el || hit.matches('line.link')) && !hit.closest('.node, .group, .packet')) return { x, y };
        }
      }
      return null;
    });
    expect(start).not.toBeNull();
    await page.mouse.move(start!.x, start!.y);
    await page.mouse.down();
    await page.mouse.move(start!.x + 60, start!.y + 30, { steps: 5 });
    await page.mouse.up();
    await expect(content.getAttribute('transform')).resolves.not.toBe(moved);

    // Keys on the focused drawing: arrows pan (and do not step the simulation), - zooms out, 0 fits.
    const position = await page.evaluate(() => window.__stageHarness!.simulation.position);
    await svg.focus();
    const panned = await content.getAttribute('transform');
    await page.keyboard.press('ArrowRight');
    await expect(content.getAttribute('transform')).resolves.not.toBe(panned);
    await expect(page.evaluate(() => window.__stageHarness!.simulation.position)).resolves.toBe(position);
    const level = await zoomLevel(page);
    await page.keyboard.press('-');
    await expect(zoomLevel(page)).resolves.toBe(level - 1);
    await page.keyboard.press('0');
    await expect(zoomLevel(page)).resolves.toBe(0);
    // And the header's buttons.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(zoomLevel(page)).resolves.toBe(1);
    await page.getByRole('button', { name: 'Fit' }).click();
    await expect(zoomLevel(page)).resolves.toBe(0);
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    // The same wheel outside the stage does scroll the page (so the check above can fail).
    await page.mouse.move(5, 700);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('gives the sequence diagram one column per group, which opens on click', async () => {
    const page = await openFleet(200);
    const sequence = page.getByRole('region', { name: 'Sequence diagram' });
    const groupColumn = sequence.locator('[data-lane-group="sensor"]');
    await expect(groupColumn.textContent()).resolves.toBe('sensor × 195');
    await expect(sequence.locator('.lane-name').count()).resolves.toBe(5);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-crowd-200-sequence.png') });
    await groupColumn.click();
    await expect.poll(() => sequence.locator('.lane-name').count()).toBe(195 + 4);
  });
});

describe('stage with 1,000 clients', () => {
  it('draws the fleet by groups, opens 995 sensors without overlapping names, and still steps', async () => {
    const page = await openFleet(1000);
    await expect(page.locator('[data-node="group:sensor"]').getAttribute('data-members')).resolves.toBe('995');
    await page.locator('[data-node="group:sensor"]').click();
    await page.locator('[data-node="sensor-995"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('.stage [data-node^="sensor-"]').count()).resolves.toBe(995);
    await expect(overlappingNames(page)).resolves.toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-crowd-1000-open.png') });
    // Ten steps and a frame after each, with a generous limit (a busy machine): responsive, not a hang.
    const ms = await page.evaluate(async () => {
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) {
        window.__stageHarness!.step();
        await new Promise((r) => requestAnimationFrame(r));
      }
      return (performance.now() - t0) / 10;
    });
    expect(ms).toBeLessThan(2000);
    // The sequence diagram keeps only the rows in view in the page, out of thousands.
    const rows = page.locator('[data-area="sequence"] [role="listitem"]');
    expect(await rows.count()).toBeLessThan(80);
    expect(Number(await rows.first().getAttribute('aria-setsize'))).toBeGreaterThan(1000);
    await expect(page.locator('[data-packet]').count()).resolves.toBeGreaterThan(0);
  });
});
