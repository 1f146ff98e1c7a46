import { describe, expect, it } from 'vitest';
import { isHelpShortcut, modalDialogOpen, transportShortcut, type ShortcutEvent } from '../../src/ui/keyboard/transport-shortcuts.ts';

function press(key: string, target: EventTarget | null = document.body, mods: Partial<ShortcutEvent> = {}): ShortcutEvent {
  return { key, target, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods };
}

function element(html: string, selector: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  const found = host.querySelector(selector);
  if (!found) throw new Error(selector);
  return found;
}

describe('transport shortcuts', () => {
  it('maps Space, Right, Left and Home on the page', () => {
    expect(transportShortcut(press(' '))).toBe('toggle-play');
    expect(transportShortcut(press('ArrowRight'))).toBe('step-forward');
    expect(transportShortcut(press('ArrowLeft'))).toBe('step-back');
    expect(transportShortcut(press('Home'))).toBe('reset');
    expect(transportShortcut(press('a'))).toBeNull();
  });

  it('leaves modified keys to the browser', () => {
    expect(transportShortcut(press('ArrowLeft', document.body, { altKey: true }))).toBeNull();
    expect(transportShortcut(press(' ', document.body, { shiftKey: true }))).toBeNull();
  });

  it('never steals keys from text fields, selects, sliders, tab lists or the editor', () => {
    for (const [html, selector] of [
      ['<input type="text">', 'input'],
      ['<input type="range">', 'input'],
      ['<textarea></textarea>', 'textarea'],
      ['<select><option>1</option></select>', 'select'],
      ['<div contenteditable="true"><p>x</p></div>', 'p'],
      ['<div role="tablist"><button role="tab">A</button></div>', 'button'],
      ['<div class="monaco-editor"><div class="view-line">x</div></div>', '.view-line'],
    ] as const) {
      const target = element(html, selector);
      for (const key of [' ', 'ArrowRight', 'ArrowLeft', 'Home']) expect(transportShortcut(press(key, target)), `${key} in ${html}`).toBeNull();
    }
  });

  it('lets Space activate a focused button, but takes the arrows there', () => {
    const button = element('<button>Play</button>', 'button');
    expect(transportShortcut(press(' ', button))).toBeNull();
    expect(transportShortcut(press('ArrowRight', button))).toBe('step-forward');
  });

  it('takes no key while a modal dialog is open (the worksheet preview), on a button in it or on the page', () => {
    const overlay = element('<div role="dialog" aria-modal="true"><button>Print…</button></div>', '[role="dialog"]');
    expect(modalDialogOpen(document)).toBe(true);
    for (const key of [' ', 'ArrowRight', 'ArrowLeft', 'Home']) {
      expect(transportShortcut(press(key, overlay.querySelector('button'))), key).toBeNull();
      expect(transportShortcut(press(key, document.body)), key).toBeNull();
    }
    overlay.remove();
    expect(modalDialogOpen(document)).toBe(false);
    expect(transportShortcut(press('ArrowRight'))).toBe('step-forward');
    // A dialog that is not modal does not block.
    const panel = element('<div role="dialog" aria-modal="false"></div>', 'div');
    expect(transportShortcut(press('ArrowRight'))).toBe('step-forward');
    panel.remove();
  });

  it('opens the shortcuts help with ? (typed with Shift) anywhere but where ? is text', () => {
    expect(isHelpShortcut(press('?', document.body, { shiftKey: true }))).toBe(true);
    expect(isHelpShortcut(press('?', element('<div role="tablist"><button role="tab">A</button></div>', 'button')))).toBe(true);
    expect(isHelpShortcut(press('?', element('<button>Go</button>', 'button')))).toBe(true);
    expect(isHelpShortcut(press('/', document.body))).toBe(false);
    expect(isHelpShortcut(press('?', document.body, { ctrlKey: true }))).toBe(false);
    for (const [html, selector] of [
      ['<input type="text">', 'input'],
      ['<input type="search">', 'input'],
      ['<textarea></textarea>', 'textarea'],
      ['<div contenteditable="true"><p>x</p></div>', 'p'],
      ['<div class="monaco-editor"><div class="view-line">x</div></div>', '.view-line'],
    ] as const) {
      expect(isHelpShortcut(press('?', element(html, selector), { shiftKey: true })), html).toBe(false);
    }
    const dialog = element('<div role="dialog" aria-modal="true"><button>x</button></div>', 'button');
    expect(isHelpShortcut(press('?', dialog, { shiftKey: true }))).toBe(false);
    dialog.closest('[role="dialog"]')?.remove();
  });
});
