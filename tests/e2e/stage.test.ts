/**
 * The stage and the actor views in real Chromium: the app with its default scenario (paused with
 * `?play=0`), stepped with the keyboard; and the stage harness (src/ui/stage/harness) with 30
 * clients and 100 packets in flight; the harness's build (shared with the bench) has a folder of
 * its own beside this run's app build. Screenshots go to test-results/stage-*.png.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { serveStageHarness } from '../../src/node/bench/stage.ts';
import { browserPerFile, screenshotsDir } from './browser.ts';
import { servesThePage } from './served-page.ts';

const SCREENSHOTS = screenshotsDir();

const file = browserPerFile();
let harness: Awaited<ReturnType<typeof serveStageHarness>> | undefined;

afterAll(async () => {
  await harness?.close();
});

async function openApp(options: BrowserContextOptions = {}): Promise<Page> {
  const opened = await file.openPage(options);
  await opened.page.goto(`${inject('baseUrl')}?play=0`);
  await opened.page.locator('[data-node="sensor"]').waitFor();
  return opened.page;
}

/** Press the step key (on the page body) until `done` holds; bounded. */
async function stepUntil(page: Page, done: () => Promise<boolean>, maxSteps = 300): Promise<number> {
  for (let i = 0; i < maxSteps; i++) {
    if (await done()) return i;
    await page.locator('main').focus();
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`condition not reached in ${maxSteps} steps`);
}

