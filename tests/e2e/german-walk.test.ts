/**
 * German all through (issue 14, part 3), in real Chromium: a walk through every panel, menu,
 * dialog and sequence row of the default scenario and of one exercise (lesson 08, exercise 1)
 * in the German UI finds no English word outside code, topic names and spec terms.
 *
 * What is read: every text node and every `aria-label`, `title`, `placeholder` and `alt` in the
 * page after each step of the walk (hidden screen-reader texts included), except code (`code`,
 * `pre`, `kbd`, the Monaco editor). What counts as English: a word of `ENGLISH_WORDS` (common
 * English words that are not German), after the spec terms of `SPEC_TERMS` (Keep Alive, Clean
 * Start, Session Present, …) are taken out. Screenshots go to test-results/german-walk-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserPerFile, screenshotsDir, showEveryRow } from './browser.ts';

const SCREENSHOTS = screenshotsDir();
const browser = browserPerFile();

/**
 * English words that are not German words. Lowercase, matched as they are (German nouns are
 * capitalised, so `Timer`, `Clients`, `Flags` are German); a few also capitalised, as an English
 * sentence starts.
 */
const ENGLISH_WORDS = [
  'the', 'and', 'of', 'with', 'from', 'is', 'are', 'were', 'not', 'this', 'that', 'which', 'when', 'after', 'before',
  'sends', 'sent', 'receives', 'received', 'connected', 'disconnected', 'connecting', 'waiting', 'awaiting', 'message', 'messages',
  'packet', 'packets', 'subscribed', 'subscription', 'subscriptions', 'retained', 'delivered', 'dropped', 'queued', 'none', 'yes', 'true', 'false',
  'idle', 'crashed', 'running', 'opening', 'refused', 'show', 'hide', 'only', 'everything', 'reset', 'play', 'pause', 'step', 'speed',
  'back', 'lesson', 'lessons', 'example', 'examples', 'hint', 'hints', 'solution', 'goal', 'goals', 'close', 'cancel', 'more', 'state',
  'states', 'rule', 'rules', 'to', 'for', 'on', 'by', 'its', 'has', 'have', 'been', 'no', 'any', 'every', 'each', 'new', 'open', 'closed',
  'lost', 'sending', 'receiving', 'flags', 'type', 'length', 'remaining', 'identifier', 'session', 'timer', 'export', 'import', 'share',
  'undo', 'check', 'solved', 'exercise', 'task', 'time', 'clients', 'notice', 'error', 'errors', 'warning', 'problems', 'run', 'again',
  'keep', 'alive', 'will', 'retain', 'clean', 'start', 'stop', 'restart', 'crash', 'cable', 'cut', 'publish', 'subscribe', 'unsubscribe',
  'connect', 'disconnect', 'what', 'if', 'here', 'why', 'how', 'where', 'who', 'inspect', 'actions', 'filter',
  'The', 'This', 'That', 'When', 'After', 'Before', 'Show', 'Hide', 'Only', 'No', 'Yes', 'None', 'Step', 'Play', 'Pause', 'Reset', 'Back',
];

/**
 * Spec terms and names that stay English in German (lessons/README.md's terminology table and
 * the MQTT spec's own field and property names), taken out before the words are counted.
 */
const SPEC_TERMS = [
  'Keep Alive', 'Clean Session', 'Clean Start', 'Session Present', 'Session Expiry Interval', 'Will Flag', 'Will QoS', 'Will Retain',
  'Will Topic', 'Will Payload', 'Will Properties', 'Will Delay Interval', 'User Name Flag', 'Password Flag', 'Retain Handling',
  'Retain As Published', 'No Local', 'Topic Alias Maximum', 'Topic Alias', 'Receive Maximum', 'Maximum QoS', 'Maximum Packet Size',
  'Retain Available', 'Message Expiry Interval', 'Payload Format Indicator', 'Content Type', 'Response Topic', 'Correlation Data',
  'User Property', 'Subscription Identifier', 'Subscription Options', 'Subscription Identifiers Available', 'Shared Subscription Available',
  'Wildcard Subscription Available', 'Server Keep Alive', 'Assigned Client Identifier', 'Reason String', 'Reason Code', 'Protocol Error',
  'Variable Byte Integer', 'Request Problem Information', 'Request Response Information', 'Authentication Method', 'Authentication Data',
  'Server Reference', 'Response Information', 'Protocol Name', 'Protocol Level', 'Packet Identifier', 'Remaining Length', 'Fixed Header',
  'Last Will', 'Retain', 'Connect Flags', 'Topic Name', 'Topic Filter', 'Not authorized', 'Success', 'Normal disconnection',
  'Granted QoS 0', 'Granted QoS 1', 'Granted QoS 2', 'Unspecified error', 'Malformed Packet', 'No matching subscribers',
  'Connection Accepted', 'Connection accepted', 'Disconnect with Will Message', 'Keep Alive timeout', 'Session taken over',
  'fire and forget', 'MQTT over TCP', 'WebSocket', 'Quality of Service', 'Last Will and Testament', '$SYS/broker/retained messages/count',
  'retained messages/count',
];

