import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/ui/i18n/bundled.ts';
import { LOCALES } from '../../src/ui/i18n/index.ts';
import { filesUnder, flatten } from './messages.ts';

const english = flatten(MESSAGES.en);

describe('UI messages', () => {
  it.each(LOCALES.map((l) => l.code))('%s has exactly the English keys, each a non-empty string', (code) => {
    const messages = flatten(MESSAGES[code]);
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of messages) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
    }
  });

  it('German is translated (differs from English except for shared words)', () => {
    const german = flatten(MESSAGES.de);
    const same = [...english].filter(([key, text]) => german.get(key) === text).map(([key]) => key);
    expect(same.sort()).toEqual(
      [
        'app.title',
        'panels.editor.title',
        'panels.stage.broker',
        'panels.stage.client',
        'preferences.themeSystem',
        'transport.pause',
        // Only placeholders, protocol names or a word both languages share:
        'panels.inspector.bytes',
        'panels.inspector.version',
        'panels.sequence.rowDrop',
        'panels.sequence.rowNote',
        'panels.sequence.rowSend',
        'panels.export.port', // "Port" in both
        'panels.actions.payloadText', // "Text" in both
        'panels.actions.payloadHex', // "Bytes (hex)" in both
        'panels.sequence.exportMenu', // "Export" in both
        'print.name', // "Name" on a worksheet, in both
        'panels.stage.zoom', // "Zoom" in both
        'panels.sequence.groupColumn', // a name and a count
        'live.title', // "Live" in both
        'live.clientPlaceholder', // a command of the scenario language
      ].sort(),
    );
  });

  it('keeps the English transport names that tests and assistive tech rely on', () => {
    const t = MESSAGES.en.transport;
    expect([t.reset, t.stepBack, t.play, t.pause, t.stepForward]).toEqual(['Reset', 'Step back', 'Play', 'Pause', 'Step forward']);
  });

  it("every $_('key') used in src/ui exists", () => {
    const root = path.resolve(import.meta.dirname, '../../src/ui');
    const used = new Set<string>();
    for (const file of filesUnder(root, '.svelte')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"]((?:app|preferences|panels|transport)\.[\w.]+)['"]/g)) {
        used.add(match[1] as string);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(english.has(key), key).toBe(true);
  });
});
