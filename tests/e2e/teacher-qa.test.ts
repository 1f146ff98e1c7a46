/**
 * Fixes from the teacher QA pass, in real Chromium against the built app: Check pressed while
 * the lessons' checker chunk still loads waits for it ("Checking…") and then answers; a shipped
 * lesson's started exercise keeps its exercise bar across a reload (and a closed bar stays
 * closed); a changed locked line with every goal met names the locked line as the reason (en
 * and de). Screenshots go to test-results/teacher-qa-*.png.
 */
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { exerciseUrl, type SharedExercise } from '../../src/lessons/exercise-link.ts';
import { sequenceSvg } from '../../src/ui/sequence/export-svg.ts';
import { buildSequence } from '../../src/ui/sequence/model.ts';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `teacher-qa-${name}.png`) });

const START = 'client sensor\nclient dash\nat 0s sensor connect\nat 0s dash connect   # locked\nat 0.5s dash subscribe -t halle/temp\n';
const EXERCISE: SharedExercise = {
  title: { de: 'Temperatur senden', en: 'Send the temperature' },
  task: { de: 'Der Sensor soll **21** unter `halle/temp` veröffentlichen.', en: 'The sensor publishes **21** on `halle/temp`.' },
  start: START,
  goal: 'expect dash receives halle/temp "21" by 3s\n',
  solution: `${START}at 1s sensor publish -t halle/temp -m 21\n`,
  hints: { de: ['Welcher Befehl veröffentlicht?'], en: ['Which command publishes?'] },
  cheats: [],
};

const editorLines = (page: Page) => page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines');

/** A fresh page (English) with lesson 1 open in the Lesson tab, and its first exercise's card. */
async function openLessonOne() {
  const { page } = await openPage();
  await page.goto(`${inject('baseUrl')}?play=0`);
  await editorLines(page).waitFor();
  await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
  const panel = page.locator('#editor-panel-lesson');
  await panel.locator('[data-lesson="01-why-mqtt"]').click();
  return { page, card: panel.locator('[data-exercise="01-why-mqtt/1-first-message"]') };
}

/** Replace the whole editor text (kept in localStorage before this returns). */
async function replaceText(page: Page, text: string, stored: string): Promise<void> {
  await editorLines(page).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mqttlab.scenario') ?? ''), { timeout: 5000 }).toContain(stored);
}

