/**
 * Lazily loaded chunks that fail to arrive, in real Chromium on the built app (page.route aborts
 * the chunk's request). Once: the retry (src/ui/chunks/load-chunk.ts) fetches it again and the
 * app works as if nothing happened. Always: the app says what does not work and what still does,
 * with a Reload button, and nothing the learner wrote is lost. The UI language's own chunk gets a
 * message in English and German side by side (it cannot know which one to speak); the kernel,
 * the editor and the lessons get one in the UI language. A chunk's stylesheet that fails is loaded
 * again too (once: styled; always: the same message as for its code). English and German browsers.
 * Screenshots go to test-results/chunk-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir, typeAtScenarioEnd, type OpenedPage } from './browser.ts';

const file = browserPerFile();

/** A built chunk's URL: `name` then Vite's 8-character hash (so `monaco-` does not match `monaco-nls-de-`), any query. */
const chunk = (name: string) => new RegExp(`/assets/${name}-[\\w-]{8}\\.js(\\?.*)?$`);

/** A built chunk's stylesheet (Vite loads it before the chunk, as a `<link rel="stylesheet">`). */
const stylesheet = (name: string) => new RegExp(`/assets/${name}-[\\w-]{8}\\.css(\\?.*)?$`);

/**
 * Abort the requests for `pattern`: the first `times` ones, or every one. Returns the number of
 * requests seen so far (aborted or not).
 */
async function failChunk(page: Page, pattern: RegExp, times: number | 'always'): Promise<() => number> {
  let seen = 0;
  await page.route(pattern, async (route) => {
    seen++;
    if (times === 'always' || seen <= times) await route.abort('failed');
    else await route.continue();
  });
  return () => seen;
}

/** The aborted requests are this test's doing: drop them from the page's error list (nothing else may be there). */
function expectOnlyAborted(opened: OpenedPage, pattern: RegExp): void {
  // "request failed: URL reason" (playwright) and "console: Failed to load resource: net::ERR_FAILED (URL)" (Chromium).
  const url = (e: string) => /^request failed: (\S+)/.exec(e)?.[1] ?? /^console: Failed to load resource: net::ERR_FAILED \((\S+)\)$/.exec(e)?.[1];
  const others = opened.errors.filter((e) => !pattern.test(url(e) ?? ''));
  opened.errors.splice(0, opened.errors.length, ...others);
}

const savedText = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('mqttlab.scenario') ?? '{}') as { text?: string }).text ?? '');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotsDir(), `chunk-${name}.png`) });
const MY_SCENARIO = '# my own scenario\nclient a\nat 0s a connect\n';

