/**
 * Every screen and every hand (issue 15), in real Chromium: a size per layout rule (1366x768,
 * 1024x768, 768x1024, 390x844; 1920x1080 in projector mode; and a phone on its side, 844x390),
 * each in English (light) and German (dark): the layout depends on the language's words, the
 * colours (axe's contrast check) on the theme, so the two pairs cover both. At each:
 * no horizontal overflow, no two visible text boxes overlap, the transport buttons visible and
 * not covered (elementFromPoint), no serious or critical axe-core violation; on narrow screens
 * the same for every view of the view bar. Per size a lesson exercise is started, edited and
 * checked. Touch (hasTouch, isMobile): a tap selects a packet, a long-press opens a node's
 * action menu. Keyboard only: Tab from the page start reaches the editor and leaves it again,
 * every stop with a visible focus ring, in screen order; Ctrl+M switches Tab to indenting.
 * Projector mode is remembered. One touch test runs with reduced motion.
 *
 * Lean on purpose: one browser, one page per size (language and theme switched in place).
 * Screenshots: test-results/screens-*.png.
 */
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { browserPerFile, screenshotsDir } from './browser.ts';
import { nextOnRow } from './lane-names.ts';

const SCREENSHOTS = screenshotsDir();

/**
 * One size per layout rule (the media queries of src/ui/App.svelte): three columns (1366x768; 1920x1080 has the same rules
 * and is checked in projector mode below), two columns with a side bar (1024x768), one column
 * on a portrait tablet (768x1024) and on a phone (390x844, with its own rules below 30rem).
 */
const DESKTOP = { width: 1366, height: 768 };
const TABLET = { width: 768, height: 1024 };
const PHONE = { width: 390, height: 844 };
const SIZES = [DESKTOP, { width: 1024, height: 768 }, TABLET, PHONE] as const;
const NARROW_BELOW = 1000;
/** From here to 1200 px: two columns, the side one (scenario, lesson, inspector) picked from a bar. */
const SIDE_BAR_BELOW = 1200;
const VIEWS = ['stage', 'sequence', 'inspector', 'scenario', 'lesson'] as const;
const SIDE_VIEWS = ['scenario', 'lesson', 'inspector'] as const;

const { openPage } = browserPerFile();

async function open(size: { width: number; height: number }, options: Parameters<typeof openPage>[0] = {}): Promise<Page> {
  const { page } = await openPage({ viewport: size, ...options });
  await page.goto(`${inject('baseUrl')}?play=0`);
  await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor({ state: 'attached' });
  await page.locator('.transport button[aria-keyshortcuts="ArrowRight"]:enabled').waitFor();
  return page;
}

/** Step until packets fly (labels on the stage, arrows in the diagram). */
async function stepIn(page: Page, steps: number): Promise<void> {
  const step = page.locator('.transport button[aria-keyshortcuts="ArrowRight"]');
  for (let i = 0; i < steps; i++) await step.click();
}

async function setLanguageAndTheme(page: Page, lang: 'en' | 'de', theme: 'light' | 'dark'): Promise<void> {
  const selects = page.locator('.app-header select');
  await selects.nth(0).selectOption(lang);
  await selects.nth(1).selectOption(theme);
  // The other language arrives as a chunk of its own: under CI load that can take more than a second.
  await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme].join()), { timeout: 10_000 }).toBe(`${lang},${theme}`);
}

async function showView(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  const button = page.locator(`nav.views button[data-view="${view}"]`);
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('true');
}

