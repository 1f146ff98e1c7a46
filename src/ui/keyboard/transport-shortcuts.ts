/**
 * Keyboard shortcuts for the transport: Space plays/pauses, Right steps forward, Left steps
 * back, Home resets.
 *
 * They must never steal a key from something that already uses it: text fields, selects,
 * sliders (the scrubber), tab lists (arrow keys move between tabs), the scenario editor
 * (Monaco), anything contenteditable; and Space on a button or link, which activates it.
 * Modified keys (Ctrl, Alt, Meta, Shift) are left to the browser.
 */
import type { TransportCommand } from '../state/transport.svelte.ts';

const KEY_COMMANDS: Readonly<Record<string, TransportCommand>> = {
  ' ': 'toggle-play',
  ArrowRight: 'step-forward',
  ArrowLeft: 'step-back',
  Home: 'reset',
};

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

/** The transport command for this key press, or null when the key is not ours to take. */
export function transportShortcut(event: ShortcutEvent): TransportCommand | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return null;
  const command = KEY_COMMANDS[event.key];
  if (!command) return null;
  const target = event.target;
  if (target instanceof Element) {
    if (target.closest(OWNS_KEYS)) return null;
    if (event.key === ' ' && target.closest(SPACE_ACTIVATES)) return null;
  }
  return command;
}