describe('a chunk that fails to load', () => {
  for (const [locale, code] of [
    ['en-US', 'en'],
    ['de-DE', 'de'],
  ] as const) {
    it(`${code}: the UI language's chunk fails once: the retry loads it and the app starts in ${code}`, async () => {
      const opened = await file.openPage({ locale });
      const requests = await failChunk(opened.page, chunk(code), 1);
      await opened.page.goto(`${inject('baseUrl')}?play=0`);
      await readyAtStart(opened.page);
      expect(requests()).toBe(2);
      await opened.page.getByRole('button', { name: code === 'de' ? 'Abspielen' : 'Play', exact: true }).waitFor();
      expectOnlyAborted(opened, chunk(code));
    });

    it(`${code}: the UI language's chunk never arrives: a message in English and German, and Reload brings the app back with the learner's text`, async () => {
      const opened = await file.openPage({ locale });
      const { page } = opened;
      await failChunk(page, chunk(code), 'always');
      // A text that came with a link: it must survive the failed start and the reload.
      await page.goto(`${inject('baseUrl')}?play=0&scenario=${encodeURIComponent(MY_SCENARIO)}`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 15_000 });
      await expect(alert.locator('section[lang="en"] h1').textContent()).resolves.toBe('MQTT Lab could not start');
      await expect(alert.locator('section[lang="de"] h1').textContent()).resolves.toBe('MQTT Lab konnte nicht starten');
      await expect(alert.locator('section[lang="en"] p').textContent()).resolves.toContain('Nothing you wrote is lost');
      await expect(alert.locator('section[lang="de"] p').textContent()).resolves.toContain('Nichts, was du geschrieben hast, geht verloren');
      const reload = page.getByRole('button', { name: 'Reload / Neu laden' });
      expect(await reload.evaluate((button) => button === document.activeElement)).toBe(true);
      await expect(page.locator('.transport').count()).resolves.toBe(0); // no half-built shell
      await shot(page, `language-failed-${code}`);

      await page.unroute(chunk(code));
      await reload.click();
      await readyAtStart(page);
      await page.getByRole('button', { name: code === 'de' ? 'Abspielen' : 'Play', exact: true }).waitFor();
      expect(await savedText(page)).toContain('# my own scenario');
      await page.locator('.scenario-editor[data-ready="true"] .view-lines').getByText('# my own scenario').waitFor();
      expectOnlyAborted(opened, chunk(code));
    });
  }

  it("en: a switch to German whose messages never arrive keeps the English UI and says so; choosing it again later works", async () => {
    const opened = await file.openPage();
    const { page } = opened;
    await page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(page);
    await failChunk(page, chunk('de'), 'always');
    await page.getByLabel('Language').selectOption('de');
    const alert = page.locator('header').getByRole('alert');
    await alert.getByText('Deutsch could not be loaded, so the app stays as it is.').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('mqttlab.locale'))).toBeNull(); // a reload does not start in the failed language
    await shot(page, 'language-switch-failed-en');

    await page.unroute(chunk('de'));
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Abspielen', exact: true }).waitFor();
    await expect(page.locator('header').getByRole('alert').count()).resolves.toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('mqttlab.locale'))).toBe('de');
    expectOnlyAborted(opened, chunk('de'));
  });

  it('de: the simulation kernel fails once: the retry loads it and the scenario plays', async () => {
    const opened = await file.openPage({ locale: 'de-DE' });
    const requests = await failChunk(opened.page, chunk('default-scenario'), 1);
    await opened.page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(opened.page);
    expect(requests()).toBe(2);
    await expect(opened.page.locator('[data-notice]').count()).resolves.toBe(0);
    expectOnlyAborted(opened, chunk('default-scenario'));
  });

  for (const [locale, code, message, reload] of [
    ['en-US', 'en', 'The simulation could not be loaded', 'Reload'],
    ['de-DE', 'de', 'Die Simulation ließ sich nicht laden', 'Neu laden'],
  ] as const) {
    it(`${code}: the simulation kernel never arrives: the editor says so in ${code}, the text stays editable and saved`, async () => {
      const opened = await file.openPage({ locale });
      const { page } = opened;
      await failChunk(page, chunk('default-scenario'), 'always');
      await page.goto(`${inject('baseUrl')}?play=0`);
      const notice = page.locator('[data-notice="kernelFailed"]');
      await notice.waitFor({ timeout: 15_000 });
      await expect(notice.textContent()).resolves.toContain(message);
      await expect(notice.getAttribute('role')).resolves.toBe('alert');
      await notice.getByRole('button', { name: reload, exact: true }).waitFor();
      // Nothing plays: the transport stays disabled.
      await expect(page.locator('.transport button[aria-keyshortcuts="Home"]').isDisabled()).resolves.toBe(true);
      // The editor still works, and what is typed is saved.
      await page.locator('.scenario-editor[data-ready="true"] .monaco-editor').waitFor();
      await typeAtScenarioEnd(page, '\n# still here', '# still here');
      await shot(page, `kernel-failed-${code}`);
      // Dismissed, then Run: the message comes back instead of nothing happening.
      await notice.getByRole('button', { name: code === 'de' ? 'Schließen' : 'Dismiss' }).click();
      await expect(notice.count()).resolves.toBe(0);
      await page.locator('.monaco-editor .view-lines').click();
      await page.keyboard.press('Control+Enter');
      await notice.waitFor();
      expectOnlyAborted(opened, chunk('default-scenario'));
    });
  }

  it('en: the editor chunk fails once: the retry loads Monaco', async () => {
    const opened = await file.openPage();
    const requests = await failChunk(opened.page, chunk('monaco'), 1);
    await opened.page.goto(`${inject('baseUrl')}?play=0`);
    await opened.page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
    expect(requests()).toBe(2);
    expectOnlyAborted(opened, chunk('monaco'));
  });

  for (const [locale, code, message, reload] of [
    ['en-US', 'en', 'The code editor could not be loaded', 'Reload'],
    ['de-DE', 'de', 'Der Code-Editor ließ sich nicht laden', 'Neu laden'],
  ] as const) {
    it(`${code}: the editor chunk never arrives: a plain text area, a message in ${code}, and the text still runs and is saved`, async () => {
      const opened = await file.openPage({ locale });
      const { page } = opened;
      await failChunk(page, chunk('monaco'), 'always');
      await page.goto(`${inject('baseUrl')}?play=0`);
      await readyAtStart(page);
      const editor = page.locator('.scenario-editor');
      await editor.getByText(message).waitFor({ timeout: 15_000 });
      await editor.getByRole('button', { name: reload, exact: true }).waitFor();
      const area = editor.locator('textarea');
      await area.press('Control+End');
      await area.pressSequentially('\n# typed without Monaco', { delay: 5 });
      await expect.poll(() => savedText(page), { timeout: 5000 }).toContain('# typed without Monaco');
      const stale = page.locator('.toolbar').getByText(code === 'de' ? 'seit dem letzten Lauf geändert' : 'edited since the last run');
      await stale.waitFor();
      await shot(page, `editor-failed-${code}`);
      // Ctrl+Enter in the text area runs the text: it is no longer "edited since the last run".
      await area.press('Control+Enter');
      await stale.waitFor({ state: 'detached' });
      expectOnlyAborted(opened, chunk('monaco'));
    });
  }

  for (const [locale, code, tab, message, reload] of [
    ['en-US', 'en', 'Lesson', 'The lessons could not be loaded', 'Reload'],
    ['de-DE', 'de', 'Lektion', 'Die Lektionen ließen sich nicht laden', 'Neu laden'],
  ] as const) {
    it(`${code}: the lessons chunk never arrives: the Lesson tab says so in ${code} while the sandbox plays on`, async () => {
      const opened = await file.openPage({ locale });
      const { page } = opened;
      await failChunk(page, chunk('LessonTab'), 'always');
      await page.goto(`${inject('baseUrl')}?play=0`);
      await readyAtStart(page);
      await page.getByRole('tab', { name: tab, exact: true }).click();
      const panel = page.locator('#editor-panel-lesson');
      await panel.getByRole('alert').getByText(message).waitFor({ timeout: 15_000 });
      await panel.getByRole('button', { name: reload, exact: true }).waitFor();
      await shot(page, `lessons-failed-${code}`);
      // The sandbox still steps.
      await page.locator('main').focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('.transport button[aria-keyshortcuts="Home"]').isDisabled()).resolves.toBe(false);
      expectOnlyAborted(opened, chunk('LessonTab'));
    });
  }

  /** The Lesson tab opened (English) while LessonTab's stylesheet fails `times` times. */
  async function lessonTabWithoutStylesheet(times: number | 'always') {
    const opened = await file.openPage();
    const requests = await failChunk(opened.page, stylesheet('LessonTab'), times);
    await opened.page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(opened.page);
    await opened.page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    return { opened, requests, panel: opened.page.locator('#editor-panel-lesson') };
  }

  it("en: the lessons chunk's stylesheet fails once: the retry loads it and the lesson list is styled", async () => {
    const { opened, requests, panel } = await lessonTabWithoutStylesheet(1);
    const list = panel.locator('section.chapter ul').first();
    await list.waitFor();
    // LessonTab's own stylesheet: the list has no bullets (without it, the browser's bullets show).
    await expect.poll(() => list.evaluate((ul) => getComputedStyle(ul).listStyleType), { timeout: 10_000 }).toBe('none');
    expect(requests()).toBe(2);
    expectOnlyAborted(opened, stylesheet('LessonTab'));
  });

  it("en: the lessons chunk's stylesheet never arrives: the Lesson tab says so, as when its code never arrives", async () => {
    const { opened, requests, panel } = await lessonTabWithoutStylesheet('always');
    await panel.getByRole('alert').getByText('The lessons could not be loaded').waitFor({ timeout: 15_000 });
    await panel.getByRole('button', { name: 'Reload', exact: true }).waitFor();
    await expect(panel.locator('[data-lesson]').count()).resolves.toBe(0); // never an unstyled list
    expect(requests()).toBe(3);
    await shot(opened.page, 'lessons-css-failed-en');
    expectOnlyAborted(opened, stylesheet('LessonTab'));
  });

  it('en: the lessons chunk fails once: the retry loads the lesson list', async () => {
    const opened = await file.openPage();
    const requests = await failChunk(opened.page, chunk('LessonTab'), 1);
    await opened.page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(opened.page);
    await opened.page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await opened.page.locator('#editor-panel-lesson [data-lesson="01-why-mqtt"]').first().waitFor();
    expect(requests()).toBe(2);
    expectOnlyAborted(opened, chunk('LessonTab'));
  });
  it('the packet view fails once: the retry shows it; always: the inspector says so (with Reload)', async () => {
    for (const times of [1, 'always'] as const) {
      const opened = await file.openPage({ locale: 'en-US' });
      const { page } = opened;
      await failChunk(page, chunk('PacketInspector'), times);
      await page.goto(inject('baseUrl'));
      await page.locator('.row button').nth(1).click(); // the run plays: its packets' rows come
      const failed = page.locator('[data-part-failed="packetView"]');
      if (times === 1) {
        await page.locator('section.fields').first().waitFor({ timeout: 10_000 });
        await expect(failed.count()).resolves.toBe(0);
      } else {
        await expect.poll(() => failed.textContent(), { timeout: 10_000 }).toContain('The packet view could not be loaded. Reload to try again.');
        await expect(failed.getByRole('button', { name: 'Reload' }).count()).resolves.toBe(1);
      }
      expectOnlyAborted(opened, chunk('PacketInspector'));
    }
  });
});
