/**
 * Projector mode as a teacher shows it on a classroom projector, at 1280x720 in real Chromium,
 * in German and English, switched on with the header's toggle:
 * - the stage: while the clients connect, no packet label covers a client's name, its state
 *   word or the broker's name; the clients stand spread over the stage's height, and their
 *   names show whole;
 * - the sequence diagram: five lanes (four clients) fit the panel with every name whole (every
 *   other one a row lower), names on a row keep a visible space between them, and the rows'
 *   text keeps room for about 20 characters; three lanes (the default scenario) have their
 *   names on one row with a space between "broker" and "dashboard";
 * - the scenario toolbar's buttons, the share link's too, stay on one row.
 * And on a 1024x768 touch tablet in projector mode: the sequence header's controls stay in one
 * row beside the title, and five lanes show whole names; on a 390x844 phone, the stage's names
 * and state words show whole inside it.
 * Screenshots: test-results/projector-layout-*.png.
 */
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, readyAtStart, screenshotsDir } from './browser.ts';
import { CLIENTS, FOUR_CLIENTS_SCENARIO } from './four-clients.ts';

const file = browserPerFile();

interface Rect {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const intersect = (a: Rect, b: Rect, slackPx = 0.5) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > slackPx && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slackPx;

/** Opens `scenario` (or the default one) at 1280x720 (or `size`) in `locale`, paused at the start, and switches projector mode on with the header's toggle. */
async function openInProjectorMode(locale: string, scenario?: string, size: BrowserContextOptions = { viewport: { width: 1280, height: 720 } }): Promise<Page> {
  const { page } = await file.openPage({ locale, ...size });
  await page.goto(`${inject('baseUrl')}?play=0${scenario ? `&scenario=${encodeURIComponent(scenario)}` : ''}`);
  await readyAtStart(page);
  await page.locator('.app-header button.projector').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.projector)).toBe('on');
  return page;
}

/** The drawn packet labels and what they must not cover: each name (with its state word) and the broker's name. */
function stageTexts(page: Page): Promise<{ labels: Rect[]; names: Rect[] }> {
  return page.evaluate(() => {
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent?.trim() ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const visible = (e: Element) => (e.closest('.flight')?.getAttribute('display') ?? '') !== 'none' && Number(e.closest('.flight')?.getAttribute('opacity') ?? 1) > 0.01;
    return {
      labels: [...document.querySelectorAll('.stage .packet .label')].filter(visible).map(rect),
      names: [...document.querySelectorAll('.stage [data-node] .name, .stage .broker-name')].map(rect),
    };
  });
}

/** The lane names (at the end of the run) all whole, none over another, names on one row at least 10 px apart. */
async function expectWholeLaneNamesApart(page: Page): Promise<void> {
  const header = page.locator('.lane-header');
  await header.locator('.lane-name').first().waitFor();
  const read = () =>
    header.locator('.lane-name').evaluateAll((els) =>
      els.map((e) => {
        const shown = (e.querySelector('[aria-hidden="true"]') ?? e) as HTMLElement;
        const r = shown.getBoundingClientRect();
        return { text: shown.textContent?.trim() ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom, short: e.classList.contains('short') };
      }),
    );
  await expect.poll(async () => (await read()).filter((n) => n.short).map((n) => n.text), { timeout: 10_000 }).toEqual([]);
  const lanes = await read();
  expect(lanes.map((n) => n.text).sort()).toEqual([...CLIENTS, 'broker'].sort());
  // Names on the same row (same top) are at least 10 px apart; on different rows they do not overlap either.
  for (let i = 0; i < lanes.length; i++) {
    for (let j = i + 1; j < lanes.length; j++) {
      const [a, b] = [lanes[i]!, lanes[j]!];
      expect(intersect(a, b, 0), `"${a.text}" over "${b.text}"`).toBe(false);
      if (Math.abs(a.top - b.top) < 2) expect(Math.max(b.left - a.right, a.left - b.right), `space between "${a.text}" and "${b.text}"`).toBeGreaterThanOrEqual(10);
    }
  }
}

/** Steps forward with the keyboard (the step key on the page, as a teacher would press it). */
async function step(page: Page): Promise<void> {
  await page.locator('main').focus();
  await page.keyboard.press('ArrowRight');
}

