/**
 * Key hints read from the shortcuts table (src/ui/keyboard/shortcuts.ts), in real Chromium on the
 * built app, English and German: the Run button's tooltip and aria-keyshortcuts, the editor's
 * screen-reader label and Tab hint, the Check button's tooltip; Ctrl+Space, which the table gives
 * to Monaco's suggest, opens the suggest widget (monaco.ts reports an error, which fails every
 * browser test, if the table names a Monaco action the editor lacks); Esc, the table's "close a
 * menu", closes the stage's actions menu (Shift+Esc too); the help lists Esc for the examples menu.
 */
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart } from './browser.ts';

const file = browserPerFile();

describe('key hints from the shortcuts table', () => {
  for (const [locale, code, ctrl, run, labelRun, hint, closeExamples] of [
    ['en-US', 'en', 'Ctrl', 'un', 'Ctrl+Enter runs it', 'Tab: next control · Ctrl+M: Tab indents', 'Close the examples menu'],
    ['de-DE', 'de', 'Strg', 'usführen', 'Strg+Enter führt ihn aus', 'Tab: nächstes Element · Strg+M: Tab rückt ein', 'Das Beispielmenü schließen'],
  ] as const) {
    it(`${code}: the Run tooltip, the editor's label and Tab hint name the table's keys; Ctrl+Space suggests; Esc closes a node's menu`, async () => {
      const { page } = await file.openPage({ locale });
      await page.goto(`${inject('baseUrl')}?play=0`);
      await readyAtStart(page);
      const runButton = page.locator('.toolbar button.run');
      await expect(runButton.textContent()).resolves.toContain(run);
      await expect(runButton.getAttribute('title')).resolves.toMatch(new RegExp(`\\(${ctrl}\\+Enter\\)$`));
      await expect(runButton.getAttribute('aria-keyshortcuts')).resolves.toBe('Control+Enter Meta+Enter');

      const editor = page.locator('.scenario-editor[data-ready="true"] .monaco-editor');
      await editor.locator('.view-lines').waitFor();
      await expect(editor.getByLabel(labelRun).count()).resolves.toBeGreaterThan(0); // Monaco's input element
      await editor.locator('.view-lines').click();
      await page.locator('.scenario-editor .tab-hint').getByText(hint).waitFor();

      // Ctrl+Space at the start of a new line: Monaco's suggest widget offers the commands.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row').first().waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.suggest-widget .monaco-list-row').first().waitFor({ state: 'hidden' });

      // Esc closes a node's actions menu.
      await page.locator('[data-node]').first().click({ button: 'right' });
      const popup = page.locator('.popup[role="dialog"]');
      await popup.getByRole('menuitem').first().waitFor();
      await popup.focus();
      await page.keyboard.press('Escape');
      await popup.waitFor({ state: 'detached' });
      // Shift+Esc closes it too.
      await page.locator('[data-node]').first().click({ button: 'right' });
      await popup.getByRole('menuitem').first().waitFor();
      await page.keyboard.press('Shift+Escape');
      await popup.waitFor({ state: 'detached' });

      // The help ("?") lists Esc where it closes something outside the sandbox too.
      await page.keyboard.press('?');
      const help = page.locator('dialog[data-shortcuts]');
      await help.getByText(closeExamples, { exact: true }).waitFor();
      await expect(help.locator('dd').count()).resolves.toBe(18);
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });
    });
  }

  it("de: the Check button of a started exercise names the table's key", async () => {
    const { page } = await file.openPage({ locale: 'de-DE', viewport: { width: 1440, height: 900 } });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(page);
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    await page.locator('[data-lesson="01-why-mqtt"]').first().click();
    await page.locator('[data-exercise="01-why-mqtt/1-first-message"]').getByRole('button', { name: 'Aufgabe starten' }).click();
    const check = page.locator('[data-exercise-bar]').getByRole('button', { name: 'Prüfen', exact: true });
    await check.waitFor();
    await expect(check.getAttribute('title')).resolves.toBe('Dein Szenario mit den Zielen prüfen (Alt+Enter)');
    await expect(check.getAttribute('aria-keyshortcuts')).resolves.toBe('Alt+Enter');
  });
});
