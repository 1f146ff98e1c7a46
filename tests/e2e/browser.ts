/**
 * Real Chromium for e2e tests: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * downloads). One Chromium serves the whole run (started by the global setup); each test file
 * connects to it, and every page gets a context of its own (fresh storage), so tests stay apart;
 * a file may instead hand its next test the same page, emptied (`reusePages`, faster).
 * `openPage` gives a page in a fresh context plus the list of console errors and page errors
 * seen so far; tests assert it is empty.
 */
import { chromium, type Browser, type BrowserContextOptions, type Disposable, type Download, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

/**
 * The run's Chromium (global setup), connected to: a launch per file cost one to three seconds
 * under load. Closing the result disconnects and closes the contexts this file opened. Without
 * the global setup's browser (a file run on its own config), a Chromium of its own.
 */
export function launchBrowser(): Promise<Browser> {
  const wsEndpoint = inject('browserWsEndpoint');
  if (wsEndpoint) return chromium.connect(wsEndpoint);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught page errors, failed requests and missing assets, in order. */
  errors: string[];
}

/**
 * A page in a new context (fresh storage), 1280x720, English, light, unless overridden.
 * Service workers are blocked unless a test allows them (`serviceWorkers: 'allow'`, the offline
 * tests): a worker that controls the page answers from its cache, past `page.route`, and its
 * precaching would only add load to tests about something else.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: DEFAULT_VIEWPORT,
    locale: 'en-US',
    colorScheme: 'light',
    serviceWorkers: 'block',
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // A reload or navigation aborts what the old page was still loading (a lazy chunk): not an error.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    // `vite preview` answers a missing file with index.html (SPA fallback) and status 200, so a
    // missing asset (favicon, chunk) shows up as HTML where a resource was expected.
    else if (request.resourceType() !== 'document' && (response.headers()['content-type'] ?? '').startsWith('text/html')) {
      errors.push(`missing asset (got the SPA fallback page): ${response.url()}`);
    }
  });
  return { page, errors };
}

/** A test file's browser: see `browserPerFile`. */
export interface BrowserFile {
  /** Opens the test's page (see `browserPerFile`); the page the test opened last is checked after the test. */
  openPage: (options?: BrowserContextOptions) => Promise<OpenedPage>;
  /** The page the running test opened last, if it opened one. */
  readonly opened: OpenedPage | undefined;
}

export interface BrowserFileOptions {
  /**
   * Hand the next test the same page again instead of a page in a new context, when it asks
   * for the same options (the viewport aside, which is set anew). Between tests the page leaves
   * the app (its `pagehide` runs), the site's storage is emptied, routes and init scripts are
   * removed and the mouse goes back to the corner: the next test starts from a fresh state, as
   * in a new context. What it saves is the cold start: a new context is a new renderer process
   * that compiles the app and Monaco again (about 1.5 s a load under no load; a load in the same
   * page about 0.5 s). A test that fails gets its context closed, so the next one starts afresh.
   * Only for files whose tests use nothing else that outlives a navigation (`page.on`
   * listeners, `emulateMedia`, `setOffline`, CDP sessions, other origins, a live page's
   * beforeunload). Measure before using it: a file whose tests route requests (the cache is off
   * then: chunk-failure) or spend their time after the load (lessons) was not faster with it.
   */
  reusePages?: boolean;
}

/** A page kept for the next test with the same options: its init scripts, to be removed. */
interface PooledPage {
  opened: OpenedPage;
  scripts: Disposable[];
}

/** Keeps the init scripts a test adds to `page`, so the next test can be rid of them. */
function trackInitScripts(page: Page, scripts: Disposable[]): void {
  const add = page.addInitScript.bind(page);
  page.addInitScript = (async (...args: Parameters<Page['addInitScript']>) => {
    const disposable = await add(...args);
    scripts.push(disposable);
    return disposable;
  }) as Page['addInitScript'];
}

/** An empty page of the app's site, where a kept page waits for the next test (with an icon: no favicon.ico asked for). */
const BETWEEN_TESTS = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>between tests</title>';

/**
 * A used page made fresh for the next test: it leaves the app for an empty page of the same
 * site (the app's `pagehide` saves there, before the storage is emptied, not after), the storage
 * is emptied, routes and init scripts removed, the mouse moved to the corner.
 */
async function leavePage(pooled: PooledPage): Promise<void> {
  const { page } = pooled.opened;
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  for (const script of pooled.scripts.splice(0)) await script.dispose();
  const between = new URL('between-tests.html', inject('baseUrl')).href;
  await page.route(between, (route) => route.fulfill({ contentType: 'text/html', body: BETWEEN_TESTS }));
  await page.goto(between);
  await page.unroute(between);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.mouse.move(0, 0);
}

/**
 * The usual life of a browser test file, as vitest hooks: the run's browser for the file, a fresh
 * context per page, and after each test its page closed and its errors asserted empty. Call at
 * the top of the file; `openPage` of the result opens the test's page. Every e2e file that uses
 * a browser starts this way. With `reusePages`, tests asking for the same options share a page
 * that is made fresh between them (see `BrowserFileOptions`).
 */
export function browserPerFile(fileOptions: BrowserFileOptions = {}): BrowserFile {
  let browser: Browser | undefined;
  let opened: OpenedPage | undefined;
  /** With `reusePages`: the pages kept between tests, by their options (the viewport aside). */
  const pool = new Map<string, PooledPage>();
  /** The kept pages the running test was given. */
  const used = new Set<PooledPage>();
  const poolKey = (options: BrowserContextOptions) => JSON.stringify({ ...options, viewport: undefined });
  /** A kept page out of the pool, its context closed. */
  const drop = async (pooled: PooledPage) => {
    pool.forEach((p, key) => p === pooled && pool.delete(key));
    if (!pooled.opened.page.isClosed()) await pooled.opened.page.context().close();
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async (context) => {
    const errors = opened?.errors ?? [];
    const failed = context.task.result?.state === 'fail';
    if (!used.size) await opened?.page.context().close();
    for (const pooled of used) {
      if (failed || pooled.opened.page.isClosed()) await drop(pooled);
      else await leavePage(pooled).catch(() => drop(pooled));
      // As with pages in contexts of their own: only the errors of the test's last page count.
      if (pooled.opened !== opened) pooled.opened.errors.splice(0);
    }
    used.clear();
    opened = undefined;
    const seen = errors.splice(0);
    expect(seen).toEqual([]);
  });
  return {
    openPage: async (options = {}) => {
      if (!fileOptions.reusePages) {
        opened = await openPage(browser!, options);
        return opened;
      }
      const key = poolKey(options);
      const kept = pool.get(key);
      if (kept && !kept.opened.page.isClosed() && !used.has(kept)) {
        await kept.opened.page.setViewportSize(options.viewport ?? DEFAULT_VIEWPORT);
        used.add(kept);
        opened = kept.opened;
        return opened;
      }
      // None kept, the kept one was closed, or the test wants a second page with these options.
      opened = await openPage(browser!, options);
      const pooled: PooledPage = { opened, scripts: [] };
      trackInitScripts(opened.page, pooled.scripts);
      pool.set(key, pooled);
      used.add(pooled);
      return opened;
    },
    get opened() {
      return opened;
    },
  };
}

/**
 * The sequence diagram shows "Packets only" by default; tests written against every row
 * (states, timers, notes) choose "Everything" before the page loads (as a remembered choice).
 */
export async function showEveryRow(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (!localStorage.getItem('mqttlab.sequence')) localStorage.setItem('mqttlab.sequence', JSON.stringify({ filter: 'all', hidden: [] }));
  });
}