describe('teacher QA fixes', () => {
  it('Check pressed while the checker still loads says "Wird geprüft …" and then answers', async () => {
    const { page } = await openPage({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    // Hold the lessons' chunk back until Check was pressed.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/assets/lesson-files-*.js', async (route: Route) => {
      await released;
      await route.continue();
    });
    await page.goto(exerciseUrl(`${inject('baseUrl')}?play=0`, EXERCISE));
    const card = page.locator('[data-linked] [data-exercise]');
    await card.waitFor();
    await card.getByRole('button', { name: 'Aufgabe starten' }).click();
    await editorLines(page).waitFor();
    const bar = page.locator('[data-exercise-bar]');
    await bar.getByRole('button', { name: 'Prüfen', exact: true }).click();
    await bar.getByText('Wird geprüft …').waitFor();
    await shot(page, 'checking');
    release();
    // The start scenario misses the goal: the bar answers without another press.
    await bar.getByText('0/1 Ziele').waitFor();
    await expect(bar.getByText('Wird geprüft …').count()).resolves.toBe(0);
    await expect(bar.getByRole('status').textContent()).resolves.toContain('Noch nicht');
  });

  it('Check on an exercise that is not started judges nothing (the lesson’s example would solve it) and says why; once started, it checks', async () => {
    // Opening lesson 1 puts its example into the editor, and the example already publishes what
    // exercise 1 asks for.
    const { page, card } = await openLessonOne();
    await card.getByRole('button', { name: 'Check', exact: true }).click();
    await card.locator('[data-not-started]').getByText('Not checked: you have not started this exercise yet.').waitFor();
    await expect(card.getByText('Solved').count()).resolves.toBe(0);
    await expect(page.evaluate(() => localStorage.getItem('mqttlab.progress') ?? '')).resolves.not.toContain('1-first-message');
    await card.getByRole('button', { name: 'Start exercise' }).click();
    await page.locator('[data-exercise-bar="01-why-mqtt/1-first-message"]').waitFor();
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await card.getByRole('button', { name: 'Check', exact: true }).click();
    await card.getByRole('status').getByText('Not yet').waitFor();
    await expect(card.locator('[data-not-started]').count()).resolves.toBe(0);
  });

  it('a shipped lesson’s started exercise has its exercise bar again after a reload; a closed bar stays closed', async () => {
    const { page, card } = await openLessonOne();
    await card.getByRole('button', { name: 'Start exercise' }).click();
    const bar = page.locator('[data-exercise-bar="01-why-mqtt/1-first-message"]');
    await bar.waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mqttlab.lessons.active'))).toBe('01-why-mqtt/1-first-message');

    await page.reload();
    await editorLines(page).waitFor();
    await page.getByRole('tab', { name: 'Scenario', exact: true }).click();
    await bar.waitFor();
    await shot(page, 'bar-after-reload');
    await bar.getByRole('button', { name: 'Check', exact: true }).click();
    await bar.getByText(/\d+\/\d+ goals/).waitFor();

    await bar.getByRole('button', { name: 'Close the exercise bar' }).click();
    await page.reload();
    await editorLines(page).waitFor();
    await page.locator('.checklist').first().waitFor();
    await expect(page.locator('[data-exercise-bar]').count()).resolves.toBe(0);
  });

  for (const [locale, words] of [
    ['en-US', { start: 'Start exercise', check: 'Check', reason: 'Not yet: every goal is reached, but you changed a line the exercise keeps as it is.', line: 'Line 4 of the exercise must stay as it is: at 0s dash connect', short: 'locked line changed' }],
    ['de-DE', { start: 'Aufgabe starten', check: 'Prüfen', reason: 'Noch nicht: Alle Ziele sind erreicht, aber du hast eine Zeile geändert, die die Aufgabe unverändert vorgibt.', line: 'Zeile 4 der Aufgabe muss so bleiben: at 0s dash connect', short: 'feste Zeile geändert' }],
  ] as const) {
    it(`a changed locked line with every goal met names the locked line as the reason (${locale})`, async () => {
      const { page } = await openPage({ locale, viewport: { width: 1440, height: 900 } });
      await page.goto(exerciseUrl(`${inject('baseUrl')}?play=0`, EXERCISE));
      const card = page.locator('[data-linked] [data-exercise]');
      await card.waitFor();
      await card.getByRole('button', { name: words.start }).click();
      await editorLines(page).waitFor();
      const changed = `${START.replace('at 0s dash connect   # locked', 'at 0.2s dash connect')}at 1s sensor publish -t halle/temp -m 21\n`;
      await replaceText(page, changed, 'at 0.2s dash connect');
      const bar = page.locator('[data-exercise-bar]');
      await bar.getByRole('button', { name: words.check, exact: true }).click();
      const verdict = bar.getByRole('status');
      await verdict.getByText(words.reason).waitFor();
      await expect(verdict.isVisible()).resolves.toBe(true);
      await expect(verdict.textContent()).resolves.toContain(words.line);
      await expect(bar.getByText(words.short).isVisible()).resolves.toBe(true);
      await shot(page, `locked-${locale}`);
      // The card in the Lesson tab says the same.
      await bar.getByRole('button', { name: locale === 'de-DE' ? 'Zurück zur Lektion' : 'Back to the lesson' }).click();
      await card.getByRole('status').getByText(words.reason).waitFor();
      await expect(card.getByRole('status').textContent()).resolves.toContain(words.line);
    });
  }
});

