/**
 * The transport's keyboard shortcuts (Space, arrows, Home) in real Chromium act on the sandbox,
 * but never behind a modal dialog (the worksheet's print preview, the exercise builder, a
 * `<dialog>` shown modal) and never while focus is in a text field, where the keys belong to
 * the field.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile } from './browser.ts';

const browser = browserPerFile();

const clock = (page: Page) => page.locator('.transport').getByText(/\d+\.\d{3} s/).textContent();
const playing = (page: Page) => page.locator('.transport').getByRole('button', { name: 'Pause', exact: true }).count();

/** Presses every transport key; the sandbox must be where it was, and still paused. */
async function pressAllKeys(page: Page, where: string): Promise<void> {
  const before = await clock(page);
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowRight', 'Space', 'Home']) await page.keyboard.press(key);
  await page.waitForTimeout(300);
  await expect(clock(page), where).resolves.toBe(before);
  await expect(playing(page), where).resolves.toBe(0);
}

async function openApp(): Promise<Page> {
  const { page } = await browser.openPage();
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.locator('.transport button[aria-keyshortcuts="Home"]:not([disabled])').waitFor();
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  await shortcutsWork(page);
  return page;
}

/**
 * Shortcuts work on the page itself (so the checks can fail): Right steps until the clock moves
 * past 0 s (several steps happen at 0 s); bounded. Home in `pressAllKeys` would then go back to 0.
 */
async function shortcutsWork(page: Page): Promise<void> {
  await page.locator('h1').first().click();
  const before = await clock(page);
  for (let i = 0; i < 40 && (await clock(page)) === before; i++) await page.keyboard.press('ArrowRight');
  await expect(clock(page)).resolves.not.toBe(before);
}

describe('transport shortcuts and dialogs', () => {
  it('do nothing behind the worksheet preview, on its buttons or on its paper', async () => {
    const page = await openApp();
    await shortcutsWork(page);
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await page.locator('[data-lesson="01-why-mqtt"]').click();
    await page.locator('.crumbs').getByRole('button', { name: 'Print', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Worksheet' });
    await dialog.waitFor();
    await pressAllKeys(page, 'focus on Print…');
    await dialog.locator('.sheet').click({ position: { x: 20, y: 20 } });
    await pressAllKeys(page, 'after a click on the paper');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog.count()).resolves.toBe(0);
    await shortcutsWork(page);
  });

  it('do nothing behind the exercise builder (a modal <dialog>)', async () => {
    const page = await openApp();
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await page.getByRole('button', { name: 'Build an exercise' }).click();
    const builder = page.locator('dialog[data-builder]');
    await builder.waitFor();
    await builder.locator('h2, h3').first().click();
    await pressAllKeys(page, 'builder open');
    await page.keyboard.press('Escape');
    await expect.poll(() => builder.isVisible()).toBe(false);
    await shortcutsWork(page);
  });

  it('leave the keys to a text field: arrows move the cursor, Space types a space', async () => {
    const page = await openApp();
    await page.locator('[data-node="sensor"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'To a device…' }).click();
    const host = page.getByLabel('Broker address');
    await host.click();
    await pressAllKeys(page, 'in the broker address field');
    // The caret moved to the end (Right), Space typed a space there, Home went to the start.
    await expect(host.inputValue()).resolves.toBe('127.0.0.1 ');
    await page.keyboard.type('x');
    await expect(host.inputValue()).resolves.toBe('x127.0.0.1 ');
  });
});
