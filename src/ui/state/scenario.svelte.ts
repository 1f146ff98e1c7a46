/**
 * The scenario document: the text the learner edits, its live diagnostics, the last run and its
 * expectations as the simulation plays, and everything that keeps the text safe (autosave,
 * share links, files, examples).
 *
 * Theory of operation
 * -------------------
 * The editor component reports every change with `edit(text)` and every cursor move with
 * `moveCursor()`. Diagnostics follow the text after a short pause (`lintDelayMs`, the parser
 * runs in the main thread: a 1,000-line scenario takes a few ms); the text and the cursor are
 * written to localStorage after `saveDelayMs` (and at once with `flushSave()`, on `pagehide`).
 *
 * `run()` parses and compiles the text *now*; errors block it (the first one is shown with its
 * line and column, nothing is changed); otherwise the simulation is loaded with the new world
 * and the cursor goes back to the same virtual time (and, at that time, to the same number of
 * trace entries), so a re-run after a small edit shows the same moment.
 *
 * Texts that come from elsewhere (an example, a share link, a file, `?scenario=`) go through
 * `replaceText()`: the previous text is kept (in memory for "Undo", and in localStorage under
 * `PREVIOUS_KEY`) and `replaced` is bumped so the editor applies the new text as one undoable
 * edit. Nothing the learner wrote is ever dropped without a way back.
 *
 * The language itself (parser, compiler, checker) is most of the kernel, so it is loaded with
 * `import()` when the document opens; until then the text is shown and edited but neither
 * linted nor run. `start()` waits for it and does the first run (main.ts calls it once the
 * simulation kernel is there too).
 *
 * Comments can come in two languages (`# en:` / `# de:` lines, src/scenario/comment-language.ts):
 * a text with them is shown with the comments of `commentLang` only, and remembered as
 * `#bilingual`; while the learner has not changed it, `setCommentLanguage()` swaps its comments
 * to the new language in place (same line count, so the run and its line numbers stay valid).
 *
 * Expectations are checked on the trace and world *at the cursor* (`expectations`, a `$derived`
 * that reruns once per published step): each is met, failed or still pending, see
 * `expectationStatus`.
 */
import type { CompiledExpectation, CompiledScenario, Diagnostic, ExpectationResult } from '../../scenario/index.ts';
import type { InEachLocale } from '../i18n/index.ts';
import { commentsIn, hasBilingualComments, type CommentLang } from '../../scenario/comment-language.ts';
import { FALLBACK_SCENARIO } from '../scenario/examples.ts';
import type { ManualCommand, Simulation } from './simulation.svelte.ts';

/** The scenario language's runtime (src/ui/scenario/language-kernel.ts, loaded lazily). */
export type ScenarioLanguage = typeof import('../scenario/language-kernel.ts');

/** localStorage key of the autosaved scenario (text and cursor). */
export const AUTOSAVE_KEY = 'mqttlab.scenario';
/** localStorage key of the text that the last example, link or file replaced. */
export const PREVIOUS_KEY = 'mqttlab.scenario.previous';
/** URL fragment prefix of a share link. */
export const SHARE_PREFIX = '#s=';
/** Query parameter with plain scenario text (used by tests and simple links). */
export const TEXT_PARAM = 'scenario';
/** Largest text accepted from a `?scenario=` parameter or a file (UTF-16 code units / bytes). */
export const MAX_TEXT_LENGTH = 100_000;

export type ScenarioStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A cursor position, 1-based as in Monaco. */
export interface Cursor {
  line: number;
  column: number;
}

export type NoticeKey =
  | 'runBlocked'
  | 'runFailed'
  | 'linkOpened'
  | 'linkCorrupt'
  | 'exampleOpened'
  | 'imported'
  | 'importFailed'
  | 'restored'
  | 'saveFailed'
  | 'shareReady'
  | 'shareCopy'
  | 'shareFailed';

/**
 * A message above the editor (texts live in the i18n files under `scenario.notice.*`), kept as
 * key and parameters and translated when shown, so it follows the language switch. A parameter
 * that is itself language-dependent (a lesson's title) is given in every locale.
 */
export interface Notice {
  key: NoticeKey;
  tone: 'error' | 'info' | 'success';
  params: Record<string, string | number | InEachLocale>;
  /** For `runBlocked`: the first error (its message is shown in the UI language). */
  diagnostic?: Diagnostic;
  /** For link and import problems: a key under `scenario.problem.*`. */
  problem?: string;
  /** Offer "Undo": bring back the text that was replaced. */
  undo?: boolean;
  /** For `shareReady`: the link. */
  link?: string;
}

