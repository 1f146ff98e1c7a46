/**
 * A binary PUBLISH payload in the inspector, in real Chromium: "Payload as text" says how many
 * bytes and that they are not text, and shows them in hex, in English and German, with no
 * U+FFFD replacement character. A text payload is still shown as text. Screenshot:
 * test-results/inspector-binary-payload-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, showEveryRow } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

const SCENARIO = [
  'broker',
  'client sensor',
  'at 0s    sensor connect',
  'at 1s    sensor publish -t plant/raw --payload-hex "00 ff 1a"',
  'at 2s    sensor publish -t plant/text -m "64.8 °C"',
  'at 3s    end',
].join('\n');

const sequence = (page: Page) => page.getByRole('region', { name: /^(Sequence diagram|Sequenzdiagramm)$/ });
const inspector = (page: Page) => page.getByRole('region', { name: /^(Inspector|Inspektor)$/ });

/** The page with the run stepped forward until both PUBLISH packets are in the diagram; bounded. */
async function openAtEnd(locale: string): Promise<Page> {
  const { page } = await browser.openPage({ locale });
  await showEveryRow(page);
  await page.goto(`${inject('baseUrl')}?play=0&scenario=${encodeURIComponent(SCENARIO)}`);
  await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
  await page.locator('body').press('Home');
  for (let i = 0; i < 40; i++) {
    if ((await sequence(page).getByText(/PUBLISH q0 plant\/text/).count()) > 0) return page;
    await page.locator('body').press('ArrowRight');
  }
  throw new Error('the second PUBLISH never showed in the sequence diagram');
}

describe('a binary payload in the inspector', () => {
  for (const [locale, line] of [
    ['en-US', '3 bytes, not text: 00 ff 1a'],
    ['de-DE', '3 Bytes, kein Text: 00 ff 1a'],
  ] as const) {
    it(`is shown as hex bytes (${locale})`, async () => {
      const page = await openAtEnd(locale);
      await sequence(page).getByText(/PUBLISH q0 plant\/raw/).first().click();
      const bytes = inspector(page).locator('.payload-bytes');
      await bytes.waitFor();
      await expect(bytes.textContent()).resolves.toBe(line);
      await expect(inspector(page).locator('.payload').textContent()).resolves.not.toContain('\uFFFD');
      await expect(inspector(page).locator('.payload-text').count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `inspector-binary-payload-${locale}.png`) });
      await sequence(page).getByText(/PUBLISH q0 plant\/text/).first().click();
      await expect(inspector(page).locator('.payload-text').textContent()).resolves.toBe('64.8 °C');
      await expect(inspector(page).locator('.payload-bytes').count()).resolves.toBe(0);
    });
  }
});