describe('the stage in projector mode', () => {
  for (const [width, height] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    it(`at ${width}x${height} every name and state word is whole on the stage and clear of "… Pakete unterwegs", and the transport keeps one row`, async () => {
      const { page } = await openPage({ locale: 'de-DE', viewport: { width, height } });
      await page.goto(`${inject('baseUrl')}?play=0`);
      await editorLines(page).waitFor();
      await page.getByRole('button', { name: /Beamer/ }).click();
      const forward = page.getByRole('button', { name: /Schritt vor/ });
      for (let i = 0; i < 6; i++) await forward.click();
      const inFlight = page.locator('.stage .in-flight');
      await inFlight.getByText(/unterwegs/).waitFor();
      const boxes = await page.evaluate(() => {
        const stage = document.querySelector('.stage')!.getBoundingClientRect();
        const flight = document.querySelector('.stage .in-flight')!.getBoundingClientRect();
        const names = [...document.querySelectorAll('.stage text.name')].map((t) => ({ text: t.textContent!.trim(), box: t.getBoundingClientRect().toJSON() as DOMRect }));
        return { stage: stage.toJSON() as DOMRect, flight: flight.toJSON() as DOMRect, names };
      });
      await shot(page, `projector-stage-${width}`);
      // The transport keeps one row: the clock beside the buttons, not wrapped under them.
      const row = await page.evaluate(() => {
        const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        const [clock, buttons] = [top('.transport .clock'), top('.transport .buttons')];
        return { clockMiddle: (clock.top + clock.bottom) / 2, buttonsTop: buttons.top, buttonsBottom: buttons.bottom };
      });
      expect(row.clockMiddle, JSON.stringify(row)).toBeGreaterThan(row.buttonsTop);
      expect(row.clockMiddle, JSON.stringify(row)).toBeLessThan(row.buttonsBottom);
      expect(boxes.names.map((n) => n.text.split(' ')[0])).toEqual(['sensor', 'dashboard']);
      for (const { text, box } of boxes.names) {
        const inside = box.top >= boxes.stage.top && box.bottom <= boxes.stage.bottom && box.left >= boxes.stage.left && box.right <= boxes.stage.right;
        expect(inside, `${text}: ${JSON.stringify(box)} inside ${JSON.stringify(boxes.stage)}`).toBe(true);
        const f = boxes.flight;
        const overlaps = box.left < f.right && f.left < box.right && box.top < f.bottom && f.top < box.bottom;
        expect(overlaps, `${text} overlaps the in-flight line`).toBe(false);
      }
    });
  }
});

describe('the "Start here" badge', () => {
  it('is on the Lesson tab of a first visit to the sandbox, and not in the live views (a recording opened in the app)', async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await editorLines(page).waitFor();
    await expect(page.getByRole('tab', { name: 'Lektion', exact: true }).locator('.start-here').textContent()).resolves.toBe('Hier starten');

    for (const mode of ['recording']) {
      const { page: live } = await openPage({ locale: 'de-DE' });
      await live.goto(`${inject('baseUrl')}#${mode}`);
      const tab = live.getByRole('tab', { name: 'Lektion', exact: true });
      await tab.waitFor();
      await live.locator('.app.with-live').waitFor();
      await shot(live, `live-tabs-${mode}`);
      await expect(tab.locator('.start-here').count()).resolves.toBe(0);
    }
  });
});

describe('the SVG export', () => {
  it('draws a title too long for the diagram on one line, shortened with … inside it; a short one whole', async () => {
    const { page } = await openPage();
    const model = buildSequence([], ['broker', 'sensor']);
    const long = 'MQTT Lab – Sequenzdiagramm: Das Testament des Sensors kommt beim Dashboard an, nachdem das Kabel gezogen wurde';
    const measured = [];
    for (const title of [long, 'MQTT Lab – Sequence diagram']) {
      await page.setContent(sequenceSvg(model, 0, { title, rowText: () => '', timeText: () => '' }));
      measured.push(
        await page.evaluate(() => {
          const root = document.querySelector('svg')!;
          const text = root.querySelector<SVGTextElement>(':scope > text')!;
          return { text: text.textContent ?? '', right: text.getBBox().x + text.getComputedTextLength(), width: root.width.baseVal.value, whole: root.querySelector(':scope > title')?.textContent };
        }),
      );
      await shot(page, `svg-title-${measured.length}`);
    }
    const [cut, short] = measured;
    expect(cut!.text.endsWith('…')).toBe(true);
    expect(long.startsWith(cut!.text.slice(0, -1))).toBe(true);
    expect(cut!.right).toBeLessThanOrEqual(cut!.width);
    expect(cut!.whole).toBe(long);
    expect(short!.text).toBe('MQTT Lab – Sequence diagram');
  });
});
