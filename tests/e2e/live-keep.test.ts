/**
 * The live view keeps what it received until the user chooses otherwise, against a real
 * `npm run broker -- --live` and real mosquitto_pub clients: the Scenario tab says that nothing
 * typed there replaces the live view (and how to get a scenario); "Open recording…" with unsaved
 * events asks first (cancel keeps the feed; "save, then open" downloads them before the file is
 * shown); a recording opened on the live page has "Back to the live feed", which brings back what
 * the broker kept; closing the page with unsaved events makes the browser ask. In English and
 * German. Screenshots go to node_modules/.cache/live-keep-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { readTrace } from '../../src/sim/trace-json.ts';
import { killAll, ROOT, startBroker, startProcess } from '../node/broker-process.ts';
import { browserPerFile, downloadedBytes } from './browser.ts';

const { openPage } = browserPerFile();
afterEach(killAll);

const SHOTS = join(ROOT, 'node_modules', '.cache');
const WORDS = {
  en: {
    bar: 'Live view of the real broker',
    live: 'Live: real traffic of npm run broker',
    tab: 'Scenario',
    empty: 'The live view shows real traffic, not a scenario: nothing here can replace it.',
    save: 'Save recording',
    open: 'Open recording…',
    question: /^Opening mqtt-lab-live\.jsonl ends the live view: its \d+ events are not saved\.$/,
    cancel: 'Cancel',
    saveThenOpen: 'Save recording, then open',
    recording: 'Recording: mqtt-lab-live.jsonl',
    back: 'Back to the live feed',
  },
  de: {
    bar: 'Live-Ansicht des echten Brokers',
    live: 'Live: echter Verkehr von npm run broker',
    tab: 'Szenario',
    empty: 'Die Live-Ansicht zeigt echten Verkehr, kein Szenario: Nichts hier kann sie ersetzen.',
    save: 'Aufzeichnung speichern',
    open: 'Aufzeichnung öffnen …',
    question: /^mqtt-lab-live\.jsonl zu öffnen beendet die Live-Ansicht: ihre \d+ Ereignisse sind nicht gespeichert\.$/,
    cancel: 'Abbrechen',
    saveThenOpen: 'Aufzeichnung speichern, dann öffnen',
    recording: 'Aufzeichnung: mqtt-lab-live.jsonl',
    back: 'Zurück zum Live-Feed',
  },
} as const;

const sequence = (page: Page) => page.getByRole('region', { name: /^(Sequence diagram|Sequenzdiagramm)$/ });

function publish(port: string, id: string, topic: string): Promise<number | null> {
  return startProcess('mosquitto_pub', ['-p', port, '-i', id, '-t', topic, '-m', 'x', '-q', '1']).exited;
}

describe('the live view loses nothing the user did not choose to lose', () => {
  test.each(['en', 'de'] as const)('%s: the Scenario tab, Open recording… asks, back to the feed, closing asks', async (lang) => {
    const w = WORDS[lang];
    const broker = startBroker(['--port', '0', '--live', '--live-port', '0', '--live-root', inject('distDir')]);
    const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)\n/))[1]!;
    const url = (await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!;
    const { page } = await openPage({ locale: lang === 'de' ? 'de-DE' : 'en-US' });
    await page.goto(url);
    const bar = page.getByRole('region', { name: w.bar });
    await bar.getByText(w.live).waitFor();

    // The Scenario tab: no editor that could replace the live view, and it says why and what to do.
    await page.getByRole('tab', { name: w.tab, exact: true }).click();
    await page.getByText(w.empty).waitFor();

    expect(await publish(port, 'first-pub', 'lab/first')).toBe(0);
    await sequence(page).getByText(/first-pub .*PUBLISH/).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: w.save }).click()]);
    const file = await downloadedBytes(download);
    expect(readTrace(file.toString('utf8')).errors).toEqual([]);

    // Newer events, not saved: opening the file asks first.
    expect(await publish(port, 'second-pub', 'lab/second')).toBe(0);
    await sequence(page).getByText(/second-pub .*PUBLISH/).first().waitFor();
    const input = bar.locator('input[type="file"]');
    // A file that is no recording is refused at once, named with its line; the feed goes on.
    await input.setInputFiles({ name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"format":"mqtt-lab-trace/1","source":"broker"}\n{"e":{"seq":0}}\n') });
    await bar.getByRole('alert').getByText(/bad\.jsonl:2: /).waitFor();
    await expect(bar.getByRole('alertdialog').count()).resolves.toBe(0);
    await bar.getByText(w.live).waitFor();
    await input.setInputFiles({ name: 'mqtt-lab-live.jsonl', mimeType: 'application/x-ndjson', buffer: file });
    const ask = bar.getByRole('alertdialog');
    await ask.waitFor();
    await expect(bar.getByRole('alert').count()).resolves.toBe(0); // the bad file's message is over
    await expect(ask.locator('p').innerText()).resolves.toMatch(w.question);
    await page.screenshot({ path: join(SHOTS, `live-keep-ask-${lang}.png`) });
    await ask.getByRole('button', { name: w.cancel }).click();
    await expect(ask.count()).resolves.toBe(0);
    await bar.getByText(w.live).waitFor();
    await sequence(page).getByText(/second-pub .*PUBLISH/).first().waitFor();

    // Again, and "save, then open": the events are downloaded, then the recording is shown.
    await input.setInputFiles({ name: 'mqtt-lab-live.jsonl', mimeType: 'application/x-ndjson', buffer: file });
    const [all] = await Promise.all([page.waitForEvent('download'), ask.getByRole('button', { name: w.saveThenOpen }).click()]);
    const saved = readTrace((await downloadedBytes(all)).toString('utf8'));
    expect(saved.entries.some((e) => e.from.startsWith('second-pub') && e.summary?.startsWith('PUBLISH'))).toBe(true);
    await bar.getByText(w.recording).waitFor();
    expect(await sequence(page).getByText(/second-pub .*PUBLISH/).count()).toBe(0);

    // Back to the live feed: the broker sends what it kept, the newer publisher included.
    await bar.getByRole('button', { name: w.back }).click();
    await bar.getByText(w.live).waitFor();
    await sequence(page).getByText(/second-pub .*PUBLISH/).first().waitFor();
    await page.screenshot({ path: join(SHOTS, `live-keep-back-${lang}.png`) });

    // Closing the page with unsaved events: the browser asks (beforeunload), and staying keeps it.
    expect(await publish(port, 'third-pub', 'lab/third')).toBe(0);
    await sequence(page).getByText(/third-pub .*PUBLISH/).first().waitFor();
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const asked = await dialog;
    expect(asked.type()).toBe('beforeunload');
    await asked.dismiss();
    await bar.getByText(w.live).waitFor();

    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 120_000);
});
