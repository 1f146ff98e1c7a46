/**
 * The sandbox in real Chromium: the default scenario plays on first visit; keyboard stepping
 * grows the sequence diagram and stepping back restores the same picture; an arrow selects its
 * packet and the inspector shows its bytes; a hostile payload stays text; German has no English
 * leftovers in the main panels; no console errors anywhere. Screenshots go to test-results/.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, showEveryRow } from './browser.ts';

const SCREENSHOTS = screenshotsDir();

const file = browserPerFile();

async function open(query = '', options: BrowserContextOptions = {}): Promise<Page> {
  const opened = await file.openPage(options);
  await showEveryRow(opened.page);
  await opened.page.goto(inject('baseUrl') + query);
  await opened.page.getByRole('main').waitFor();
  return opened.page;
}

const sequence = (page: Page) => page.getByRole('region', { name: /^(Sequence diagram|Sequenzdiagramm)$/ });
const inspector = (page: Page) => page.getByRole('region', { name: /^(Inspector|Inspektor)$/ });
const rowCount = (page: Page) => sequence(page).locator('[role="listitem"]').count();

/** Wait until the kernel has loaded and the transport is enabled, then pause at the start. */
async function readyAtStart(page: Page): Promise<void> {
  await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
  await page.locator('body').press('Home');
}

