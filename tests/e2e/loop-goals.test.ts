/**
 * An exercise's goals over time, in real Chromium: after a Check that meets the goal, Home (the
 * cursor at 0) does not show the goal as met *now* (the run's verdict stays: a muted tick that
 * says when it will be met, and the summary says how many are met by now and over the run);
 * stepping past the moment shows it met; the exercise bar counts the same way ("0/1 met by now ·
 * whole run: 1/1 ✓"). The same in German, and folded on a 1024x768 tablet. The learner's own
 * `expect` lines read the same way: a goal the run fails is not met at Home either.
 * Screenshots go to test-results/loop-goals-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, typeAtScenarioEnd } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile();

const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(SCREENSHOTS, `loop-goals-${name}.png`) });
  const item = page.locator('.checklist [data-goal="1"]');
  if (await item.isVisible()) await item.scrollIntoViewIfNeeded(); // folded on a tablet
  await page.locator('.checklist').screenshot({ path: path.join(SCREENSHOTS, `loop-goals-${name}-list.png`) });
  const bar = page.locator('[data-exercise-bar]');
  if (await bar.isVisible()) await bar.screenshot({ path: path.join(SCREENSHOTS, `loop-goals-${name}-bar.png`) });
};
const KEY = '01-why-mqtt/1-first-message';

async function solveFirstExercise(page: Page): Promise<void> {
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  const tabletView = page.locator('nav.views button[data-view="lesson"]');
  if (await tabletView.isVisible()) await tabletView.click();
  else await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
  const panel = page.locator('#editor-panel-lesson');
  await panel.locator('button[data-lesson="01-why-mqtt"]').click();
  await panel.locator(`[data-exercise="${KEY}"]`).getByRole('button', { name: 'Start exercise' }).click();
  await page.getByText('Opened the example “Your first reading (start)”.').waitFor();
  await typeAtScenarioEnd(page, '\nat 1s sensor publish -t plant/hall1/temp -m 21.5', '-m 21.5');
  await page.locator(`[data-exercise-bar="${KEY}"]`).getByRole('button', { name: 'Check' }).click();
  await page.locator(`[data-exercise-bar="${KEY}"]`).getByText('1/1 goals').waitFor();
}

const goal = (page: Page) => page.locator('.checklist [data-goal="1"]');
const bar = (page: Page) => page.locator(`[data-exercise-bar="${KEY}"]`);
const clockMs = async (page: Page) => {
  const text = (await page.locator('.transport').getByText(/\d+[.,]\d{3} s/).first().textContent()) ?? '';
  return Math.round(Number(text.replace(/[^\d.,]/g, '').replace(',', '.')) * 1000);
};

/** Reset, then step forward until the goal shows met; returns the clock at each step. */
async function stepUntilMet(page: Page, resetName: string, stepName: string): Promise<{ before: number; after: number; atMs: number }> {
  await page.getByRole('button', { name: resetName, exact: true }).click();
  await expect.poll(() => clockMs(page)).toBe(0);
  await expect.poll(() => goal(page).getAttribute('data-status')).toBe('upcoming');
  const atMs = Number(await goal(page).getAttribute('data-at-ms'));
  let before = 0;
  for (let i = 0; i < 200 && (await goal(page).getAttribute('data-status')) === 'upcoming'; i++) {
    before = await clockMs(page);
    expect(before).toBeLessThanOrEqual(atMs); // never upcoming past its moment
    await page.getByRole('button', { name: stepName, exact: true }).click();
    await page.waitForTimeout(30);
  }
  await expect.poll(() => goal(page).getAttribute('data-status')).toBe('pass');
  return { before, after: await clockMs(page), atMs };
}

