/**
 * Packets sent on purpose (issue 16) in real Chromium: the stage draws them with a dashed red
 * outline and "on purpose", and the inspector shows the malformed PUBLISH in the same annotated
 * byte view as valid packets, with the rule it breaks and the decoder's verdict (which byte is
 * wrong, and why), in English and German. Screenshots: test-results/raw-send-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, inspectorRegion, openScenarioAtStart, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

const SCENARIO = [
  'broker version=5',
  'client sensor',
  'client dash',
  'at 0s    sensor connect',
  'at 0s    dash connect',
  'at 100ms dash subscribe -t plant/#',
  'at 1s    sensor send PUBLISH -t plant/temp -m 21 -D session-expiry-interval 60',
  'at 3s    end',
].join('\n');

async function open(locale: string): Promise<Page> {
  const page = await openScenarioAtStart(browser, SCENARIO, locale);
  return page;
}

const inspector = inspectorRegion;

/** Step until the stage shows a packet sent on purpose; bounded. */
async function stepUntilDeliberate(page: Page): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if ((await page.locator('.stage .packet.deliberate').count()) > 0) return;
    await page.locator('body').press('ArrowRight');
  }
  throw new Error('no packet sent on purpose on the stage within 120 steps');
}

describe('a packet sent on purpose', () => {
  it.each([
    ['en-US', 'on purpose', 'Sent on purpose, against 2.2.2.2', 'Byte 15 is wrong: a property that this packet type does not allow'],
    ['de-DE', 'absichtlich', 'Absichtlich gesendet, gegen 2.2.2.2', 'Byte 15 ist falsch: eine Property, die dieser Pakettyp nicht erlaubt'],
  ])('is marked on the stage and taken apart in the inspector (%s)', async (locale, mark, against, verdict) => {
    const page = await open(locale);
    await stepUntilDeliberate(page);
    const packet = page.locator('.stage .packet.deliberate').first();
    await expect(packet.locator('.label').textContent()).resolves.toContain(mark);
    await packet.click();
    const note = inspector(page).locator('.on-purpose', { hasText: against });
    await note.waitFor();
    // Said once, at the top of the packet, with its link to the standard (not again among the rules).
    await expect(inspector(page).getByText(against).count()).resolves.toBe(1);
    await expect(note.getByRole('link').getAttribute('href')).resolves.toMatch(/^https:\/\/docs\.oasis-open\.org\/mqtt\//);
    await expect(inspector(page).locator('.rules').getByText(against).count()).resolves.toBe(0);
    await inspector(page).getByText(verdict).waitFor();
    // The same annotated view as a valid packet: fields and bytes, the wrong byte marked.
    await expect(inspector(page).locator('.dump .byte.wrong').evaluateAll((els) => els.map((e) => e.getAttribute('data-offset')))).resolves.toEqual(['15']); // 30 13, 00 0a plant/temp, 05: the property 0x11
    await expect(inspector(page).locator('.dump .byte').count()).resolves.toBe(22);
    await expect(inspector(page).locator('.fields tr[data-field]').count()).resolves.toBeGreaterThan(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, `raw-send-${locale}-1280x720.png`) });
  });
});
