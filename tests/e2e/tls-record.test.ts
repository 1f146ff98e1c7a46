/**
 * `tls=on` in real Chromium (lesson 18): the stage marks the link with a lock, and the
 * inspector shows the TLS record a sniffer would capture (17 03 03 + length, opaque bytes)
 * above the MQTT bytes inside the tunnel, in English and German. Screenshots go to
 * test-results/tls-record-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserPerFile, inspectorRegion, openScenarioAtStart, screenshotsDir, sequenceRegion } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

const SCENARIO = [
  'broker anonymous=off',
  'user hmi Hmi-2024',
  'client hmi tls=on',
  'client stranger',
  'at 0s    hmi connect -i hmi-1 -u hmi -P Hmi-2024',
  'at 0s    stranger connect -i laptop -u hmi -P guess',
  'at 2s    end',
].join('\n');

const sequence = sequenceRegion;
const inspector = inspectorRegion;

async function open(locale: string): Promise<Page> {
  const page = await openScenarioAtStart(browser, SCENARIO, locale);
  for (let i = 0; i < 60 && (await sequence(page).getByText('stranger → broker: CONNECT').count()) === 0; i++) await page.locator('body').press('ArrowRight');
  return page;
}

describe('a TLS link in Chromium', () => {
  it.each([
    ['en-US', 'what a sniffer sees', 'Inside the tunnel'],
    ['de-DE', 'was ein Mitschnitt sieht', 'Im Tunnel'],
  ])('%s: a lock on the stage, the TLS record above the MQTT bytes', async (locale, title, inside) => {
    const page = await open(locale);
    await expect(page.locator('[data-tls="hmi"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-tls="stranger"]').count()).resolves.toBe(0);
    await sequence(page).getByText('hmi → broker: CONNECT').first().click();
    const record = inspector(page).locator('[data-testid="tls-record"]');
    await record.waitFor();
    expect(await record.innerText()).toContain(title);
    expect(await record.innerText()).toContain(inside);
    const wire = await record.locator('.byte').allInnerTexts();
    expect(wire.slice(0, 5)).toEqual(['17', '03', '03', '00', '33']); // 34 bytes of CONNECT + 17
    expect(wire).toHaveLength(56);
    await record.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `tls-record-${locale}.png`) });
    // The stranger's CONNECT travels in the clear: no record.
    await sequence(page).getByText('stranger → broker: CONNECT').first().click();
    await inspector(page).getByText('id=laptop', { exact: false }).first().waitFor();
    await expect(inspector(page).locator('[data-testid="tls-record"]').count()).resolves.toBe(0);
  }, 60_000);
});
