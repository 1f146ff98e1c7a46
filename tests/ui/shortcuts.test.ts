/**
 * One table of keys (src/ui/keyboard/shortcuts.ts) for the handlers and the help: the help lists
 * every entry of the table in both languages (German key names), and a sweep over the keyboard
 * finds no key that a handler answers but the table does not list (the transport on the page, the
 * topology's pan and zoom, a glossary term, the examples menu). Esc in the examples menu, on a
 * glossary term and in the worksheet is in the help.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ShortcutsDialog from '../../src/ui/components/ShortcutsDialog.svelte';
import GlossaryTerm from '../../src/ui/lessons/GlossaryTerm.svelte';
import ExampleMenu from '../../src/ui/scenario/ExampleMenu.svelte';
import { MESSAGES, setupI18n } from '../../src/ui/i18n/bundled.ts';
import { SHORTCUT_GROUPS, SHORTCUTS, ariaKeyShortcuts, keyHint, pressed, type KeyCombo, type Shortcut } from '../../src/ui/keyboard/shortcuts.ts';
import { transportShortcut } from '../../src/ui/keyboard/transport-shortcuts.ts';
import { StageZoom, gestures } from '../../src/ui/stage/zoom.svelte.ts';

/** Keys a learner may press: named keys, digits, letters, punctuation. */
const KEYS = [
  ' ', 'Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'Home', 'End', 'PageUp', 'PageDown', 'Insert', 'ContextMenu',
  'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'F1', 'F2', 'F5', 'F8', 'F10', 'F11',
  ...'0123456789abcdefghijklmnopqrstuvwxyz+-=_*/.,;:?!#'.split(''),
];
const MODS = [{}, { shiftKey: true }, { ctrlKey: true }, { altKey: true }, { metaKey: true }];

const listed = (shortcuts: Readonly<Record<string, Shortcut>>, key: string): boolean =>
  Object.values(shortcuts).some((s) => [...s.combos, ...(s.aliases ?? [])].some((c: KeyCombo) => c.key.toLowerCase() === key.toLowerCase()));

afterEach(() => document.body.replaceChildren());

