/**
 * Live packets fly on the stage (issue #17): `npm run broker -- --live`, a real mqtt.js
 * subscriber and publisher over TCP; the PUBLISH to the broker and the PUBLISH the broker sends
 * on each appear as a packet on the stage and move along their link (their real flight takes no
 * time, so the stage gives them a short one: src/ui/state/flights.ts, INSTANT_FLIGHT_MS).
 *
 * The page records, every animation frame, where each PUBLISH packet on the stage is drawn: a
 * packet that only blinked into place at its receiver would show one position, a flying one
 * several, moving away from its sender. Screenshot: node_modules/.cache/live-stage.png.
 */
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { killAll, ROOT, startBroker } from '../node/broker-process.ts';
import { browserPerFile } from './browser.ts';

const { openPage } = browserPerFile();
afterEach(killAll);

/** Installed in the page: samples the PUBLISH packets on the stage every frame. */
const SAMPLER = `(() => {
  const seen = [];
  window.__liveStageSamples = seen;
  const tick = () => {
    for (const p of document.querySelectorAll('.stage [data-packet^="PUBLISH"]')) {
      const flight = p.parentElement;
      if (!flight || flight.getAttribute('display') === 'none') continue;
      seen.push({ seq: p.getAttribute('data-seq'), transform: flight.getAttribute('transform'), opacity: Number(flight.getAttribute('opacity') ?? 1), aria: p.getAttribute('aria-label') });
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

interface Sample {
  seq: string;
  transform: string;
  opacity: number;
  aria: string;
}

describe('live packets on the stage, in real Chromium', () => {
  test('a real PUBLISH flies from the publisher to the broker and on to the subscriber', async () => {
    const broker = startBroker(['--port', '0', '--live', '--live-port', '0', '--live-root', inject('distDir')]);
    const port = Number((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)\n/))[1]);
    const url = (await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!;

    const { page } = await openPage();
    await page.goto(url);
    await page.getByText('Live: real traffic of npm run broker').waitFor();

    const sub = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'display', protocolVersion: 4, reconnectPeriod: 0 });
    await sub.subscribeAsync('lab/#', { qos: 0 });
    const stage = page.getByRole('region', { name: 'Topology', exact: true });
    await stage.locator('[data-node="display (127.0.0.1)"][data-state="connected"]').waitFor();

    await page.evaluate(SAMPLER);
    const pub = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'meter', protocolVersion: 4, reconnectPeriod: 0 });
    const got = new Promise<string>((resolve) => sub.on('message', (_topic, payload) => resolve(payload.toString())));
    await pub.publishAsync('lab/power', '230', { qos: 0 });
    expect(await got).toBe('230');

    const samples = () => page.evaluate('window.__liveStageSamples') as Promise<Sample[]>;
    const flown = (all: Sample[], to: RegExp) => new Set(all.filter((s) => to.test(s.aria) && s.opacity > 0.5).map((s) => s.transform)).size;
    // Both PUBLISH packets, up (meter -> broker) and down (broker -> display), drawn at several places.
    await expect.poll(async () => flown(await samples(), /from meter \(127\.0\.0\.1\) to broker/), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => flown(await samples(), /from broker to display \(127\.0\.0\.1\)/), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(ROOT, 'node_modules', '.cache', 'live-stage.png') });

    // Then they have landed: nothing stays on the wire.
    await expect.poll(() => stage.locator('.flight:not([display="none"]) [data-packet^="PUBLISH"]').count(), { timeout: 15_000 }).toBe(0);

    await pub.endAsync();
    await sub.endAsync();
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 120_000);
});
