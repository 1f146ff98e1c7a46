/**
 * The sequence diagram's lane names after a switch of projector mode, in real Chromium: the
 * switch makes the text larger without changing the diagram's width, and the names are measured
 * again in the new size, so no two names overlap and a name shown whole is not cut, before the
 * switch, after it and after switching back. Screenshot: test-results/lane-names-projector.png.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserPerFile, openScenarioAtStart, screenshotsDir } from './browser.ts';
import { laneNames, nextOnRow, type NameBox } from './lane-names.ts';

const file = browserPerFile();

const NAMES = ['temperature-sensor-hall-1', 'humidity-sensor-hall-2', 'dashboard-control-room', 'alarm-gateway-north'];
const SCENARIO = [
  'broker',
  ...NAMES.map((n) => `client ${n}`),
  ...NAMES.map((n) => `at 0s ${n} connect -i ${n}`),
  `at 1s ${NAMES[0]} publish -t plant/t -m 21`,
].join('\n');

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
