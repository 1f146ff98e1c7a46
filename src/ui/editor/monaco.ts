/**
 * The Monaco side of the scenario editor. Load this module ONLY with `import()` (from
 * ScenarioEditor.svelte): it pulls in the lean Monaco core (editor.api plus the features listed
 * below, not the 14 MB `import 'monaco-editor'`), which Vite puts in its own lazy chunk.
 *
 * It registers the `mqtts` language once (Monarch tokens from language.ts; completion, hover
 * and quick fixes from the pure modules beside it), defines a light and a dark theme in the
 * app's colours, and creates editors. Per model it keeps the UI language and the diagnostics
 * last shown, which the providers read.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Diagnostic } from '../../scenario/diagnostics.ts';
import type { Lang } from '../../scenario/options.ts';
import { completionsAt, type CompletionKind } from './completion.ts';
import { SHORTCUTS, type KeyCombo, type Shortcut } from '../keyboard/shortcuts.ts';
import { hoverAt } from './hover.ts';
import { conf, language, LANGUAGE_ID } from './language.ts';

export type { Diagnostic };

/** What the editor reports and asks for. */
export interface ScenarioEditorOptions {
  text: string;
  cursor: { line: number; column: number };
  lang: Lang;
  theme: 'light' | 'dark';
  ariaLabel: string;
  /** The names of our two editor actions (context menu, keybinding help), in the UI language. */
  labels: EditorActionLabels;
  /** Title of a quick fix that replaces a word with `text`. */
  fixTitle: (text: string) => string;
  onChange: (text: string) => void;
  onCursor: (line: number, column: number) => void;
  onRun: () => void;
  /** Called with true when Tab moves focus out of the editor, false when Tab indents (Ctrl+M). */
  onTabMovesFocus: (moves: boolean) => void;
}

/** The names of the editor's own actions: Run (Ctrl+Enter) and Tab's switch (Ctrl+M). */
export interface EditorActionLabels {
  run: string;
  tabFocus: string;
}

export interface ScenarioEditorHandle {
  setDiagnostics(diagnostics: readonly Diagnostic[], forText: string): void;
  /** Switch the markers, quick fixes, hovers and action names to `lang`. */
  setLang(lang: Lang, fixTitle: (text: string) => string, labels: EditorActionLabels): void;
  setTheme(theme: 'light' | 'dark'): void;
  /** Replace the whole text as one undoable edit (an example, a link, a file). */
  replaceText(text: string): void;
  revealPosition(line: number, column: number): void;
  focus(): void;
  dispose(): void;
  /** The Monaco namespace (browser tests tokenize and inspect markers through it). */
  readonly monaco: typeof monaco;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
}

interface ModelState {
  lang: Lang;
  fixTitle: (text: string) => string;
  diagnostics: readonly Diagnostic[];
  /** The text the diagnostics belong to: quick fixes are offered only while it is current. */
  diagnosticsText: string;
}

const models = new WeakMap<monaco.editor.ITextModel, ModelState>();
const MARKER_OWNER = 'mqtts';

const SEVERITY: Record<Diagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