/** Pixels that differ between two PNGs of the same size (decoded by the browser). */
async function differentPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([x, y]) => {
      const decode = async (b64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [p, q] = await Promise.all([decode(x!), decode(y!)]);
      if (p.width !== q.width || p.height !== q.height) return Number.POSITIVE_INFINITY;
      let n = 0;
      for (let i = 0; i < p.data.length; i += 4) {
        if (p.data[i] !== q.data[i] || p.data[i + 1] !== q.data[i + 1] || p.data[i + 2] !== q.data[i + 2]) n++;
      }
      return n;
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

async function stepForward(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.locator('body').press('ArrowRight');
}

describe('the sandbox in Chromium', () => {
  it('plays the default scenario at once on a first visit, to the will arriving', async () => {
    const page = await open();
    await sequence(page).getByText('dashboard receives PUBLISH q1 id=1 plant/s17/status "online"').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox-playing-en-1280x720.png') });
    // The rest of the run (cable cut, keep-alive silence, the will) takes seconds, not minutes.
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('timer').textContent()).resolves.toBe('22.000 s');
    await expect(sequence(page).getByText(/will of sensor-17|Testament|will/i).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox-end-en-1280x720.png') });
  });

  it('steps with the keyboard, grows the diagram, inspects a packet, and steps back to the same picture', async () => {
    const page = await open('?play=0');
    await readyAtStart(page);
    await expect(rowCount(page)).resolves.toBe(0);
    await stepForward(page, 3);
    const early = await rowCount(page);
    expect(early).toBeGreaterThan(0);
    await stepForward(page, 5);
    const later = await rowCount(page);
    expect(later).toBeGreaterThan(early);
    await expect(page.getByRole('timer').textContent()).resolves.toBe('0.060 s');

    // Click the first arrow (the sensor's CONNECT): the inspector shows its bytes, 0x10 first.
    await sequence(page).locator('.hit[data-send]').first().click({ force: true });
    await inspector(page).getByText('Packet sent').waitFor();
    await expect(inspector(page).locator('.byte').first().textContent()).resolves.toBe('10');
    await expect(inspector(page).getByRole('rowheader', { name: /Client Identifier/ }).count()).resolves.toBeGreaterThan(0);
    // Hovering a field lights its bytes.
    await inspector(page).locator('tr[data-field]').filter({ hasText: 'Keep Alive' }).first().hover();
    await expect(inspector(page).locator('.byte.lit').count()).resolves.toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox-inspector-connect-en-1280x720.png') });

    await page.mouse.move(0, 0);
    // (Clicking scrolled the diagram to the arrow; a step pins the newest row to the bottom again.)
    await page.locator('body').press('ArrowRight');
    const before = await sequence(page).innerText();
    const shotBefore = await sequence(page).locator('.scroller').screenshot();
    await page.locator('body').press('ArrowRight');
    await page.locator('body').press('ArrowRight');
    expect(await sequence(page).innerText()).not.toBe(before);
    await page.locator('body').press('ArrowLeft');
    await page.locator('body').press('ArrowLeft');
    await expect(sequence(page).innerText()).resolves.toBe(before);
    const shotAfter = await sequence(page).locator('.scroller').screenshot();
    writeFileSync(path.join(SCREENSHOTS, 'sandbox-step-before.png'), shotBefore);
    writeFileSync(path.join(SCREENSHOTS, 'sandbox-step-back-after.png'), shotAfter);
    // PNG bytes may differ in encoding; the pixels of the diagram must not.
    expect(await differentPixels(page, shotBefore, shotAfter)).toBe(0);
  });

  it('shows the rules a packet triggered, with spec links that open in a new tab', async () => {
    const page = await open('?play=0');
    await readyAtStart(page);
    await stepForward(page, 8);
    // Select the CONNECT's arrival row with the keyboard: focus a row, move with arrows, Enter.
    await sequence(page).locator('button[data-row]').last().focus();
    const rows = sequence(page).locator('button[data-row]');
    const texts = await rows.allInnerTexts();
    const target = texts.findIndex((t) => t.includes('broker receives CONNECT id=sensor-17'));
    expect(target).toBeGreaterThanOrEqual(0);
    for (let i = texts.length - 1; i > target; i--) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await inspector(page).getByText('Packet arrived').waitFor();
    const link = inspector(page).getByRole('link', { name: /MQTT-3\.2\.2-2/ });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toContain('noopener');
    await expect(link.getAttribute('href')).resolves.toMatch(/^https:\/\/docs\.oasis-open\.org\/mqtt\/mqtt\/v5\.0\//);
  });

  it('renders a hostile payload as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const text = [
      'client a',
      'client b',
      'broker anonymous=on',
      'at 0s a connect -u alice -P secret-pw',
      'at 0s b connect',
      "at 100ms b subscribe -t 'x/#'",
      `at 1s a publish -t x/y -m '${hostile}'`,
      'at 3s end',
    ].join('\n');
    const page = await open(`?play=0&scenario=${encodeURIComponent(text)}`);
    let dialog = false;
    page.on('dialog', (d) => {
      dialog = true;
      void d.dismiss();
    });
    await readyAtStart(page);
    let seen = '';
    for (let i = 0; i < 80 && !seen.includes(`receives PUBLISH q0 x/y "${hostile}"`); i++) {
      await page.locator('body').press('ArrowRight');
      seen = await sequence(page).innerText();
    }
    // Summaries shorten long payloads; the characters are there as text, never as markup.
    expect(seen).toContain('b hands the message to its application: PUBLISH q0 x/y "<img src=x onerror=alert…"');
    await sequence(page).getByText('b receives PUBLISH q0').first().click();
    await expect(inspector(page).locator('.payload-text').textContent()).resolves.toBe(hostile);
    await expect(page.locator('main img').count()).resolves.toBe(0);
    expect(dialog).toBe(false);
    // The password of a CONNECT is shown in clear, with the warning about TLS.
    await page.locator('body').press('Home');
    await stepForward(page, 6);
    await sequence(page).getByText('a → broker: CONNECT').first().click();
    await inspector(page).getByText('secret-pw').first().waitFor();
    await inspector(page).getByText(/without TLS/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox-hostile-payload-en-1280x720.png') });
  });

  it('has no English leftovers in the main panels in German', async () => {
    const page = await open('?play=0', { locale: 'de-DE' });
    await readyAtStart(page);
    await stepForward(page, 25);
    await sequence(page).locator('.hit[data-send]').first().click({ force: true });
    await inspector(page).getByText('Paket gesendet').waitFor();
    const text = (await sequence(page).innerText()) + '\n' + (await inspector(page).locator('header, .rules, figcaption, h4, .hint').allInnerTexts()).join('\n') + '\n' + (await page.locator('.transport').innerText());
    for (const english of ['receives', 'arrived', 'Packet', 'Export SVG', 'Rules', 'When it', 'Fields', 'timer ', 'is now', 'Command:', 'Step', 'Play', 'Speed', 'connection established', 'lost:']) {
      expect(text, english).not.toContain(english);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sandbox-inspector-de-1280x720.png') });
  });
});
