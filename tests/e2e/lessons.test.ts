/**
 * The Lesson tab in real Chromium: open lesson 01, start its first exercise, solve it by editing
 * the scenario in Monaco, check it, see it marked solved, reload and find the progress kept; the
 * same in German (lesson list and text in German after switching in place, the second exercise
 * solved through the hint ladder's "Show solution"). No console errors. Screenshots go to
 * test-results/lessons-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, typeAtScenarioEnd } from './browser.ts';

const SCREENSHOTS = screenshotsDir();

const file = browserPerFile();

async function openApp(): Promise<Page> {
  const opened = file.opened ?? (await file.openPage());
  const page = opened.page;
  await page.goto(`${inject('baseUrl')}?play=0`);
  await waitForEditor(page);
  return page;
}

async function waitForEditor(page: Page): Promise<void> {
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  // The first run is done when the goals list shows (the learner's scenario may have no goals).
  await page.locator('.checklist').first().waitFor();
}

const lessonPanel = (page: Page) => page.locator('#editor-panel-lesson');
const exercise = (page: Page, key: string) => page.locator(`[data-exercise="${key}"]`);

async function openLessonTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').first().waitFor();
}

/** The app with lesson 01's first exercise started from the Lesson tab (English). */
async function startFirstExercise(): Promise<Page> {
  const page = await openApp();
  await openLessonTab(page, 'Lesson');
  await lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').click();
  await exercise(page, '01-why-mqtt/1-first-message').getByRole('button', { name: 'Start exercise' }).click();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `lessons-${name}.png`) });

