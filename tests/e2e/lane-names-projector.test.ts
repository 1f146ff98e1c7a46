/**
 * The sequence diagram's lane names after a switch of projector mode, in real Chromium: the
 * switch makes the text larger without changing the diagram's width, and the names are measured
 * again in the new size, so no two names overlap and a name shown whole is not cut, before the
 * switch, after it and after switching back. Screenshot: test-results/lane-names-projector.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, openScenarioAtStart, screenshotsDir } from './browser.ts';

const file = browserPerFile();

const NAMES = ['temperature-sensor-hall-1', 'humidity-sensor-hall-2', 'dashboard-control-room', 'alarm-gateway-north'];
const SCENARIO = [
  'broker',
  ...NAMES.map((n) => `client ${n}`),
  ...NAMES.map((n) => `at 0s ${n} connect -i ${n}`),
  `at 1s ${NAMES[0]} publish -t plant/t -m 21`,
].join('\n');

interface NameBox {
  text: string;
  left: number;
  right: number;
  /** Which row the name is on (projector mode puts every other name a row lower where one row would shorten them). */
  top: number;
  /** The text is wider than its box (cut). */
  cut: boolean;
}

async function laneNames(page: Page): Promise<NameBox[]> {
  return page.locator('.lane-header .lane-name').evaluateAll((elements) =>
    elements.map((e) => {
      const box = e.getBoundingClientRect();
      const shown = (e.querySelector('[aria-hidden="true"]') ?? e) as HTMLElement;
      return { text: shown.textContent ?? '', left: box.left, right: box.right, top: Math.round(box.top), cut: e.scrollWidth > e.clientWidth + 1 };
    }),
  );
}

/** The next name on the same row (names on two rows: two lanes further). */
function nextOnRow(names: NameBox[], i: number): NameBox | undefined {
  return names.slice(i + 1).find((n) => Math.abs(n.top - names[i]!.top) < 2);
}

function expectApart(names: NameBox[], when: string): void {
  expect(names.length, when).toBe(NAMES.length + 1);
  names.forEach((name, i) => {
    const next = nextOnRow(names, i);
    if (next) expect(name.right, `${when}: "${name.text}" ends before "${next.text}" begins`).toBeLessThanOrEqual(next.left + 0.5);
  });
  for (const name of names) expect(name.cut, `${when}: "${name.text}" is not cut`).toBe(false);
}

describe('lane names and projector mode', () => {
  it('measures the names again when projector mode makes the text larger, and again when it is off', async () => {
    const page = await openScenarioAtStart(file, SCENARIO, 'en-US');
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await page.locator('.lane-header .lane-name').first().waitFor();
    expectApart(await laneNames(page), 'projector off');

    const projector = page.locator('.app-header button.projector');
    await projector.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.projector)).toBe('on');
    await expect.poll(async () => {
      const names = await laneNames(page);
      return names.every((n, i) => !n.cut && n.right <= (nextOnRow(names, i)?.left ?? Infinity) + 0.5);
    }).toBe(true);
    expectApart(await laneNames(page), 'projector on');
    await page.screenshot({ path: path.join(screenshotsDir(), 'lane-names-projector.png') });

    await projector.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.projector ?? 'off')).toBe('off');
    await expect.poll(async () => (await laneNames(page)).every((n) => !n.cut)).toBe(true);
    expectApart(await laneNames(page), 'projector off again');
  });
});