describe.each(['de-DE', 'en-US'])('projector mode at 1280x720, %s', (locale) => {
  it('stage: packet labels never cover a name, a state word or the broker; the clients use the stage and show whole names', async () => {
    const page = await openInProjectorMode(locale, FOUR_CLIENTS_SCENARIO);
    const stage = (await page.locator('.stage').boundingBox())!;

    // The clients spread over the stage's height (they stood in a flat band around the broker).
    const nodes = await page.locator('.stage [data-node] circle.body').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(nodes.length).toBe(CLIENTS.length);
    const span = Math.max(...nodes.map((n) => n.bottom)) - Math.min(...nodes.map((n) => n.top));
    expect(span, `clients span ${span} of the stage's ${stage.height} px`).toBeGreaterThan(stage.height * 0.8);
    // Every name whole ("dashboard", not "dashboa…") and inside the stage.
    const names = await page.locator('.stage [data-node] .name').evaluateAll((els) =>
      els.map((e) => ({ name: e.firstChild?.textContent?.trim() ?? '', right: e.getBoundingClientRect().right, left: e.getBoundingClientRect().left })),
    );
    expect(names.map((n) => n.name).sort()).toEqual([...CLIENTS].sort());
    for (const n of names) expect(n.left >= stage.x - 1 && n.right <= stage.x + stage.width + 1, `${n.name} inside the stage`).toBe(true);

    // Step through the connects and the first publish: at every step, no label on a name.
    let labelsSeen = 0;
    for (let i = 0; i < 40; i++) {
      await step(page);
      const { labels, names: texts } = await stageTexts(page);
      labelsSeen += labels.length;
      for (const label of labels) {
        for (const text of texts) expect(intersect(label, text), `step ${i + 1}: "${label.text}" over "${text.text}"`).toBe(false);
      }
      if (i === 12) await page.screenshot({ path: path.join(screenshotsDir(), `projector-layout-stage-${locale}.png`) });
    }
    expect(labelsSeen, 'packet labels were drawn').toBeGreaterThan(10);
  });

  it('sequence diagram: five lanes with whole names apart from each other, and room for the rows', async () => {
    const page = await openInProjectorMode(locale, FOUR_CLIENTS_SCENARIO);
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await expectWholeLaneNamesApart(page);
    // No sideways scrolling, and the row text has room for about 20 characters of its font.
    const room = await page.evaluate(() => {
      const scroller = document.querySelector('.lane-header')!.closest<HTMLElement>('.scroller')!;
      const text = scroller.querySelector<HTMLElement>('.row .text')!;
      const context = document.createElement('canvas').getContext('2d')!;
      const style = getComputedStyle(text);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const sample = 'broker → dashboard: PUBLISH';
      return { scroll: scroller.scrollWidth - scroller.clientWidth, chars: text.clientWidth / (context.measureText(sample).width / sample.length) };
    });
    expect(room.scroll, 'no sideways scrolling').toBeLessThanOrEqual(1);
    expect(room.chars, 'characters of row text').toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: path.join(screenshotsDir(), `projector-layout-sequence-${locale}.png`) });
  });

  it('sequence diagram: the default scenario\'s three names on one row, "broker" and "dashboard" apart', async () => {
    const page = await openInProjectorMode(locale);
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    const names = page.locator('.lane-header .lane-name');
    await expect.poll(() => names.allTextContents()).toEqual(['sensor', 'broker', 'dashboard']);
    const boxes = await names.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(new Set(boxes.map((b) => Math.round(b.top))).size, 'one row').toBe(1);
    for (let i = 0; i + 1 < boxes.length; i++) expect(boxes[i + 1]!.left - boxes[i]!.right, `space after name ${i + 1}`).toBeGreaterThanOrEqual(10);
  });

  it('scenario toolbar: every button on one row, the share link inside the column', async () => {
    const page = await openInProjectorMode(locale);
    const toolbar = page.getByRole('group', { name: /^(Scenario actions|Szenario-Aktionen)$/ });
    const boxes = await toolbar.locator('.buttons > *').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const column = (await toolbar.boundingBox())!;
    expect(boxes.length).toBe(5); // run, examples, import, export, share
    for (const box of boxes) {
      expect(Math.abs(box.top - boxes[0]!.top), 'on the first row').toBeLessThanOrEqual(1);
      expect(box.right).toBeLessThanOrEqual(column.x + column.width);
    }
    await toolbar.screenshot({ path: path.join(screenshotsDir(), `projector-layout-toolbar-${locale}.png`) });
  });
});

describe.each(['de-DE', 'en-US'])('projector mode on a 1024x768 touch tablet, %s', (locale) => {
  it('keeps the sequence header in one row and five lanes with whole names', async () => {
    const page = await openInProjectorMode(locale, FOUR_CLIENTS_SCENARIO, { viewport: { width: 1024, height: 768 }, hasTouch: true });
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await page.locator('[data-area="sequence"] .exports').waitFor();
    const parts = await page.locator('[data-area="sequence"] .panel-header').evaluate((header) =>
      [...header.children].map((child) => {
        const box = child.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom };
      }),
    );
    expect(parts.length).toBe(4); // title, filter, columns, export
    const tallest = Math.max(...parts.map((b) => b.bottom - b.top));
    const rowSpan = Math.max(...parts.map((b) => b.bottom)) - Math.min(...parts.map((b) => b.top));
    expect(rowSpan, 'all in one row').toBeLessThanOrEqual(tallest + 1);
    await expectWholeLaneNamesApart(page);
    await page.screenshot({ path: path.join(screenshotsDir(), `projector-layout-tablet-${locale}.png`) });
  });
});