describe('lessons in Chromium', () => {
  it('a long command or scenario line in a lesson wraps under its line instead of scrolling sideways (1024 px), and copies as written', async () => {
    const page = await openApp();
    await openLessonTab(page, 'Lesson');
    await lessonPanel(page).locator('[data-lesson="18-security"]').click();
    await page.setViewportSize({ width: 1024, height: 768 }); // a tablet: the lesson column is 412 px wide
    try {
      const openssl = lessonPanel(page).locator('pre', { hasText: 'openssl req -x509' });
      await openssl.waitFor();
      // Every command and config block fits its column: nothing (such as `-q 1` at a line's end) is out of sight.
      await expect.poll(() => lessonPanel(page).locator('pre', { hasText: /openssl|mosquitto_pub|listener/ }).evaluateAll((ps) => ps.map((p) => p.scrollWidth - p.clientWidth)), { timeout: 10_000 }).toEqual([0, 0, 0, 0, 0]);
      // Selecting the block gives its lines as the lesson wrote them (no breaks where it wrapped).
      const selected = await openssl.evaluate((p) => {
        const range = document.createRange();
        range.selectNodeContents(p);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        return getSelection()?.toString() ?? '';
      });
      expect(selected.split('\n')[0]).toBe('openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout ca.key -out ca.crt -subj "/CN=Classroom CA"');
      expect(selected.split('\n')).toHaveLength(8);
      // A scenario block as well (lesson 20: a request line of 145 characters), with its "Try it" above it.
      await lessonPanel(page).locator('.pager .next').click();
      await lessonPanel(page).locator('.pager .next').click();
      const request = lessonPanel(page).locator('.code', { hasText: 'response-topic hall1/replies/hmi-1' }).last();
      await request.getByRole('button', { name: 'Try it' }).waitFor();
      await expect.poll(() => lessonPanel(page).locator('pre').evaluateAll((ps) => ps.filter((p) => p.scrollWidth > p.clientWidth).length), { timeout: 10_000 }).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('solves lesson 01 in English and German; progress survives a reload', async () => {
    const page = await openApp();
    await openLessonTab(page, 'Lesson');
    await expect(lessonPanel(page).getByText('Basics', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').textContent()).resolves.toContain('0/2 solved');
    await shot(page, 'list-en');

    // Open lesson 01: its text (with a glossary term and a spec link), then the exercises.
    await lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').click();
    await lessonPanel(page).getByRole('heading', { name: 'Why MQTT?', level: 2 }).waitFor();
    const spec = lessonPanel(page).getByRole('link', { name: 'MQTT-4.3.1-1' });
    await expect(spec.getAttribute('target')).resolves.toBe('_blank');
    await expect(spec.getAttribute('rel')).resolves.toContain('noopener');
    await lessonPanel(page).getByRole('button', { name: 'broker', exact: true }).first().click();
    await lessonPanel(page).getByRole('note').first().waitFor();
    await shot(page, 'lesson-en');

    // Predict first: the right answer, confirmed by the simulation.
    const first = exercise(page, '01-why-mqtt/1-first-message');
    await first.getByLabel('Two: sensor to broker, broker to dashboard').check();
    await first.getByRole('button', { name: 'Answer' }).click();
    await first.getByText('Right!').waitFor();
    await first.getByText('The simulation confirms:').waitFor();

    // Start the exercise: the start scenario is in the editor and runs.
    await first.getByRole('button', { name: 'Start exercise' }).click();
    await expect(page.getByRole('tab', { name: 'Scenario', exact: true }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByText('Opened the example “Your first reading (start)”.').waitFor();

    // Checking the start fails (with the goal's message).
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await first.getByRole('button', { name: 'Check' }).click();
    await first.getByText('Not yet: some goals are not reached.').waitFor();
    await shot(page, 'check-failed-en');

    // Solve it by editing the scenario in Monaco.
    await page.getByRole('tab', { name: 'Scenario', exact: true }).click();
    await typeAtScenarioEnd(page, '\nat 1s sensor publish -t plant/hall1/temp -m 21.5', '-m 21.5');
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await first.getByRole('button', { name: 'Check' }).click();
    await first.getByText('Solved! Every goal is reached.').waitFor();
    await first.getByText('Solved', { exact: true }).waitFor();
    await shot(page, 'check-solved-en');

    // Reload: the progress is kept.
    await page.reload();
    await waitForEditor(page);
    await openLessonTab(page, 'Lesson');
    await expect(lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').textContent()).resolves.toContain('1/2 solved');

    // German, in place: the list and the lesson in German, progress the same.
    await page.getByLabel('Language').selectOption('de');
    await lessonPanel(page).getByText('Grundlagen', { exact: true }).waitFor();
    await expect(lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').textContent()).resolves.toContain('1/2 gelöst');
    await shot(page, 'list-de');
    await lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').click();
    await lessonPanel(page).getByRole('heading', { name: 'Warum MQTT?', level: 2 }).waitFor();
    await exercise(page, '01-why-mqtt/1-first-message').getByText('Gelöst', { exact: true }).waitFor();

    // The second exercise through the hint ladder: two hints, then the solution after "sure?".
    const second = exercise(page, '01-why-mqtt/2-second-listener');
    await second.getByRole('button', { name: 'Aufgabe starten' }).click();
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    await second.getByRole('button', { name: 'Tipp 1 von 2' }).click();
    await second.getByRole('button', { name: 'Tipp 2 von 2' }).click();
    await second.getByRole('button', { name: 'Lösung zeigen' }).click();
    await second.getByText(/Bist du sicher\?/).waitFor();
    await shot(page, 'solution-confirm-de');
    await second.getByRole('button', { name: 'Ja, Lösung zeigen' }).click();
    await expect(page.getByRole('tab', { name: 'Szenario', exact: true }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    await second.getByRole('button', { name: 'Prüfen' }).click();
    await second.getByText('Gelöst! Alle Ziele sind erreicht.').waitFor();
    await shot(page, 'check-solved-de');

    // Switching back to English re-renders the open lesson in place.
    await page.getByLabel('Sprache').selectOption('en');
    await lessonPanel(page).getByRole('heading', { name: 'Why MQTT?', level: 2 }).waitFor();
    await page.getByLabel('Language').selectOption('de');

    await page.reload();
    await waitForEditor(page);
    await openLessonTab(page, 'Lektion');
    await expect(lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').textContent()).resolves.toContain('2/2 gelöst');
    await shot(page, 'list-de-after-reload');
  });

  it('renders the widget figures and refuses a corrupt progress file with a message', async () => {
    const page = await openApp();
    await openLessonTab(page, 'Lesson');
    await lessonPanel(page).locator('input[type="file"]').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from('{broken') });
    await lessonPanel(page).getByRole('alert').getByText(/not valid JSON/).waitFor();
    await shot(page, 'import-failed-en');
    await lessonPanel(page).locator('[data-lesson="15-websockets"]').click();
    await lessonPanel(page).getByText('MQTT packets in WebSocket frames (masking key 37 fa 21 3d)').waitFor();
    await lessonPanel(page).getByText('82 82 37 fa 21 3d f7 fa').first().waitFor();
    await lessonPanel(page).locator('figure').scrollIntoViewIfNeeded();
    await shot(page, 'widget-websocket');
  });

  it('checks an exercise from the bar above the editor (button and Alt+Enter) in English, and in German in the dark', async () => {
    const page = await startFirstExercise();

    // The bar sits above the editor: title, goals, Check; the start fails with the goal's message.
    const bar = page.locator('#editor-panel-scenario .exercise-bar');
    await bar.getByText('Your first reading').waitFor();
    await expect(bar.getByText('1 goal', { exact: true }).isVisible()).resolves.toBe(true);
    // The goals list under the editor lists the same goal (not "No goals yet"), waiting for Check.
    const goals = page.locator('#editor-panel-scenario .checklist');
    const goalRows = goals.locator('li[data-goal]');
    await goals.getByText('The goals of the exercise “Your first reading”.', { exact: false }).waitFor();
    await expect(goals.getByText('No goals yet', { exact: false }).count()).resolves.toBe(0);
    await expect(goalRows.locator('code').allTextContents()).resolves.toEqual(['expect dashboard receives plant/hall1/temp "21.5"']);
    await expect(goalRows.getAttribute('data-status')).resolves.toBe('pending');

    await bar.getByRole('button', { name: 'Check' }).click();
    await bar.getByText('Not yet: some goals are not reached.').waitFor();
    await goals.getByText('0 of 1 met').waitFor();
    await expect(goalRows.getAttribute('data-status')).resolves.toBe('fail');
    await shot(page, 'bar-failed-en');

    // Fix it in Monaco and check with Alt+Enter without leaving the editor.
    await typeAtScenarioEnd(page, '\nat 1s sensor publish -t plant/hall1/temp -m 21.5');
    await page.keyboard.press('Alt+Enter');
    await bar.getByText('Solved! Every goal is reached.').waitFor();
    await expect(bar.getByText('1/1 goals').isVisible()).resolves.toBe(true);
    await goals.getByText('1 of 1 met').waitFor();
    await expect(goalRows.getAttribute('data-status')).resolves.toBe('pass');
    await shot(page, 'bar-solved-en');

    // Back to the lesson: the card shows the same result and the solved mark.
    await bar.getByRole('button', { name: 'Back to the lesson' }).click();
    await exercise(page, '01-why-mqtt/1-first-message').getByText('Solved! Every goal is reached.').waitFor();

    // German and dark: the bar follows in place.
    await page.getByLabel('Language').selectOption('de');
    await page.getByLabel('Farbschema').selectOption('dark');
    await page.getByRole('tab', { name: 'Szenario', exact: true }).click();
    await bar.getByText('Dein erster Messwert').waitFor();
    await bar.getByRole('button', { name: 'Prüfen' }).click();
    await bar.getByText('Gelöst! Alle Ziele sind erreicht.').waitFor();
    await goals.getByText('Die Ziele der Aufgabe „Dein erster Messwert“.', { exact: false }).waitFor();
    await goals.getByText('1 von 1 erreicht').waitFor();
    await shot(page, 'bar-solved-de-dark');
    await bar.getByRole('button', { name: 'Aufgabenleiste schließen' }).click();
    await expect(bar.count()).resolves.toBe(0);
  });

  it('keeps the editor usable at 1280×720 with an exercise started and its notice open, in English and German', async () => {
    const page = await startFirstExercise();
    const panel = page.locator('#editor-panel-scenario');
    const notice = panel.locator('[data-notice="exampleOpened"]');
    const editor = panel.locator('.scenario-editor');
    const goalsHeading = panel.locator('.checklist h3');
    const height = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!.height;
    const inView = async (l: ReturnType<Page['locator']>) => {
      const box = (await l.boundingBox())!;
      const panelBox = (await panel.boundingBox())!;
      return box.y >= panelBox.y && box.y + box.height <= panelBox.y + panelBox.height;
    };

    for (const [lang, opened] of [
      ['en', 'Opened the example “Your first reading (start)”.'],
      ['de', 'Das Beispiel „Dein erster Messwert (Start)“ ist geöffnet.'],
    ] as const) {
      if (lang === 'de') await page.getByLabel('Language').selectOption('de');
      await panel.locator('.exercise-bar').getByText(lang === 'en' ? 'Your first reading' : 'Dein erster Messwert').waitFor();
      await notice.getByText(opened).waitFor();
      // The notice is one compact row (its text in at most two lines beside Undo and ✕; the whole
      // text in its tooltip), the editor shows at least ten lines, the goals list still shows.
      expect(await height(editor)).toBeGreaterThanOrEqual(190);
      await expect(panel.locator('.monaco-editor .view-line').count()).resolves.toBeGreaterThanOrEqual(10);
      expect(await height(notice)).toBeLessThanOrEqual(52);
      await expect(notice.locator('p').getAttribute('title')).resolves.toBe(opened);
      await expect(inView(goalsHeading)).resolves.toBe(true);
      await shot(page, `exercise-notice-1280x720-${lang}`);
    }

    // Dismissed, the notice gives its room to the editor.
    const before = await height(editor);
    await notice.getByRole('button', { name: 'Schließen' }).click();
    await expect(notice.count()).resolves.toBe(0);
    await expect.poll(() => height(editor)).toBeGreaterThan(before);
  });

  it('lets the learner explore the wire cost by keyboard: QoS, payload size, gzip and the crossover', async () => {
    const page = await openApp();
    await openLessonTab(page, 'Lesson');
    await lessonPanel(page).locator('[data-lesson="16-small-headers"]').click();
    const figure = lessonPanel(page).locator('.explorer');
    await figure.scrollIntoViewIfNeeded();
    const bytes = (row: string) => figure.locator(`[data-row="${row}"] td.num`).textContent();
    await expect(bytes('mqtt')).resolves.toBe('31');
    await expect(bytes('http')).resolves.toBe('283');

    // Keyboard only: QoS 1 -> 2 with the arrow key, the slider up to 64 KiB, gzip with Space.
    await figure.getByRole('radio', { name: '1' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(bytes('mqtt')).resolves.toBe('39');
    const slider = figure.getByRole('slider', { name: 'Payload size' });
    await slider.focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await expect(figure.getByRole('spinbutton').inputValue()).resolves.toBe('65536');
    await expect(figure.locator('.verdict').getAttribute('data-winner')).resolves.toBe('mqtt');
    await figure.getByRole('checkbox', { name: 'HTTP body compressed with gzip' }).focus();
    await page.keyboard.press('Space');
    await expect(figure.locator('.verdict').getAttribute('data-winner')).resolves.toBe('http');
    await shot(page, 'wire-cost-en');

    // The crossover: one byte below it MQTT still wins, at it HTTP with gzip does.
    const crossover = Number(await figure.locator('.crossover').getAttribute('data-crossover'));
    await figure.getByRole('button', { name: 'Go there' }).click();
    await expect(figure.getByRole('spinbutton').inputValue()).resolves.toBe(String(crossover));
    await expect(figure.locator('.verdict').getAttribute('data-winner')).resolves.toBe('http');
    await figure.getByRole('spinbutton').fill(String(crossover - 1));
    await figure.getByRole('spinbutton').press('Enter');
    await expect(figure.locator('.verdict').getAttribute('data-winner')).resolves.not.toBe('http');

    await page.getByLabel('Language').selectOption('de');
    await page.getByLabel('Farbschema').selectOption('dark');
    await lessonPanel(page).getByText('Eine Nachricht über MQTT und über HTTP/1.1', { exact: false }).waitFor();
    await figure.scrollIntoViewIfNeeded();
    await shot(page, 'wire-cost-de-dark');
  });
});