export type ExpectationStatus = 'pass' | 'fail' | 'pending';

/** One expectation as the checklist shows it. */
export interface ExpectationView {
  expectation: CompiledExpectation;
  status: ExpectationStatus;
  result: ExpectationResult;
}

/**
 * Met, failed or still pending, at virtual time `nowMs` (`final`: the run is at its end).
 * Before the end, a result only counts when no later step can change it: a message received
 * (without an exact count) stays received, a `by` time that has passed stays passed, a message
 * that must never arrive and did stays a failure. Everything else waits for the end, and
 * expectations about the final state (sessions, retained messages) are only judged there.
 */
export function expectationStatus(e: CompiledExpectation, result: ExpectationResult, nowMs: number, final: boolean): ExpectationStatus {
  if (final) return result.pass ? 'pass' : 'fail';
  const deadlinePassed = 'byMs' in e && e.byMs !== undefined && nowMs > e.byMs;
  switch (e.kind) {
    case 'receives':
    case 'broker-receives': {
      if (deadlinePassed) return result.pass ? 'pass' : 'fail';
      const max = e.times ?? e.atMost;
      if (max === undefined) return result.pass ? 'pass' : 'pending';
      return result.pass || result.evidence.length <= max ? 'pending' : 'fail';
    }
    case 'sent-will':
    case 'disconnects-cleanly':
      if (result.pass) return 'pass';
      return deadlinePassed ? 'fail' : 'pending';
    case 'ack':
    case 'will-registered':
    case 'session-present':
    case 'connack-property':
    case 'broker-disconnects':
    case 'closed-without-connack':
      return result.pass ? 'pass' : 'pending';
    case 'never-receives':
    case 'no-will':
      return result.pass ? 'pending' : 'fail';
    default:
      return 'pending';
  }
}

/** The plain-text scenario in a URL's `?scenario=` parameter, capped. */
function textParam(search: string): string | null {
  const value = new URLSearchParams(search).get(TEXT_PARAM);
  return value === null ? null : value.slice(0, MAX_TEXT_LENGTH);
}

interface Saved {
  text: string;
  cursor: Cursor;
}

function readSaved(storage: ScenarioStorage | null): Saved | null {
  try {
    const raw = storage?.getItem(AUTOSAVE_KEY);
    if (!raw) return null;
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { text, line, column } = data as Record<string, unknown>;
    if (typeof text !== 'string') return null;
    const cursor = { line: Number.isInteger(line) ? (line as number) : 1, column: Number.isInteger(column) ? (column as number) : 1 };
    return { text, cursor };
  } catch {
    return null; // storage blocked or not our JSON: start from the default
  }
}

/** The window parts the document listens to (a fake in tests, or none). */
export interface DocumentWindow {
  location: Pick<Location, 'hash' | 'search' | 'href'>;
  history: Pick<History, 'replaceState'>;
  addEventListener(type: 'hashchange' | 'pagehide', listener: () => void): void;
}

export interface ScenarioDocumentOptions {
  simulation: Simulation;
  /** localStorage, or null when it is blocked (nothing is remembered then). */
  storage: ScenarioStorage | null;
  /** The text of a first visit (default: the will-on-cable-cut example). */
  defaultText?: string;
  /** When given: read `?scenario=` and `#s=` links from it, clean them from the address bar, save on `pagehide`. */
  window?: DocumentWindow;
  lintDelayMs?: number;
  saveDelayMs?: number;
  /** How the language runtime is loaded (default: `import()` of its chunk). */
  loadLanguage?: () => Promise<ScenarioLanguage>;
}

export type RunOutcome = { ok: true } | { ok: false; errors: Diagnostic[] };

/** Load the language runtime (a separate chunk). */
export function loadScenarioLanguage(): Promise<ScenarioLanguage> {
  return import('../scenario/language-kernel.ts');
}

