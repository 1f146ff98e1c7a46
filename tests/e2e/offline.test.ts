/**
 * Offline after the first visit (issue 19): the build, served under a sub-path by a plain static
 * server, registers its service worker with the sub-path as scope; once it is active (the whole
 * build precached), the browser goes offline, the page reloads from the cache, a lesson exercise
 * is solved in Monaco and checked, and the progress and the autosaved text survive another
 * offline reload.
 *
 * A new version announces itself: a copy of the build is served, visited, then "deployed" anew
 * (a changed index.html and the service worker that lists it); on the next load the page still
 * runs the old files and shows "A new version is ready — reload"; Reload brings the new files.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, typeAtScenarioEnd } from './browser.ts';
import { serveFolder, type StaticFolder } from './static-folder.ts';

const PREFIX = '/school/mqtt-lab/';
const SCREENSHOTS = screenshotsDir();

let served: StaticFolder;

beforeAll(async () => {
  served = await serveFolder(inject('distDir'), PREFIX);
});

afterAll(async () => {
  await served.close();
});

const { openPage } = browserPerFile();

/** Wait until the service worker is active (its install, the precache, is complete); its scope. */
async function serviceWorkerScope(page: Page): Promise<string> {
  return page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
}

async function waitForEditor(page: Page): Promise<void> {
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
}

const lessonPanel = (page: Page) => page.locator('#editor-panel-lesson');

describe('offline after the first visit', () => {
  it('reloads offline and checks a lesson exercise; progress and autosave are kept', async () => {
    const { page } = await openPage({ serviceWorkers: 'allow' });
    const appUrl = `${served.origin}${PREFIX}`;
    await page.goto(`${appUrl}?play=0`);
    await waitForEditor(page);
    // The worker's scope is the folder the app is served from, not the site root.
    await expect(serviceWorkerScope(page)).resolves.toBe(appUrl);
    await page.getByText('MQTT Lab now works offline in this browser, your progress too.').waitFor();

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('main').waitFor();
    await waitForEditor(page);
    await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(true);

    // Lesson 01, its first exercise: start, solve in Monaco, check.
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').click();
    const first = page.locator('[data-exercise="01-why-mqtt/1-first-message"]');
    await first.getByRole('button', { name: 'Start exercise' }).click();
    await page.getByText('Opened the example “Your first reading (start)”.').waitFor();
    await typeAtScenarioEnd(page, '\nat 1s sensor publish -t plant/hall1/temp -m 21.5', '-m 21.5');
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await first.getByRole('button', { name: 'Check' }).click();
    await first.getByText('Solved! Every goal is reached.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-solved.png') });

    // Still offline: reload; the progress and the autosaved text are there.
    await page.reload();
    await waitForEditor(page);
    const editorText = await page.locator('.monaco-editor .view-lines').textContent();
    expect(editorText?.replace(/\s+/g, ' ')).toContain('-m 21.5'); // Monaco shows spaces as U+00A0
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await expect(lessonPanel(page).locator('[data-lesson="01-why-mqtt"]').first().textContent()).resolves.toContain('1/2 solved');
    await page.context().setOffline(false);
  });
});

describe('a new version announces itself', () => {
  let folder: string;
  let copy: StaticFolder;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'mqttlab-update-'));
    cpSync(inject('distDir'), folder, { recursive: true });
    copy = await serveFolder(folder, PREFIX);
  });

  afterAll(async () => {
    await copy.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Deploy "build B": index.html changed, and the service worker lists its new revision. */
  function deployNewVersion(): void {
    const html = path.join(folder, 'index.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace('<head>', '<head>\n    <meta name="mqttlab-build" content="B" />'));
    const sw = path.join(folder, 'sw.js');
    const before = readFileSync(sw, 'utf8');
    const after = before.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1new-build-b"');
    expect(after).not.toBe(before);
    writeFileSync(sw, after);
  }

  it('shows "A new version is ready — reload" and runs the new files only after Reload', async () => {
    const { page } = await openPage({ serviceWorkers: 'allow' });
    const build = () => page.locator('meta[name="mqttlab-build"]').count();
    await page.goto(`${copy.origin}${PREFIX}?play=0`);
    await page.getByRole('main').waitFor();
    await serviceWorkerScope(page);
    await page.reload(); // now the worker controls the page
    await page.getByRole('main').waitFor();

    deployNewVersion();
    await page.reload();
    await page.getByRole('main').waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'A new version is ready — reload' });
    await notice.waitFor({ timeout: 30_000 });
    await expect(build()).resolves.toBe(0); // still the old files, all of them
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-update-notice.png') });

    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(build, { timeout: 30_000 }).toBe(1);
    await page.getByRole('main').waitFor();
    await expect(page.getByText('A new version is ready — reload').count()).resolves.toBe(0);
  });
});
