/**
 * A share link as it arrives after travelling through mail and chat: a filter that
 * percent-encoded the `=` (`#s%3D…`), percent-escapes inside, a `).` picked up at the end of a
 * sentence. Each opens the shared scenario in the built app; a link cut short is still refused
 * with a message in the learner's language.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { packText } from '../../src/scenario/link-codec.ts';
import { browserPerFile, screenshotsDir } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const file = browserPerFile();
const TEXT = '# shared in class: Grüße\nclient a\nat 0s a connect\nexpect a connack 0\n';
const VALUE = packText(TEXT);

async function open(hash: string, locale = 'en-US'): Promise<Page> {
  const { page } = await file.openPage({ locale });
  await page.goto(`${inject('baseUrl')}?play=0${hash}`);
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
  return page;
}

const savedText = (page: Page): Promise<string> =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('mqttlab.scenario') ?? '{"text":""}') as { text: string }).text);

describe('share links that travelled', () => {
  it.each([
    ['the = percent-encoded by a mail filter', `#s%3D${VALUE}`],
    ['percent-escapes inside the value', `#s=${VALUE.slice(0, 5)}%${VALUE.charCodeAt(5).toString(16).toUpperCase()}${VALUE.slice(6)}`],
    ['a closing bracket and full stop after it', `#s=${VALUE}).`],
  ])('opens the scenario: %s', async (_name, hash) => {
    const page = await open(hash);
    await page.getByText('Opened the scenario from the link').waitFor();
    await expect.poll(() => savedText(page)).toBe(TEXT);
    await expect(page.evaluate(() => location.hash)).resolves.toBe('');
  });

  it('a link cut short is refused with a message, in German too, and the text is left alone', async () => {
    const page = await open(`#s%3D${VALUE.slice(0, -6)}`, 'de-DE');
    const alert = page.locator('[role=alert]').filter({ hasText: 'Dieser Link lässt sich nicht öffnen' });
    await alert.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'share-link-cut-de-1280x720.png') });
    expect(await savedText(page)).not.toContain('shared in class');
  });
});
