/**
 * The broker's note about a malformed packet in real Chromium: a scenario sends a PUBLISH with
 * Topic Alias 0 (`send-hex`); the sequence diagram's note row and, selected, the inspector say
 * what is wrong in the UI language: German in German (no English detail), the decoder's words in
 * English. A refused CONNECT and a CONNACK with the broker's limits: the notes say the reason
 * code's name and the limits in German, from the values they carry. Screenshots:
 * test-results/malformed-note-{de,en}.png, connack-notes-{de,en}.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, inspectorRegion, openScenarioAtStart, screenshotsDir, sequenceRegion } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

const SCENARIO = [
  'broker version=5',
  'client sensor',
  'at 0s sensor connect -i sensor -V mqttv5',
  '# 30 PUBLISH QoS 0 · 08 remaining length · 00 01 61 topic "a" · 03 property length · 23 00 00 Topic Alias = 0 · 78 payload "x"',
  'at 1s sensor send-hex "30 08 00 01 61 03 23 00 00 78"',
  'at 2s end',
].join('\n');

/** The note row that starts with `start`, scrolled into the diagram's view (it renders the rows in view). */
async function noteRow(page: Page, start: string) {
  const scroller = sequenceRegion(page).locator('.scroller');
  const row = sequenceRegion(page).locator('.row.kind-note button', { has: page.locator('.text', { hasText: start }) });
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  for (let i = 0; i < 100 && (await row.count()) === 0; i++) await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.5));
  return row.first();
}

/**
 * Selects the note row that says `text`. The diagram may still scroll to the cursor's row after
 * End (late under load), taking the found row out of the rendered window: find it again and
 * retry the click.
 */
async function clickNoteRow(page: Page, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const row = await noteRow(page, text.slice(0, 20));
    try {
      await expect(row.locator('.text').getAttribute('title', { timeout: 5000 })).resolves.toContain(text);
      await row.click({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

describe('the broker\'s note on a malformed packet', () => {
  it.each([
    ['de-DE', 'de', 'Ein fehlerhaftes Paket von sensor: Topic Alias darf nicht 0 sein. Der Broker schließt die Verbindung (Grund 130).'],
    ['en-US', 'en', 'A malformed packet from sensor: Topic Alias must not be 0. The broker closes the connection (reason 130).'],
  ])('reads in the UI language (%s), in the diagram and the inspector', { timeout: 120_000 }, async (locale, lang, text) => {
    const page = await openScenarioAtStart(browser, SCENARIO, locale);
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await clickNoteRow(page, text);
    await inspectorRegion(page).getByText(text).first().waitFor();
    const shown = await inspectorRegion(page).innerText();
    if (lang === 'de') expect(shown).not.toMatch(/must not be|malformed packet from/);
    await page.screenshot({ path: path.join(SCREENSHOTS, `malformed-note-${lang}.png`) });
  });
});

const CONNACK_SCENARIO = [
  'broker version=5 anonymous=off',
  'user alice wonderland',
  'client alice',
  'client mallory',
  'at 0s alice connect -u alice -P wonderland',
  'at 0s mallory connect -u alice -P guess',
  'at 1s end',
].join('\n');

describe('the client\'s notes on CONNACK', () => {
  it.each([
    ['de-DE', 'de', 'Der Broker hat seine Grenzen mitgeteilt: Receive Maximum 20, Topic Alias Maximum 10.', 'CONNACK hat die Verbindung mit Code 0x87 (nicht autorisiert) abgelehnt'],
    ['en-US', 'en', 'The broker announced its limits: receive maximum 20, topic alias maximum 10.', 'CONNACK refused the connection with code 0x87 (not authorized)'],
  ])('the limits and a refusal read in the UI language (%s)', { timeout: 120_000 }, async (locale, lang, limits, refused) => {
    const page = await openScenarioAtStart(browser, CONNACK_SCENARIO, locale);
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    // The rows render while in view and the diagram may still scroll to the cursor: look again until it holds.
    await expect.poll(async () => (await noteRow(page, refused)).locator('.text').getAttribute('title', { timeout: 2000 }).catch(() => ''), { timeout: 30_000 }).toContain(refused);
    await clickNoteRow(page, limits);
    await inspectorRegion(page).getByText(limits).first().waitFor();
    if (lang === 'de') expect(await sequenceRegion(page).innerText()).not.toMatch(/not authorized|announced its limits|receive maximum/);
    await page.screenshot({ path: path.join(SCREENSHOTS, `connack-notes-${lang}.png`) });
  });
});
