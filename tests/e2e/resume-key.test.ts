/**
 * One resume key for exercises (`mqttlab.lessons.active`, src/ui/state/lessons.svelte.ts), in
 * real Chromium on the built app: a linked exercise (`#x=…`) started and reloaded comes back
 * through it; a learner who started a linked exercise before the update (only the old key
 * `mqttlab.linked.started` holds its digest) gets the exercise bar back with their text, and the
 * old key is moved over once; a shipped lesson's started exercise still wins over a stale old key.
 * English and German.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { exerciseUrl, type SharedExercise } from '../../src/lessons/exercise-link.ts';
import { browserPerFile } from './browser.ts';

const { openPage } = browserPerFile();

const START = 'client sensor\nclient dash\nat 0s sensor connect\nat 0s dash connect\nat 0.5s dash subscribe -t hall/temp\n';
const EXERCISE: SharedExercise = {
  title: { en: 'Publish the temperature', de: 'Die Temperatur veröffentlichen' },
  task: { en: 'The sensor publishes **21** on `hall/temp`.', de: 'Der Sensor veröffentlicht **21** unter `hall/temp`.' },
  start: START,
  goal: 'expect dash receives hall/temp "21" by 3s\n',
  solution: `${START}at 1s sensor publish -t hall/temp -m 21\n`,
  hints: { en: ['Which command publishes?'], de: ['Welcher Befehl veröffentlicht?'] },
  cheats: [],
};

const storage = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);
const savedText = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('mqttlab.scenario') ?? '{}') as { text?: string }).text ?? '');

async function openLink(page: Page): Promise<string> {
  await page.goto(exerciseUrl(`${inject('baseUrl')}?play=0`, EXERCISE));
  await page.locator('[data-linked] [data-exercise]').waitFor();
  return (await page.locator('[data-linked]').getAttribute('data-linked')) ?? '';
}

/** Types a line at the end of the scenario in Monaco and waits until it is saved. */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(`\n${line}`);
  await expect.poll(() => savedText(page), { timeout: 5000 }).toContain(line);
}

describe('one resume key for exercises', () => {
  for (const [locale, code, start, check, resumeHint, scenarioTab] of [
    ['en-US', 'en', 'Start exercise', 'Check', 'You started this exercise', 'Scenario'],
    ['de-DE', 'de', 'Aufgabe starten', 'Prüfen', 'Du hast diese Aufgabe begonnen', 'Szenario'],
  ] as const) {
    it(`${code}: a linked exercise started and reloaded comes back through the one key, with the learner's text`, async () => {
      const { page } = await openPage({ locale, viewport: { width: 1440, height: 900 } });
      const digest = await openLink(page);
      await page.locator('[data-linked]').getByRole('button', { name: start }).click();
      await typeLine(page, '# my line');
      expect(await storage(page, 'mqttlab.lessons.active')).toBe(`x/${digest}`);
      expect(await storage(page, 'mqttlab.linked.started')).toBeNull(); // no second key any more

      await page.reload();
      await page.locator('[data-linked] [data-resume]').getByText(resumeHint).waitFor();
      await page.getByRole('tab', { name: scenarioTab, exact: true }).click();
      await page.locator('[data-exercise-bar]').getByRole('button', { name: check, exact: true }).waitFor();
      expect(await savedText(page)).toContain('# my line');
    });

    it(`${code}: a learner who started a linked exercise before the update (only the old key) gets it back, and the old key is moved over`, async () => {
      const { page } = await openPage({ locale, viewport: { width: 1440, height: 900 } });
      const digest = await openLink(page);
      await page.locator('[data-linked]').getByRole('button', { name: start }).click();
      await typeLine(page, '# before the update');
      // The storage as the previous version left it: the digest under the old key, nothing under the new one.
      await page.evaluate((d) => {
        localStorage.removeItem('mqttlab.lessons.active');
        localStorage.setItem('mqttlab.linked.started', d);
      }, digest);

      await page.reload();
      await page.locator('[data-linked] [data-resume]').getByText(resumeHint).waitFor();
      await page.getByRole('tab', { name: scenarioTab, exact: true }).click();
      await page.locator('[data-exercise-bar]').getByRole('button', { name: check, exact: true }).waitFor();
      expect(await storage(page, 'mqttlab.lessons.active')).toBe(`x/${digest}`);
      expect(await storage(page, 'mqttlab.linked.started')).toBeNull();
      expect(await savedText(page)).toContain('# before the update');
    });
  }

  it("en: a shipped lesson's started exercise wins over a stale old key, which is dropped", async () => {
    const { page } = await openPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('mqttlab.lessons.active', '01-why-mqtt/1-first-message');
      localStorage.setItem('mqttlab.linked.started', 'some-old-digest');
    });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await page.locator('[data-lesson="01-why-mqtt"]').first().waitFor();
    await page.getByRole('tab', { name: 'Scenario', exact: true }).click();
    await page.locator('[data-exercise-bar]').getByRole('button', { name: 'Check', exact: true }).waitFor();
    expect(await storage(page, 'mqttlab.lessons.active')).toBe('01-why-mqtt/1-first-message');
    expect(await storage(page, 'mqttlab.linked.started')).toBeNull();
  });
});
