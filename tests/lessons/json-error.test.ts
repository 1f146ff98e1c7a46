/**
 * Where a lesson's JSON file stops being JSON (src/lessons/json-error.ts): the line and column
 * that `npm run lesson:check` names, and the German words for what stands there; it agrees with
 * JSON.parse on which texts are JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src/lessons/json-error.ts';

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('a JSON syntax error', () => {
  it.each([
    ['[\n  {\n    not json\n', 'unerwartetes Zeichen „n“ in Zeile 3, Spalte 5'],
    ['[1,2', 'unerwartetes Ende in Zeile 1, Spalte 5'],
    ['', 'unerwartetes Ende in Zeile 1, Spalte 1'],
    ['[1,]', 'unerwartetes Zeichen „]“ in Zeile 1, Spalte 4'],
    ['{"a" 1}', 'unerwartetes Zeichen „1“ in Zeile 1, Spalte 6'],
    ['{"a": "b\n"}', 'unerwartetes Steuerzeichen U+000A in Zeile 1, Spalte 9'],
    ['[\n  1\n] x', 'unerwartetes Zeichen „x“ in Zeile 3, Spalte 3'],
    ['[01]', 'unerwartetes Zeichen „1“ in Zeile 1, Spalte 3'],
    ['[tru]', 'unerwartetes Zeichen „]“ in Zeile 1, Spalte 5'],
    ['["\\x"]', 'unerwartetes Zeichen „x“ in Zeile 1, Spalte 4'],
  ])('in %j is said in German with its line and column', (text, de) => {
    expect(isJson(text)).toBe(false);
    expect(jsonSyntaxError(text)?.de).toBe(de);
  });

  it('is found exactly where JSON.parse fails: never in JSON, always in a text that is not', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', '\n', '0'), fc.boolean(), (json, at, insert, cut) => {
        expect(jsonSyntaxError(json)).toBeUndefined();
        const i = at % (json.length + 1);
        const text = cut ? json.slice(0, i) : json.slice(0, i) + insert + json.slice(i);
        expect(jsonSyntaxError(text) === undefined, JSON.stringify(text)).toBe(isJson(text));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
