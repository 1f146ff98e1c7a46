/**
 * The scenario document: the text the learner edits, its live diagnostics, the last run and its
 * expectations as the simulation plays, and everything that keeps the text safe (autosave,
 * share links, files, examples).
 *
 * Theory of operation
 * -------------------
 * Its parts live beside it: what is kept in localStorage (scenario-storage.ts), texts from links
 * and files (scenario-links.ts), the notice above the editor (scenario-notice.ts), the moment a
 * re-run returns to (scenario-moment.ts), the comments' language (bilingual-comments.ts) and the
 * expectations' status (expectation-status.ts).
 *
 * The editor component reports every change with `edit(text)` and every cursor move with
 * `moveCursor()`. Diagnostics follow the text after a short pause (`lintDelayMs`, the parser
 * runs in the main thread: a 1,000-line scenario takes a few ms); the text and the cursor are
 * written to localStorage after `saveDelayMs` (and at once with `flushSave()`, on `pagehide`).
 *
 * `run()` parses and compiles the text *now*; errors block it (the first one is shown with its
 * line and column, nothing is changed); otherwise the simulation is loaded with the new world
 * and the cursor goes back to the same virtual time (and, at that time, to the same number of
 * trace entries, see scenario-moment.ts), so a re-run after a small edit shows the same moment.
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
 * Comments can come in two languages: while the learner has not changed such a text,
 * `setCommentLanguage()` swaps its comments to the new language in place (bilingual-comments.ts).
 *
 * Expectations are checked on the whole run (`fullTrace` and `finalWorld`, once per timeline) and
 * shown at the cursor as met by now, met later, or not met in this run, as an exercise's goals
 * are (`expectationViews`); a run whose end is not known is checked at the cursor instead.
 */
import type { CompiledScenario, Diagnostic, ExpectationResult } from '../../scenario/index.ts';
import type { InEachLocale } from '../i18n/index.ts';
import type { CommentLang } from '../../scenario/comment-language.ts';
import { FALLBACK_SCENARIO } from '../scenario/fallback-scenario.ts';
import { BilingualComments } from './bilingual-comments.ts';
import { expectationViews, goalCursor, type ExpectationView } from './expectation-status.ts';
import { cleanUrl, decodeLink, exportFileName, makeShareLink, readFileText, shareLinkValue, textParam, type DocumentWindow } from './scenario-links.ts';
import { momentOf, seekMoment } from './scenario-moment.ts';
import type { Notice } from './scenario-notice.ts';
import { loadChunk } from '../chunks/load-chunk.ts';
import { readPrevious, readSaved, writePrevious, writeSaved, type Cursor, type ScenarioStorage } from './scenario-storage.ts';
import { PRECOMPUTE_MAX_STEPS, type ManualCommand, type Simulation } from './simulation.svelte.ts';

/** The scenario language's runtime (src/ui/scenario/language-kernel.ts, loaded lazily). */
export type ScenarioLanguage = typeof import('../scenario/language-kernel.ts');

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