export class ScenarioDocument {
  readonly simulation: Simulation;
  /** The text, as in the editor. */
  text = $state('');
  /** Where the cursor is (saved with the text). */
  cursor = $state.raw<Cursor>({ line: 1, column: 1 });
  /** Diagnostics of the text (lag behind typing by `lintDelayMs`). */
  diagnostics = $state.raw<readonly Diagnostic[]>([]);
  /** The compiled scenario of the last run, and its text. */
  compiled = $state.raw<CompiledScenario | null>(null);
  ranText = $state<string | null>(null);
  notice = $state.raw<Notice | null>(null);
  /** Bumped when the text was replaced from outside the editor (the editor then applies `text`). */
  replaced = $state(0);
  /** The text as last opened, imported or exported: edits after it are "unsaved". */
  baseline = $state('');
  /** Settles when the `#s=` link of the page (if any) was opened or refused. */
  linkLoaded: Promise<boolean> = Promise.resolve(false);
  /** True until the learner edits, when the text is the built-in fallback (see `start`). */
  #provisional = false;
  /** The language runtime, once loaded. */
  #language = $state.raw<ScenarioLanguage | null>(null);
  /** Settles when the language runtime is loaded. */
  readonly languageLoaded: Promise<ScenarioLanguage>;
  /** Bumped to ask the editor to show a line (`revealLine`). */
  reveal = $state.raw<{ line: number; column: number; serial: number } | null>(null);

  readonly #storage: ScenarioStorage | null;
  readonly #window: DocumentWindow | undefined;
  readonly #lintDelayMs: number;
  readonly #saveDelayMs: number;
  #lintTimer: ReturnType<typeof setTimeout> | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The text before the last `replaceText` (for Undo). */
  #previous: string | null = null;
  /** The language of the comments of bilingual texts (`setCommentLanguage`). */
  #commentLang: CommentLang = 'en';
  /** The bilingual source of the text, while the text is that source in `#commentLang`. */
  #bilingual: string | null = null;

  /** Errors and warnings of the current diagnostics. */
  readonly errorCount = $derived(this.diagnostics.filter((d) => d.severity === 'error').length);
  readonly warningCount = $derived(this.diagnostics.filter((d) => d.severity === 'warning').length);
  /** The text differs from what last ran. */
  readonly stale = $derived(this.ranText !== null && this.ranText !== this.text);
  readonly dirty = $derived(this.text !== this.baseline);

