/**
 * The learner's loop in real Chromium (issue 14, part 1): opening a lesson loads its first "try
 * it" scenario into the sandbox (Undo brings the learner's text back); "Start exercise" keeps
 * the task in view above an editor of at least 15 lines (1280x720, notice open) and lands on
 * the moment the goal is missed; "Check" and each goal's "Show me" pause the run there, with
 * the evidence rows highlighted in view in the sequence diagram. No console errors (the
 * `<svg> attribute height: A negative value` of a shrinking diagram included). Screenshots go
 * to test-results/loop-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { browserPerFile, screenshotsDir, showEveryRow } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile();

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `loop-${name}.png`) });

async function openApp(query = '?play=0', options: { everyRow?: boolean } = {}): Promise<Page> {
  const { page } = await openPage();
  if (options.everyRow) await showEveryRow(page);
  await page.goto(`${inject('baseUrl')}${query}`);
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  await page.locator('.checklist').first().waitFor();
  return page;
}

const savedText = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('mqttlab.scenario') ?? '{}') as { text?: string }).text ?? '');
const lessonPanel = (page: Page) => page.locator('#editor-panel-lesson');

async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
  await lessonPanel(page).locator(`button[data-lesson="${id}"]`).click();
  await lessonPanel(page).locator(`article[data-lesson="${id}"]`).waitFor();
}

/** The evidence rows of the sequence diagram that lie inside its scroll box. */
async function evidenceInView(page: Page): Promise<number> {
  return page.evaluate(() => {
    const box = document.querySelector('.scroller')?.getBoundingClientRect();
    if (!box) return 0;
    return [...document.querySelectorAll('.row.evidence')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom + 1;
    }).length;
  });
}

const clock = (page: Page) => page.locator('.transport').getByText(/\d+\.\d{3} s/).textContent();

