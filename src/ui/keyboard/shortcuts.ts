/**
 * Every key the app answers to, in one table: the handlers ask it (`pressed`), and the shortcuts
 * help (src/ui/components/ShortcutsDialog.svelte) lists it, so a key cannot work without being
 * in the help (tests/ui/shortcuts.test.ts checks the handlers against it).
 *
 * A combination is a `KeyboardEvent.key` value plus its modifiers; `Mod` is Ctrl (⌘ on a Mac),
 * `Ctrl` is Ctrl on every platform (Monaco's suggest: Ctrl+Space, since ⌘+Space is the Mac's search).
 * `aliases` are accepted but not listed: the same key on another layout or without Shift (`=`
 * for `+`), or a key that has its own name on some keyboards (the context-menu key).
 * `monaco`: handled inside the Monaco editor, not matched with `pressed`: either bound there from
 * this table (`'bound'`, src/ui/editor/monaco.ts) or Monaco's own action with that default key,
 * named by its id and left as Monaco has it (Ctrl+Space is its suggest widget's; monaco.ts checks
 * that the editor has the action).
 * Every hint that names a key (tooltips, labels, the help) takes it from here: `keyHint`,
 * `ariaKeyShortcuts`.
 */

export type Modifier = 'Mod' | 'Ctrl' | 'Alt' | 'Shift';

export interface KeyCombo {
  readonly key: string;
  readonly mods?: readonly Modifier[];
}

export interface Shortcut {
  /** The message key of what it does (en.ts `keys.*`). */
  readonly action: string;
  /** Alternatives, listed in the help in this order. */
  readonly combos: readonly KeyCombo[];
  readonly aliases?: readonly KeyCombo[];
  /** Handled inside Monaco: `'bound'` from this table by monaco.ts, or the id of Monaco's own action. */
  readonly monaco?: 'bound' | `editor.action.${string}`;
}

export interface ShortcutGroup {
  /** The message keys of the group's heading and note. */
  readonly title: string;
  readonly note?: string;
  readonly shortcuts: Readonly<Record<string, Shortcut>>;
}

const key = (k: string, ...mods: Modifier[]): KeyCombo => (mods.length > 0 ? { key: k, mods } : { key: k });

/** The table, by where the keys work. */
export const SHORTCUTS = {
  transport: {
    title: 'keys.transport',
    note: 'keys.transportNote',
    shortcuts: {
      playPause: { action: 'keys.playPause', combos: [key(' ')] },
      stepForward: { action: 'keys.stepForward', combos: [key('ArrowRight')] },
      stepBack: { action: 'keys.stepBack', combos: [key('ArrowLeft')] },
      reset: { action: 'keys.reset', combos: [key('Home')] },
    },
  },
  editor: {
    title: 'keys.editor',
    shortcuts: {
      run: { action: 'keys.run', combos: [key('Enter', 'Mod')] },
      check: { action: 'keys.check', combos: [key('Enter', 'Alt')] },
      // Monaco's suggest widget owns Ctrl+Space (its default keybinding; Ctrl, also on a Mac).
      complete: { action: 'keys.complete', combos: [key(' ', 'Ctrl')], monaco: 'editor.action.triggerSuggest' },
      tabMode: { action: 'keys.tabMode', combos: [key('M', 'Mod')], monaco: 'bound' },
      // The examples menu in the editor's toolbar (src/ui/scenario/ExampleMenu.svelte).
      closeExamples: { action: 'keys.closeExamples', combos: [key('Escape')] },
    },
  },
  stage: {
    title: 'keys.stage',
    shortcuts: {
      pan: { action: 'keys.pan', combos: [key('ArrowLeft'), key('ArrowUp'), key('ArrowRight'), key('ArrowDown')] },
      zoom: { action: 'keys.zoom', combos: [key('+'), key('-')], aliases: [key('='), key('_')] },
      fit: { action: 'keys.fit', combos: [key('0')] },
      nodeActions: { action: 'keys.nodeActions', combos: [key('Enter'), key('F10', 'Shift')], aliases: [key('ContextMenu')] },
      closeMenu: { action: 'keys.closeMenu', combos: [key('Escape')] },
    },
  },
  sequence: {
    title: 'keys.sequence',
    shortcuts: {
      rows: { action: 'keys.rows', combos: [key('ArrowUp'), key('ArrowDown'), key('PageUp'), key('PageDown')] },
      select: { action: 'keys.select', combos: [key('Enter'), key(' ')] },
    },
  },
  lesson: {
    title: 'keys.lesson',
    shortcuts: {
      // A glossary term's definition in a lesson text (src/ui/lessons/GlossaryTerm.svelte).
      hideTerm: { action: 'keys.hideTerm', combos: [key('Escape')] },
      // The worksheet's preview (src/ui/print/Worksheet.svelte).
      closeWorksheet: { action: 'keys.closeWorksheet', combos: [key('Escape')] },
    },
  },
} as const satisfies Readonly<Record<string, ShortcutGroup>>;

