/**
 * The inspector, the sequence notes and the stage in real Chromium: German field meanings and
 * state names; the packet shown as a WebSocket frame (an unmasked broker frame starting with 82,
 * a client frame masked with the demo key, hovering a field lights its bytes); the stage with 12
 * and 30 clients, where no two names overlap. Screenshots go to test-results/inspector-*.png and
 * test-results/stage-crowd-*.png, in English and German, light and dark.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, showEveryRow } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

async function open(query: string, options: Parameters<typeof browser.openPage>[0] = {}): Promise<Page> {
  const { page } = await browser.openPage(options);
  await showEveryRow(page);
  await page.goto(inject('baseUrl') + query);
  await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
  await page.locator('body').press('Home');
  return page;
}

const sequence = (page: Page) => page.getByRole('region', { name: /^(Sequence diagram|Sequenzdiagramm)$/ });
const inspector = (page: Page) => page.getByRole('region', { name: /^(Inspector|Inspektor)$/ });

/** Step forward until the sequence diagram shows `text`; bounded. */
async function stepUntilRow(page: Page, text: string, maxSteps = 80): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if ((await sequence(page).getByText(text).count()) > 0) return;
    await page.locator('body').press('ArrowRight');
  }
  throw new Error(`no row "${text}" within ${maxSteps} steps`);
}

/** The hex dump's bytes, as two-digit strings. */
async function dumpBytes(page: Page): Promise<string[]> {
  await inspector(page).locator('.dump .byte').first().waitFor();
  return inspector(page).locator('.dump .byte').allInnerTexts();
}

/** A browser, a press and the broker: the browser's CONNECT up, the broker's PUBLISH down. */
const BROWSER_SCENARIO = [
  'broker',
  'client browser',
  'client press',
  'at 0s    press connect',
  'at 0s    browser connect -i dashboard-7f3a -k 30',
  "at 100ms browser subscribe -t 'hall1/+/temp'",
  'at 1s    press publish -t hall1/press3/temp -m 64.8',
  'at 3s    end',
].join('\n');