/** Load the language runtime (a separate chunk; tried again when it fails to arrive). */
export function loadScenarioLanguage(): Promise<ScenarioLanguage> {
  return loadChunk(() => import('../scenario/language-kernel.ts'));
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
  /** The simulation's code (the kernel or the language runtime) could not be loaded: nothing runs. */
  #kernelUnavailable = $state(false);
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
  /** The comments' language of bilingual texts (`setCommentLanguage`). */
  readonly #comments = new BilingualComments();

  /** Errors and warnings of the current diagnostics. */
  readonly errorCount = $derived(this.diagnostics.filter((d) => d.severity === 'error').length);
  readonly warningCount = $derived(this.diagnostics.filter((d) => d.severity === 'warning').length);
  /** The text differs from what last ran. */
  readonly stale = $derived(this.ranText !== null && this.ranText !== this.text);
  readonly dirty = $derived(this.text !== this.baseline);
  /**
   * The last run was computed ahead only up to its step limit, before its end
   * (`simulation.cutShortAtMs`): when, the end it did not reach and the limit, for the notice
   * beside the goals; gone once playing or stepping on has reached the end.
   */
  readonly stepLimit = $derived.by((): { atMs: number; endMs: number; steps: number } | null => {
    const atMs = this.simulation.cutShortAtMs;
    if (!this.compiled || atMs === undefined || this.simulation.realTraffic || this.simulation.atEnd) return null;
    return { atMs, endMs: this.simulation.endMs, steps: PRECOMPUTE_MAX_STEPS };
  });

  /**
   * The expectations of the last run over the whole run (once per timeline): null when its end is
   * not known (cut short by the step limit, real traffic), then they are checked at the cursor.
   */
  readonly #runResults = $derived.by((): ExpectationResult[] | null => {
    const { compiled, simulation: sim } = this;
    const world = sim.finalWorld;
    const language = this.#language;
    if (!compiled || !world || !language || sim.realTraffic || sim.cutShortAtMs !== undefined) return null;
    return language.checkExpectations(compiled.expectations, sim.fullTrace, world);
  });

  /** The expectations of the last run, checked at the cursor (once per published step). */
  readonly #results = $derived.by((): ExpectationResult[] => {
    const compiled = this.compiled;
    const world = this.simulation.world;
    const language = this.#language;
    if (!compiled || !world || !language) return [];
    return language.checkExpectations(compiled.expectations, this.simulation.trace, world);
  });

  /**
   * Each expectation at the virtual time on the clock (`displayMs`, which runs on between steps
   * while playing): the whole run's verdict by now and over the run (`expectationViews`), else
   * its status on the trace at the cursor. Only this mapping follows the clock.
   */
  readonly expectations = $derived.by((): ExpectationView[] => {
    if (!this.compiled || !this.simulation.world) return [];
    return expectationViews(this.#runResults, () => this.#results, goalCursor(this.simulation));
  });

  private constructor(options: ScenarioDocumentOptions) {
    this.simulation = options.simulation;
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
    // The fallback's comments are in English and German: shown in one, swapped with the UI language.
    doc.text = saved?.text ?? options.defaultText ?? doc.#comments.localise(FALLBACK_SCENARIO);
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
      if (shareLinkValue(win.location.hash) !== null) doc.linkLoaded = doc.openLink(win.location.hash);
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
    try {
      await this.languageLoaded;
    } catch (error) {
      console.warn('The scenario language could not be loaded', error);
      this.kernelFailed();
      return { ok: false, errors: [] };
    }
    const defaultText = options.defaultText;
    // An autosaved default scenario, unchanged, still follows the language.
    if (defaultText !== undefined) this.#comments.recognise(defaultText, this.text);
    if (this.#provisional && defaultText !== undefined && this.#comments.localise(defaultText) !== this.text) {
      this.text = this.#comments.localise(defaultText);
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
   * A direct action on the stage becomes a line of the scenario (the simulation's owner passes
   * this as its `onManualCommand`) (`at 5.2s sensor cable-cut
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
    if (this.#kernelUnavailable) {
      this.kernelFailed(); // say it again (the notice may have been dismissed)
      return { ok: false, errors: [] };
    }
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
    const keep = sim.world && sim.position > 0 ? momentOf(sim) : null;
    if (!sim.load(world, { endMs: compiled.endMs })) {
      // Real traffic is shown (the live view, a recording): a run would end it unasked.
      this.notice = { key: 'runLive', tone: 'error', params: {} };
      return { ok: false, errors: [] };
    }
    this.compiled = compiled;
    this.ranText = this.text;
    if (keep) seekMoment(sim, keep);
    if (this.notice?.key === 'runBlocked' || this.notice?.key === 'runFailed' || this.notice?.key === 'runLive') this.notice = null;
    return { ok: true };
  }

  /** True once the simulation's code could not be loaded (`kernelFailed`). */
  get kernelUnavailable(): boolean {
    return this.#kernelUnavailable;
  }

  /**
   * The simulation's code did not load, even after the retries: nothing can run. The notice says
   * so in the UI language, says that the text stays editable and saved, and offers Reload.
   */
  kernelFailed(): void {
    this.#kernelUnavailable = true;
    this.notice = { key: 'kernelFailed', tone: 'error', params: {}, reload: true };
  }

  // ── comment language ──

  /**
   * The UI language changed: a bilingual text the learner has not changed (the default
   * scenario, an exercise's start) takes the comments of `lang`. The code is the same, so what
   * ran stays valid and nothing re-runs; an edited text is left alone.
   */
  setCommentLanguage(lang: CommentLang): void {
    const text = this.#comments.switchTo(lang, this.text);
    if (text === null) return;
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
    text = this.#comments.localise(text);
    if (text !== this.text) {
      this.#previous = this.text;
      writePrevious(this.#storage, this.text);
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
    return this.#previous !== null || readPrevious(this.#storage) !== null;
  }

  /** Bring back the text that the last example, link or file replaced. */
  restorePrevious(): boolean {
    const previous = this.#previous ?? readPrevious(this.#storage);
    if (previous === null) return false;
    this.replaceText(previous, { key: 'restored', tone: 'success', params: {} });
    // Undoing twice swaps back and forth, as an editor's undo/redo would.
    return true;
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
    const value = shareLinkValue(hash);
    if (value === null) return false;
    const decoded = await decodeLink(value);
    // Kept when the decoder did not load, so Reload opens the link; cleaned otherwise.
    if (decoded.ok || !decoded.keepLink) this.#cleanUrl();
    if (!decoded.ok) {
      this.notice = decoded.notice;
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
    const { link, notice } = await makeShareLink(base, this.text, copy);
    this.notice = notice;
    return link;
  }

  /** Drop `?scenario=` and `#s=` from the address bar, so a reload shows the autosave. */
  #cleanUrl(): void {
    if (this.#window) cleanUrl(this.#window);
  }

  // ── files ──

  /** Open a `.mqtts` file (text up to MAX_TEXT_LENGTH bytes). */
  async importFile(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<boolean> {
    const read = await readFileText(file);
    if (!read.ok) {
      this.notice = read.notice;
      return false;
    }
    this.replaceText(read.text, { key: 'imported', tone: 'info', params: { name: file.name }, undo: true });
    return true;
  }

  /** The file to download: a name from the first comment line, and the text. */
  exportFile(): { name: string; text: string } {
    this.baseline = this.text;
    return { name: exportFileName(this.text), text: this.text };
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
    const ok = writeSaved(this.#storage, { text: this.text, cursor: this.cursor });
    if (!ok && this.#storage) this.notice = { key: 'saveFailed', tone: 'error', params: {} };
  }

  /** Stop the timers (tests; the app keeps one document for its lifetime). */
  dispose(): void {
    clearTimeout(this.#lintTimer);
    clearTimeout(this.#saveTimer);
  }
}
