/**
 * A teacher's classroom path in real Chromium, beyond building and sharing (teacher.test.ts):
 * printing the worksheet of an exercise link (with and without a solution), a link whose title
 * and task hold words longer than the Lesson pane (they break inside it), starting a new
 * exercise from a shipped lesson's exercise (the builder gets a copy; a draft is only replaced
 * after asking), and a draft typed just before a reload. Screenshots go to
 * test-results/teacher-classroom-*.png.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { exerciseUrl, type SharedExercise } from '../../src/lessons/exercise-link.ts';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile({ reusePages: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `teacher-classroom-${name}.png`) });

const START = 'client sensor\nclient dash\nat 0s sensor connect\nat 0s dash connect   # locked\nat 0.5s dash subscribe -t halle/temp\n';
const GOAL = 'expect dash receives halle/temp "21" by 3s\n';
const EXERCISE: SharedExercise = {
  title: { de: 'Größe prüfen: Übung für Schülerinnen – äöüß' },
  task: { de: 'Der Sensor soll **21** unter `halle/temp` veröffentlichen.' },
  start: START,
  goal: GOAL,
  solution: `${START}at 1s sensor publish -t halle/temp -m 21\n`,
  hints: { de: ['Welcher Befehl veröffentlicht?'] },
  cheats: [],
};

const sheet = (page: Page) => page.locator('.worksheet-root .sheet');

/** The app in `locale`, the Lesson tab, the builder open: its dialog. */
async function openBuilder(page: Page, locale: 'en' | 'de'): Promise<Locator> {
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.getByRole('tab', { name: locale === 'de' ? 'Lektion' : 'Lesson', exact: true }).click();
  await page.locator('[data-open-builder]').click();
  return page.locator('dialog[data-builder]');
}

/** The first worksheet diagram's own title as Chromium draws it (in a page of its own): its text, right edge and the diagram's width. */
async function diagramTitle(page: Page): Promise<{ text: string; right: number; width: number }> {
  const src = (await sheet(page).locator('img.diagram').first().getAttribute('src'))!;
  const measure = await page.context().newPage();
  await measure.setContent(decodeURIComponent(src.slice(src.indexOf(',') + 1)));
  const title = await measure.evaluate(() => {
    const root = document.querySelector('svg')!;
    const text = root.querySelector('text')!;
    return { text: text.textContent ?? '', right: text.getBBox().x + text.getComputedTextLength(), width: root.width.baseVal.value };
  });
  await measure.close();
  return title;
}

async function openLink(page: Page, exercise: SharedExercise): Promise<void> {
  await page.goto(exerciseUrl(`${inject('baseUrl')}?play=0`, exercise));
  await page.locator('[data-linked] [data-exercise]').waitFor();
}