describe('projector mode on a 390x844 phone', () => {
  it('stage: every name and state word whole and inside the stage, the side clients away from the broker', async () => {
    const page = await openInProjectorMode('de-DE', FOUR_CLIENTS_SCENARIO, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await page.locator('nav.views button[data-view="stage"]').click();
    await page.locator('.stage [data-node="dashboard"][data-state="connected"]').waitFor();
    const stage = (await page.locator('.stage').boundingBox())!;
    const names = await page.locator('.stage [data-node] .name').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect(); // the name with its state word
        return { name: e.firstChild?.textContent?.trim() ?? '', word: e.querySelector('.state-word')?.textContent ?? '', left: r.left, right: r.right };
      }),
    );
    expect(names.map((n) => n.name).sort()).toEqual([...CLIENTS].sort());
    for (const n of names) {
      expect(n.word, n.name).toBe('verbunden');
      expect(n.left >= stage.x - 1 && n.right <= stage.x + stage.width + 1, `"${n.name} ${n.word}" inside the stage`).toBe(true);
    }
    // The clients left and right of the broker have a link to see (not a stub of a few pixels).
    const broker = (await page.locator('.stage .broker .body').boundingBox())!;
    for (const name of ['alarm', 'dashboard']) {
      const node = (await page.locator(`.stage [data-node="${name}"] circle.body`).boundingBox())!;
      const link = node.x > broker.x ? node.x - (broker.x + broker.width) : broker.x - (node.x + node.width);
      expect(link, `${name}'s link`).toBeGreaterThan(20);
    }
    await page.screenshot({ path: path.join(screenshotsDir(), 'projector-layout-phone-stage.png') });
  });
});

// German only (its texts are longer; English was checked by eye): CI time.
describe.each(['de-DE'])('projector mode at 1280x720 with an exercise open, %s', (locale) => {
  it('shows at least four of its goals under the editor; the handle between them trades height, by key and by drag, for the session', async () => {
    const page = await openInProjectorMode(locale);
    await page.locator('#editor-tab-lesson').click();
    const lesson = page.locator('#editor-panel-lesson');
    await lesson.locator('button[data-lesson="12-last-will"]').click();
    await lesson.locator('[data-exercise="12-last-will/1-retained-status"]').getByRole('button', { name: /^(Start exercise|Aufgabe starten)$/ }).click();
    await page.locator('[data-exercise-bar="12-last-will/1-retained-status"]').waitFor();
    const shownGoals = () =>
      page.locator('.checklist').evaluate((list) => {
        const box = list.getBoundingClientRect();
        return [...list.querySelectorAll('[data-goal] .head')].filter((head) => {
          const r = head.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
        }).length;
      });
    await expect.poll(shownGoals, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: path.join(screenshotsDir(), `projector-layout-goals-${locale}.png`) });

    // The handle between them trades height: ArrowDown (focused) gives the editor more lines, a drag up gives the goals back; kept over a reload.
    const editorLines = () => page.locator('.scenario-editor .view-line').count();
    const linesBefore = await editorLines();
    const handle = page.getByRole('separator', { name: 'Editor und Ziele: Höhe aufteilen' });
    await handle.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(editorLines, { timeout: 10_000 }).toBeGreaterThanOrEqual(linesBefore + 4);
    await expect.poll(shownGoals).toBeGreaterThanOrEqual(1);
    const goalsPx = () => page.locator('.checklist').evaluate((list) => Math.round(list.getBoundingClientRect().height));
    const small = await goalsPx();
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y - 40, { steps: 4 });
    await page.mouse.up();
    await expect.poll(goalsPx).toBeGreaterThanOrEqual(small + 36);
    const dragged = await goalsPx();
    await page.reload();
    await page.locator('[data-exercise-bar="12-last-will/1-retained-status"]').waitFor();
    await expect.poll(goalsPx, { timeout: 10_000 }).toBe(dragged);
    expect(await editorLines()).toBeGreaterThan(linesBefore);
  });
});

describe('projector mode on a 1024x768 tablet where the browser has no CSS field-sizing (Firefox, Safari)', () => {
  it('sizes the sequence filter to its choice all the same (German)', async () => {
    const { page } = await file.openPage({ locale: 'de-DE', viewport: { width: 1024, height: 768 }, hasTouch: true });
    await page.addInitScript(() => {
      const supports = CSS.supports.bind(CSS);
      CSS.supports = (property: string, value?: string) => (property === 'field-sizing' ? false : value === undefined ? supports(property) : supports(property, value));
    });
    await page.goto(`${inject('baseUrl')}?play=0`);
    await readyAtStart(page);
    await page.locator('.app-header button.projector').click();
    const select = page.locator('[data-area="sequence"] .filter select[data-text-w]');
    await select.selectOption('all');
    // "Alles" with its padding and arrow: far narrower than the longest option ("Pakete und Regeln").
    const width = () => select.evaluate((s) => s.getBoundingClientRect().width);
    await expect.poll(width).toBeLessThan(90);
    await select.selectOption('packets');
    await expect.poll(width).toBeGreaterThan(100);
    const [text, box] = await select.evaluate((s: HTMLSelectElement) => {
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = getComputedStyle(s).font;
      return [context.measureText(s.selectedOptions[0]!.text).width, s.offsetWidth];
    });
    expect(box, 'the chosen text fits with its arrow').toBeGreaterThan(text + 20);
  });
});