interface Finding {
  where: string;
  word: string;
  text: string;
}

/** Every text the page shows or reads out, code left out. */
function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const SKIP = 'code, pre, kbd, samp, script, style, .monaco-editor, .scenario-editor, [translate="no"], noscript';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(SKIP)) continue;
      const t = (n.textContent ?? '').trim();
      if (t) out.push(t);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (el.closest(SKIP)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v?.trim()) out.push(v.trim());
      }
    }
    return out;
  });
}

const WORD = new RegExp(`(?<![\\p{L}\\d_./=-])(${ENGLISH_WORDS.join('|')})(?![\\p{L}\\d_/=-])`, 'gu');
const TERMS = new RegExp([...SPEC_TERMS].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/** The English words in `texts`: quoted payloads, topics, ids and spec terms taken out. */
function englishIn(texts: string[], where: string): Finding[] {
  const out: Finding[] = [];
  for (const text of texts) {
    const cleaned = text
      .replace(TERMS, ' ')
      .replace(/"[^"]*"|„[^“]*“|'[^']*'/g, ' ') // payloads and quoted names
      .replace(/\S*[/#+$]\S*/g, ' ') // topic names and filters
      .replace(/\b[\w-]+=\S*/g, ' ') // key=value (id=3, rc=0)
      .replace(/(^|\s)-{1,2}[a-z][\w-]*/g, ' ') // command-line options (-k, --will-topic)
      .replace(/\S+\.(mqtts|json|svg|pcapng|py|js|ino|conf)\b/g, ' '); // file names
    for (const m of cleaned.matchAll(WORD)) out.push({ where, word: m[1]!, text });
  }
  return out;
}

class Walk {
  readonly findings: Finding[] = [];
  readonly seen = new Set<string>();
  constructor(readonly page: Page) {}

  async read(where: string): Promise<void> {
    const texts = (await pageTexts(this.page)).filter((t) => !this.seen.has(t));
    for (const t of texts) this.seen.add(t);
    this.findings.push(...englishIn(texts, where));
  }

  report(): string[] {
    const unique = new Map<string, Finding>();
    for (const f of this.findings) unique.set(`${f.word}|${f.text}`, f);
    return [...unique.values()].map((f) => `${f.where}: "${f.word}" in "${f.text.slice(0, 160)}"`);
  }
}

const sequence = (page: Page) => page.getByRole('region', { name: 'Sequenzdiagramm' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspektor' });

/** Select every row of the sequence diagram in turn (keyboard), reading the page at each. */
async function walkRows(walk: Walk, where: string): Promise<number> {
  const page = walk.page;
  const first = sequence(page).locator('.row button').first();
  await first.click();
  const count = Number(await sequence(page).locator('.row').first().getAttribute('aria-setsize'));
  for (let i = 0; i < count; i++) {
    await walk.read(`${where}, row ${i + 1}`);
    await page.keyboard.press('ArrowDown');
  }
  return count;
}

/** Every node of the stage: select it (inspector), open its actions menu and one form. */
async function walkNodes(walk: Walk, where: string): Promise<void> {
  const page = walk.page;
  const nodes = await page.locator('[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')!));
  for (const name of nodes) {
    const node = page.locator(`[data-node="${name}"]`);
    await node.click();
    await inspector(page).locator('details').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
    await walk.read(`${where}, ${name} in the inspector`);
    await node.click({ button: 'right' });
    const popup = page.locator('.popup[role="dialog"]');
    await popup.getByRole('menuitem').first().waitFor();
    const labels = await popup.getByRole('menuitem').allInnerTexts();
    await walk.read(`${where}, ${name}'s actions`);
    // Each item that opens a form or a view (publish, subscribe, drop, export, what if).
    const forms = await popup.locator('[role="menuitem"].form, [role="menuitem"].whatif').allInnerTexts();
    const close = async () => {
      // Escape leaves a form or a view, then the "what if" mode, then the menu.
      for (let i = 0; i < 4 && (await popup.count()) > 0; i++) {
        await popup.focus();
        await page.keyboard.press('Escape');
        await page.waitForTimeout(50);
      }
      await popup.waitFor({ state: 'detached' });
    };
    for (const label of forms) {
      await close();
      await node.click({ button: 'right' });
      await popup.getByRole('menuitem', { name: label, exact: true }).click();
      await page.waitForTimeout(100);
      await walk.read(`${where}, ${name}'s "${label}"`);
    }
    expect(labels.length, `${name}'s actions`).toBeGreaterThan(0);
    await close();
  }
}

/** The menus and popups of the panels' headers. */
async function walkMenus(walk: Walk, where: string): Promise<void> {
  const page = walk.page;
  await page.getByRole('tab', { name: 'Szenario', exact: true }).click();
  await page.getByRole('button', { name: /Beispiele/ }).click();
  await page.getByRole('menu', { name: 'Beispiele' }).getByRole('menuitem').first().waitFor();
  await walk.read(`${where}, examples menu`);
  await page.keyboard.press('Escape');
  await sequence(page).locator('details.columns summary').click();
  await walk.read(`${where}, client columns`);
  await sequence(page).locator('details.columns summary').click();
  const exports = sequence(page).locator('details.exports summary');
  if (await exports.isVisible()) {
    await exports.click();
    await walk.read(`${where}, export menu`);
    await exports.click();
  }
}

describe('German all through', () => {
  it('the default scenario and an exercise show no English word outside code, topics and spec terms', { timeout: 300_000 }, async () => {
    const { page } = await browser.openPage({ locale: 'de-DE' });
    await showEveryRow(page);
    await page.goto(`${inject('baseUrl')}?play=0`);
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor();
    await page.locator('.checklist').first().waitFor();
    const walk = new Walk(page);

    // The default scenario, run to its end.
    await page.locator('.transport select').selectOption('4');
    await page.getByRole('button', { name: 'Abspielen', exact: true }).click();
    await page.getByRole('button', { name: 'Abspielen', exact: true }).waitFor({ timeout: 60_000 });
    await walk.read('default scenario at its end');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'german-walk-default-1280x720.png') });
    const rows = await walkRows(walk, 'default scenario');
    expect(rows).toBeGreaterThan(30);
    await walkNodes(walk, 'default scenario');
    await walkMenus(walk, 'default scenario');

    // Lesson 08, exercise 1: the lesson, Start exercise, Check, and its run.
    await page.getByRole('tab', { name: 'Lektion', exact: true }).click();
    await page.locator('#editor-panel-lesson button[data-lesson="08-qos1"]').waitFor();
    await walk.read('lesson list');
    await page.locator('#editor-panel-lesson button[data-lesson="08-qos1"]').click();
    const card = page.locator('[data-exercise="08-qos1/1-lost-puback"]');
    await card.waitFor();
    await walk.read('lesson 08');
    await card.getByRole('button', { name: 'Aufgabe starten' }).click();
    const bar = page.locator('[data-exercise-bar="08-qos1/1-lost-puback"]');
    await bar.waitFor();
    await walk.read('exercise 08/1 started');
    await bar.getByRole('button', { name: 'Prüfen' }).click();
    await walk.read('exercise 08/1 checked');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'german-walk-exercise-1280x720.png') });
    await walkRows(walk, 'exercise 08/1');
    await walkNodes(walk, 'exercise 08/1');

    // The exercise's start opened with German comments; they follow a switch to English (the
    // text is unedited), and the same walk then finds English words: the check can fail.
    const saved = () => page.evaluate(() => (JSON.parse(localStorage.getItem('mqttlab.scenario') ?? '{}') as { text?: string }).text ?? '');
    await expect.poll(saved).toContain('# Das PUBACK des Brokers an den Ofensensor geht verloren');
    await page.locator('header select').first().selectOption('en');
    await expect.poll(saved).toContain("# The broker's PUBACK to the oven sensor is lost");
    const english = new Walk(page);
    await english.read('in English');
    expect(english.findings.length).toBeGreaterThan(20);

    const report = walk.report();
    if (report.length > 0) console.log(report.join("\n"));
    expect(report).toEqual([]);
  });
});
