/**
 * A trace file written before command entries carried their words (commands as English
 * summaries only: tests/sim/fixtures/old-command-summaries.jsonl, written by the old writer),
 * opened with "Open recording…" in real Chromium, in German and in English: its commands read in
 * the UI language (a delay rule, whose old summary cannot be recovered, keeps its English), a
 * fault rule stands in the column of the client whose link it acts on, and "What if … here?" is
 * not offered for real traffic: the menu's item and the inspector's switch are disabled and say
 * why. Screenshots: test-results/old-recording-{de,en}-*.png.
 */
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, inspectorRegion, screenshotsDir, sequenceRegion, showEveryRow } from './browser.ts';
import { commandRows, markLane } from './sequence-rows.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();
const FIXTURE = path.resolve(import.meta.dirname, '../sim/fixtures/old-command-summaries.jsonl');

const LANGUAGES = [
  {
    locale: 'de-DE',
    lang: 'de',
    opened: 'Aufzeichnung: old-command-summaries.jsonl',
    rows: [
      'Befehl: sensor verbindet sich',
      'Befehl: dash verbindet sich',
      'Befehl: dash abonniert',
      'Befehl: die Leitung von sensor ändert sich: Latenz 50 ms',
      'Befehl: das nächste PUBACK vom Broker zu sensor geht verloren',
      'Befehl: sensor veröffentlicht',
      'Befehl: delay next 1 PUBLISH sensor -> broker',
      'Befehl: sensor sendet absichtlich 2 Bytes',
      'Befehl: das Kabel von sensor wird getrennt',
      'Befehl: das Kabel von sensor ist wieder da',
      'Befehl: dash stürzt ab',
      'Befehl: der Broker startet neu (mit Persistenz)',
    ],
    fault: 'das nächste PUBACK vom Broker zu sensor geht verloren',
    whatIf: 'Was wäre, wenn … hier?',
    menuTitle: 'Aktionen für sensor',
    why: /^Nicht in der Live-Ansicht oder einer Aufzeichnung: Das ist echter Verkehr\. .*„Als Szenario öffnen“\.$/,
  },
  {
    locale: 'en-US',
    lang: 'en',
    opened: 'Recording: old-command-summaries.jsonl',
    rows: [
      'Command: sensor connects',
      'Command: dash connects',
      'Command: dash subscribes',
      'Command: the link of sensor changes: latency 50 ms',
      'Command: lose the next PUBACK from the broker to sensor',
      'Command: sensor publishes',
      'Command: delay next 1 PUBLISH sensor -> broker',
      'Command: sensor sends 2 bytes on purpose',
      'Command: the cable of sensor is cut',
      'Command: the cable of sensor is back',
      'Command: dash crashes',
      'Command: the broker restarts (persistence on)',
    ],
    fault: 'lose the next PUBACK from the broker to sensor',
    whatIf: 'What if … here?',
    menuTitle: 'Actions for sensor',
    why: /^Not in the live view or a recording: this is real traffic\. .*“Open as scenario”\.$/,
  },
] as const;

describe('an old trace file, opened as a recording', () => {
  for (const l of LANGUAGES) {
    it(`reads in the UI language (${l.lang}), fault rules in their client's column, no "what if" for real traffic`, { timeout: 120_000 }, async () => {
      const { page, errors } = await browser.openPage({ locale: l.locale });
      await showEveryRow(page);
      await page.goto(`${inject('baseUrl')}#recording`);
      await page.locator('input[type="file"]').setInputFiles(FIXTURE);
      await page.getByText(l.opened).waitFor();
      const scrubber = page.locator('.transport input[type="range"]');
      await scrubber.focus();
      await page.keyboard.press('End');
      await sequenceRegion(page).locator('.row.kind-command').first().waitFor();

      expect(await commandRows(page)).toEqual(l.rows);
      expect(await markLane(page, l.fault)).toBe('sensor');
      await page.screenshot({ path: path.join(SCREENSHOTS, `old-recording-${l.lang}-rows.png`) });

      // The sensor's menu: "What if" disabled, the reason under it, choosing it changes nothing.
      await page.locator('[data-node="sensor"]').click({ button: 'right' });
      const whatIf = page.getByRole('menuitem', { name: l.whatIf });
      await expect(whatIf.getAttribute('aria-disabled')).resolves.toBe('true');
      const reasonId = await whatIf.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${reasonId}"]`).textContent()).toMatch(l.why);
      await expect(page.locator(`[id="${reasonId}"]`).isVisible()).resolves.toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `old-recording-${l.lang}-menu.png`) });
      await whatIf.click({ force: true });
      await expect(page.getByText(l.menuTitle, { exact: true }).isVisible()).resolves.toBe(true);
      await page.keyboard.press('Escape');

      // The inspector's switch, for the selected sensor: off, disabled, saying why.
      await page.locator('[data-node="sensor"]').click();
      const toggle = inspectorRegion(page).getByRole('checkbox', { name: l.whatIf });
      await toggle.waitFor();
      await expect(toggle.isDisabled()).resolves.toBe(true);
      await expect(toggle.isChecked()).resolves.toBe(false);
      const noteId = await toggle.getAttribute('aria-describedby');
      expect(await inspectorRegion(page).locator(`[id="${noteId}"]`).textContent()).toMatch(l.why);
      await inspectorRegion(page).locator(`[id="${noteId}"]`).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `old-recording-${l.lang}-inspector.png`) });
      expect(errors).toEqual([]);
    });
  }
});