describe('the shortcuts help', () => {
  it.each([
    ['en', ['Space', 'Home', 'Ctrl', 'Shift', 'Page ↑']],
    ['de', ['Leertaste', 'Pos1', 'Strg', 'Umschalt', 'Bild ↑']],
  ] as const)('lists every entry of the table, in %s', (lang, names) => {
    setupI18n(lang);
    const { container, getByText } = render(ShortcutsDialog, { props: { onclose: () => {} } });
    const all = SHORTCUT_GROUPS.flatMap((g) => Object.values(g.shortcuts));
    expect(container.querySelectorAll('dd').length).toBe(all.length);
    const keys = MESSAGES[lang].keys as Record<string, string>;
    for (const group of SHORTCUT_GROUPS) expect(getByText(keys[group.title.replace('keys.', '')]!)).toBeTruthy();
    for (const shortcut of all) expect(getByText(keys[shortcut.action.replace('keys.', '')]!)).toBeTruthy();
    const rows = [...container.querySelectorAll('dt')].map((dt) => [...dt.querySelectorAll('kbd')].length);
    all.forEach((shortcut, i) => expect(rows[i], shortcut.action).toBe(shortcut.combos.reduce((n, c) => n + 1 + (c.mods?.length ?? 0), 0)));
    const kbd = [...container.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(kbd).toEqual(expect.arrayContaining([...names, '←', '→', 'Esc', 'F10', 'M', '0']));
  });
});

describe('Esc outside the sandbox is in the help', () => {
  it.each([
    ['en', [['Close the examples menu', 'Scenario editor'], ['Hide a glossary term’s definition (on the term)', 'Lessons'], ['Close the worksheet', 'Lessons']]],
    ['de', [['Das Beispielmenü schließen', 'Szenario-Editor'], ['Die Erklärung eines Glossarbegriffs verbergen (auf dem Begriff)', 'Lektionen'], ['Das Arbeitsblatt schließen', 'Lektionen']]],
  ] as const)('lists Esc for the examples menu, a glossary term and the worksheet, in %s', (lang, rows) => {
    setupI18n(lang);
    const { getByText } = render(ShortcutsDialog, { props: { onclose: () => {} } });
    for (const [action, group] of rows) {
      const dd = getByText(action);
      expect(dd.tagName).toBe('DD');
      expect([...dd.previousElementSibling!.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Esc']);
      expect(dd.closest('section')?.querySelector('h3')?.textContent).toBe(group);
    }
  });
});

describe('the handlers answer only keys the table lists', () => {
  it('the transport: each listed key does its command, no other key does anything', () => {
    for (const key of KEYS) {
      for (const mods of MODS) {
        const command = transportShortcut({ key, target: document.body, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });
        if (command) expect(listed(SHORTCUTS.transport.shortcuts, key), `${key} ${JSON.stringify(mods)}`).toBe(true);
      }
    }
    expect(transportShortcut({ key: ' ', target: document.body, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false })).toBe('toggle-play');
  });

  it('the topology: pan, zoom and fit answer only their listed keys', () => {
    const zoom = new StageZoom();
    const element = document.createElement('div');
    document.body.append(element);
    const detach = gestures(zoom)(element);
    /** True when the stage took the key (it prevents the browser's default then). */
    const keyDown = (key: string, mods: object = {}) => {
      const event = new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true, ...mods });
      element.dispatchEvent(event);
      return event.defaultPrevented;
    };
    for (const key of KEYS) {
      for (const mods of MODS) {
        const handled = keyDown(key, mods);
        if (handled) expect(listed(SHORTCUTS.stage.shortcuts, key), `${key} ${JSON.stringify(mods)}`).toBe(true);
      }
    }
    expect(keyDown('+')).toBe(true);
    expect(keyDown('0')).toBe(true);
    expect(keyDown('ArrowLeft')).toBe(true);
    detach();
  });

  it('a glossary term hides its definition only on a key the table lists for it', async () => {
    setupI18n('en');
    const entry = { en: { term: 'Broker', definition: 'the server in the middle' }, de: { term: 'Broker', definition: 'der Server in der Mitte' } };
    const children = createRawSnippet(() => ({ render: () => '<span>broker</span>' }));
    const { getByRole, queryByRole } = render(GlossaryTerm, { props: { entry: entry as never, lang: 'en', children } });
    const term = getByRole('button', { name: 'broker' });
    await fireEvent.click(term);
    for (const key of KEYS) {
      for (const mods of MODS) {
        await fireEvent.keyDown(term, { key, ...mods });
        if (queryByRole('note')) continue;
        expect(listed(SHORTCUTS.lesson.shortcuts, key), `${key} ${JSON.stringify(mods)}`).toBe(true);
        await fireEvent.click(term);
      }
    }
    await fireEvent.keyDown(term, { key: 'Escape' });
    expect(queryByRole('note')).toBeNull();
  });

  it('the examples menu closes only on a key the table lists for it', async () => {
    setupI18n('en');
    const { container, getByRole } = render(ExampleMenu, { props: { onopen: () => {} } });
    const menu = () => container.querySelector('[role="menu"]');
    const open = async () => {
      await fireEvent.keyDown(getByRole('button', { name: /Examples/ }), { key: 'ArrowDown' });
      await expect.poll(() => menu()?.querySelector('[role="menuitem"]')).toBeTruthy();
    };
    await open();
    // Keys that pick an example (Enter, Space) or leave the menu (Tab) are not closing keys.
    for (const key of KEYS.filter((k) => !['Enter', ' ', 'Tab'].includes(k))) {
      for (const mods of MODS) {
        await fireEvent.keyDown(menu()!.querySelector('[role="menuitem"]')!, { key, ...mods });
        await tick();
        if (menu()) continue;
        expect(listed(SHORTCUTS.editor.shortcuts, key), `${key} ${JSON.stringify(mods)}`).toBe(true);
        await open();
      }
    }
    await fireEvent.keyDown(menu()!.querySelector('[role="menuitem"]')!, { key: 'Escape' });
    await tick();
    expect(menu()).toBeNull();
  });

  it('a combination matches with exactly its modifiers (Shift only where named)', () => {
    const { run, check } = SHORTCUTS.editor.shortcuts;
    const event = (key: string, mods: object = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });
    expect(pressed(event('Enter', { ctrlKey: true }), run)).toBe(true);
    expect(pressed(event('Enter', { metaKey: true }), run)).toBe(true);
    expect(pressed(event('Enter'), run)).toBe(false);
    expect(pressed(event('Enter', { altKey: true }), check)).toBe(true);
    expect(pressed(event('Enter', { altKey: true, ctrlKey: true }), check)).toBe(false);
    expect(pressed(event('F10', { shiftKey: true }), SHORTCUTS.stage.shortcuts.nodeActions)).toBe(true);
    expect(pressed(event('F10'), SHORTCUTS.stage.shortcuts.nodeActions)).toBe(false);
    expect(pressed(event('+', { shiftKey: true }), SHORTCUTS.stage.shortcuts.zoom)).toBe(true);
    // Shift+Esc closes a menu too (Esc names no modifier, so Shift does not count).
    expect(pressed(event('Escape', { shiftKey: true }), SHORTCUTS.stage.shortcuts.closeMenu)).toBe(true);
  });
});

describe('key hints come from the table', () => {
  const words = (lang: 'en' | 'de') => (id: string) => (MESSAGES[lang].keys as Record<string, string>)[id.replace('keys.', '')] ?? id;
  const { run, check, complete, tabMode } = SHORTCUTS.editor.shortcuts;

  it('writes the Run, Check, suggest and Tab-mode keys in each language and on a Mac', () => {
    expect(keyHint(run, words('en'), false)).toBe('Ctrl+Enter');
    expect(keyHint(run, words('de'), false)).toBe('Strg+Enter');
    expect(keyHint(run, words('de'), true)).toBe('⌘+Enter');
    expect(keyHint(check, words('de'), false)).toBe('Alt+Enter');
    expect(keyHint(tabMode, words('de'), false)).toBe('Strg+M');
    // Monaco's suggest is Ctrl+Space on a Mac too (⌘+Space is the Mac's search).
    expect(keyHint(complete, words('de'), false)).toBe('Strg+Leertaste');
    expect(keyHint(complete, words('en'), true)).toBe('⌃+Space');
  });

  it('gives aria-keyshortcuts with Control and Meta for Ctrl/⌘ keys, Control alone for Ctrl-only ones', () => {
    expect(ariaKeyShortcuts(run)).toBe('Control+Enter Meta+Enter');
    expect(ariaKeyShortcuts(check)).toBe('Alt+Enter');
    expect(ariaKeyShortcuts(complete)).toBe('Control+Space');
    expect(ariaKeyShortcuts(SHORTCUTS.transport.shortcuts.reset)).toBe('Home');
  });

  it('matches Ctrl-only keys with Ctrl and never with ⌘', () => {
    const event = (mods: object) => ({ key: ' ', ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });
    expect(pressed(event({ ctrlKey: true }), complete)).toBe(true);
    expect(pressed(event({ metaKey: true }), complete)).toBe(false);
    expect(pressed(event({}), complete)).toBe(false);
  });
});