const stage = (page: Page) => page.getByRole('region', { name: 'Topology', exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector', exact: true });

describe('stage in Chromium (default scenario)', () => {
  it('shows the broker and the clients with their connection state, and packets in flight', async () => {
    const page = await openApp();
    await expect(stage(page).getByRole('button', { name: 'Broker: running' }).isVisible()).resolves.toBe(true);
    await expect(stage(page).getByRole('button', { name: 'Client sensor: disconnected' }).isVisible()).resolves.toBe(true);
    await expect(stage(page).getByRole('button', { name: 'Client dashboard: disconnected' }).isVisible()).resolves.toBe(true);
    await stepUntil(page, async () => (await page.locator('[data-packet^="CONNECT"]').count()) > 0);
    const packet = page.locator('[data-packet^="CONNECT"]').first();
    await expect(packet.getAttribute('aria-label')).resolves.toMatch(/^CONNECT .* from (sensor|dashboard) to broker$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-packet-in-flight.png') });
    // Clicking a packet selects its send entry (the inspector shows the packet).
    await packet.click();
    await expect(packet.getAttribute('class')).resolves.toContain('selected');
    // (the packet inspector loads lazily)
    await expect.poll(() => inspector(page).textContent(), { timeout: 5000 }).toMatch(/CONNECT id=(sensor-17|dashboard)/);
    // Once the CONNACKs arrive, both clients are connected.
    await stepUntil(page, async () => (await page.locator('[data-node="dashboard"][data-state="connected"]').count()) > 0);
    await expect(stage(page).getByRole('button', { name: 'Client dashboard: connected' }).isVisible()).resolves.toBe(true);
  });

  it('cuts a cable from the context menu (keyboard) and shows the cut link', async () => {
    const page = await openApp();
    await stepUntil(page, async () => (await page.locator('[data-node="dashboard"][data-state="connected"]').count()) > 0);
    await page.locator('[data-node="dashboard"]').focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Actions for dashboard' });
    await menu.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-context-menu.png') });
    await menu.getByRole('menuitem', { name: 'Cut the cable' }).click();
    await page.locator('[data-cut="dashboard"]').waitFor();
    await expect(menu.count()).resolves.toBe(0);
    // Focus went back to the node.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-node'))).resolves.toBe('dashboard');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-cable-cut.png') });
    // And restored, from the mouse's context menu this time.
    await page.locator('[data-node="dashboard"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Restore the cable' }).click();
    await expect(page.locator('[data-cut="dashboard"]').count()).resolves.toBe(0);
  });

  it('selects the broker and shows its sessions, topic tree and retained messages', async () => {
    const page = await openApp();
    await stepUntil(page, async () => {
      const state = await page.locator('[data-node="broker"]').count();
      if (state === 0) return false;
      await page.locator('[data-node="broker"]').click();
      return (await page.locator('[data-retained="plant/s17/status"]').count()) > 0;
    });
    const panel = inspector(page);
    await expect(panel.getByRole('heading', { name: 'Sessions' }).isVisible()).resolves.toBe(true);
    await expect(panel.locator('[data-session="sensor-17"]').isVisible()).resolves.toBe(true);
    await expect(panel.locator('[data-session="dashboard"]').isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('heading', { name: 'Subscriptions as a topic tree' }).isVisible()).resolves.toBe(true);
    await expect(panel.locator('.level.single').first().textContent()).resolves.toContain('+');
    await expect(panel.locator('[data-retained="plant/s17/status"]').textContent()).resolves.toContain('online');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-broker-view.png') });
  });

  it('selects a client and shows its state machine with the current state highlighted', async () => {
    const page = await openApp();
    await page.locator('[data-node="sensor"]').click();
    await page.locator('[data-state-id="client.disconnected"][data-active="true"]').waitFor();
    await stepUntil(page, async () => (await page.locator('[data-state-id="client.connected.idle"][data-active="true"]').count()) > 0);
    await expect(page.locator('[data-state-id="client.connected"][data-active="true"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-state-id="client.disconnected"][data-active="false"]').count()).resolves.toBe(1);
    await expect(inspector(page).getByRole('img', { name: /State machine of sensor, current state: connected \(idle\)/ }).isVisible()).resolves.toBe(true);
    await expect(inspector(page).getByText(/next PINGREQ in/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-client-state.png') });
  });

  it('forks a "what if" from the menu and goes back to the earlier future', async () => {
    const page = await openApp();
    await stepUntil(page, async () => (await page.locator('[data-node="sensor"][data-state="connected"]').count()) > 0);
    await page.locator('[data-node="sensor"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'What if … here?' }).click();
    await page.getByRole('menu', { name: 'What if sensor … here?' }).waitFor();
    await page.getByRole('menuitem', { name: 'Publish…' }).click();
    await page.getByLabel('Topic name').fill('plant/s17/alarm');
    await page.getByLabel('Payload').fill('<img src=x onerror=alert(1)>');
    await page.getByRole('button', { name: 'Fork here' }).click();
    const back = page.getByRole('button', { name: 'Back to the earlier future' });
    await back.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-what-if-branch.png') });
    await back.click();
    await expect(back.count()).resolves.toBe(0);
  });

  it('keeps packets still in the middle of their link with reduced motion', async () => {
    const page = await openApp({ reducedMotion: 'reduce' });
    await stepUntil(page, async () => (await page.locator('[data-packet^="CONNECT"]').count()) > 0);
    const flight = page.locator('.flight', { has: page.locator('[data-packet^="CONNECT"]') }).first();
    const before = await flight.getAttribute('transform');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expect(flight.getAttribute('transform')).resolves.toBe(before);
  });
});

describe('stage with 30 clients and 100 packets (harness)', () => {
  it('shows every client and every packet, readable at 1280x720', async () => {
    harness ??= await serveStageHarness();
    const opened = await file.openPage();
    const page = opened.page;
    await page.goto(`${harness.url}?world=crowd&clients=30&packets=100`);
    await page.locator('[data-node="client-30"]').waitFor();
    await expect(page.locator('[data-node^="client-"]').count()).resolves.toBe(30);
    await expect(page.locator('[data-packet]').count()).resolves.toBe(100);
    await expect(page.getByText('100 packets in flight').isVisible()).resolves.toBe(true);
    // Every client label is inside the stage.
    const stageBox = (await page.locator('.stage').boundingBox())!;
    for (const box of await page.locator('[data-node^="client-"] .name').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(stageBox.x - 1);
      expect(box.right).toBeLessThanOrEqual(stageBox.x + stageBox.width + 1);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'stage-30-clients-100-packets.png') });
  });

  // A bench run and a test run at once (or two runs): each build has a folder of its own
  // (serve-build.ts), and closing one removes only that one. Here the harness is the second build,
  // made while this run's app build (the global setup's) is served.
  it("builds into a folder of its own beside this run's app build, and closing it removes only its own", async () => {
    const served = (harness ??= await serveStageHarness());
    const ours = inject('distDir');
    expect(path.basename(ours)).toMatch(/^mqttlab-e2e-dist-\d+-/);
    expect(served.outDir).not.toBe(ours);
    expect(path.dirname(served.outDir)).toBe(path.dirname(ours));
    expect(path.basename(served.outDir)).toMatch(new RegExp(`^mqttlab-stage-harness-${process.pid}-`));
    await servesThePage(served.url);
    harness = undefined;
    await served.close();
    expect(existsSync(served.outDir)).toBe(false);
    expect(existsSync(path.join(ours, 'index.html'))).toBe(true);
    await servesThePage(inject('baseUrl'));
  });
});

describe('zooming the stage at the pointer', () => {
  it('keeps the client under the pointer where it is in projector mode at 1280x720 (a short, enlarged stage)', async () => {
    const page = await openApp();
    await page.locator('.app-header button.projector').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.projector)).toBe('on');
    const circle = page.locator('.stage [data-node="sensor"] circle.body');
    const centre = async () => {
      const b = (await circle.boundingBox())!;
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    };
    const drawing = page.locator('.stage svg');
    for (let level = 1; level <= 2; level++) {
      const before = await centre();
      await page.mouse.move(before.x, before.y);
      await page.mouse.wheel(0, -100);
      await expect.poll(() => drawing.getAttribute('data-zoom')).toBe(String(level));
      const after = await centre();
      expect(Math.hypot(after.x - before.x, after.y - before.y), `sensor moved at zoom step ${level}`).toBeLessThan(1.5);
    }
  });
});
