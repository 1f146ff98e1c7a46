/**
 * Hosting for a class: the built app works from any folder of any web server. The same build the
 * other browser tests use is served under `/school/mqtt-lab/` by a plain static file server (no
 * SPA fallback: a wrong asset path is a 404), and the app opens, plays its scenario, loads the
 * lazy editor (Monaco and its worker) and the lessons, with no failed request.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserPerFile } from './browser.ts';
import { serveFolder, type StaticFolder } from './static-folder.ts';

const PREFIX = '/school/mqtt-lab/';

let served: StaticFolder;
let origin: string;

beforeAll(async () => {
  served = await serveFolder(inject('distDir'), PREFIX);
  origin = served.origin;
});

afterAll(async () => {
  await served.close();
});

const { openPage } = browserPerFile();

describe('the build served under a sub-path', () => {
  it(`opens, plays, and loads the editor and the lessons at ${PREFIX}`, async () => {
    const { page } = await openPage();
    await page.goto(`${origin}${PREFIX}`);
    await page.getByRole('main').waitFor();
    // The editor is lazy (Monaco and its worker): it must load from the sub-path too.
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), { timeout: 10_000 }).toContain('connect');
    // The lessons are lazy chunks as well.
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await page.locator('[data-lesson="01-why-mqtt"]').first().waitFor();
  });
});
