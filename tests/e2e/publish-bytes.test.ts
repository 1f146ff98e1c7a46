/**
 * The stage's publish form takes a payload as text or as bytes in hex (as `publish --payload-hex`
 * does in a scenario): a bad hex digit is shown at the field with its position and keeps the
 * form from running; good bytes travel as they are, which the packet inspector shows. Screenshots
 * go to test-results/publish-bytes-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const file = browserPerFile();

/** The default scenario, paused; stepped until the sensor is connected; its publish form open. */
async function openPublishForm(locale: string, menuItem: string): Promise<Page> {
  const { page } = await file.openPage({ locale });
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.locator('[data-node="sensor"]').waitFor();
  for (let i = 0; i < 300 && (await page.locator('[data-node="sensor"][data-state="connected"]').count()) === 0; i++) {
    await page.locator('main').focus();
    await page.keyboard.press('ArrowRight');
  }
  await page.locator('[data-node="sensor"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: menuItem }).click();
  return page;
}

describe('publish form: a payload as bytes', () => {
  it('shows a bad hex digit at the field with its position, and sends good bytes as they are', async () => {
    const page = await openPublishForm('en-US', 'Publish…');
    const form = page.locator('form.action-form');
    await form.getByLabel('Topic name').fill('plant/s17/raw');
    const payload = form.getByRole('textbox', { name: 'Payload' });
    await form.getByRole('radio', { name: 'Bytes (hex)' }).check();
    // Switching keeps the message: "hello" becomes its UTF-8 bytes.
    await expect(payload.inputValue()).resolves.toBe('68 65 6c 6c 6f');

    await payload.fill('00 fg');
    const error = form.getByRole('alert');
    await expect(error.textContent()).resolves.toBe('Character 5, “g”, is not a hex digit: write bytes as pairs such as 00 ff 1a.');
    await expect(error.evaluate((el) => getComputedStyle(el).color)).resolves.toBe('rgb(198, 40, 40)'); // red, not the muted label grey
    await expect(payload.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(payload.getAttribute('aria-describedby')).resolves.toBe(await error.getAttribute('id'));
    await expect(form.getByRole('button', { name: 'Apply' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publish-bytes-bad-hex.png') });

    await payload.fill('00 ff 1');
    await expect(error.textContent()).resolves.toBe('5 hex digits: every byte needs two (0a, not a).');

    await payload.fill('00 ff 1a');
    await expect(error.count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publish-bytes-form.png') });
    await form.getByRole('button', { name: 'Apply' }).click();
    // The direct action is written into the scenario in the language's own words for bytes.
    const savedText = () => page.evaluate(() => (JSON.parse(localStorage.getItem('mqttlab.scenario') ?? '{}') as { text?: string }).text ?? '');
    await expect.poll(savedText, { timeout: 10000 }).toMatch(/sensor publish -t plant\/s17\/raw --payload-hex "00 ff 1a" -q 1 +# added by hand/);

    // The PUBLISH leaves the sensor with exactly these three bytes as its payload.
    const publish = page.locator('[data-packet^="PUBLISH"][aria-label*="plant/s17/raw"]').first();
    for (let i = 0; i < 50 && (await publish.count()) === 0; i++) {
      await page.locator('main').focus();
      await page.keyboard.press('ArrowRight');
    }
    await publish.click();
    const inspector = page.getByRole('region', { name: 'Inspector', exact: true });
    await expect.poll(() => inspector.textContent(), { timeout: 5000 }).toContain('plant/s17/raw');
    // The summary counts three bytes; the hex dump ends with them.
    await expect(inspector.textContent()).resolves.toContain('plant/s17/raw <3 bytes>');
    await expect(inspector.textContent()).resolves.toMatch(/00\s*ff\s*1a/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publish-bytes-sent.png') });
  });

  it('speaks German, and turns bytes that are UTF-8 back into text', async () => {
    const page = await openPublishForm('de-DE', 'Veröffentlichen…');
    const form = page.locator('form.action-form');
    const payload = form.getByRole('textbox', { name: 'Nutzdaten' });
    await form.getByRole('radio', { name: 'Bytes (hex)' }).check();
    await payload.fill('4f 4b x');
    await expect(form.getByRole('alert').textContent()).resolves.toBe('Zeichen 7, „x“, ist keine Hex-Ziffer: Bytes als Paare schreiben, z. B. 00 ff 1a.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'publish-bytes-de.png') });
    await payload.fill('4f 4b');
    await form.getByRole('radio', { name: 'Text' }).check();
    await expect(payload.inputValue()).resolves.toBe('OK');
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
  });
});
