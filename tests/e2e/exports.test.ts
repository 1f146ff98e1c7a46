/**
 * Out of the sandbox, from the app: the sequence diagram downloads the run as a pcapng capture
 * (a file Wireshark reads: the pcapng magic, the broker's port, the summaries); a client's menu
 * shows it as a program for a real device, with a preview, what the target cannot express, Copy
 * and Download; the broker's menu shows Mosquitto's files with a hashed password file.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, downloadedBytes, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const { openPage } = browserPerFile();

const ACL_SCENARIO = `broker version=5 anonymous=off
user alice wonderland
acl user alice
acl topic readwrite plant/#
client alice
at 0s alice connect -u alice -P wonderland --will-topic plant/alice/status --will-payload gone -k 20
at 100ms alice subscribe -t plant/# -q 2
at 1s alice publish -t plant/valve -m open -q 2
at 3s alice cable-cut
`;

const LOSS_SCENARIO = `client sensor
at 0s sensor connect
at 500ms drop next PUBLISH from sensor
at 1s sensor publish -t plant/temp -m 21 -q 0
`;

/** The app with a scenario loaded, paused at its end. */
async function open(page: Page, query = '?play=0'): Promise<void> {
  await page.goto(`${inject('baseUrl')}${query}`);
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  await page.locator('.checklist').first().waitFor();
  await page.locator('.transport input[type="range"]').focus();
  await page.keyboard.press('End');
}

describe('exports in Chromium', () => {
  it('downloads the run as a pcapng capture from the sequence diagram', async () => {
    const { page } = await openPage({ acceptDownloads: true });
    await open(page);
    const diagram = page.getByRole('region', { name: 'Sequence diagram' });
    await diagram.getByTitle('Download the diagram as an image, or the run as a capture').click(); // the header's export menu
    const [download] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Wireshark capture (.pcapng)' }).click()]);
    expect(download.suggestedFilename()).toBe('mqtt-lab-run.pcapng');
    const bytes = await downloadedBytes(download);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('0a0d0d0a'); // a pcapng Section Header Block
    const text = bytes.toString('latin1');
    expect(text).toContain('sensor -> broker: CONNECT id=sensor-17');
    expect(text).toContain('MQTT Lab');
  });

  it('says why a packet was lost in the capture in the UI’s language (German)', async () => {
    const { page } = await openPage({ acceptDownloads: true, locale: 'de-DE' });
    await open(page, `?play=0&scenario=${encodeURIComponent(LOSS_SCENARIO)}`);
    const diagram = page.getByRole('region', { name: 'Sequenzdiagramm' });
    await diagram.getByTitle('Das Diagramm als Bild oder den Lauf als Mitschnitt herunterladen').click(); // the header's export menu
    const [download] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Wireshark-Mitschnitt (.pcapng)' }).click()]);
    const text = (await downloadedBytes(download)).toString('utf8');
    const comment = /sensor -> broker: PUBLISH[^\0]*?\(([^)]*)\)/.exec(text);
    expect(comment, 'the lost PUBLISH has a comment with its reason').not.toBeNull();
    expect(comment![1]).not.toMatch(/lost in the simulation/);
    expect(comment![1]).toMatch(/verloren|Kabel|getrennt|verworfen/i);
  });

  it('shows a client as a program and the broker as Mosquitto files, from the node menu', async () => {
    const { page } = await openPage({ acceptDownloads: true });
    await open(page, `?play=0&scenario=${encodeURIComponent(ACL_SCENARIO)}`);
    await page.locator('[data-node="alice"]').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for alice' }).getByRole('menuitem', { name: 'To a device…' }).click();
    const view = page.getByRole('group', { name: 'alice as a program for a real broker' });
    await view.getByText('alice.py').waitFor();
    await expect(view.locator('pre').textContent()).resolves.toContain('client.will_set("plant/alice/status", "gone".encode(), qos=0, retain=False)');
    await view.getByLabel('As').selectOption('arduino');
    await view.getByText('alice.ino').waitFor();
    await expect(view.getByText('things this target cannot express', { exact: false }).textContent()).resolves.toMatch(/^\d+ things/);
    await expect(view.locator('pre').textContent()).resolves.toContain('mqtt.subscribe("plant/#", 1);');
    await view.getByLabel('Broker address').fill('192.0.2.7');
    await expect.poll(() => view.locator('pre').textContent()).toContain('const char* MQTT_HOST = "192.0.2.7";');
    const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('alice.ino');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'export-device.png') });
    await view.getByRole('button', { name: 'Back' }).click();
    await page.keyboard.press('Escape');

    await page.locator('[data-node="broker"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'To Mosquitto…' }).click();
    const broker = page.getByRole('group', { name: 'The broker as Mosquitto configuration' });
    await broker.getByText('mosquitto.conf', { exact: true }).waitFor();
    const files = await broker.locator('pre').allTextContents();
    expect(files[0]).toContain('allow_anonymous false');
    expect(files[0]).toContain('password_file /etc/mosquitto/mqtt-lab.passwd');
    expect(files[1]).toContain('acl topic readwrite plant/#'.replace('acl ', ''));
    expect(files[2]).toMatch(/^alice:\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/=]{88}\n$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'export-mosquitto.png') });
  });

  it('writes the comments and the list of what a target cannot express in German in the German UI, the code unchanged', async () => {
    const { page } = await openPage({ locale: 'de-DE' });
    await open(page, `?play=0&scenario=${encodeURIComponent(ACL_SCENARIO)}`);
    await page.locator('[data-node="alice"]').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Aktionen für alice' }).getByRole('menuitem', { name: 'Auf ein Gerät …' }).click();
    const view = page.getByRole('group', { name: 'alice als Programm für einen echten Broker' });
    await view.getByLabel('Als').selectOption('arduino');
    await view.getByText('alice.ino').waitFor();
    const sketch = (await view.locator('pre').textContent()) ?? '';
    expect(sketch).toContain('// MQTT Lab: der Client „alice“ des Szenarios als Arduino-Sketch');
    expect(sketch).toContain('mqtt.subscribe("plant/#", 1);');
    expect(sketch).toContain('// hier nicht ausdrückbar: QoS 2 für plant/valve (PubSubClient veröffentlicht nur mit QoS 0)');
    for (const english of ['not expressible', 'the broker\'s address', 'reads incoming packets', ' at 3000 ms']) expect(sketch, english).not.toContain(english);
    const notes = await view.locator('.unsupported li').allInnerTexts();
    expect(notes).toContain('cable-cut bei 3000 ms: Kabel von Hand ziehen oder den Access Point ausschalten; der Sketch schließt stattdessen seinen Socket');
    await view.locator('.unsupported').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'export-device-de.png') });
  });
});
