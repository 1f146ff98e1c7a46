/**
 * Commands in the German sequence diagram, in real Chromium: every command of the scenario
 * language reads as a German sentence made from the trace entry's words (src/sim/command-text.ts),
 * in the rows, in the caption of the selected row and in the inspector. A fault rule's mark
 * stands on the lifeline of the client whose link it acts on, in German and English.
 * Screenshots: test-results/sequence-commands-de.png, sequence-commands-fault-en.png.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserPerFile, inspectorRegion, openScenarioAtStart, screenshotsDir, sequenceRegion } from './browser.ts';
import { commandRows, markLane } from './sequence-rows.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

const SCENARIO = [
  'client sensor',
  'client dash',
  'at 0s     sensor connect',
  'at 0s     dash connect',
  'at 100ms  dash subscribe -t a/b',
  'at 150ms  link sensor latency=50ms loss=2.5%',
  'at 200ms  sensor publish -t a/b -m x -q 1',
  'at 700ms  delay next PUBLISH from sensor by 300ms',
  'at 800ms  drop next 2 ANY on dash',
  'at 1s     sensor send-hex "10 0d 00 04 4d 51 54 54" | "04 02 00 3c 00 01 73"',
  'at 2500ms dash unsubscribe -t a/b',
  'at 3s     sensor cable-cut',
  'at 3100ms sensor cable-restore',
  'at 3200ms dash crash',
  'at 4s     sensor disconnect',
  'at 5s     broker restart persistence=on',
  'at 6s     end',
].join('\n');

describe('commands in the German sequence diagram', () => {
  it('read as German sentences in the rows, the caption and the inspector', { timeout: 120_000 }, async () => {
    const page = await openScenarioAtStart(browser, SCENARIO, 'de-DE');
    const scrubber = page.locator('.transport input[type="range"]');
    await scrubber.focus();
    await page.keyboard.press('End');
    await sequenceRegion(page).locator('.row.kind-command').first().waitFor();
    const rows = await commandRows(page);
    expect(rows).toEqual([
      'Befehl: sensor verbindet sich',
      'Befehl: dash verbindet sich',
      'Befehl: dash abonniert',
      'Befehl: Die Leitung von sensor ändert sich: Latenz 50 ms, Verlust 2,5 %',
      'Befehl: sensor veröffentlicht',
      'Befehl: Das nächste PUBLISH von sensor zum Broker wird um 300 ms verzögert',
      'Befehl: Die nächsten 2 Pakete zwischen dash und dem Broker gehen verloren',
      'Befehl: sensor sendet absichtlich 15 Bytes, in 2 TCP-Segmenten',
      'Befehl: dash kündigt ein Abonnement',
      'Befehl: Das Kabel von sensor wird getrennt',
      'Befehl: Das Kabel von sensor ist wieder da',
      'Befehl: dash stürzt ab',
      'Befehl: sensor trennt die Verbindung',
      'Befehl: Der Broker startet neu (mit Persistenz)',
    ]);

    // The fault rule's row, selected: the caption and the inspector say the same German words.
    const scroller = sequenceRegion(page).locator('.scroller');
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    const fault = sequenceRegion(page).locator('.row.kind-command .text', { hasText: 'gehen verloren' });
    for (let i = 0; i < 100 && (await fault.count()) === 0; i++) await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.5));
    await fault.click();
    const said = 'Die nächsten 2 Pakete zwischen dash und dem Broker gehen verloren';
    await expect.poll(() => sequenceRegion(page).locator('[data-caption]').textContent()).toContain(said);
    await expect.poll(() => inspectorRegion(page).textContent()).toContain(said);
    // The inspector's heading says "Befehl" once; its body is the words alone.
    expect((await inspectorRegion(page).locator('.entry .body').textContent())?.trim()).toBe(said);
    expect(await inspectorRegion(page).locator('.entry .meta').textContent()).toMatch(/^dash · /);
    // Its mark stands on dash's lifeline (the link it acts on), not the broker's.
    expect(await markLane(page, said)).toBe('dash');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sequence-commands-de.png') });
  });

  it('a fault rule stands in the column of the client whose link it acts on, in English too', { timeout: 120_000 }, async () => {
    const page = await openScenarioAtStart(browser, SCENARIO, 'en-US');
    const scrubber = page.locator('.transport input[type="range"]');
    await scrubber.focus();
    await page.keyboard.press('End');
    await sequenceRegion(page).locator('.row.kind-command').first().waitFor();
    // A command for an actor stays in its column; the broker's restart in the broker's.
    expect(await markLane(page, 'The cable of sensor is cut')).toBe('sensor');
    expect(await markLane(page, 'The broker restarts (persistence on)')).toBe('broker');
    expect(await markLane(page, 'Delay the next PUBLISH from sensor to the broker by 300 ms')).toBe('sensor');
    expect(await markLane(page, 'Lose the next 2 packets between dash and the broker')).toBe('dash');
    // Selected, the inspector names the same client.
    await sequenceRegion(page).locator('.row.kind-command .text', { hasText: 'Lose the next 2 packets' }).click();
    await expect.poll(() => inspectorRegion(page).locator('.entry .meta').textContent()).toMatch(/^dash · /);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sequence-commands-fault-en.png') });
  });
});
