/**
 * The live view (issue #17 part 2, "Done when"): `npm run broker -- --live` with a TCP and a
 * websockets listener; a real `mosquitto_sub` over TCP and an mqtt.js publisher over ws:// show up
 * in the app's own views (opened at the URL the broker prints): both clients on the stage, the
 * PUBLISH in the sequence diagram and, selected, its real bytes and the broker's rule in the
 * inspector. Pause freezes the picture while the broker keeps serving; step back works; "Back to
 * live" catches up. A recording opened from a file shows in the same views; a bad file is
 * refused with its line number. Screenshots go to node_modules/.cache/live-view-*.png.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, inject, test } from 'vitest';
import { readTrace } from '../../src/sim/trace-json.ts';
import { killAll, ROOT, startBroker, startProcess } from '../node/broker-process.ts';
import { browserPerFile, downloadedBytes } from './browser.ts';

const { openPage } = browserPerFile();
const dir = mkdtempSync(join(tmpdir(), 'mqttlab-live-e2e-'));
afterEach(killAll);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHOTS = join(ROOT, 'node_modules', '.cache');
const stage = (page: Page) => page.getByRole('region', { name: 'Topology', exact: true });
const sequence = (page: Page) => page.getByRole('region', { name: 'Sequence diagram', exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector', exact: true });
const liveBar = (page: Page) => page.getByRole('region', { name: 'Live view of the real broker' });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function publishOverWs(url: string, clientId: string, topic: string, payload: string): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId, protocolVersion: 4, reconnectPeriod: 0 });
  await client.publishAsync(topic, payload, { qos: 1 });
  await client.endAsync();
}

describe('npm run broker -- --live in real Chromium', () => {
  test('mosquitto_sub over TCP and mqtt.js over ws:// in the stage, diagram and inspector; pause, step back, back to live', async () => {
    const wsPort = await freePort();
    const config = join(dir, 'live.conf');
    writeFileSync(config, `listener 0\nallow_anonymous true\n\nlistener ${wsPort}\nprotocol websockets\nallow_anonymous true\n`);
    const broker = startBroker(['--config', config, '--port', '0', '--live', '--live-port', '0', '--live-root', inject('distDir')]);
    const tcpPort = Number((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)\n/))[1]);
    await broker.waitFor(new RegExp(`listening on 127\\.0\\.0\\.1:${wsPort} \\(ws://\\)`));
    const url = (await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!;

    const { page } = await openPage();
    await page.goto(url);
    await liveBar(page).getByText('Live: real traffic of npm run broker').waitFor();

    const sub = startProcess('mosquitto_sub', ['-p', String(tcpPort), '-i', 'watcher', '-t', 'lab/#', '-q', '1', '-v']);
    await stage(page).locator('[data-node="watcher (127.0.0.1)"][data-state="connected"]').waitFor();
    await publishOverWs(`ws://127.0.0.1:${wsPort}/mqtt`, 'browser-pub', 'lab/temp', '21.5');
    await sub.waitFor(/lab\/temp 21\.5/);

    // Both clients on the stage, named by client id and address.
    await stage(page).locator('[data-node="browser-pub (127.0.0.1)"]').waitFor();
    await expect(stage(page).getByRole('button', { name: /^Client watcher \(127\.0\.0\.1\): connected$/ }).isVisible()).resolves.toBe(true);
    // The PUBLISH in the diagram; selected, its real bytes and the broker's rule.
    const publishRow = sequence(page).getByText('browser-pub (127.0.0.1) → broker: PUBLISH').first();
    await publishRow.waitFor();
    await page.screenshot({ path: join(SHOTS, 'live-view-1-live.png') });
    await publishRow.click();
    await inspector(page).locator('.dump .byte').first().waitFor();
    const bytes = await inspector(page).locator('.dump .byte').allInnerTexts();
    expect(bytes.slice(0, 1)).toEqual(['32']); // PUBLISH, QoS 1
    expect(bytes.join(' ')).toContain('6c 61 62 2f 74 65 6d 70'); // "lab/temp"
    await inspector(page).getByText(/MQTT-\d/).first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'live-view-2-inspector.png') });

    // Pause: the picture stays while the broker keeps serving.
    await liveBar(page).getByRole('button', { name: 'Pause' }).click();
    const rowsBefore = await sequence(page).locator('.row').count();
    await publishOverWs(`ws://127.0.0.1:${wsPort}/mqtt`, 'late-pub', 'lab/late', 'x');
    await sub.waitFor(/lab\/late x/);
    await liveBar(page).getByText(/newer events? not shown/).waitFor();
    expect(await sequence(page).locator('.row').count()).toBe(rowsBefore);
    expect(await stage(page).locator('[data-node="late-pub (127.0.0.1)"]').count()).toBe(0);
    // Step back with the transport: one row less.
    await page.locator('.transport').getByRole('button', { name: 'Step back' }).click();
    await expect.poll(() => sequence(page).locator('.row').count()).toBeLessThan(rowsBefore);
    await page.screenshot({ path: join(SHOTS, 'live-view-3-paused.png') });
    // Back to live: caught up.
    await liveBar(page).getByRole('button', { name: 'Back to live' }).click();
    await stage(page).locator('[data-node="late-pub (127.0.0.1)"]').waitFor();
    await sequence(page).getByText('late-pub (127.0.0.1) → broker: PUBLISH').first().waitFor();
    await liveBar(page).getByRole('button', { name: 'Pause' }).waitFor();

    sub.kill('SIGTERM');
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 120_000);

  test('--config with users and an ACL: the live broker view refuses and denies what the real broker did', async () => {
    writeFileSync(join(dir, 'passwd'), 'alice:secret\nbob:hunter2\n');
    writeFileSync(join(dir, 'acl'), 'user alice\ntopic read plant/#\n\nuser bob\ntopic write plant/bob/#\n');
    const config = join(dir, 'users.conf');
    writeFileSync(config, `listener 0\nallow_anonymous false\npassword_file ${join(dir, 'passwd')}\nacl_file ${join(dir, 'acl')}\n`);
    const broker = startBroker(['--config', config, '--live', '--live-port', '0', '--live-root', inject('distDir')]);
    const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)\n/))[1]!;
    const url = (await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!;
    const { page } = await openPage();
    await page.goto(url);
    await liveBar(page).getByText('Live: real traffic of npm run broker').waitFor();

    const sub = startProcess('mosquitto_sub', ['-p', port, '-i', 'alice-sub', '-u', 'alice', '-P', 'secret', '-t', 'plant/#', '-v']);
    await stage(page).locator('[data-node="alice-sub (127.0.0.1)"][data-state="connected"]').waitFor();
    const wrong = startProcess('mosquitto_pub', ['-p', port, '-i', 'alice-wrong', '-u', 'alice', '-P', 'guess', '-t', 'plant/x', '-m', '1']);
    expect(await wrong.exited).not.toBe(0);
    expect(wrong.output()).toMatch(/not authori[sz]ed/i);
    for (const [topic, payload] of [['plant/hall/temp', 'forged'], ['plant/bob/temp', '21.5']] as const) {
      expect(await startProcess('mosquitto_pub', ['-p', port, '-i', 'bob-pub', '-u', 'bob', '-P', 'hunter2', '-q', '1', '-r', '-t', topic, '-m', payload]).exited).toBe(0);
    }
    await sub.waitFor(/plant\/bob\/temp 21\.5/);

    // The refused client is refused on the stage; the broker view holds what the real broker holds.
    await stage(page).locator('[data-node="alice-wrong (127.0.0.1)"][data-state="refused"]').waitFor();
    await page.locator('[data-node="broker"]').click();
    await inspector(page).locator('[data-retained="plant/bob/temp"]').waitFor();
    await expect(inspector(page).locator('[data-retained="plant/hall/temp"]').count()).resolves.toBe(0);
    await expect(inspector(page).locator('[data-session="alice-sub"]').isVisible()).resolves.toBe(true);
    await expect(inspector(page).locator('[data-session="alice-wrong"]').count()).resolves.toBe(0);
    expect(sub.output()).not.toContain('forged');
    await page.screenshot({ path: join(SHOTS, 'live-view-5-config.png') });

    // Every action would change only the view's copy, not the real broker and clients: offered
    // disabled, the reason shown once, in the inspector and in the menus (broker and client).
    const why = /^Not in the live view or a recording: this is real traffic\. These actions would change only this view’s copy of the clients and the broker, not the real ones/;
    const restart = inspector(page).getByRole('button', { name: 'Restart (without persistence)' });
    await expect(restart.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(restart.getAttribute('title')).resolves.toMatch(why);
    await expect(inspector(page).getByText(why).count()).resolves.toBe(1);
    // Real traffic goes on meanwhile: mosquitto_sub's keep-alive may add a PINGREQ/PINGRESP.
    const rowsBesidesPings = () => sequence(page).locator('.row').filter({ hasNotText: /PING(REQ|RESP)/ }).count();
    const stepsBefore = await rowsBesidesPings();
    await restart.click({ force: true });
    await page.locator('[data-node="broker"]').click({ button: 'right' });
    const menu = page.getByRole('dialog', { name: 'Actions for broker' });
    await menu.getByText(why).first().waitFor();
    await expect(menu.getByText(why).count()).resolves.toBe(1);
    const menuItem = menu.getByRole('menuitem', { name: 'Restart (with persistence)' });
    await expect(menuItem.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(menuItem.getAttribute('title')).resolves.toMatch(why);
    // "What if … here?" would fork real traffic: disabled too, pointing at the same reason.
    const whatIf = menu.getByRole('menuitem', { name: 'What if … here?' });
    await expect(whatIf.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(page.locator(`[id="${await whatIf.getAttribute('aria-describedby')}"]`).textContent()).resolves.toMatch(why);
    await expect(inspector(page).getByRole('checkbox', { name: 'What if … here?' }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'live-view-6-restart-disabled.png') });
    await whatIf.click({ force: true });
    await expect(page.getByRole('menuitem', { name: 'Back to direct actions' }).count()).resolves.toBe(0);
    await menuItem.click({ force: true });
    await page.keyboard.press('Escape');

    // The real subscriber's menu: publish, cut the cable, crash, ... all disabled; choosing
    // Publish… opens no form, Cut the cable cuts nothing.
    const watcher = stage(page).locator('[data-node="alice-sub (127.0.0.1)"]');
    await watcher.click({ button: 'right' });
    const clientMenu = page.getByRole('dialog', { name: 'Actions for alice-sub (127.0.0.1)' });
    await clientMenu.getByText(why).first().waitFor();
    await expect(clientMenu.getByText(why).count()).resolves.toBe(1);
    const clientItems = await clientMenu.getByRole('menuitem').evaluateAll((list) => list.map((b) => [b.textContent!.trim(), b.getAttribute('aria-disabled')]));
    expect(clientItems).toEqual([
      ['Inspect', null],
      ['Disconnect', 'true'],
      ['Publish…', 'true'],
      ['Subscribe…', 'true'],
      ['Cut the cable', 'true'],
      ['Crash', 'true'],
      ['Drop the next packet…', 'true'],
      ['What if … here?', 'true'],
    ]);
    await page.screenshot({ path: join(SHOTS, 'live-view-7-client-actions-disabled.png') });
    await clientMenu.getByRole('menuitem', { name: 'Publish…' }).click({ force: true });
    await expect(page.locator('form.action-form').count()).resolves.toBe(0);
    await clientMenu.getByRole('menuitem', { name: 'Cut the cable' }).click({ force: true });
    await page.keyboard.press('Escape');
    await expect(watcher.getAttribute('data-state')).resolves.toBe('connected');
    await page.locator('[data-node="broker"]').click();
    // The inspector switches to the broker after the click; its session list is then shown.
    await inspector(page).locator('[data-session="alice-sub"]').waitFor({ state: 'visible' });
    expect(await rowsBesidesPings()).toBe(stepsBefore);

    sub.kill('SIGTERM');
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 120_000);

  test('Open recording…: a recording in the same views; a bad file named with its line', async () => {
    const file = join(dir, 'rec.jsonl');
    const broker = startBroker(['--port', '0', '--record', file]);
    const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]!;
    await publishOverWs(`mqtt://127.0.0.1:${port}`, 'meter-7', 'energy/m7', '42');
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"format":"mqtt-lab-trace/1","source":"broker"}\n{"e":{"seq":0}}\n');

    const { page } = await openPage();
    const base = String(inject('baseUrl'));
    await page.goto(`${base}#recording`);
    await liveBar(page).waitFor();
    await liveBar(page).locator('input[type="file"]').setInputFiles(bad);
    await liveBar(page).getByRole('alert').getByText('bad.jsonl:2: entry: step must be a number ≥ 0').waitFor();
    await liveBar(page).locator('input[type="file"]').setInputFiles(file);
    await liveBar(page).getByText('Recording: rec.jsonl').waitFor();
    await expect(liveBar(page).getByRole('alert').count()).resolves.toBe(0);
    // It opens at its start: step through it with the transport.
    for (let i = 0; i < 40 && (await sequence(page).getByText('meter-7 (127.0.0.1) → broker: PUBLISH').count()) === 0; i++) {
      await page.locator('.transport').getByRole('button', { name: 'Step forward' }).click();
    }
    await sequence(page).getByText('meter-7 (127.0.0.1) → broker: PUBLISH').first().waitFor();
    await stage(page).locator('[data-node="meter-7 (127.0.0.1)"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'live-view-4-recording.png') });

    // Save recording: the same trace back as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), liveBar(page).getByRole('button', { name: 'Save recording' }).click()]);
    const saved = readTrace((await downloadedBytes(download)).toString('utf8'));
    const original = readTrace(readFileSync(file, 'utf8'));
    expect(saved.errors).toEqual([]);
    expect(saved.entries.map((e) => e.summary ?? e.explain?.key)).toEqual(original.entries.map((e) => e.summary ?? e.explain?.key));
    // With the broker's configuration in its header, for the broker view of whoever opens it.
    expect(saved.header?.broker).toEqual(original.header?.broker);
    expect(saved.header?.broker?.maxQueuedBytes).toBe(1024 * 1024);
    // Open as scenario: the sandbox in a new tab, with the recording as scenario text.
    const [sandbox] = await Promise.all([page.context().waitForEvent('page'), liveBar(page).getByRole('button', { name: 'Open as scenario' }).click()]);
    await sandbox.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').getByText('meter-7 publish -t energy/m7 -m 42 -q 1').waitFor();
    await sandbox.close();
  }, 120_000);

  test('#client: the sandbox\'s client on a real broker over ws://, a message round trip in the diagram, commands as in scenarios', async () => {
    const wsPort = await freePort();
    const config = join(dir, 'ws.conf');
    writeFileSync(config, `listener 0\nallow_anonymous true\n\nlistener ${wsPort}\nprotocol websockets\nallow_anonymous true\n`);
    const broker = startBroker(['--config', config, '--port', '0']);
    const tcpPort = Number((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)\n/))[1]);
    await broker.waitFor(new RegExp(`listening on 127\\.0\\.0\\.1:${wsPort} \\(ws://\\)`));
    const sub = startProcess('mosquitto_sub', ['-p', String(tcpPort), '-i', 'watcher', '-t', 'lab/#', '-v']);

    const { page } = await openPage();
    await page.goto(`${String(inject('baseUrl'))}?broker=${encodeURIComponent(`ws://127.0.0.1:${wsPort}/mqtt`)}#client`);
    const form = page.getByRole('form', { name: 'The sandbox’s client on a real broker' });
    const run = async (line: string) => {
      await form.getByLabel('Command, as in a scenario').fill(line);
      await form.getByRole('button', { name: 'Send' }).click();
    };
    // The broker view here is a replica fed by this client alone: the bar says so.
    await form.getByText(/^Broker view: only what this client saw\. The broker’s other clients and its configuration/).waitFor();
    await run('publsh -t x');
    await form.getByRole('alert').getByText('Column 1: a command starts with connect').waitFor();
    await run('connect -i web-1 -k 30');
    await form.getByText('connected', { exact: true }).waitFor();
    await expect(form.getByRole('alert').count()).resolves.toBe(0);
    await run('subscribe -t "lab/#" -q 1');
    await sequence(page).getByText('broker → web-1 (browser): SUBACK').first().waitFor();
    await run('publish -t lab/echo -m hello -q 1');
    // The round trip: sent by the app's client, back from the real broker, with real bytes.
    await sequence(page).getByText('web-1 (browser) → broker: PUBLISH').first().waitFor();
    const back = sequence(page).getByText('broker → web-1 (browser): PUBLISH').first();
    await back.waitFor();
    await sub.waitFor(/lab\/echo hello/);
    await stage(page).locator('[data-node="web-1 (browser)"][data-state="connected"]').waitFor();
    await back.click();
    await inspector(page).locator('.dump .byte').first().waitFor();
    expect((await inspector(page).locator('.dump .byte').allInnerTexts())[0]).toBe('32');
    await page.screenshot({ path: join(SHOTS, 'live-view-5-client.png') });
    await run('publish -t lab/x -m hi --qso 1');
    await form.getByRole('alert').getByText(/^Column 24: .*--qos/).waitFor();
    await run('disconnect');
    await form.getByText('not connected', { exact: true }).waitFor();
    sub.kill('SIGTERM');
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 120_000);
});
