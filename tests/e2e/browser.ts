/**
 * Real Chromium for e2e tests: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * downloads). One Chromium serves the whole run (started by the global setup); each test file
 * connects to it, and every page gets a context of its own (fresh storage), so tests stay apart.
 * `openPage` gives a page in a fresh context plus the list of console errors and page errors
 * seen so far; tests assert it is empty.
 */
import { chromium, type Browser, type BrowserContextOptions, type Download, type Page } from 'playwright-core';
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
    viewport: { width: 1280, height: 720 },
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
  /** Opens a page in a fresh context; the page the test opened last is closed and checked after the test. */
  openPage: (options?: BrowserContextOptions) => Promise<OpenedPage>;
  /** The page the running test opened last, if it opened one. */
  readonly opened: OpenedPage | undefined;
}

/**
 * The usual life of a browser test file, as vitest hooks: the run's browser for the file, a fresh
 * context per page, and after each test its page closed and its errors asserted empty. Call at
 * the top of the file; `openPage` of the result opens the test's page. Every e2e file that uses
 * a browser starts this way.
 */
export function browserPerFile(): BrowserFile {
  let browser: Browser | undefined;
  let opened: OpenedPage | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const errors = opened?.errors ?? [];
    await opened?.page.context().close();
    opened = undefined;
    expect(errors).toEqual([]);
  });
  return {
    openPage: async (options = {}) => {
      opened = await openPage(browser!, options);
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