describe('the inspector in Chromium', () => {
  it('speaks German: field meanings, state names in the sequence notes, no English left', async () => {
    const page = await open('?play=0', { locale: 'de-DE' });
    await stepUntilRow(page, 'sensor → broker: CONNECT');
    await sequence(page).getByText('sensor → broker: CONNECT').first().click();
    await inspector(page).getByText('Paket gesendet').waitFor();
    const meanings = inspector(page).locator('.fields .meaning');
    await expect(meanings.count()).resolves.toBeGreaterThan(20);
    // Nothing falls back to the codec's English text.
    await expect(inspector(page).locator('.fields .meaning[lang="en"]').count()).resolves.toBe(0);
    const text = (await meanings.allInnerTexts()).join('\n');
    expect(text).toContain('höchstens 10 s zwischen zwei Paketen des Clients');
    expect(text).toContain('immer „MQTT“ (MQTT-3.1.2-1)');
    expect(text).toContain('kennzeichnet die Sitzung des Clients');
    for (const english of ['between packets', 'bytes follow', 'identifies', 'always "MQTT"', 'properties']) expect(text, english).not.toContain(english);
    // The state change notes name the state in German.
    const notes = await sequence(page).innerText();
    expect(notes).toMatch(/sensor ist jetzt im Zustand „(verbindet|verbunden|baut die Verbindung auf)“/);
    for (const english of ['is now', 'connecting', 'disconnected', 'opening']) expect(notes, english).not.toContain(english);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inspector-de-light-1280x720.png') });
  });

  it('speaks German in the client view: state in words, handshake stage, reason code meaning', async () => {
    const page = await open('?play=0', { locale: 'de-DE' });
    await stepUntilRow(page, 'sensor → broker: PUBLISH q1');
    await page.locator('[data-node="sensor"]').click();
    const heading = inspector(page).locator('[data-current-state]');
    await heading.waitFor();
    await expect(heading.innerText()).resolves.toBe('verbunden (bereit)');
    await inspector(page).getByText('wartet auf PUBACK').waitFor();
    // Everything is German, the state diagram too: states and transitions in words, no event names.
    const text = await inspector(page).innerText();
    for (const english of ['awaiting', 'connected', 'success', 'idle', 'crashed']) expect(text, english).not.toContain(english);
    const diagram = inspector(page).locator('svg.diagram');
    const svgText = (await diagram.locator('text').allTextContents()).join('\n');
    expect(svgText).toContain('wartet auf PINGRESP');
    expect(svgText).toContain('CONNACK: angenommen');
    expect(svgText).not.toMatch(/[A-Z]{3,}\.[A-Z]{3,}/); // APP.CONNECT, TIMER.KEEPALIVE
    // Readable at 100 % zoom: no text drawn smaller than 10.5 px.
    const sizes = await diagram.locator('text').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.min(...sizes.filter((h) => h > 0))).toBeGreaterThanOrEqual(10.5);
    // The transition just taken (CONNACK accepted) is highlighted and named under the diagram.
    await expect(diagram.locator('[data-taken] text').textContent()).resolves.toBe('CONNACK: angenommen');
    await expect(inspector(page).locator('[data-last-transition]').innerText()).resolves.toBe('Letzter Übergang: verbindet → verbunden (CONNACK: angenommen)');
    await diagram.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inspector-client-de-light-1280x720.png') });
  });

  it('shows a broker packet as an unmasked WebSocket frame starting with 82, a client packet masked with the demo key', async () => {
    const page = await open(`?play=0&scenario=${encodeURIComponent(BROWSER_SCENARIO)}`, { colorScheme: 'dark' });
    await stepUntilRow(page, 'browser receives PUBLISH');
    // Broker -> browser: FIN + binary (0x82), MASK bit clear, then the MQTT bytes as they are.
    await sequence(page).getByText('broker → browser: PUBLISH').first().click();
    const mqtt = await dumpBytes(page);
    expect(mqtt[0]).toBe('30');
    await inspector(page).getByRole('button', { name: 'as WebSocket frame' }).click();
    await inspector(page).getByText(/From the broker, so not masked/).waitFor();
    const down = await dumpBytes(page);
    expect(down[0]).toBe('82');
    expect(parseInt(down[1]!, 16)).toBe(mqtt.length); // MASK = 0, 7-bit length
    expect(down.slice(2)).toEqual(mqtt);
    await inspector(page).getByText('WebSocket frame, first byte').waitFor();
    await expect(inspector(page).locator('.dump .byte.frame').count()).resolves.toBe(2);

    // Browser -> broker: the switch stays on for the next packet; masked with 37 fa 21 3d.
    await page.locator('body').press('Home');
    await stepUntilRow(page, 'browser → broker: CONNECT');
    await sequence(page).getByText('browser → broker: CONNECT').first().click();
    await inspector(page).getByText(/From a client, so masked/).waitFor();
    const up = await dumpBytes(page);
    expect(up[0]).toBe('82');
    expect(parseInt(up[1]!, 16) & 0x80).toBe(0x80);
    expect(up.slice(2, 6)).toEqual(['37', 'fa', '21', '3d']);
    const payloadLength = parseInt(up[1]!, 16) & 0x7f;
    expect(up.length).toBe(6 + payloadLength);
    // The first MQTT byte (0x10, CONNECT) XOR the first key byte.
    expect(parseInt(up[6]!, 16)).toBe(0x10 ^ 0x37);
    await expect(inspector(page).locator('.dump .byte.frame').count()).resolves.toBe(6);

    // Hovering a header field lights its bytes; an MQTT field inside lights its (masked) bytes.
    await inspector(page).locator('tr[data-field]:has(.name:text-is("Masking key"))').hover();
    await expect(inspector(page).locator('.dump .byte.lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-offset')))).resolves.toEqual(['2', '3', '4', '5']);
    await inspector(page).locator('tr[data-field]:has(.name:text-is("Keep Alive"))').hover();
    const lit = await inspector(page).locator('.dump .byte.lit').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-offset'))));
    expect(lit).toEqual([16, 17]); // bytes 10-11 of the CONNECT, after the 6 header bytes
    await inspector(page).locator('.fields h4').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inspector-websocket-en-dark-1280x720.png') });
    // Back to MQTT over TCP: the plain packet again.
    await inspector(page).getByRole('button', { name: 'as MQTT over TCP' }).click();
    await expect(dumpBytes(page).then((b) => b[0])).resolves.toBe('10');
  });

  it('shows the WebSocket frame in German, with German header meanings', async () => {
    const page = await open(`?play=0&scenario=${encodeURIComponent(BROWSER_SCENARIO)}`, { locale: 'de-DE', colorScheme: 'dark' });
    await stepUntilRow(page, 'browser → broker: CONNECT');
    await sequence(page).getByText('browser → broker: CONNECT').first().click();
    await inspector(page).getByRole('button', { name: 'als WebSocket-Frame' }).click();
    await inspector(page).getByText(/Vom Client, also maskiert/).waitFor();
    const text = (await inspector(page).locator('.fields .meaning').allInnerTexts()).join('\n');
    expect(text).toContain('maskiert: jeder Frame eines Clients ist maskiert');
    expect(text).toContain('Binärframe: MQTT-Pakete reisen in Binärframes');
    await expect(inspector(page).locator('.fields .meaning[lang="en"]').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inspector-websocket-de-dark-1280x720.png') });
  });
});