/** The sequence diagram's region, in either language. */
export const sequenceRegion = (page: Page) => page.getByRole('region', { name: /^(Sequence diagram|Sequenzdiagramm)$/ });

/** The inspector's region, in either language. */
export const inspectorRegion = (page: Page) => page.getByRole('region', { name: /^(Inspector|Inspektor)$/ });

/** Waits until the kernel has loaded and the transport is enabled, then pauses at the start. */
export async function readyAtStart(page: Page): Promise<void> {
  await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
  await page.locator('body').press('Home');
}

/**
 * The test's page on `scenario`, not playing, every sequence row shown, paused at the start;
 * `locale` as the browser's language (en-US, de-DE).
 */
export async function openScenarioAtStart(file: BrowserFile, scenario: string, locale: string): Promise<Page> {
  const { page } = await file.openPage({ locale });
  await showEveryRow(page);
  await page.goto(`${inject('baseUrl')}?play=0&scenario=${encodeURIComponent(scenario)}`);
  await readyAtStart(page);
  return page;
}

/**
 * A download's bytes. The run's Chromium is a remote one (see `launchBrowser`): `download.path()`
 * throws there ("Path is not available when connecting remotely"), its stream works.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Where e2e tests put their screenshots (test-results/, made when first asked for). */
export function screenshotsDir(): string {
  const dir = path.resolve(import.meta.dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Types `text` at the end of the scenario in Monaco (start it with `\n` for a new line); with
 * `stored`, waits until the app has saved a scenario containing it (the edit has landed).
 */
export async function typeAtScenarioEnd(page: Page, text: string, stored?: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 5 });
  if (stored !== undefined) {
    await expect.poll(() => page.evaluate(() => localStorage.getItem('mqttlab.scenario') ?? ''), { timeout: 5000 }).toContain(stored);
  }
}