describe("a teacher's classroom path", () => {
  it("prints an exercise link's worksheet: its title, task, start and the solution's diagram, no lesson named", async () => {
    const { page } = await openPage({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    await openLink(page, EXERCISE);
    await page.locator('[data-linked]').getByRole('button', { name: 'Drucken', exact: true }).click();
    await sheet(page).waitFor();
    await expect(sheet(page).locator('h1').textContent()).resolves.toBe('Größe prüfen: Übung für Schülerinnen – äöüß');
    await expect(sheet(page).locator('.brand').textContent()).resolves.toBe('MQTT Lab');
    await expect(sheet(page).locator('.from').count()).resolves.toBe(0);
    await expect(sheet(page).locator('strong', { hasText: '21' }).count()).resolves.toBe(1);
    await expect(sheet(page).locator('pre.scenario').first().textContent()).resolves.toBe(START);
    await expect.poll(() => sheet(page).locator('img.diagram').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The diagram's own title (one line of SVG text) is not cut at its right edge: measured as Chromium draws it.
    const title = await diagramTitle(page);
    expect(title.text).toBe('Größe prüfen: Übung für Schülerinnen – äöüß');
    expect(title.right).toBeLessThanOrEqual(title.width);
    await page.getByLabel('Mit dem Lösungsszenario').check();
    await expect(sheet(page).locator('pre.scenario').nth(1).textContent()).resolves.toContain('sensor publish -t halle/temp -m 21');
    await shot(page, 'print-link-1440');
  });

  it("shortens a long title in the worksheet diagram's own title instead of cutting it at the edge", async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    const long = 'Eine sehr lange Überschrift für eine Übung mit Umlauten, die nie auf eine Zeile des Diagramms passt';
    await openLink(page, { ...EXERCISE, title: { de: long } });
    await page.locator('[data-linked]').getByRole('button', { name: 'Drucken', exact: true }).click();
    await expect.poll(() => sheet(page).locator('img.diagram').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(sheet(page).locator('h1').textContent()).resolves.toBe(long);
    const title = await diagramTitle(page);
    expect(title.text).toMatch(/^Eine sehr lange Überschrift.*…$/);
    expect(title.right).toBeLessThanOrEqual(title.width);
  });

  it('prints an exercise link without a solution: no solution to tick and no diagram', async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    const { solution: _solution, ...withoutSolution } = EXERCISE;
    await openLink(page, withoutSolution);
    await page.locator('[data-linked]').getByRole('button', { name: 'Drucken', exact: true }).click();
    await sheet(page).locator('pre.scenario').waitFor();
    await expect(sheet(page).locator('pre.scenario').count()).resolves.toBe(1);
    await expect(sheet(page).getByText('Sequenzdiagramm des Lösungslaufs').count()).resolves.toBe(0);
    await expect(page.getByLabel('Mit dem Lösungsszenario').count()).resolves.toBe(0);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ]) {
    it(`breaks a link's very long words inside the Lesson pane at ${viewport.width}x${viewport.height}`, async () => {
      const { page } = await openPage({ locale: 'de-DE', viewport });
      const word = 'Donaudampfschifffahrtsgesellschaftskapitänsmütze'.repeat(8);
      await openLink(page, { ...EXERCISE, title: { de: `Ä${word.slice(0, 150)}` }, task: { de: `Lies das: ${word}` } });
      const widths = await page.locator('[data-linked]').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      // The buttons under the task stay in the pane, beside each other.
      const pane = (await page.locator('[data-linked]').boundingBox())!;
      const start = (await page.getByRole('button', { name: 'Aufgabe starten' }).boundingBox())!;
      expect(start.x + start.width).toBeLessThanOrEqual(pane.x + pane.width);
      await shot(page, `long-words-${viewport.width}`);
    });
  }

  it("starts a new exercise from a lesson's exercise, asking before it replaces a draft", async () => {
    const { page } = await openPage({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    // A draft of the teacher's own first.
    const builder = await openBuilder(page, 'en');
    await builder.locator('[data-field="title-en"]').fill('My own draft');
    await builder.getByRole('button', { name: 'Close the builder' }).click();
    await builder.waitFor({ state: 'detached' });

    await page.locator('#editor-panel-lesson [data-lesson="02-publish-subscribe"]').click();
    const copy = page.getByRole('button', { name: 'Start from exercise 1: The late dashboard' });
    await copy.click();
    // The builder shows the draft and asks.
    const ask = builder.getByRole('alertdialog');
    await expect(ask.textContent()).resolves.toContain('This is your draft. Replace it with “The late dashboard”?');
    await expect(builder.locator('[data-field="title-en"]').inputValue()).resolves.toBe('My own draft');
    await ask.getByRole('button', { name: 'Keep my draft' }).click();
    await expect(ask.count()).resolves.toBe(0);
    await expect(builder.locator('[data-field="title-en"]').inputValue()).resolves.toBe('My own draft');
    await builder.getByRole('button', { name: 'Close the builder' }).click();
    await builder.waitFor({ state: 'detached' });

    await copy.click();
    await builder.getByRole('alertdialog').getByRole('button', { name: 'Replace the draft' }).click();
    await builder.waitFor();
    await expect(builder.locator('[data-field="title-en"]').inputValue()).resolves.toBe('The late dashboard');
    await expect(builder.locator('[data-field="title-de"]').inputValue()).resolves.not.toBe('');
    await expect(builder.locator('[data-field="goal"]').inputValue()).resolves.toMatch(/^expect /);
    await expect(builder.locator('[data-field="solution"]').inputValue()).resolves.not.toBe('');
    await expect(builder.locator('[data-field="cheat-0"]').count()).resolves.toBe(1);
    await builder.getByRole('button', { name: 'Check the exercise' }).click();
    await expect.poll(() => builder.locator('[data-report]').getAttribute('data-report'), { timeout: 30_000 }).toBe('ok');
    await builder.getByRole('button', { name: 'Make the link' }).click();
    await expect(builder.locator('[data-link="student"]').inputValue()).resolves.toMatch(/#x=[A-Za-z0-9_-]+$/);
    await shot(page, 'from-lesson-1440');
  });

  it("asks before the teacher's view's Edit in the builder replaces a different draft", async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    const builder = await openBuilder(page, 'de');
    await builder.locator('[data-field="title-de"]').fill('Mein halbfertiger Entwurf');
    await builder.getByRole('button', { name: 'Aufgabeneditor schließen' }).click();
    await page.goto(`${exerciseUrl(`${inject('baseUrl')}?play=0`, EXERCISE)}&teacher`);
    await page.getByRole('button', { name: 'Im Aufgabeneditor bearbeiten' }).click();
    const ask = builder.getByRole('alertdialog');
    await expect(ask.textContent()).resolves.toContain('Das ist dein Entwurf. Durch „Größe prüfen: Übung für Schülerinnen – äöüß“ ersetzen?');
    await expect(builder.locator('[data-field="title-de"]').inputValue()).resolves.toBe('Mein halbfertiger Entwurf');
    await ask.getByRole('button', { name: 'Entwurf ersetzen' }).click();
    await expect(builder.locator('[data-field="title-de"]').inputValue()).resolves.toBe('Größe prüfen: Übung für Schülerinnen – äöüß');
    await shot(page, 'edit-asks');
    // The same exercise again: nothing to ask.
    await builder.getByRole('button', { name: 'Aufgabeneditor schließen' }).click();
    await page.getByRole('button', { name: 'Im Aufgabeneditor bearbeiten' }).click();
    await builder.locator('[data-field="title-de"]').waitFor();
    await expect(builder.getByRole('alertdialog').count()).resolves.toBe(0);
  });

  it('says "ready" without claiming cheats that were not written', async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    const builder = await openBuilder(page, 'de');
    await builder.locator('[data-field="title-de"]').fill('Ohne Schummelantworten');
    await builder.locator('[data-field="task-de"]').fill('Veröffentliche 21.');
    await builder.locator('[data-field="start"]').fill(START);
    await builder.locator('[data-field="goal"]').fill(GOAL);
    await builder.getByRole('button', { name: 'Aufgabe prüfen' }).click();
    await expect.poll(() => builder.locator('[data-report]').getAttribute('data-report'), { timeout: 30_000 }).toBe('ok');
    const text = (await builder.locator('[data-report]').textContent()) ?? '';
    expect(text).toContain('Bereit zum Teilen');
    expect(text).not.toContain('Schummelantwort');
    expect(text).not.toMatch(/Lösung besteht/);
  });

  it("keeps each row's date and time whole in the class table on a projector (1280x720)", async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    await page.goto(`${exerciseUrl(`${inject('baseUrl')}?play=0`, EXERCISE)}&teacher`);
    await page.locator('[data-teacher-view]').waitFor();
    await page.getByRole('button', { name: 'Beamer' }).click();
    await page.getByLabel('Codes, einer pro Zeile: Name und Code').fill('Ada: 7Q2M4K-9XHD\nJörg Müller-Lüdenscheidt: 7Q2M4K-9XHD');
    await page.getByRole('button', { name: 'Codes prüfen' }).click();
    const cells = page.locator('[data-class-table] [data-when]');
    await expect(cells.count()).resolves.toBe(2);
    for (const cell of await cells.all()) {
      await expect(cell.textContent()).resolves.toMatch(/^\d{2}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
      // Neither the date nor the time is split over two lines.
      const lines = await cell.locator('span').evaluateAll((spans) => spans.map((s) => s.getClientRects().length));
      expect(lines).toEqual([1, 1]);
    }
    await page.locator('[data-class-table]').scrollIntoViewIfNeeded();
    await shot(page, 'class-table-projector');
  });

  it('a learner who reloads mid-way gets the exercise bar back with their text, and continues without losing it', async () => {
    const { page } = await openPage({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    await openLink(page, EXERCISE);
    await page.locator('[data-linked]').getByRole('button', { name: 'Aufgabe starten' }).click();
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('at 1s sensor publish -t halle/temp -m 21 # meineZeile');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mqttlab.scenario') ?? ''), { timeout: 5000 }).toContain('# meineZeile');

    await page.reload();
    const panel = page.locator('[data-linked]');
    await panel.locator('[data-resume]').getByText('Du hast diese Aufgabe begonnen: Dein Szenario ist im Editor gespeichert.').waitFor();
    await shot(page, 'resume-1440');
    // The lessons' checker has loaded (a Check before that does nothing: see the report).
    await page.getByRole('heading', { name: 'Lektionen', exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Im Editor weitermachen' }).click();
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
    // Monaco lays out and draws its lines after it reports ready: wait for the drawn text.
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), { timeout: 10_000 }).toContain('meineZeile');
    const bar = page.locator('[data-exercise-bar]');
    await bar.getByRole('button', { name: 'Prüfen', exact: true }).click();
    await bar.getByText('✓').first().waitFor();
    await expect(page.evaluate(() => localStorage.getItem('mqttlab.scenario') ?? '')).resolves.toContain('# meineZeile');
  });

  it("shows the teacher which code comes from the exercise's own solution (Show solution, then Check)", async () => {
    const { page } = await openPage({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    await openLink(page, EXERCISE);
    await page.getByRole('heading', { name: 'Lektionen', exact: true }).waitFor(); // the checker has loaded
    const card = page.locator('[data-linked] [data-exercise]');
    await card.getByRole('button', { name: 'Tipp 1 von 1' }).click();
    await card.getByRole('button', { name: 'Lösung zeigen' }).click();
    await card.getByRole('button', { name: 'Ja, Lösung zeigen' }).click();
    const bar = page.locator('[data-exercise-bar]');
    await bar.getByRole('button', { name: 'Prüfen', exact: true }).click();
    await bar.getByText('✓').first().waitFor();
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    const proof = page.locator('[data-linked] [data-proof]');
    await proof.getByLabel('Dein Name oder deine Initialen').fill('Cem');
    await proof.getByRole('button', { name: 'Meinen Code anzeigen' }).click();
    const code = (await proof.locator('[data-code]').textContent()) ?? '';

    await page.goto(`${exerciseUrl(`${inject('baseUrl')}?play=0`, EXERCISE)}&teacher`);
    await page.getByLabel('Codes, einer pro Zeile: Name und Code').fill(`Cem: ${code}`);
    await page.getByRole('button', { name: 'Codes prüfen' }).click();
    const row = page.locator('[data-class-table] [data-row="Cem"]');
    await expect(row.textContent()).resolves.toContain('gültig');
    await expect(row.locator('[data-shown-solution]').textContent()).resolves.toBe('die unveränderte Musterlösung („Lösung zeigen“)');
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'shown-solution');
  });

  it('keeps what the teacher typed into the builder just before a reload', async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    const builder = await openBuilder(page, 'de');
    await builder.locator('[data-field="title-de"]').fill('Gerade eben getippt: Übung');
    await page.reload();
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    await page.locator('[data-open-builder]').click();
    await expect(builder.locator('[data-field="title-de"]').inputValue()).resolves.toBe('Gerade eben getippt: Übung');
  });
});