describe('goals over time (Chromium)', () => {
  it('Home after a Check: the goal is not met yet, stepping past its moment meets it (en, de)', async () => {
    const { page } = await openPage({ viewport: { width: 1440, height: 900 } });
    await solveFirstExercise(page);
    // The check lands on the moment the goal was met: met now.
    await expect.poll(() => goal(page).getAttribute('data-status')).toBe('pass');
    await goal(page).getByText(/^met at 1\.\d{3} s/).waitFor();

    // Home: the verdict stays visible, the goal is not met now.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => goal(page).getAttribute('data-status')).toBe('upcoming');
    await goal(page).getByText(/will be met at 1\.\d{3} s/).waitFor();
    await page.locator('.checklist header').getByText('0 of 1 met by now · whole run: 1').waitFor();
    await expect(goal(page).getByRole('button', { name: 'Show me' }).count()).resolves.toBe(1);
    // The exercise bar counts the same way; its verdict stays the whole run's.
    await bar(page).locator('.goals').getByText('0/1 met by now').waitFor();
    await expect(bar(page).locator('.goals .run').textContent()).resolves.toMatch(/^· whole run: 1\/1\s*✓$/);
    await shot(page, 'home-en');

    const en = await stepUntilMet(page, 'Reset', 'Step forward');
    expect(en.atMs).toBeGreaterThanOrEqual(1000);
    expect(en.after).toBeGreaterThanOrEqual(en.atMs);
    await page.locator('.checklist header').getByText('1 of 1 met').waitFor();
    await bar(page).locator('.goals').getByText('1/1 goals').waitFor();
    await shot(page, 'met-en');

    // "Show me" from Home jumps to the moment: met there.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await goal(page).getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => goal(page).getAttribute('data-status')).toBe('pass');

    // German.
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Zurücksetzen', exact: true }).click();
    await goal(page).getByText(/wird um 1,\d{3} s erreicht/).waitFor();
    await page.locator('.checklist header').getByText('0 von 1 bis jetzt erreicht · ganzer Lauf: 1').waitFor();
    await bar(page).locator('.goals').getByText('0/1 bis jetzt erreicht').waitFor();
    await bar(page).locator('.goals .run').getByText('ganzer Lauf: 1/1').waitFor();
    await shot(page, 'home-de');
    const de = await stepUntilMet(page, 'Zurücksetzen', 'Schritt vor');
    expect(de.atMs).toBe(en.atMs);
    await goal(page).getByText(/^erreicht um 1,\d{3} s/).waitFor();
    await bar(page).locator('.goals').getByText('1/1 Ziele').waitFor();
    await shot(page, 'met-de');
  });

  it('on a 1024x768 tablet the folded marks follow the cursor too', async () => {
    const { page } = await openPage({ viewport: { width: 1024, height: 768 } });
    await solveFirstExercise(page);
    const mark = page.locator('.checklist .marks li').first();
    await expect.poll(() => mark.getAttribute('class')).toMatch(/^pass\b/);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => mark.getAttribute('class')).toMatch(/^upcoming\b/);
    await expect(mark.getAttribute('title')).resolves.toContain('met later in the run');
    await shot(page, 'tablet-home');
    // Unfolded on the tablet: the goal with its "will be met at".
    await page.locator('.checklist .fold').click();
    await goal(page).getByText(/will be met at 1\.\d{3} s/).waitFor();
    await shot(page, 'tablet-home-open');
  });

  it('own expect lines: a count the run exceeds is not met at Home either; a later piece of evidence goes there', async () => {
    const { page } = await openPage({ viewport: { width: 1440, height: 900 } });
    const text = ['broker', 'client sensor', 'client dashboard', 'at 0s sensor connect', 'at 0s dashboard connect', 'at 100ms dashboard subscribe -t plant/hall1/temp']
      .concat(['21.5', '21.6', '21.7'].map((p, i) => `at ${i + 1}s sensor publish -t plant/hall1/temp -m ${p}`))
      .concat(['expect dashboard receives plant/hall1/temp times 2', 'expect dashboard receives plant/hall1/temp times 3'])
      .join('\n');
    await page.goto(`${inject('baseUrl')}?play=0&scenario=${encodeURIComponent(text)}`);
    const row = (line: number) => page.locator('.checklist li.item').filter({ has: page.getByRole('button', { name: `line ${line}`, exact: true }) });
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => row(10).getAttribute('data-status')).toBe('fail');
    await row(10).getByText('not met in this run').waitFor();
    await expect.poll(() => row(11).getAttribute('data-status')).toBe('upcoming');
    await row(11).getByText(/will be met at 3\.\d{3} s/).waitFor();
    await page.locator('.checklist header').getByText('0 of 2 met by now · whole run: 1').waitFor();
    await shot(page, 'own-home');
    await row(11).locator('.evidence button.later').last().click();
    await expect.poll(() => row(11).getAttribute('data-status')).toBe('pass');
    await expect.poll(() => clockMs(page)).toBeGreaterThanOrEqual(3000);
    await expect(row(10).getAttribute('data-status')).resolves.toBe('fail');
    await shot(page, 'own-later-evidence');
  });
});
