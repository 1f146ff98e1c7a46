/**
 * The scenario editor in real Chromium: Monaco loads lazily, markers follow typing, a quick fix
 * removes one, completion inserts a verb, Ctrl+Enter runs, the goals turn green when stepping to
 * the end, the text survives a reload, share links open (and damaged ones are refused with a
 * message while the app keeps working). Screenshots go to test-results/editor-*.png.
 */
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();

const file = browserPerFile({ reusePages: true });

const editorPanel = (page: Page) => page.getByRole('region', { name: 'Editor', exact: true });
const goals = (page: Page) => page.getByRole('region', { name: 'Goals', exact: true });

/** Open the app paused (`?play=0`) and wait for Monaco and the first run. */
async function openApp(suffix = '?play=0', options: BrowserContextOptions = {}): Promise<Page> {
  const opened = file.opened ?? (await file.openPage(options));
  const page = opened.page;
  await page.goto(`${inject('baseUrl')}${suffix}`);
  await waitForEditor(page);
  return page;
}

async function waitForEditor(page: Page): Promise<void> {
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  await page.locator('.checklist li').first().waitFor();
}

/** The editor's text as the learner sees it (every line is rendered: the scenarios are short). */
async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const saved = localStorage.getItem('mqttlab.scenario');
    return saved ? (JSON.parse(saved) as { text: string }).text : '';
  });
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 5 });
}

/** Press the step key (on the page) until `done` holds; bounded. */
async function stepUntil(page: Page, done: () => Promise<boolean>, maxSteps = 400): Promise<number> {
  for (let i = 0; i < maxSteps; i++) {
    if (await done()) return i;
    await page.locator('main').focus();
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`condition not reached in ${maxSteps} steps`);
}