/** No horizontal scrolling of the page. */
async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.scrollingElement!.scrollWidth, window.innerWidth]);
  expect(scrollWidth, `${where}: page ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/**
 * Every visible piece of text as boxes (a text node's line boxes, clipped by every scrolling or
 * clipping ancestor), then every pair of boxes from different text nodes that overlap by more
 * than 2 px both ways.
 */
function textOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface TextBox {
      node: Text;
      x0: number;
      y0: number;
      x1: number;
      y1: number;
    }
    const boxes: TextBox[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const clipCache = new Map<Element, DOMRect | null>();
    /** The visible rectangle of an element's content: its own and every clipping ancestor's. */
    function clipOf(element: Element | null): DOMRect | null {
      if (!element || element === document.documentElement) return new DOMRect(0, 0, innerWidth, innerHeight);
      const cached = clipCache.get(element);
      if (cached !== undefined) return cached;
      const parent = clipOf(element.parentElement);
      let rect = parent;
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible' || (style.clipPath !== 'none' && style.clipPath !== '');
      if (rect && clips && !(element instanceof SVGElement && element.tagName !== 'svg')) {
        const own = element.getBoundingClientRect();
        const x0 = Math.max(rect.left, own.left);
        const y0 = Math.max(rect.top, own.top);
        const x1 = Math.min(rect.right, own.right);
        const y1 = Math.min(rect.bottom, own.bottom);
        rect = x1 > x0 && y1 > y0 ? new DOMRect(x0, y0, x1 - x0, y1 - y0) : null;
      }
      clipCache.set(element, rect);
      return rect;
    }
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (!node.data.trim()) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, title, option, noscript')) continue;
      if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const clip = clipOf(parent);
      if (!clip) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        const x0 = Math.max(r.left, clip.left);
        const y0 = Math.max(r.top, clip.top);
        const x1 = Math.min(r.right, clip.right);
        const y1 = Math.min(r.bottom, clip.bottom);
        if (x1 - x0 > 2 && y1 - y0 > 2) boxes.push({ node, x0, y0, x1, y1 });
      }
    }
    /**
     * Whether one of the two is hidden under the other's opaque box at their overlap (a row of a
     * list scrolled under its sticky header): only what is drawn on top counts.
     */
    function occluded(a: TextBox, b: TextBox): boolean {
      const x = (Math.max(a.x0, b.x0) + Math.min(a.x1, b.x1)) / 2;
      const y = (Math.max(a.y0, b.y0) + Math.min(a.y1, b.y1)) / 2;
      const hit = document.elementFromPoint(x, y);
      const [top, under] = hit?.contains(a.node) ? [a, b] : hit?.contains(b.node) ? [b, a] : [undefined, undefined];
      if (!top || !under) return false;
      for (let el: Element | null = hit; el && !el.contains(under.node); el = el.parentElement) {
        const bg = getComputedStyle(el).backgroundColor;
        if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return true;
      }
      return false;
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.node === b.node) continue;
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (w > 2 && h > 2 && !occluded(a, b)) overlaps.push(`"${a.node.data.trim().slice(0, 40)}" and "${b.node.data.trim().slice(0, 40)}" (${Math.round(w)}x${Math.round(h)} px at ${Math.round(Math.max(a.x0, b.x0))},${Math.round(Math.max(a.y0, b.y0))})`);
      }
    }
    return overlaps;
  });
}

/** Every transport button inside the window and the topmost element at its centre. */
function coveredTransportButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const button of document.querySelectorAll<HTMLElement>('.transport button, .transport select, .transport input')) {
      const r = button.getBoundingClientRect();
      const name = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? button.tagName;
      if (r.width < 1 || r.height < 1 || r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) {
        problems.push(`${name}: outside the window (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)})`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === button || button.contains(hit))) problems.push(`${name}: covered by ${hit?.outerHTML.slice(0, 80) ?? 'nothing'}`);
    }
    return problems;
  });
}

/** The layout fills the window: the transport sits at its bottom edge. */
async function expectTransportAtBottom(page: Page, where: string): Promise<void> {
  const [bottom, innerHeight] = await page.evaluate(() => [document.querySelector('.transport')!.getBoundingClientRect().bottom, window.innerHeight]);
  expect(bottom, `${where}: transport ends at ${bottom} in a ${innerHeight}px window`).toBeGreaterThan(innerHeight - 16);
  expect(bottom).toBeLessThanOrEqual(innerHeight);
}

/**
 * Waits until the stage's packets stand still: after a step the stage plays that step's stretch of
 * virtual time, and a packet gliding past a node's state mark overlaps it for a moment, which is
 * motion, not layout (on a busy machine the check could land inside that moment).
 */
async function packetsStill(page: Page): Promise<void> {
  const positions = () =>
    page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve([...document.querySelectorAll('.stage [data-packet]')].map((p) => JSON.stringify(p.getBoundingClientRect())).join())),
          ),
        ),
    );
  let before = await positions();
  for (let i = 0; i < 100; i++) {
    const now = await positions();
    if (now === before) return;
    before = now;
  }
  throw new Error('the stage\'s packets never stood still');
}

async function checkScreen(page: Page, where: string): Promise<void> {
  await packetsStill(page);
  await expectNoOverflow(page, where);
  await expect(textOverlaps(page), `${where}: overlapping text`).resolves.toEqual([]);
  await expect(coveredTransportButtons(page), `${where}: transport`).resolves.toEqual([]);
  await expectTransportAtBottom(page, where);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `screens-${name}.png`) });

/** Start lesson 01's first exercise, solve it in the editor, check it: in the UI's language. */
async function solveFirstExercise(page: Page, withBar: boolean, lang: 'en' | 'de'): Promise<void> {
  const t = lang === 'en' ? { start: 'Start exercise', check: 'Check', solved: 'Solved! Every goal is reached.' } : { start: 'Aufgabe starten', check: 'Prüfen', solved: 'Gelöst! Alle Ziele sind erreicht.' };
  if (withBar) await showView(page, 'lesson');
  else await page.locator('#editor-tab-lesson').click();
  const lessonPanel = page.locator('#editor-panel-lesson');
  await lessonPanel.locator('[data-lesson="01-why-mqtt"]').first().click();
  const exercise = page.locator('[data-exercise="01-why-mqtt/1-first-message"]');
  await exercise.getByRole('button', { name: t.start }).click();
  await expect.poll(() => page.locator('#editor-panel-scenario').isVisible()).toBe(true);
  await page.locator('#editor-panel-scenario .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nat 1s sensor publish -t plant/hall1/temp -m 21.5', { delay: 2 });
  const bar = page.locator('#editor-panel-scenario .exercise-bar');
  await bar.getByRole('button', { name: t.check }).click();
  await bar.getByText(t.solved).waitFor();
}

describe('every screen', () => {
  for (const size of SIZES) {
    const label = `${size.width}x${size.height}`;
    const narrow = size.width < NARROW_BELOW;
    const views = narrow ? VIEWS : size.width < SIDE_BAR_BELOW ? SIDE_VIEWS : [];
    it(`${label}: no overflow, no overlapping text, the transport free, axe clean, in en light and de dark; a lesson exercise solved`, async () => {
      const page = await open(size);
      await stepIn(page, 6);
      for (const [lang, theme] of [['en', 'light'], ['de', 'dark']] as const) {
        await setLanguageAndTheme(page, lang, theme);
        const where = `${label} ${lang} ${theme}`;
        if (views.length > 0) {
          for (const view of views) {
            await showView(page, view);
            await checkScreen(page, `${where} ${view}`);
            if (lang === 'de' && theme === 'dark') await shot(page, `${label}-${view}-de-dark`);
          }
          await showView(page, narrow ? 'stage' : 'scenario');
        } else {
          await checkScreen(page, where);
          await shot(page, `${label}-${lang}-${theme}`);
        }
        await expect(axeViolations(page), `${where}: axe`).resolves.toEqual([]);
      }
      // The exercise in English on the desktop, in German on the others.
      const lang = size === DESKTOP ? 'en' : 'de';
      await setLanguageAndTheme(page, lang, 'light');
      await solveFirstExercise(page, views.length > 0, lang);
      await checkScreen(page, `${label} exercise solved`);
      await shot(page, `${label}-exercise-${lang}`);
    });
  }
});

describe('a phone on its side', () => {
  it('844x390 (touch): every view usable, the transport in one row at the bottom, in German and dark', async () => {
    const page = await open({ width: 844, height: 390 }, { hasTouch: true, isMobile: true });
    await stepIn(page, 6);
    await setLanguageAndTheme(page, 'de', 'dark');
    for (const view of VIEWS) {
      await showView(page, view);
      await checkScreen(page, `844x390 ${view}`);
    }
    await showView(page, 'stage');
    const transport = (await page.locator('.transport').boundingBox())!;
    expect(transport.height).toBeLessThan(80);
    await shot(page, '844x390-stage-de-dark');
  });
});

/** The sequence diagram's lane names as drawn: text, box, and whether it is a shortening. */
function laneNames(page: Page): Promise<{ text: string; short: boolean; cut: boolean; left: number; right: number; top: number }[]> {
  return page.locator('.panel[data-area="sequence"] .lane-name').evaluateAll((els) =>
    els.map((el) => {
      const shown = el.classList.contains('short') ? el.querySelector('[aria-hidden="true"]')! : el;
      const r = shown.getBoundingClientRect();
      // cut: an ellipsis drawn by CSS ("dashb…") where the text says "dashboard".
      return { text: shown.textContent!.trim(), short: el.classList.contains('short'), cut: el.scrollWidth > el.clientWidth + 1, left: r.left, right: r.right, top: Math.round(r.top) };
    }),
  );
}

/** Each name and the next on its row (a narrow panel puts every other name a row lower). */
function rowNeighbours<T extends { top: number }>(names: T[]): [T, T][] {
  return names.flatMap((name, i) => {
    const next = nextOnRow(names, i);
    return next ? [[name, next] as [T, T]] : [];
  });
}

/** Whole lane names, none over another. */
async function expectWholeLaneNames(page: Page, where: string): Promise<void> {
  await expect.poll(() => laneNames(page).then((names) => names.map((n) => n.text)), { message: `${where}: lane names` }).toEqual(['sensor', 'broker', 'dashboard']);
  const names = await laneNames(page);
  expect(names.filter((n) => n.short || n.cut), where).toEqual([]);
  for (const [name, next] of rowNeighbours(names)) expect(name.right, `${where}: ${name.text} over ${next.text}`).toBeLessThanOrEqual(next.left);
}

describe('a landscape tablet', () => {
  it('1024x768 (touch), German: two columns, the editor wide, its toolbar in one row, an example\'s notice read to the end, whole lane names', async () => {
    const page = await open({ width: 1024, height: 768 }, { hasTouch: true, isMobile: true });
    await setLanguageAndTheme(page, 'de', 'light');
    await stepIn(page, 6);
    // Two columns: the side bar has scenario, lesson, inspector; the stage and the diagram stay beside it.
    await expect(page.locator('nav.views button').evaluateAll((els) => els.map((el) => el.getAttribute('data-view')))).resolves.toEqual(['scenario', 'lesson', 'inspector']);
    const editor = (await page.locator('.panel[data-area="editor"]').boundingBox())!;
    const stage = (await page.locator('.panel[data-area="stage"]').boundingBox())!;
    expect(editor.width, 'the editor column').toBeGreaterThan(400);
    expect(stage.x).toBeGreaterThan(editor.x + editor.width);
    await expect(page.locator('.panel[data-area="inspector"]').isVisible()).resolves.toBe(false);
    await expect(page.locator('.panel[data-area="sequence"]').isVisible()).resolves.toBe(true);
    // The toolbar in one row (its file buttons as icons, named for screen readers and in tooltips).
    const tops = await page.locator('.toolbar .buttons > :is(button, *:has(> button))').evaluateAll((els) => els.filter((el) => el.checkVisibility()).map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(5);
    expect(new Set(tops).size, `toolbar rows at ${tops.join(', ')}`).toBe(1);
    await expectWholeLaneNames(page, '1024x768');
    await checkScreen(page, '1024x768 tablet de');
    await expect(axeViolations(page), '1024x768 tablet: axe').resolves.toEqual([]);
    await shot(page, 'tablet-1024x768-de');

    // A tapped packet waits in the inspector: the bar marks it, a tap shows it beside the stage.
    await page.locator('.stage [data-packet]').first().tap();
    await page.locator('nav.views .waiting').waitFor();
    await showView(page, 'inspector');
    await expect(page.locator('.panel[data-area="editor"]').isVisible()).resolves.toBe(false);
    await page.locator('.panel[data-area="inspector"] .hex, [data-area="inspector"] table, [data-area="inspector"] dl').first().waitFor();
    await checkScreen(page, '1024x768 tablet inspector');
    await expect(axeViolations(page), '1024x768 tablet inspector: axe').resolves.toEqual([]);
    await shot(page, 'tablet-1024x768-inspector-de');
    await showView(page, 'scenario');
    await expect(page.locator('.panel[data-area="editor"]').isVisible()).resolves.toBe(true);

    // An example with a long title: its notice reads to the end ("… ist geöffnet."), not cut.
    await page.locator('.toolbar').getByRole('button', { name: /Beispiele/ }).click();
    await page.getByRole('menuitem', { name: /Warteschlange im Offline-Zustand/ }).click();
    const notice = page.locator('[data-notice="exampleOpened"] p');
    await notice.waitFor();
    await expect(notice.evaluate((p) => p.scrollHeight - p.clientHeight)).resolves.toBeLessThanOrEqual(1);
    await expect(notice.textContent()).resolves.toMatch(/ist geöffnet\.$/);
    await checkScreen(page, '1024x768 tablet notice');
    await shot(page, 'tablet-1024x768-notice-de');
  });

  it('390x844 (touch): long lane names shortened as start…end, none over another, the whole name on a tap and for screen readers', async () => {
    const scenario = ['broker version=5', 'client temperature-sensor-hall-1', 'client temperature-sensor-hall-2', 'client dashboard']
      .concat(['temperature-sensor-hall-1', 'temperature-sensor-hall-2', 'dashboard'].map((name) => `at 0s ${name} connect`))
      .join('\n');
    const { page } = await openPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await page.goto(`${inject('baseUrl')}?play=0&scenario=${encodeURIComponent(scenario)}`);
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor({ state: 'attached' });
    await page.locator('.transport input[type="range"]').focus();
    await page.keyboard.press('End');
    await showView(page, 'sequence');
    await expect.poll(() => laneNames(page).then((names) => names.length)).toBe(4);
    const names = await laneNames(page);
    const short = names.filter((n) => n.short);
    expect(short.length, names.map((n) => n.text).join(' | ')).toBeGreaterThan(0);
    for (const name of short) expect(name.text).toMatch(/^temp.*….*-\d$/);
    expect(names.filter((n) => n.cut)).toEqual([]);
    for (const [name, next] of rowNeighbours(names)) expect(name.right, `${name.text} over ${next.text}`).toBeLessThanOrEqual(next.left);
    // A tap shows the whole name; it is also what a screen reader reads.
    const first = page.locator('.panel[data-area="sequence"] .lane-name.short').first();
    await first.tap();
    const whole = first.locator('.whole');
    await expect.poll(() => whole.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(100);
    await expect(whole.textContent()).resolves.toMatch(/^temperature-sensor-hall-\d$/);
    await expect(page.getByRole('region', { name: /Sequence diagram/ }).getByText(/^temperature-sensor-hall-1$/).count()).resolves.toBe(1);
    await expect(axeViolations(page), '390x844 short lane names: axe').resolves.toEqual([]);
    await shot(page, 'lane-names-short-390x844');
  });

  it('390x844 (touch): whole lane names in the diagram view', async () => {
    const page = await open({ width: 390, height: 844 }, { hasTouch: true, isMobile: true });
    await stepIn(page, 6);
    await showView(page, 'sequence');
    await expectWholeLaneNames(page, '390x844');
  });
});

/** A finger resting on (x, y) for `ms`, through the DevTools protocol (a real touch sequence). */
async function longPressAt(cdp: CDPSession, x: number, y: number, ms: number): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await new Promise((resolve) => setTimeout(resolve, ms));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

describe('every hand', () => {
  for (const size of [PHONE, TABLET]) {
    it(`touch at ${size.width}x${size.height}: a tap selects a packet, a long-press opens the node's action menu, targets are 44 px`, async () => {
      // Reduced motion as well: the layout must not depend on animations.
      const page = await open(size, { hasTouch: true, isMobile: true, reducedMotion: size.width === 768 ? 'reduce' : 'no-preference' });
      await stepIn(page, 6);
      const packet = page.locator('.stage [data-packet]').first();
      await packet.tap();
      await expect.poll(() => page.locator('.stage .packet.selected').count()).toBe(1);
      // The view bar marks the Inspector: something waits there.
      await page.locator('nav.views .waiting').waitFor();
      await showView(page, 'inspector');
      await expect(page.locator('nav.views .waiting').count()).resolves.toBe(0);
      await page.locator('[data-area="inspector"] .hex, [data-area="inspector"] table, [data-area="inspector"] dl').first().waitFor();
      await showView(page, 'stage');
      await checkScreen(page, `touch ${size.width}x${size.height}`);

      // A point of the node that no packet (or its label) covers.
      const node = page.locator('[data-node="dashboard"]');
      const point = await node.locator('.body').evaluate((body) => {
        const r = body.getBoundingClientRect();
        const group = body.closest('[data-node]')!;
        for (const [fx, fy] of [[0.5, 0.5], [0.3, 0.3], [0.7, 0.3], [0.3, 0.7], [0.7, 0.7], [0.5, 0.15], [0.5, 0.85]] as const) {
          const x = r.left + r.width * fx;
          const y = r.top + r.height * fy;
          if (group.contains(document.elementFromPoint(x, y))) return { x, y };
        }
        return null;
      });
      expect(point, 'the node is covered everywhere').not.toBeNull();
      const cdp = await page.context().newCDPSession(page);
      await longPressAt(cdp, point!.x, point!.y, 800);
      const menu = page.getByRole('menu');
      await menu.waitFor({ timeout: 5000 }).catch(async (error: unknown) => {
        await shot(page, `touch-menu-failed-${size.width}x${size.height}`);
        throw error;
      });
      await expect(node.getAttribute('aria-pressed')).resolves.toBe('true');
      await shot(page, `touch-menu-${size.width}x${size.height}`);
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });

      // Every visible control is at least 44 px in both directions (the scrubber: 44 px tall).
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, select, input[type="range"], [role="tab"]')]
          .filter((el) => el.checkVisibility() && !el.closest('.monaco-editor'))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 1 && (r.height < 43.5 || r.width < 43.5))
          .map(({ el, r }) => `${el.getAttribute('aria-label') ?? el.textContent?.trim()} ${Math.round(r.width)}x${Math.round(r.height)}`),
      );
      expect(small).toEqual([]);

      // The scrubber follows a finger.
      const scrubber = page.locator('.transport input[type="range"]');
      const track = (await scrubber.boundingBox())!;
      await page.touchscreen.tap(track.x + track.width * 0.9, track.y + track.height / 2);
      await expect.poll(async () => Number(await scrubber.inputValue())).toBeGreaterThan(0);
    });
  }

  for (const size of [DESKTOP, PHONE]) {
    it(`keyboard only at ${size.width}x${size.height}: Tab reaches the editor and leaves it, rings visible, order = screen order`, async () => {
      const page = await open(size);
      const narrow = size.width < NARROW_BELOW;
      if (narrow) await showView(page, 'scenario');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.locator('body').click({ position: { x: 1, y: 1 } }).catch(() => undefined);
      const stops: { group: number; inEditor: boolean; ring: boolean; name: string }[] = [];
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const groups = ['.skip-link', 'header.app-header', 'nav.views', '.panel[data-area="stage"]', '.panel[data-area="sequence"]', '.panel[data-area="inspector"]', '.panel[data-area="editor"]', '.transport'];
          const style = getComputedStyle(el);
          const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || !!el.querySelector(':scope > .focus-ring');
          const inEditor = !!el.closest('.monaco-editor');
          return { group: groups.findIndex((g) => el.closest(g)), inEditor, ring: ring || inEditor, name: `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30)}` };
        });
        if (!stop) continue;
        stops.push(stop);
        if (stop.group === 7) break;
      }
      const editorAt = stops.findIndex((s) => s.inEditor);
      expect(editorAt, stops.map((s) => s.name).join(' | ')).toBeGreaterThan(0);
      const after = stops[stops.findLastIndex((s) => s.inEditor) + 1];
      expect(after, 'Tab leaves the editor').toBeDefined();
      expect(stops.filter((s) => !s.ring).map((s) => s.name)).toEqual([]);
      // The editor shows how to type a tab, and Ctrl+M switches Tab to indenting (and back).
      // (The hint shows while the editor has the focus.)
      const hint = page.locator('.tab-hint');
      await expect(hint.isVisible()).resolves.toBe(false);
      await page.locator('.monaco-editor .view-lines').click();
      await hint.getByText('Tab: next control · Ctrl+M: Tab indents').waitFor();
      await checkScreen(page, `editor focused ${size.width}x${size.height}`);
      await page.keyboard.press('Control+M');
      await hint.getByText('Tab indents').waitFor();
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).resolves.toBe(true);
      await page.keyboard.press('Control+M');
      await hint.getByText('Tab: next control').waitFor();
      if (narrow) {
        // One column: the groups come in screen order (skip link, header, view bar, panel, transport).
        const order = stops.map((s) => s.group);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      } else {
        // Three columns: left column (editor) before the middle and right ones, the transport last.
        expect(stops.findIndex((s) => s.group === 7)).toBeGreaterThan(editorAt);
      }
      await shot(page, `keyboard-${size.width}x${size.height}`);
    });
  }

  it('projector mode: a header toggle, remembered, larger text on stage and diagram at 1920x1080', async () => {
    const page = await open({ width: 1920, height: 1080 });
    await stepIn(page, 8);
    const brokerFont = () => page.locator('.stage .broker-name').evaluate((el) => el.getBoundingClientRect().height);
    const before = await brokerFont();
    await page.locator('.app-header button.projector').click();
    await expect(page.locator('.app-header button.projector').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect.poll(brokerFont).toBeGreaterThan(before * 1.3);
    await page.reload();
    await page.locator('.transport button[aria-keyshortcuts="ArrowRight"]:enabled').waitFor();
    await expect(page.evaluate(() => document.documentElement.dataset.projector)).resolves.toBe('on');
    await stepIn(page, 8);
    await checkScreen(page, 'projector 1920x1080');
    await shot(page, 'projector-1920x1080');
    await setLanguageAndTheme(page, 'de', 'dark');
    await checkScreen(page, 'projector 1920x1080 de dark');
    await expect(axeViolations(page)).resolves.toEqual([]);
    await shot(page, 'projector-1920x1080-de-dark');

    // The overlap check itself: two words drawn over each other are found.
    await page.evaluate(() => {
      for (const word of ['overlap', 'check']) {
        const span = document.createElement('span');
        span.textContent = word;
        span.style.cssText = 'position: fixed; left: 200px; top: 200px; z-index: 99; font-size: 20px';
        document.body.append(span);
      }
    });
    await expect(textOverlaps(page)).resolves.toContainEqual(expect.stringContaining('"overlap" and "check"'));
    await page.evaluate(() => document.querySelectorAll('body > span').forEach((span) => span.remove()));
  });
});