  /** The expectations of the last run, checked at the cursor (once per published step). */
  readonly #results = $derived.by((): ExpectationResult[] => {
    const compiled = this.compiled;
    const world = this.simulation.world;
    const language = this.#language;
    if (!compiled || !world || !language) return [];
    return language.checkExpectations(compiled.expectations, this.simulation.trace, world);
  });

  /**
   * Each expectation with its status at the virtual time on the clock (`displayMs`, which runs
   * on between steps while playing: a deadline turns red when the clock passes it). Only the
   * cheap status mapping follows the clock; the checks run once per step (`#results`).
   */
  readonly expectations = $derived.by((): ExpectationView[] => {
    const results = this.#results;
    if (results.length === 0) return [];
    const final = this.simulation.atEnd;
    const nowMs = Math.max(this.simulation.displayMs, this.simulation.world?.nowMs ?? 0);
    return results.map((result) => ({ expectation: result.expectation, result, status: expectationStatus(result.expectation, result, nowMs, final) }));
  });

  private constructor(options: ScenarioDocumentOptions) {
    this.simulation = options.simulation;
    this.simulation.onManualCommand = (manual) => this.recordAction(manual);
    this.languageLoaded = (options.loadLanguage ?? loadScenarioLanguage)().then((language) => {
      this.#language = language;
      this.lintNow();
      return language;
    });
    this.languageLoaded.catch(() => {}); // reported by start()
    this.#storage = options.storage;
    this.#window = options.window;
    this.#lintDelayMs = options.lintDelayMs ?? 150;
    this.#saveDelayMs = options.saveDelayMs ?? 300;
  }

  /**
   * The document of this visit: the autosaved text (or the default text), then, when a window
   * is given, a `?scenario=` text; a `#s=` share link is opened by `openLink()` (asynchronous:
   * it loads the decompressor), which `open` starts and returns as `linkLoaded`.
   */
  static open(options: ScenarioDocumentOptions): ScenarioDocument {
    const doc = new ScenarioDocument(options);
    const saved = readSaved(doc.#storage);
    doc.text = saved?.text ?? options.defaultText ?? FALLBACK_SCENARIO;
    doc.#provisional = !saved && options.defaultText === undefined;
    doc.cursor = saved?.cursor ?? { line: 1, column: 1 };
    doc.baseline = doc.text;
    const win = doc.#window;
    if (win) {
      const fromParam = textParam(win.location.search);
      if (fromParam !== null && fromParam !== doc.text) doc.replaceText(fromParam, null);
      if (fromParam !== null) doc.#cleanUrl();
      win.addEventListener('pagehide', () => doc.flushSave());
      win.addEventListener('hashchange', () => void doc.openLink(win.location.hash));
      if (win.location.hash.startsWith(SHARE_PREFIX)) doc.linkLoaded = doc.openLink(win.location.hash);
    }
    doc.lintNow();
    return doc;
  }

  /**
   * Wait for the language and do the first run. `defaultText` replaces the built-in fallback
   * text of a first visit (nothing autosaved, no link, not edited yet). Call it once the
   * simulation can load worlds (after `provideSimulationKernel`).
   */
  async start(options: { defaultText?: string } = {}): Promise<RunOutcome> {
    await this.languageLoaded;
    const defaultText = options.defaultText;
    if (defaultText !== undefined && hasBilingualComments(defaultText)) {
      // An autosaved default scenario, unchanged, still follows the language.
      if ((['en', 'de'] as const).some((lang) => commentsIn(defaultText, lang) === this.text)) this.#bilingual = defaultText;
    }
    if (this.#provisional && defaultText !== undefined && this.#localised(defaultText) !== this.text) {
      this.text = this.#localised(defaultText);
      this.baseline = this.text;
      this.replaced++;
    }
    this.#provisional = false;
    return this.run();
  }

  /** True once the language runtime is loaded (lint and run work). */
  get ready(): boolean {
    return this.#language !== null;
  }

  // ── editing ──

  /** The editor changed the text. */
  edit(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.#provisional = false;
    if (this.notice?.key === 'runBlocked' || this.notice?.key === 'shareReady' || this.notice?.key === 'shareCopy') this.notice = null;
    this.#scheduleLint();
    this.#scheduleSave();
  }

  /**
   * A direct action on the stage becomes a line of the scenario (`at 5.2s sensor cable-cut
   * # added by hand`), in time order, so a re-run keeps it. The simulation already runs it, so the
   * new text counts as run.
   */
  recordAction(manual: ManualCommand): void {
    const language = this.#language;
    if (!language) return;
    const statement = language.commandStatement(manual.command);
    if (!statement) return;
    const { scenario } = language.parseScenario(this.text);
    const upToDate = this.ranText === this.text;
    this.text = language.insertTimedLine(this.text, scenario, manual.atMs, statement);
    if (upToDate) this.ranText = this.text;
    this.#provisional = false;
    this.replaced++;
    this.#scheduleLint();
    this.#scheduleSave();
  }

  /** The editor moved the cursor. */
  moveCursor(line: number, column: number): void {
    if (line === this.cursor.line && column === this.cursor.column) return;
    this.cursor = { line, column };
    this.#scheduleSave();
  }

  /** Parse now and publish the diagnostics. */
  lintNow(): readonly Diagnostic[] {
    clearTimeout(this.#lintTimer);
    this.#lintTimer = undefined;
    if (this.#language) this.diagnostics = this.#language.parseScenario(this.text).diagnostics;
    return this.diagnostics;
  }

  #scheduleLint(): void {
    clearTimeout(this.#lintTimer);
    this.#lintTimer = setTimeout(() => this.lintNow(), this.#lintDelayMs);
  }

  /** Ask the editor to show and select a place in the text. */
  revealLine(line: number, column = 1): void {
    this.reveal = { line, column, serial: (this.reveal?.serial ?? 0) + 1 };
  }

  // ── running ──

  /**
   * Compile the text and load it into the simulation, at the same virtual time as before.
   * With errors nothing changes but the notice, which names the first error.
   */
  run(): RunOutcome {
    const language = this.#language;
    if (!language) return { ok: false, errors: [] }; // not loaded yet: start() runs when it is
    const { scenario, diagnostics } = language.parseScenario(this.text);
    clearTimeout(this.#lintTimer);
    this.diagnostics = diagnostics;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      this.notice = { key: 'runBlocked', tone: 'error', params: { count: errors.length, line: first.line, column: first.column }, diagnostic: first };
      return { ok: false, errors };
    }
    let compiled: CompiledScenario;
    let world;
    try {
      compiled = language.compileScenario(scenario);
      world = language.buildWorld(compiled);
    } catch (error) {
      this.notice = { key: 'runFailed', tone: 'error', params: { message: String(error) } };
      return { ok: false, errors: [] };
    }
    const sim = this.simulation;
    const keep = sim.world && sim.position > 0 ? this.#moment() : null;
    sim.load(world, { endMs: compiled.endMs });
    this.compiled = compiled;
    this.ranText = this.text;
    if (keep) this.#seekMoment(keep);
    if (this.notice?.key === 'runBlocked' || this.notice?.key === 'runFailed') this.notice = null;
    return { ok: true };
  }

  /** The first position whose world time is at least `ms` (`length` when none). */
  #firstAtOrAfter(ms: number): number {
    const sim = this.simulation;
    let lo = 0;
    let hi = sim.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      sim.seek(mid);
      if ((sim.world?.nowMs ?? 0) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Where the cursor is, as a moment: the virtual time, and how many steps at that time were
   * taken (several events can happen at the same virtual time).
   */
  #moment(): { nowMs: number; stepsAtTime: number } {
    const sim = this.simulation;
    const position = sim.position;
    const nowMs = sim.world?.nowMs ?? 0;
    const first = this.#firstAtOrAfter(nowMs);
    sim.seek(position);
    return { nowMs, stepsAtTime: position - first + 1 };
  }

  /** Go to the same moment in the new timeline (or the last step before it). */
  #seekMoment({ nowMs, stepsAtTime }: { nowMs: number; stepsAtTime: number }): void {
    const sim = this.simulation;
    const first = this.#firstAtOrAfter(nowMs);
    const firstAfter = this.#firstAtOrAfter(nowMs + 1e-9);
    const target = first < firstAfter ? Math.min(first + stepsAtTime - 1, firstAfter - 1) : first - 1;
    sim.seek(Math.max(0, Math.min(target, sim.length - 1)));
  }

  // ── comment language ──

  /** `text` with the comments of the current comment language; remembers a bilingual source. */
  #localised(text: string): string {
    this.#bilingual = hasBilingualComments(text) ? text : null;
    return commentsIn(text, this.#commentLang);
  }

  /**
   * The UI language changed: a bilingual text the learner has not changed (the default
   * scenario, an exercise's start) takes the comments of `lang`. The code is the same, so what
   * ran stays valid and nothing re-runs; an edited text is left alone.
   */
  setCommentLanguage(lang: CommentLang): void {
    const old = this.#commentLang;
    if (lang === old) return;
    this.#commentLang = lang;
    const source = this.#bilingual;
    if (source === null || this.text !== commentsIn(source, old)) return;
    const text = commentsIn(source, lang);
    if (text === this.text) return;
    const ran = this.ranText === this.text;
    const unchanged = this.baseline === this.text;
    this.text = text;
    if (ran) this.ranText = text;
    if (unchanged) this.baseline = text;
    this.replaced++;
    this.lintNow();
    this.#scheduleSave();
  }

  // ── replacing the text ──

  /**
   * Replace the whole text (an example, a link, a file). The previous text stays one "Undo"
   * away and is kept in localStorage; the editor applies the change as one undoable edit.
   */
  replaceText(text: string, notice: Notice | null): void {
    this.#provisional = false;
    text = this.#localised(text);
    if (text !== this.text) {
      this.#previous = this.text;
      this.#write(PREVIOUS_KEY, JSON.stringify({ text: this.text, savedAt: Date.now() }));
      this.text = text;
      this.cursor = { line: 1, column: 1 };
      this.replaced++;
    }
    this.baseline = text;
    this.notice = notice;
    this.lintNow();
    this.flushSave();
  }

  /** True when "Undo" has a text to bring back. */
  get canRestore(): boolean {
    return this.#previous !== null || this.#readPrevious() !== null;
  }

  /** Bring back the text that the last example, link or file replaced. */
  restorePrevious(): boolean {
    const previous = this.#previous ?? this.#readPrevious();
    if (previous === null) return false;
    this.replaceText(previous, { key: 'restored', tone: 'success', params: {} });
    // Undoing twice swaps back and forth, as an editor's undo/redo would.
    return true;
  }

  #readPrevious(): string | null {
    try {
      const raw = this.#storage?.getItem(PREVIOUS_KEY);
      const data: unknown = raw ? JSON.parse(raw) : null;
      const text = (data as { text?: unknown } | null)?.text;
      return typeof text === 'string' ? text : null;
    } catch {
      return null;
    }
  }

  /**
   * Open an example (the previous text stays one Undo away); `title` names it in the notice,
   * in every locale when it has a translation (a lesson's or an exercise's title).
   */
  openExample(text: string, title: string | InEachLocale): void {
    this.replaceText(text, { key: 'exampleOpened', tone: 'info', params: { title }, undo: true });
    if (this.simulation.loaded) this.run();
  }

  dismissNotice(): void {
    this.notice = null;
  }

  // ── share links ──

  /** Open a `#s=...` share link (a no-op for other fragments). Never throws; never runs link content as code. */
  async openLink(hash: string): Promise<boolean> {
    if (!hash.startsWith(SHARE_PREFIX)) return false;
    const value = hash.slice(SHARE_PREFIX.length);
    this.#cleanUrl();
    let decoded;
    try {
      const { decodeScenario } = await import('../scenario/share-link.ts');
      decoded = decodeScenario(value);
    } catch {
      decoded = { ok: false as const, problem: 'corrupt' as const };
    }
    if (!decoded.ok) {
      this.notice = { key: 'linkCorrupt', tone: 'error', params: { max: MAX_TEXT_LENGTH / 1000 }, problem: decoded.problem };
      return false;
    }
    this.replaceText(decoded.text, { key: 'linkOpened', tone: 'info', params: {}, undo: true });
    if (this.#language && this.simulation.loaded) this.run();
    return true;
  }

  /**
   * A link that carries the current text, shown in the notice; `copy` (the clipboard) is tried
   * and the notice says whether it worked.
   */
  async shareLink(base: string, copy?: (link: string) => Promise<void>): Promise<string | null> {
    let link: string;
    try {
      const { shareUrl } = await import('../scenario/share-link.ts');
      link = shareUrl(base, this.text);
    } catch (error) {
      this.notice = { key: 'shareFailed', tone: 'error', params: { message: String(error) } };
      return null;
    }
    let copied = false;
    try {
      if (copy) {
        await copy(link);
        copied = true;
      }
    } catch {
      copied = false; // no clipboard permission: the learner copies it from the notice
    }
    this.notice = { key: copied ? 'shareReady' : 'shareCopy', tone: copied ? 'success' : 'info', params: { length: link.length }, link };
    return link;
  }

  /** Drop `?scenario=` and `#s=` from the address bar, so a reload shows the autosave. */
  #cleanUrl(): void {
    const win = this.#window;
    if (!win) return;
    try {
      const { pathname, search } = new URL(win.location.href); // eslint-disable-line svelte/prefer-svelte-reactivity -- a throwaway parse, not state
      const params = new URLSearchParams(search); // eslint-disable-line svelte/prefer-svelte-reactivity -- idem
      params.delete(TEXT_PARAM);
      const query = params.toString();
      win.history.replaceState(null, '', pathname + (query ? `?${query}` : ''));
    } catch {
      // a sandboxed or odd location: leave the address bar alone
    }
  }

  // ── files ──

  /** Open a `.mqtts` file (text up to MAX_TEXT_LENGTH bytes). */
  async importFile(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<boolean> {
    const name = file.name;
    if (file.size > MAX_TEXT_LENGTH) {
      this.notice = { key: 'importFailed', tone: 'error', params: { name, max: MAX_TEXT_LENGTH / 1000 }, problem: 'too-large' };
      return false;
    }
    let text: string | undefined;
    try {
      const { decodeText } = await import('../scenario/share-link.ts');
      text = decodeText(new Uint8Array(await file.arrayBuffer()));
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      this.notice = { key: 'importFailed', tone: 'error', params: { name, max: MAX_TEXT_LENGTH / 1000 }, problem: 'not-text' };
      return false;
    }
    this.replaceText(text.replace(/^\uFEFF/, ''), { key: 'imported', tone: 'info', params: { name }, undo: true });
    return true;
  }

  /** The file to download: a name from the first comment line, and the text. */
  exportFile(): { name: string; text: string } {
    const title = /^\s*#+\s*([^\n]*)/.exec(this.text)?.[1] ?? '';
    const slug = title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '');
    this.baseline = this.text;
    return { name: `${slug || 'scenario'}.mqtts`, text: this.text };
  }

  // ── autosave ──

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.flushSave(), this.#saveDelayMs);
  }

  /** Write the text and the cursor to localStorage now. */
  flushSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    const ok = this.#write(AUTOSAVE_KEY, JSON.stringify({ v: 1, text: this.text, line: this.cursor.line, column: this.cursor.column }));
    if (!ok && this.#storage) this.notice = { key: 'saveFailed', tone: 'error', params: {} };
  }

  #write(key: string, value: string): boolean {
    try {
      this.#storage?.setItem(key, value);
      return true;
    } catch {
      return false; // quota exceeded or storage blocked
    }
  }

  /** Stop the timers (tests; the app keeps one document for its lifetime). */
  dispose(): void {
    clearTimeout(this.#lintTimer);
    clearTimeout(this.#saveTimer);
  }
}
