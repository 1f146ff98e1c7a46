/**
 * Durations as people type them: a German decimal comma, a unit in capitals or spelled out. Each
 * gets "did you mean" with a quick fix that the editor applies; after the fix the line parses.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';

/** The text with every diagnostic's fix applied (one fix a line, applied from the right). */
function applyFixes(text: string): string {
  const lines = text.split('\n');
  for (const d of parseScenario(text).diagnostics) {
    if (!d.fix) continue;
    const line = lines[d.fix.range.line - 1]!;
    lines[d.fix.range.line - 1] = line.slice(0, d.fix.range.column - 1) + d.fix.text + line.slice(d.fix.range.endColumn - 1);
  }
  return lines.join('\n');
}

describe('durations typed the way people write them', () => {
  it('suggests 1.5s for 1,5s, 3s for 3S, 11s for 11sec, 2min for 2m, and the fixes make the scenario valid', () => {
    const text = ['client a', 'at 1,5s a connect', 'at 3S a disconnect', 'at 11sec a connect', 'at 2m a disconnect', 'expect a connack 0 ', 'expect broker sent-will a by 3Min'].join('\n');
    const diagnostics = parseScenario(text).diagnostics;
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}-${d.endColumn} -> ${d.fix?.text}`)).toEqual([
      'time.invalid-suggest 2:4-8 -> 1.5s',
      'time.invalid-suggest 3:4-6 -> 3s',
      'time.invalid-suggest 4:4-9 -> 11s',
      'time.invalid-suggest 5:4-6 -> 2min',
      'time.invalid-suggest 7:30-34 -> 3min',
    ]);
    expect(diagnostics[0]!.message).toBe('`1,5s` is not a duration. Did you mean `1.5s`? Write a decimal point and the unit ms, s, min or h.');
    expect(diagnostics[0]!.messageDe).toBe('`1,5s` ist keine Dauer. Meintest du `1.5s`? Schreib einen Dezimalpunkt statt eines Kommas und die Einheit ms, s, min oder h.');
    const fixed = applyFixes(text);
    expect(fixed).toContain('at 1.5s a connect');
    expect(parseScenario(fixed).diagnostics).toEqual([]);
  });

  it('suggests the same in a link setting (latency=1,5s, jitter=5MS)', () => {
    const found = parseScenario('client a latency=1,5s jitter=5MS\nlink a latency=2sec').diagnostics.map((d) => `${d.code} ${d.line}:${d.column}-${d.endColumn} -> ${d.fix?.text}`);
    expect(found).toEqual(['time.invalid-suggest 1:18-22 -> 1.5s', 'time.invalid-suggest 1:30-33 -> 5ms', 'time.invalid-suggest 2:16-20 -> 2s']);
  });

  it('offers nothing where no duration is near', () => {
    expect(parseScenario('client a\nat 1e1s a connect\nat 5parsecs a connect').diagnostics.map((d) => `${d.code} ${d.fix ? 'fix' : 'no fix'}`)).toEqual(['time.invalid no fix', 'time.invalid no fix']);
  });
});