describe("the learner's loop in Chromium", () => {
  it('opening a lesson loads its first "try it" scenario, and Undo brings the text back', async () => {
    const page = await openApp();
    await openLesson(page, '09-qos2');
    await expect.poll(() => savedText(page)).toContain('# QoS 2 from the meter to billing, no losses');
    // The sandbox runs it: the stage shows the lesson's clients.
    await page.locator('[data-node="meter"]').waitFor();
    await shot(page, 'lesson-opens-scenario');
    await page.getByRole('tab', { name: 'Scenario', exact: true }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    // The default scenario (a first visit: nothing autosaved before the lesson replaced it).
    await expect.poll(() => savedText(page)).toMatch(/^# Last Will/);
  });

  it('Start exercise and Check land on the evidence; the task and 15 editor lines stay in view', async () => {
    const page = await openApp('');
    // Let the default scenario play a little (as a learner would), then open the lesson.
    await page.waitForTimeout(500);
    await openLesson(page, '09-qos2');
    const card = page.locator('[data-exercise="09-qos2/1-bill-once"]');
    await card.getByRole('button', { name: 'Start exercise' }).click();

    // The task above the editor, collapsible; the editor keeps 15 lines with the notice open.
    const bar = page.locator('[data-exercise-bar="09-qos2/1-bill-once"]');
    await bar.locator('.task').getByText('The meter sends its reading with QoS 1.', { exact: false }).waitFor();
    await page.getByText('Opened the example “Bill it once (start)”.').waitFor();
    const editorLines = await page.evaluate(() => {
      const editor = document.querySelector('.scenario-editor')!.getBoundingClientRect();
      const line = document.querySelector('.scenario-editor .view-line')!.getBoundingClientRect();
      return editor.height / line.height;
    });
    expect(editorLines).toBeGreaterThanOrEqual(15);

    // Landed on the moment the goal is missed: paused, evidence highlighted and in view.
    await expect.poll(() => evidenceInView(page)).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Play', exact: true }).isVisible()).resolves.toBe(true);
    const landed = await clock(page);
    await page.waitForTimeout(400);
    await expect(clock(page)).resolves.toBe(landed); // paused
    expect(landed).toBe('4.120 s');
    await shot(page, 'start-exercise');

    // The task collapses and opens again.
    const heading = bar.getByRole('button', { name: /Bill it once/ });
    await expect(heading.getAttribute('aria-expanded')).resolves.toBe('true');
    await heading.click();
    await expect(bar.locator('.task').count()).resolves.toBe(0);
    await heading.click();
    await bar.locator('.task').waitFor();

    // Play on, then Check: back on the evidence.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(600);
    await bar.getByRole('button', { name: 'Check' }).click();
    await bar.getByText('0/2 goals').waitFor(); // both goals of 09/1 (the reading once, and a resent copy seen by the broker)
    await expect.poll(() => evidenceInView(page)).toBeGreaterThan(0);
    await expect(clock(page)).resolves.toBe('4.120 s');
    // Each goal's full message, with "Show me", in the goals list.
    const goal = page.locator('.checklist [data-goal="1"]');
    await goal.getByText('billing received no matching message', { exact: false }).waitFor();
    await expect(goal.getByRole('button', { name: 'Show me' }).count()).resolves.toBe(1);
    await shot(page, 'check-lands');
    // The highlighted evidence rows stay readable: no colour contrast problem for axe, light and
    // dark, in projector mode too.
    for (const theme of ['light', 'dark'] as const) {
      for (const projector of ['off', 'on']) {
        await page.evaluate(([t, p]) => {
          document.documentElement.dataset.theme = t;
          document.documentElement.dataset.projector = p;
        }, [theme, projector]);
        await page.locator('.row.evidence').first().scrollIntoViewIfNeeded();
        await expect(axeViolations(page, '.row.evidence'), `${theme}, projector ${projector}`).resolves.toEqual([]);
      }
    }
    await shot(page, 'check-lands-dark-projector');
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'light';
      document.documentElement.dataset.projector = 'off';
    });

    // Move away, then "Show me" comes back to the moment.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => evidenceInView(page)).toBe(0);
    await goal.getByRole('button', { name: 'Show me' }).click();
    await expect.poll(() => evidenceInView(page)).toBeGreaterThan(0);
    await expect(clock(page)).resolves.toBe('4.120 s');
  });

  it('the lesson list scrolls inside its panel: the page never does, not even under the wheel over the topology', async () => {
    const page = await openApp();
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await lessonPanel(page).locator('button[data-lesson="20-mqtt5"]').waitFor();
    const pageHeight = () => page.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight, window.scrollY]);
    await expect(pageHeight()).resolves.toEqual([720, 720, 0]);
    const stage = (await page.locator('[data-node="broker"], .stage').first().boundingBox())!;
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 400);
    await page.waitForTimeout(200);
    await expect(pageHeight()).resolves.toEqual([720, 720, 0]);
    await expect(page.locator('header').first().boundingBox()).resolves.toMatchObject({ y: 0 });
  });

  it('no console error when the default scenario ends at 4x and lesson 01 starts an exercise', async () => {
    // With every row shown, the diagram scrolled to the end of the long run shrinks to the
    // exercise's few rows: the scroll position the browser has not yet clamped must not make
    // a window that starts below its end (Chromium: `<svg> attribute height: A negative value`).
    const page = await openApp('', { everyRow: true });
    await page.locator('.transport select').selectOption('4');
    await expect.poll(() => clock(page), { timeout: 30_000 }).toMatch(/^(2\d|[3-9]\d)\.\d{3} s$/);
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 30_000 }); // the run ended
    await openLesson(page, '01-why-mqtt');
    await page.locator('[data-exercise="01-why-mqtt/1-first-message"]').getByRole('button', { name: 'Start exercise' }).click();
    await page.locator('[data-exercise-bar="01-why-mqtt/1-first-message"]').waitFor();
    await page.waitForTimeout(500);
    // browserPerFile asserts that no console error (the negative <svg> height) was seen.
  });
});