/** The groups in the help's order. */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = Object.values(SHORTCUTS);

/** The subset of KeyboardEvent a match looks at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

function comboMatches(event: KeyPress, combo: KeyCombo): boolean {
  const mods = combo.mods ?? [];
  const sameKey = combo.key.length === 1 ? event.key.toLowerCase() === combo.key.toLowerCase() : event.key === combo.key;
  if (!sameKey) return false;
  if (mods.includes('Ctrl')) {
    if (!event.ctrlKey || event.metaKey) return false;
  } else if ((event.ctrlKey || event.metaKey) !== mods.includes('Mod')) return false;
  if (event.altKey !== mods.includes('Alt')) return false;
  // Shift counts only where the combination names it: `+` and `?` need it on most layouts.
  return !mods.includes('Shift') || event.shiftKey;
}

/** True when `event` is one of `shortcut`'s combinations (or aliases). */
export function pressed(event: KeyPress, shortcut: Shortcut): boolean {
  return [...shortcut.combos, ...(shortcut.aliases ?? [])].some((combo) => comboMatches(event, combo));
}

/** How the help writes a key: arrows as arrows, named keys in the UI language (`keys.*`). */
export function keyLabel(k: string, t: (id: string) => string, mac: boolean): string {
  switch (k) {
    case 'Mod':
      return mac ? '⌘' : t('keys.ctrl');
    case 'Ctrl':
      return mac ? '⌃' : t('keys.ctrl');
    case 'Shift':
      return t('keys.shift');
    case ' ':
      return t('keys.space');
    case 'Home':
      return t('keys.home');
    case 'PageUp':
      return t('keys.pageUp');
    case 'PageDown':
      return t('keys.pageDown');
    case 'Escape':
      return 'Esc';
    case 'ArrowLeft':
      return '←';
    case 'ArrowRight':
      return '→';
    case 'ArrowUp':
      return '↑';
    case 'ArrowDown':
      return '↓';
    default:
      return k;
  }
}

/** `aria-keyshortcuts` for a shortcut (its listed combinations, in ARIA's key names; `Mod` is both Control and Meta). */
export function ariaKeyShortcuts(shortcut: Shortcut): string {
  const aria = (k: string, mod: string) => (k === 'Mod' ? mod : k === 'Ctrl' ? 'Control' : k === ' ' ? 'Space' : k);
  return shortcut.combos
    .flatMap((combo) => {
      const keys = [...(combo.mods ?? []), combo.key];
      return (combo.mods ?? []).includes('Mod') ? ['Control', 'Meta'].map((mod) => keys.map((k) => aria(k, mod)).join('+')) : [keys.map((k) => aria(k, '')).join('+')];
    })
    .join(' ');
}

/** True on a Mac or an iPad/iPhone (where `Mod` is ⌘). */
export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** A shortcut's first combination as a tooltip writes it (`Strg+Enter`, `Pos1`). */
export function keyHint(shortcut: Shortcut, t: (id: string) => string, mac: boolean): string {
  return shortcut.combos[0] ? comboLabels(shortcut.combos[0], t, mac).join('+') : '';
}

/** A combination as the keys to press together, in the help's words (`Strg` + `Enter`). */
export function comboLabels(combo: KeyCombo, t: (id: string) => string, mac: boolean): string[] {
  return [...(combo.mods ?? []), combo.key].map((k) => keyLabel(k, t, mac));
}