describe('scenario editor in Chromium', () => {
  it('shows a marker while typing, fixes it with a quick fix, completes a verb, runs with Ctrl+Enter and turns the goals green', async () => {
    const page = await openApp();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-start-1280x720.png') });
    await expect(goals(page).getByText('0 of 3 met').isVisible()).resolves.toBe(true);

    // A typo: a marker appears (and the toolbar counts it).
    await typeAtEnd(page, '\nexpect dashboard never-receives plant/s17/secret\nsensor publish -t plant/s17/x -m hi --qso 1');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await expect(editorPanel(page).getByText('1 error').isVisible()).resolves.toBe(true);
    await page.locator('.monaco-editor .squiggly-error').first().hover({ force: true });
    await page.locator('.monaco-hover').getByText('Unknown option `--qso`. Did you mean `--qos`?').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-marker-1280x720.png') });

    // Quick fix: Ctrl+. on the word, the fix is the preferred action.
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget').getByText('Use --qos');
    await fix.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-quickfix-1280x720.png') });
    await fix.click();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
    await expect(editorPanel(page).getByText('No problems').isVisible()).resolves.toBe(true);

    // Completion: after a client name the commands are offered.
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\ndashboard unsu', { delay: 5 });
    const suggestion = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'unsubscribe' }).first();
    await suggestion.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-completion-1280x720.png') });
    await page.keyboard.press('Enter');
    await page.keyboard.type(' -t plant/+/status', { delay: 5 });
    await page.keyboard.press('Escape');
    await expect.poll(() => editorText(page), { timeout: 5000 }).toContain('\ndashboard unsubscribe -t plant/+/status');
    await expect.poll(() => editorText(page)).toContain('--qos 1');

    // Space and arrows belong to the editor while it has the focus (no transport step).
    const clock = page.getByRole('timer');
    const before = await clock.textContent();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await expect(clock.textContent()).resolves.toBe(before);

    // Ctrl+Enter runs: now four goals, then step to the end and watch them pass.
    await page.keyboard.press('Control+Enter');
    await goals(page).getByText('0 of 4 met').waitFor();
    await stepUntil(page, async () => (await goals(page).locator('[data-status="pass"]').count()) === 4);
    await expect(goals(page).getByText('4 of 4 met').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-goals-met-1280x720.png') });

    // Evidence selects its trace entry in the inspector.
    await goals(page).getByRole('button', { name: /^at \d/ }).first().click();
    await expect(goals(page).locator('.evidence button[aria-pressed="true"]').count()).resolves.toBe(1);

    // Reload: the text is intact, cursor included.
    const text = await editorText(page);
    await page.reload();
    await waitForEditor(page);
    await expect(editorText(page)).resolves.toBe(text);
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), { timeout: 10_000 }).toContain('unsubscribe');
  });

  it('shows the Tab hint under the text while typing, never over the last line', async () => {
    const page = await openApp();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# one\n# two\n# three\n# the last line typed', { delay: 5 });
    const hint = page.locator('.tab-hint');
    await hint.getByText('Tab: next control · Ctrl+M: Tab indents').waitFor();
    const last = page.locator('.monaco-editor .view-line', { hasText: 'the last line typed' });
    await last.waitFor();
    const lineBox = (await last.boundingBox())!;
    const hintBox = (await hint.boundingBox())!;
    expect(lineBox.y + lineBox.height, 'the line ends above the hint').toBeLessThanOrEqual(hintBox.y + 0.5);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-tab-hint.png') });
    // The editor keeps its size when it gets or loses the focus (the hint's room is kept).
    const host = page.locator('.monaco-host');
    const focused = (await host.boundingBox())!.height;
    await page.locator('.transport input[type="range"]').focus();
    expect(await hint.isVisible()).toBe(false);
    expect((await host.boundingBox())!.height).toBe(focused);
  });

  it('blocks a run with errors and says where the first one is, keeping the text', async () => {
    const page = await openApp();
    await typeAtEnd(page, '\nat 30s sensr publish -t a/b -m x');
    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    const alert = editorPanel(page).getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/Not run: 1 error in the text\. First, at line 19:8: Client `sensr` is not declared\. Did you mean `sensor`\?/);
    await expect.poll(() => editorText(page)).toContain('sensr publish');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-run-blocked-1280x720.png') });
  });

  it('shares the scenario as a link and opens it in a fresh browser', async () => {
    const page = await openApp();
    await typeAtEnd(page, '\n# shared with the class: Grüße 🚀');
    await page.getByRole('button', { name: 'Share link', exact: true }).click();
    const link = await editorPanel(page).getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
    await expect.poll(() => editorText(page)).toContain('Grüße 🚀');
    const shared = await editorText(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-share-1280x720.png') });
    await file.opened!.page.context().close();
    const errors = file.opened!.errors;
    expect(errors).toEqual([]);

    // A new visitor: fresh storage.
    const opened = await file.openPage();
    const visitor = opened.page;
    await visitor.goto(link.replace(/^[^#]*/, `${inject('baseUrl')}?play=0`));
    await waitForEditor(visitor);
    await editorPanel(visitor).getByText('Opened the scenario from the link').waitFor();
    await expect.poll(() => editorText(visitor)).toBe(shared);
    await expect(visitor.evaluate(() => location.hash)).resolves.toBe('');
    await expect(goals(visitor).getByText('0 of 3 met').isVisible()).resolves.toBe(true);
  });

  it('refuses a damaged or hostile link with a message, and the app keeps working', async () => {
    for (const hash of ['#s=<img src=x onerror=alert(1)>', '#s=javascript:alert(1)', '#s=AAAAAAAAAAAAAAAAAA', '#s=' + 'Q'.repeat(200_001)]) {
      const page = await openApp(`?play=0${hash}`);
      const alert = editorPanel(page).getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain('This share link cannot be opened');
      await expect(page.evaluate(() => location.hash)).resolves.toBe('');
      await expect(goals(page).getByText('0 of 3 met').isVisible()).resolves.toBe(true);
    }
    const page = file.opened!.page;
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-bad-link-1280x720.png') });
    // Still usable: stepping and running work.
    await page.locator('main').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('timer').textContent()).resolves.not.toBe('');
    await page.getByRole('button', { name: /Re-run/ }).click();
    await expect(page.evaluate(() => (window as unknown as { __alerted?: boolean }).__alerted)).resolves.toBeUndefined();
  });

  it('opens an example from the gallery, with Undo back to the previous text', async () => {
    const page = await openApp();
    await typeAtEnd(page, '\n# my unsaved idea');
    await expect.poll(() => editorText(page)).toContain('# my unsaved idea');
    const before = await editorText(page);
    await page.getByRole('button', { name: /^Examples/ }).click();
    const item = page.getByRole('menuitem', { name: /QoS 2 with a lost PUBREC/ });
    await item.waitFor();
    // The raw-bytes edge cases come after the scenarios, under their own heading.
    const raw = page.getByRole('group', { name: 'Unusual and malformed packets, sent as raw bytes' });
    await expect(raw.getByRole('menuitem', { name: /Will QoS 3/ }).count()).resolves.toBe(1);
    await expect(raw.getByRole('menuitem', { name: /QoS 2 with a lost PUBREC/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-gallery-1280x720.png') });
    await item.click();
    await editorPanel(page).getByText('Opened the example').waitFor();
    await expect.poll(() => editorText(page)).toContain('drop next PUBREC to meter');
    await expect(goals(page).getByText('0 of 3 met').isVisible()).resolves.toBe(true);
    await editorPanel(page).getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => editorText(page)).toBe(before);
  });

  it('writes a cable cut done on the stage into the scenario text, marked as added by hand', async () => {
    const page = await openApp();
    await stepUntil(page, async () => (await page.locator('[data-node="dashboard"][data-state="connected"]').count()) > 0);
    await page.locator('[data-node="dashboard"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Cut the cable' }).click();
    await page.locator('[data-cut="dashboard"]').waitFor();
    await expect.poll(() => editorText(page), { timeout: 5000 }).toMatch(/dashboard cable-cut\s+# added by hand/);
  });

  it('opens a gallery example with German comments in the German UI', async () => {
    const page = await openApp('?play=0', { locale: 'de-DE' });
    await page.getByRole('button', { name: /^Beispiele/ }).click();
    await page.getByRole('menuitem', { name: /QoS 2 mit verlorenem PUBREC/ }).click();
    await editorPanel(page).getByText('Beispiel', { exact: false }).first().waitFor();
    await expect.poll(() => editorText(page)).toContain('drop next PUBREC to meter');
    const text = await editorText(page);
    expect(text).toContain('# QoS 2 mit verlorenem PUBREC: Der Zähler weiß nicht, ob der Broker die Nachricht hat.');
    expect(text).toContain('# die Sitzung ist noch da');
    expect(text).not.toMatch(/# (en|de):|the meter does not know|the session is still there/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-gallery-de-1280x720.png') });
  });

  it('follows the dark theme and German', async () => {
    const page = await openApp('?play=0', { colorScheme: 'dark', locale: 'de-DE' });
    await typeAtEnd(page, '\nat 30s sensor publish -t a/b -m x --qso 1');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await expect(page.getByRole('region', { name: 'Ziele', exact: true }).isVisible()).resolves.toBe(true);
    const background = await page.locator('.monaco-editor-background').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(23, 27, 34)');
    await page.locator('.monaco-editor .squiggly-error').first().hover({ force: true });
    await page.locator('.monaco-hover').getByText('Unbekannte Option').first().waitFor();
    // Monaco's own words in the hover are German too (its German table), not "View Problem".
    await page.locator('.monaco-hover').getByText('Problem anzeigen').first().waitFor();
    expect(await page.locator('.monaco-hover').first().textContent()).not.toMatch(/View Problem|Quick Fix/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-dark-de-1280x720.png') });
  });

  // A hover (after Monaco's hover delay) per poll, several per language: slow on a loaded machine (over 60 s at
  // load 27), so a test timeout of its own; every wait in it is a polled condition, none a sleep.
  it('puts Monaco\'s own hover words in the UI language after a switch, both ways', { timeout: 150_000 }, async () => {
    const page = await openApp();
    await typeAtEnd(page, '\nat 30s sensor publish -t a/b -m x --qso 1');
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor();
    /** The hover over the problem, opened afresh (closed, the mouse moved off into the text, back). */
    const hoverText = async (): Promise<string> => {
      await page.keyboard.press('Escape');
      const text = (await page.locator('.monaco-editor .view-lines').boundingBox())!;
      await page.mouse.move(text.x + 4, text.y + 4);
      await page.locator('.monaco-hover:visible', { hasText: 'mqtts' }).waitFor({ state: 'hidden' });
      await squiggle.hover({ force: true });
      const hover = page.locator('.monaco-hover:visible', { hasText: 'mqtts' }).first();
      await hover.waitFor();
      return (await hover.textContent()) ?? '';
    };
    // A switch loads the other language's table first: hover again until it has arrived.
    const hoverOnProblem = (words: string) => expect.poll(hoverText, { timeout: 40_000 }).toContain(words);
    await hoverOnProblem('View Problem');
    await page.getByLabel('Language').selectOption('de');
    await page.getByLabel('Sprache').waitFor();
    await hoverOnProblem('Problem anzeigen');
    expect(await hoverText()).toContain('Unbekannte Option'); // our marker's text too
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByLabel('Language').waitFor();
    await hoverOnProblem('View Problem');
  });
});
