/**
 * A teacher shows the live view of a real `npm run broker -- --live` on the projector and
 * restarts the broker (a new configuration, say): the page says the feed closed and offers
 * "Connect again" instead of a Pause that no longer means anything; with unsaved events it asks
 * first (Cancel keeps them on screen), and once connected the new broker's traffic shows. In
 * German, with real mosquitto_pub clients. On a 1024x768 projector the live bar keeps to one row
 * (the LIVE badge stands for the words "Live: real traffic…", which stay for screen readers),
 * and a closed feed's words show. Screenshots: node_modules/.cache/teacher-live-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { killAll, ROOT, startBroker, startProcess } from '../node/broker-process.ts';
import { browserPerFile } from './browser.ts';

const { openPage } = browserPerFile();
afterEach(killAll);

const sequence = (page: Page) => page.getByRole('region', { name: 'Sequenzdiagramm' });

function publish(port: string, id: string): Promise<number | null> {
  return startProcess('mosquitto_pub', ['-p', port, '-i', id, '-t', 'halle/temp', '-m', '21', '-q', '1']).exited;
}

async function liveBroker(livePort: string): Promise<{ port: string; url: string; stop: () => Promise<unknown> }> {
  const broker = startBroker(['--port', '0', '--live', '--live-port', livePort, '--live-root', inject('distDir')]);
  const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)\n/))[1]!;
  const url = (await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!;
  return {
    port,
    url,
    stop: () => {
      broker.kill('SIGTERM');
      return broker.exited;
    },
  };
}

describe('the live view after the broker restarts', () => {
  test('says the feed closed, offers Connect again, asks before dropping unsaved events, then shows the new traffic', async () => {
    const first = await liveBroker('0');
    const livePort = new URL(first.url).port;
    const { page } = await openPage({ locale: 'de-DE' });
    await page.goto(first.url);
    const bar = page.getByRole('region', { name: 'Live-Ansicht des echten Brokers' });
    await bar.getByText('Live: echter Verkehr von npm run broker').waitFor();
    expect(await publish(first.port, 'vorher-pub')).toBe(0);
    await sequence(page).getByText(/vorher-pub .*PUBLISH/).first().waitFor();

    await first.stop();
    await bar.getByText('Der Live-Feed wurde geschlossen').waitFor();
    const again = bar.getByRole('button', { name: 'Neu verbinden' });
    await again.waitFor();
    await expect(bar.getByRole('button', { name: 'Anhalten' }).count()).resolves.toBe(0);

    const second = await liveBroker(livePort);
    await again.click();
    const ask = bar.getByRole('alertdialog');
    await expect(ask.textContent()).resolves.toMatch(/Neu zu verbinden beendet diese Ansicht: ihre \d+ Ereignisse sind nicht gespeichert\./);
    await page.screenshot({ path: join(ROOT, 'node_modules', '.cache', 'teacher-live-reconnect.png') });
    await ask.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(ask.count()).resolves.toBe(0);
    await expect(sequence(page).getByText(/vorher-pub .*PUBLISH/).count()).resolves.toBeGreaterThan(0);

    await again.click();
    await bar.getByRole('alertdialog').getByRole('button', { name: 'Ohne Speichern verbinden' }).click();
    await bar.getByText('Live: echter Verkehr von npm run broker').waitFor();
    await bar.getByRole('button', { name: 'Anhalten' }).waitFor();
    expect(await publish(second.port, 'nachher-pub')).toBe(0);
    await sequence(page).getByText(/nachher-pub .*PUBLISH/).first().waitFor();
    await second.stop();
  });

  test('keeps the live bar to one row on a 1024x768 projector; a closed feed says so', async () => {
    const broker = await liveBroker('0');
    const { page } = await openPage({ locale: 'de-DE', viewport: { width: 1024, height: 768 } });
    await page.goto(broker.url);
    const bar = page.getByRole('region', { name: 'Live-Ansicht des echten Brokers' });
    await bar.getByText('Live: echter Verkehr von npm run broker').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Beamer' }).click();
    expect(await publish(broker.port, 'beamer-pub')).toBe(0);
    await sequence(page).getByText(/beamer-pub .*PUBLISH/).first().waitFor();
    const barBox = (await bar.boundingBox())!;
    const button = (await bar.getByRole('button', { name: 'Als Szenario öffnen' }).boundingBox())!;
    expect(barBox.height).toBeLessThan(2 * button.height);
    await expect(bar.getByRole('status').textContent()).resolves.toBe('Live: echter Verkehr von npm run broker');
    await page.screenshot({ path: join(ROOT, 'node_modules', '.cache', 'teacher-live-1024-projector.png') });

    await broker.stop();
    const closed = bar.getByText('Der Live-Feed wurde geschlossen');
    await closed.waitFor();
    expect((await closed.boundingBox())!.width).toBeGreaterThan(100);
  });
});
