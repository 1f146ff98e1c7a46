/**
 * A trace file written before command entries carried their words (commands as English
 * summaries only: tests/sim/fixtures/old-command-summaries.jsonl, written by the old writer),
 * opened with "Open recording…" in real Chromium, in German and in English: its commands read in
 * the UI language (a delay rule, whose old summary cannot be recovered, keeps its English), a
 * fault rule stands in the column of the client whose link it acts on, and no action that would
 * change the world is offered for real traffic (connect, publish, cut the cable, crash, drop a
 * packet, "What if … here?"): in the node's menu and in the inspector they are disabled, by mouse
 * and by keyboard, and the reason is shown once. Inspect stays. Screenshots:
 * test-results/old-recording-{de,en}-*.png.
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
      'Befehl: Die Leitung von sensor ändert sich: Latenz 50 ms',
      'Befehl: Das nächste PUBACK vom Broker zu sensor geht verloren',
      'Befehl: sensor veröffentlicht',
      'Befehl: delay next 1 PUBLISH sensor -> broker',
      'Befehl: sensor sendet absichtlich 2 Bytes',
      'Befehl: Das Kabel von sensor wird getrennt',
      'Befehl: Das Kabel von sensor ist wieder da',
      'Befehl: dash stürzt ab',
      'Befehl: Der Broker startet neu (mit Persistenz)',
    ],
    fault: 'Das nächste PUBACK vom Broker zu sensor geht verloren',
    whatIf: 'Was wäre, wenn … hier?',
    menuTitle: 'Aktionen für sensor',
    why: /^Nicht in der Live-Ansicht oder einer Aufzeichnung: Das ist echter Verkehr\. Diese Aktionen würden nur die Kopie .*„Als Szenario öffnen“\.$/,
    inspect: 'Untersuchen',
    crash: 'Absturz auslösen',
  },
  {
    locale: 'en-US',
    lang: 'en',
    opened: 'Recording: old-command-summaries.jsonl',
    rows: [
      'Command: sensor connects',
      'Command: dash connects',
      'Command: dash subscribes',
      'Command: The link of sensor changes: latency 50 ms',
      'Command: Lose the next PUBACK from the broker to sensor',
      'Command: sensor publishes',
      'Command: delay next 1 PUBLISH sensor -> broker',
      'Command: sensor sends 2 bytes on purpose',
      'Command: The cable of sensor is cut',
      'Command: The cable of sensor is back',
      'Command: dash crashes',
      'Command: The broker restarts (persistence on)',
    ],
    fault: 'Lose the next PUBACK from the broker to sensor',
    whatIf: 'What if … here?',
    menuTitle: 'Actions for sensor',
    why: /^Not in the live view or a recording: this is real traffic\. These actions would change only this view’s copy .*“Open as scenario”\.$/,
    inspect: 'Inspect',
    crash: 'Crash',
  },
] as const;

describe('an old trace file, opened as a recording', () => {
  for (const l of LANGUAGES) {
    it(`reads in the UI language (${l.lang}), fault rules in their client's column, no action on real traffic, by mouse or keyboard`, { timeout: 120_000 }, async () => {
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

      // The sensor's menu: every action and "What if" disabled, the reason shown once above
      // them; choosing one changes nothing. Inspect stays.
      const sensor = page.locator('[data-node="sensor"]');
      const stateBefore = await sensor.getAttribute('data-state');
      const rowsBefore = await sequenceRegion(page).locator('.row').count();
      await sensor.click({ button: 'right' });
      const menu = page.getByRole('dialog', { name: l.menuTitle });
      await menu.waitFor();
      const note = menu.locator('[data-unavailable]');
      expect(await note.textContent()).toMatch(l.why);
      await expect(menu.getByText(l.why).count()).resolves.toBe(1);
      const items = menu.getByRole('menuitem');
      const labels = await items.allInnerTexts();
      const disabled = await items.evaluateAll((list) => list.filter((b) => b.getAttribute('aria-disabled') === 'true').map((b) => b.textContent!.trim()));
      expect(labels.length).toBe(8); // Inspect, 6 actions, What if
      expect(labels[0]).toBe(l.inspect);
      expect(disabled.length).toBe(7); // the 6 actions and What if
      expect(labels.filter((t) => !disabled.includes(t))).toEqual([l.inspect]);
      expect(disabled).toContain(l.crash);
      expect(disabled).toContain(l.whatIf);
      const noteId = await note.getAttribute('id');
      for (const label of disabled) await expect(menu.getByRole('menuitem', { name: label, exact: true }).getAttribute('aria-describedby')).resolves.toBe(noteId);
      await page.screenshot({ path: path.join(SCREENSHOTS, `old-recording-${l.lang}-menu.png`) });
      await menu.getByRole('menuitem', { name: l.crash, exact: true }).click({ force: true });
      await menu.getByRole('menuitem', { name: l.whatIf }).click({ force: true });
      await expect(menu.getByText(l.menuTitle, { exact: true }).isVisible()).resolves.toBe(true);
      await page.keyboard.press('Escape');

      // By keyboard: the menu opened with Enter on the node; the arrows reach only Inspect, never
      // a disabled action.
      await sensor.focus();
      await page.keyboard.press('Enter');
      await menu.waitFor();
      const reached = new Set<string>();
      for (let i = 0; i < 6; i++) {
        reached.add(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
        await page.keyboard.press('ArrowDown');
      }
      expect([...reached].sort()).toEqual(labels.filter((t) => !disabled.includes(t)).sort());
      await page.keyboard.press('End');
      await page.keyboard.press('Escape');

      // The inspector, for the selected sensor: the buttons and the switch disabled, the reason
      // once; a click or Enter on Crash changes nothing.
      await sensor.click();
      const toggle = inspectorRegion(page).getByRole('checkbox', { name: l.whatIf });
      await toggle.waitFor();
      await expect(toggle.isDisabled()).resolves.toBe(true);
      await expect(toggle.isChecked()).resolves.toBe(false);
      const reasonId = await toggle.getAttribute('aria-describedby');
      const reason = inspectorRegion(page).locator(`[id="${reasonId}"]`);
      expect(await reason.textContent()).toMatch(l.why);
      await expect(inspectorRegion(page).getByText(l.why).count()).resolves.toBe(1);
      const crash = inspectorRegion(page).getByRole('button', { name: l.crash, exact: true });
      await expect(crash.getAttribute('aria-disabled')).resolves.toBe('true');
      await expect(crash.getAttribute('aria-describedby')).resolves.toBe(reasonId);
      await crash.click({ force: true });
      await crash.focus();
      await page.keyboard.press('Enter');
      await reason.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `old-recording-${l.lang}-inspector.png`) });
      await expect(sensor.getAttribute('data-state')).resolves.toBe(stateBefore);
      expect(await sequenceRegion(page).locator('.row').count()).toBe(rowsBefore);
      expect(errors).toEqual([]);
    });
  }
});
