/**
 * Keyboard shortcuts for the transport: Space plays/pauses, Right steps forward, Left steps
 * back, Home resets (their keys: the `transport` group of shortcuts.ts, which the help lists).
 *
 * They must never steal a key from something that already uses it: text fields, selects,
 * sliders (the scrubber), tab lists (arrow keys move between tabs), the scenario editor
 * (Monaco), anything contenteditable; and Space on a button or link, which activates it.
 * Modified keys (Ctrl, Alt, Meta, Shift) are left to the browser. While a modal dialog is open
 * (the worksheet's print preview, the exercise builder, any `aria-modal` dialog) no shortcut acts:
 * the sandbox behind it must not step, play or reset unseen.
 */
import type { TransportCommand } from '../state/transport.svelte.ts';
import { SHORTCUTS, pressed, type Shortcut } from './shortcuts.ts';

/** What each of the transport's shortcuts does. */
const TRANSPORT_COMMANDS: ReadonlyArray<readonly [Shortcut, TransportCommand]> = [
  [SHORTCUTS.transport.shortcuts.playPause, 'toggle-play'],
  [SHORTCUTS.transport.shortcuts.stepForward, 'step-forward'],
  [SHORTCUTS.transport.shortcuts.stepBack, 'step-back'],
  [SHORTCUTS.transport.shortcuts.reset, 'reset'],
];

/** Elements (or their ancestors) that handle these keys themselves. */
const OWNS_KEYS = [
  'input',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="slider"]',
  '[role="tablist"]',
  '[role="listbox"]',
  '[role="menu"]',
  '[role="grid"]',
  '.monaco-editor',
].join(',');

/** Elements that Space activates. */
const SPACE_ACTIVATES = 'button, a[href], summary, [role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="tab"], [role="option"]';

/** The subset of KeyboardEvent we look at (easy to fake in tests). */
export interface ShortcutEvent {
  key: string;
  target: EventTarget | null;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
}

/** Dialogs that take the whole app while open. */
const MODAL_ROLES = '[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]';

/** True while a modal dialog is open in `doc`: a `<dialog>` shown with showModal(), or an `aria-modal` one. */
export function modalDialogOpen(doc: Document | null | undefined): boolean {
  if (!doc) return false;
  if (doc.querySelector(MODAL_ROLES)) return true;
  for (const dialog of doc.querySelectorAll('dialog[open]')) {
    try {
      if (dialog.matches(':modal')) return true;
    } catch {
      return true; // no :modal support: an open <dialog> counts as modal (the app opens none other way)
    }
  }
  return false;
}

/** The document a key press happened in. */
function documentOf(target: EventTarget | null): Document | undefined {
  if (typeof Node !== 'undefined' && target instanceof Node) return target.ownerDocument ?? (target as Document);
  return typeof document === 'undefined' ? undefined : document;
}

/** The transport command for this key press, or null when the key is not ours to take. */
export function transportShortcut(event: ShortcutEvent): TransportCommand | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return null;
  const command = TRANSPORT_COMMANDS.find(([shortcut]) => pressed(event, shortcut))?.[1];
  if (!command) return null;
  const target = event.target;
  if (modalDialogOpen(documentOf(target))) return null;
  if (target instanceof Element) {
    if (target.closest(OWNS_KEYS)) return null;
    if (event.key === ' ' && target.closest(SPACE_ACTIVATES)) return null;
  }
  return command;
}

/**
 * True when this key press asks for the keyboard shortcuts help: `?` (Shift is how most layouts
 * type it), outside text fields and the editor, with no modal dialog open.
 */
export function isHelpShortcut(event: ShortcutEvent): boolean {
  if (event.defaultPrevented || event.isComposing || event.key !== '?') return false;
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  const target = event.target;
  if (modalDialogOpen(documentOf(target))) return false;
  return !(target instanceof Element && target.closest(TYPES_TEXT));
}

/** Where `?` is a character being typed. */
const TYPES_TEXT = [
  'input:not([type="range"], [type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="file"])',
  'textarea',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '.monaco-editor',
].join(',');