/** A scenario with `n` clients that all connect and publish at once. */
function crowd(n: number, name: (i: number) => string): string {
  const names = Array.from({ length: n }, (_unused, i) => name(i + 1));
  return ['broker', ...names.map((c) => `client ${c}`), ...names.map((c) => `at 0s ${c} connect`), ...names.map((c) => `at 500ms ${c} publish -t hall/${c}/t -m 1`), 'at 3s end'].join('\n');
}

/** Bounding boxes of the clients' name labels on the stage. */
async function nameBoxes(page: Page): Promise<Array<{ name: string; x: number; y: number; width: number; height: number }>> {
  return page.locator('[data-node] text.name').evaluateAll((els) =>
    els.map((el) => {
      // The name only (its first text node), not the state word below it.
      const range = document.createRange();
      range.selectNodeContents(el);
      const first = el.firstChild!;
      range.setEnd(first, first.textContent!.length);
      const r = range.getBoundingClientRect();
      return { name: first.textContent!.trim(), x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

describe('the stage with many clients', () => {
  for (const [n, locale, colorScheme] of [
    [12, 'en-US', 'light'],
    [30, 'de-DE', 'dark'],
  ] as const) {
    it(`${n} clients (${locale}, ${colorScheme}): no name overlaps another, packet labels stay apart`, async () => {
      const scenario = crowd(n, (i) => (i === 3 ? 'temperature-sensor-hall-3' : `client-${String(i).padStart(2, '0')}`));
      const page = await open(`?play=0&scenario=${encodeURIComponent(scenario)}`, { locale, colorScheme });
      await page.locator(`[data-node="client-02"]`).waitFor();
      // Step until the CONNECTs are on the wire: each rests at its client, labelled (12) or not (30).
      for (let i = 0; i < 200 && (await page.locator('.packet').count()) < n; i++) await page.locator('body').press('ArrowRight');
      await expect(page.locator('.packet').count()).resolves.toBeGreaterThanOrEqual(n);
      if (n <= 16) await expect(page.locator('.packet text.label').count()).resolves.toBeGreaterThan(0);
      const boxes = await nameBoxes(page);
      expect(boxes).toHaveLength(n);
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1 || a.y + a.height <= b.y + 1 || b.y + b.height <= a.y + 1;
          expect(apart, `${a.name} and ${b.name}`).toBe(true);
        }
      }
      // A long name is shortened; the tooltip has it in full.
      await expect(page.locator('[data-node="temperature-sensor-hall-3"] text.name').textContent()).resolves.toMatch(/^\s*temperatu[a-z-]*…(\s|$)/);
      await expect(page.locator('[data-node="temperature-sensor-hall-3"] > title').textContent()).resolves.toContain('temperature-sensor-hall-3');
      // Packet labels do not overlap each other.
      const labels = await page.locator('.packet text.label').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) {
          const apart = a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;
          expect(apart).toBe(true);
        }
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, `stage-crowd-${n}-${locale.slice(0, 2)}-${colorScheme}-1280x720.png`) });
    });
  }
});