const KIND: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  verb: monaco.languages.CompletionItemKind.Function,
  option: monaco.languages.CompletionItemKind.Property,
  client: monaco.languages.CompletionItemKind.Variable,
  topic: monaco.languages.CompletionItemKind.Value,
  packet: monaco.languages.CompletionItemKind.EnumMember,
  value: monaco.languages.CompletionItemKind.Constant,
  setting: monaco.languages.CompletionItemKind.Field,
  property: monaco.languages.CompletionItemKind.Property,
};

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.mqtts'], aliases: ['MQTT Lab scenario', 'mqtts'] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, conf);
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, language);

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [' ', '-', '='],
    provideCompletionItems(model, position) {
      const state = models.get(model);
      const result = completionsAt(model.getValue(), position.lineNumber, position.column, state?.lang ?? 'en');
      const range = new monaco.Range(position.lineNumber, result.startColumn, position.lineNumber, position.column);
      return {
        suggestions: result.items.map((c) => ({
          label: c.label,
          kind: KIND[c.kind],
          insertText: c.insertText,
          sortText: c.sortText,
          range,
          ...(c.detail ? { detail: c.detail } : {}),
          ...(c.documentation ? { documentation: { value: c.documentation } } : {}),
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const state = models.get(model);
      const hover = hoverAt(model.getLineContent(position.lineNumber), position.column, state?.lang ?? 'en');
      if (!hover) return null;
      return { range: new monaco.Range(position.lineNumber, hover.startColumn, position.lineNumber, hover.endColumn), contents: [{ value: hover.markdown }] };
    },
  });

  monaco.languages.registerCodeActionProvider(
    LANGUAGE_ID,
    {
      provideCodeActions(model, range, context) {
        const state = models.get(model);
        if (!state || state.diagnosticsText !== model.getValue()) return { actions: [], dispose() {} };
        const actions: monaco.languages.CodeAction[] = [];
        for (const d of state.diagnostics) {
          const fix = d.fix;
          if (!fix) continue;
          const fixRange = new monaco.Range(fix.range.line, fix.range.column, fix.range.endLine, fix.range.endColumn);
          const diagRange = new monaco.Range(d.line, d.column, d.endLine, d.endColumn);
          if (!monaco.Range.areIntersectingOrTouching(diagRange, range)) continue;
          const marker = context.markers.find((m) => m.startLineNumber === d.line && m.startColumn === d.column && m.code === d.code);
          actions.push({
            title: state.fixTitle(fix.text),
            kind: 'quickfix',
            isPreferred: true,
            ...(marker ? { diagnostics: [marker] } : {}),
            edit: { edits: [{ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: fixRange, text: fix.text } }] },
          });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );

  // Colours follow src/ui/styles/app.css (accent blue, muted text, the panels' surface).
  const rules = (dark: boolean): monaco.editor.ITokenThemeRule[] => [
    { token: 'comment', foreground: dark ? '8b96a8' : '6a7385', fontStyle: 'italic' },
    // `# locked`: an exercise's line that must stay as it is (src/lessons/check.ts).
    { token: 'comment.locked', foreground: dark ? 'f0b45a' : '9a5b00', fontStyle: 'bold' },
    { token: 'keyword', foreground: dark ? 'c792ea' : '7a3eb1', fontStyle: 'bold' },
    { token: 'keyword.verb', foreground: dark ? '82aaff' : '1f63c6', fontStyle: 'bold' },
    { token: 'attribute.name', foreground: dark ? 'f2b45c' : '9a5a00' },
    { token: 'number', foreground: dark ? 'f78c6c' : 'b3401e' },
    { token: 'constant', foreground: dark ? 'f78c6c' : 'b3401e' },
    { token: 'type', foreground: dark ? '89ddff' : '006f85', fontStyle: 'bold' },
    { token: 'string', foreground: dark ? 'a5d97f' : '2f7a2f' },
    { token: 'string.escape', foreground: dark ? '89ddff' : '006f85' },
    { token: 'string.topic', foreground: dark ? '7fd6c2' : '0b7a68' },
    { token: 'identifier', foreground: dark ? 'e5e9f0' : '1b2230' },
    { token: 'delimiter', foreground: dark ? '9ba5b5' : '5a6475' },
  ];
  monaco.editor.defineTheme('mqttlab-light', {
    base: 'vs',
    inherit: true,
    rules: rules(false),
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#69727f', 'editorLineNumber.dimmedForeground': '#69727f', 'editorGutter.background': '#f8f9fb' },
  });
  monaco.editor.defineTheme('mqttlab-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: rules(true),
    colors: { 'editor.background': '#171b22', 'editorLineNumber.foreground': '#8e99aa', 'editorLineNumber.dimmedForeground': '#8e99aa', 'editorGutter.background': '#1d222b' },
  });
}

function toMarker(d: Diagnostic, lang: Lang): monaco.editor.IMarkerData {
  return {
    severity: SEVERITY[d.severity],
    message: lang === 'de' && d.messageDe ? d.messageDe : d.message,
    code: d.code,
    source: 'mqtts',
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    endColumn: Math.max(d.endColumn, d.column + 1),
  };
}

/** A combination of the shortcuts table (src/ui/keyboard/shortcuts.ts) as a Monaco keybinding. */
function keybinding(combo: KeyCombo): number {
  const mods = combo.mods ?? [];
  const code = combo.key === 'Enter' ? monaco.KeyCode.Enter : monaco.KeyCode[`Key${combo.key.toUpperCase()}` as keyof typeof monaco.KeyCode];
  if (typeof code !== 'number') throw new Error(`no Monaco key code for ${combo.key}`);
  return (mods.includes('Mod') ? monaco.KeyMod.CtrlCmd : 0) | (mods.includes('Ctrl') ? monaco.KeyMod.WinCtrl : 0) | (mods.includes('Alt') ? monaco.KeyMod.Alt : 0) | (mods.includes('Shift') ? monaco.KeyMod.Shift : 0) | code;
}

/** Create the scenario editor in `container`. */
export function createScenarioEditor(container: HTMLElement, options: ScenarioEditorOptions): ScenarioEditorHandle {
  register();
  const model = monaco.editor.createModel(options.text, LANGUAGE_ID);
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  const state: ModelState = { lang: options.lang, fixTitle: options.fixTitle, diagnostics: [], diagnosticsText: '' };
  models.set(model, state);
  const editor = monaco.editor.create(container, {
    model,
    theme: options.theme === 'dark' ? 'mqttlab-dark' : 'mqttlab-light',
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontFamily: "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
    fontSize: 13,
    lineNumbersMinChars: 3,
    folding: false,
    glyphMargin: false,
    renderLineHighlight: 'line',
    tabSize: 2,
    insertSpaces: true,
    // The editor column is narrow: wrap long command lines instead of scrolling sideways.
    wordWrap: 'on',
    wrappingIndent: 'indent',
    fixedOverflowWidgets: true,
    wordBasedSuggestions: 'off',
    quickSuggestions: { other: true, comments: false, strings: false },
    suggestOnTriggerCharacters: true,
    hover: { delay: 300 },
    padding: { top: 6 },
    occurrencesHighlight: 'off',
    stickyScroll: { enabled: false },
    // Keyboard users must not be trapped: Tab leaves the editor; Ctrl+M (our action below)
    // switches Tab to indenting and back. The panel shows which one is on.
    tabFocusMode: true,
  });
  const { line, column } = options.cursor;
  const position = model.validatePosition({ lineNumber: line, column });
  editor.setPosition(position);
  editor.revealPositionInCenterIfOutsideViewport(position);

  let applying = false;
  const subscriptions = [
    model.onDidChangeContent(() => {
      if (!applying) options.onChange(model.getValue());
    }),
    editor.onDidChangeCursorPosition((e) => options.onCursor(e.position.lineNumber, e.position.column)),
  ];
  const TAB_FOCUS = monaco.editor.EditorOption.tabFocusMode;
  /** Our actions under names in the UI language (added again on a language switch: a name is fixed once added). */
  const addActions = (labels: EditorActionLabels): monaco.IDisposable[] => [
    editor.addAction({
      id: 'mqttlab.run',
      label: labels.run,
      keybindings: SHORTCUTS.editor.shortcuts.run.combos.map(keybinding),
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 0,
      run: () => options.onRun(),
    }),
    // Monaco's own Ctrl+M flips a global flag that cannot override the option: this action flips
    // the option itself (registered later, so its keybinding wins).
    editor.addAction({
      id: 'mqttlab.toggleTabMovesFocus',
      label: labels.tabFocus,
      keybindings: SHORTCUTS.editor.shortcuts.tabMode.combos.map(keybinding),
      run: () => {
        editor.updateOptions({ tabFocusMode: !editor.getOption(TAB_FOCUS) });
      },
    }),
  ];
  let actions = addActions(options.labels);
  // The shortcuts table names the Monaco actions that own some keys (Ctrl+Space: suggest): the
  // help lists them, so the editor must have them (an error shows in every browser test if not).
  const editorShortcuts: Readonly<Record<string, Shortcut>> = SHORTCUTS.editor.shortcuts;
  for (const { action, monaco: owner } of Object.values(editorShortcuts)) {
    if (owner && owner !== 'bound' && !editor.getAction(owner)) console.error(`shortcuts.ts: ${action} is said to be Monaco's ${owner}, which this editor does not have`);
  }
  subscriptions.push(
    editor.onDidChangeConfiguration((e) => {
      if (e.hasChanged(TAB_FOCUS)) options.onTabMovesFocus(editor.getOption(TAB_FOCUS));
    }),
  );

  const handle: ScenarioEditorHandle = {
    monaco,
    editor,
    setDiagnostics(diagnostics, forText) {
      state.diagnostics = diagnostics;
      state.diagnosticsText = forText;
      monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnostics.map((d) => toMarker(d, state.lang)));
    },
    setLang(lang, fixTitle, labels) {
      state.lang = lang;
      state.fixTitle = fixTitle;
      for (const a of actions) a.dispose();
      actions = addActions(labels);
      monaco.editor.setModelMarkers(model, MARKER_OWNER, state.diagnostics.map((d) => toMarker(d, lang)));
    },
    setTheme(theme) {
      monaco.editor.setTheme(theme === 'dark' ? 'mqttlab-dark' : 'mqttlab-light');
    },
    replaceText(text) {
      if (text === model.getValue()) return;
      applying = true;
      try {
        editor.pushUndoStop();
        editor.executeEdits('mqttlab.replace', [{ range: model.getFullModelRange(), text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      } finally {
        applying = false;
      }
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.revealLine(1);
    },
    revealPosition(lineNumber, col) {
      const p = model.validatePosition({ lineNumber, column: col });
      editor.setSelection(new monaco.Selection(p.lineNumber, p.column, p.lineNumber, model.getLineMaxColumn(p.lineNumber)));
      editor.revealLineInCenterIfOutsideViewport(p.lineNumber);
      editor.focus();
    },
    focus() {
      editor.focus();
    },
    dispose() {
      for (const s of [...subscriptions, ...actions]) s.dispose();
      editor.dispose();
      model.dispose();
    },
  };
  return handle;
}
