/**
 * What a learner walking through the app met first (the learner's walk, Dec 2026), in real
 * Chromium: a first visit's "Start here" on the Lesson tab; the keyboard shortcuts help (`?` or the header's button), with German key names on
 * German screens; on touch screens the sequence diagram's rows stay one row tall (44 px buttons
 * spilled over the next rows), a predict question's radio sits beside its answer's text and a
 * glossary word is as tall as its line; the inspector's bit table shows RETAIN whole; a
 * lesson shows one "Exercises" heading and steps back as well as forward.
 * Screenshots go to test-results/walk-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `walk-${name}.png`) });

async function open(options: Parameters<typeof browser.openPage>[0] = {}, query = '?play=0'): Promise<Page> {
  const { page } = await browser.openPage(options);
  await page.goto(`${inject('baseUrl')}${query}`);
  await readyAtStart(page);
  return page;
}

describe('the keyboard shortcuts help', () => {
  it('opens with ?, lists the transport keys with German names, holds the transport while open, and closes with Esc', async () => {
    const page = await open({ locale: 'de-DE' });
    const dialog = page.locator('dialog[data-shortcuts]');
    await page.locator('body').press('?');
    await dialog.waitFor();
    await expect(dialog.getByRole('heading', { name: 'Tastenkürzel' }).isVisible()).resolves.toBe(true);
    const keys = await dialog.locator('kbd').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['Leertaste', 'Pos1', 'Strg', 'Umschalt', 'Bild ↑', 'Enter', 'Alt', 'M', '0']));
    expect(keys).not.toContain('Home');
    await shot(page, 'shortcuts-de');
    // The sandbox behind the dialog does not step (at the start, Step back is disabled until a step).
    const stepBack = page.locator('.transport button[aria-keyshortcuts="ArrowLeft"]');
    await page.keyboard.press('ArrowRight');
    await expect(stepBack.isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stepBack.isDisabled()).toBe(false);
    // The transport buttons' tooltips name the keys as a German keyboard does.
    await expect(page.locator('.transport button[aria-keyshortcuts="Home"]').getAttribute('title')).resolves.toBe('Zurücksetzen (Pos1)');
    await expect(page.locator('.transport button[aria-keyshortcuts="Space"]').getAttribute('title')).resolves.toMatch(/\(Leertaste\)$/);
    await expect(page.locator('button.run').getAttribute('title')).resolves.toMatch(/\(Strg\+Enter\)$/);
  });

  it("opens from the header's button, and ? typed in the editor stays text", async () => {
    const page = await open({ locale: 'en-US' });
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const dialog = page.locator('dialog[data-shortcuts]');
    await dialog.waitFor();
    await expect(dialog.locator('kbd', { hasText: /^Home$/ }).count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# why?');
    await expect.poll(async () => (await page.locator('.monaco-editor .view-lines').textContent())?.replaceAll('\u00a0', ' ')).toContain('# why?');
    await expect(dialog.count()).resolves.toBe(0);
  });
});

describe('a first visit', () => {
  it('marks the Lesson tab "Start here" until it is opened once (the tab keeps its name)', async () => {
    const page = await open({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const tab = page.getByRole('tab', { name: 'Lesson', exact: true });
    await expect(tab.locator('.start-here').textContent()).resolves.toBe('Start here');
    await tab.click();
    await expect(tab.locator('.start-here').count()).resolves.toBe(0);
    await page.reload();
    await readyAtStart(page);
    await expect(page.getByRole('tab', { name: 'Lesson', exact: true }).locator('.start-here').count()).resolves.toBe(0);
  });

  it('marks the Lesson view with a dot on a phone, in German, until it is opened', async () => {
    const page = await open({ locale: 'de-DE', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const lesson = page.locator('nav.views button', { hasText: 'Lektion' });
    await expect(lesson.locator('.start-here').getAttribute('title')).resolves.toBe('Neu bei MQTT? Die Lektionen führen dich Schritt für Schritt.');
    await lesson.click();
    await expect(lesson.locator('.start-here').count()).resolves.toBe(0);
  });
});

describe('the inspector', () => {
  it.each([
    ['en-US', 1440, 900],
    ['de-DE', 390, 844],
  ])("spells out a PUBLISH's first byte with every field name whole (%s, %i px)", async (locale, width, height) => {
    const page = await open({ locale, viewport: { width, height } });
    for (let i = 0; i < 22; i++) await page.locator('body').press('ArrowRight');
    const narrow = width < 1000;
    if (narrow) await page.locator('nav.views button').nth(1).click();
    await page.locator('[data-area="sequence"] .row', { hasText: /PUBLISH q1 retain/ }).first().click();
    if (narrow) await page.locator('nav.views button').nth(2).click();
    const names = page.locator('[data-area="inspector"] figure.bits .group-name');
    await names.first().waitFor();
    const cut = await names.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 0.5).map((el) => el.textContent));
    expect(await names.allTextContents()).toContain('RETAIN');
    await shot(page, `bits-${width}`);
    expect(cut).toEqual([]);
  });
});

describe('a lesson', () => {
  it('has one "Aufgaben" heading above its exercise cards, and steps to the previous and the next lesson', async () => {
    const page = await open({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    await page.locator('#editor-tab-lesson').click();
    const panel = page.locator('#editor-panel-lesson');
    await panel.locator('button[data-lesson="14-retained-messages"]').click();
    const article = panel.locator('article[data-lesson="14-retained-messages"]');
    await article.waitFor();
    await expect(article.getByRole('heading', { name: 'Aufgaben', exact: true }).count()).resolves.toBe(1);
    await panel.getByRole('button', { name: /^← Zurück: Sitzungen/ }).click();
    await panel.locator('article[data-lesson="13-sessions"]').waitFor();
    await panel.getByRole('button', { name: /^Weiter: .*→$/ }).click();
    await article.waitFor();
    await expect(panel.locator('nav.pager button').count()).resolves.toBe(2);
  });
});

describe('touch screens', () => {
  it('768x1024: the sequence diagram keeps each row button inside its row', async () => {
    const page = await open({ locale: 'de-DE', viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
    for (let i = 0; i < 8; i++) await page.locator('.transport button[aria-keyshortcuts="ArrowRight"]').click();
    await page.locator('nav.views button', { hasText: 'Diagramm' }).click();
    const rows = page.locator('[data-area="sequence"] .row');
    await rows.nth(4).waitFor();
    const spills = await rows.evaluateAll((items) =>
      items.flatMap((row) => {
        const r = row.getBoundingClientRect();
        const b = row.querySelector('button')!.getBoundingClientRect();
        return b.top < r.top - 0.5 || b.bottom > r.bottom + 0.5 ? [`${row.textContent?.trim()}: row ${Math.round(r.height)} px, button ${Math.round(b.height)} px`] : [];
      }),
    );
    await shot(page, 'sequence-768x1024-touch');
    expect(spills).toEqual([]);
  });

  it("390x844: a predict question's radio sits beside the first line of its answer", async () => {
    const page = await open({ locale: 'en-US', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await page.locator('nav.views button', { hasText: 'Lesson' }).click();
    await page.locator('#editor-panel-lesson button[data-lesson="11-keep-alive"]').click();
    const label = page.locator('fieldset.predict label').first();
    await label.scrollIntoViewIfNeeded();
    const place = await label.evaluate((el) => {
      const radio = el.querySelector('input')!.getBoundingClientRect();
      const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
      const range = document.createRange();
      range.selectNodeContents(text);
      const first = range.getClientRects()[0]!;
      return { radioMiddle: (radio.top + radio.bottom) / 2, lineTop: first.top, lineBottom: first.bottom, radioRight: radio.right, textLeft: first.left };
    });
    await shot(page, 'predict-390x844-touch');
    // A glossary word in the text is as tall as its line (a 44 px button spread the lines apart).
    const term = page.locator('#editor-panel-lesson article button.term').first();
    const [termHeight, lineHeight] = await term.evaluate((el) => [el.getBoundingClientRect().height, parseFloat(getComputedStyle(el.parentElement!).lineHeight)]);
    expect(termHeight).toBeLessThanOrEqual(lineHeight + 1);
    expect(place.radioMiddle).toBeGreaterThanOrEqual(place.lineTop);
    expect(place.radioMiddle).toBeLessThanOrEqual(place.lineBottom);
    expect(place.textLeft).toBeGreaterThanOrEqual(place.radioRight);
  });
});
