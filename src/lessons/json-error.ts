/**
 * Where a lesson's JSON file (predict.json, glossary.json) stops being JSON, found by reading it
 * ourselves: the engines' messages differ (V8 names a position only for some errors, "Unexpected
 * end of JSON input" none; Firefox says line and column; all in English), so the line of the
 * problem and the German sentence come from this one reader, and the engine's English message is
 * kept for the English sentence, as `npm run lesson:check` has always printed it.
 *
 * Theory of operation: a recursive descent over RFC 8259's grammar that returns the offset of the
 * first character that cannot continue a JSON text (or the text's length when it ends too
 * early). Nesting is bounded (`MAX_DEPTH`); deeper text is not judged.
 */

/** How deep arrays and objects may nest before the reader stops judging (lesson files are shallow). */
const MAX_DEPTH = 256;

/** Where the JSON text went wrong: its offset, 1-based line and column, and what stands there. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  /** The German words for it: `unerwartetes Zeichen „n“ in Zeile 3, Spalte 5`. */
  de: string;
}

class Stop {
  constructor(readonly offset: number) {}
}

/** The first syntax error in `text`, or undefined when it is JSON (or nests deeper than the reader follows). */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let offset: number;
  try {
    const end = skipSpace(text, value(text, skipSpace(text, 0), 0));
    if (end === text.length) return undefined;
    offset = end;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    if (e.offset < 0) return undefined;
    offset = e.offset;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { offset, line, column, de: `${what(text, offset)} in Zeile ${line}, Spalte ${column}` };
}

/** What stands at `offset`, in German: the end, a control character by its code point, or the character. */
function what(text: string, offset: number): string {
  if (offset >= text.length) return 'unerwartetes Ende';
  const code = text.codePointAt(offset)!;
  if (code < 0x20 || code === 0x7f) return `unerwartetes Steuerzeichen U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `unerwartetes Zeichen „${String.fromCodePoint(code)}“`;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** One value from `i` (no space before it); the offset after it. */
function value(text: string, i: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Stop(-1);
  const c = text[i];
  if (c === '{') return container(text, i, depth, '}', true);
  if (c === '[') return container(text, i, depth, ']', false);
  if (c === '"') return string(text, i);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  // A literal cut short stops where it parts from the word ("nul" at its end, "nope" at the "o").
  for (const word of ['true', 'false', 'null']) {
    if (c === word[0]) {
      let j = i;
      while (j < text.length && text[j] === word[j - i]) j++;
      throw new Stop(j);
    }
  }
  throw new Stop(i);
}

/** An object or an array from its opening bracket at `i`. */
function container(text: string, i: number, depth: number, close: '}' | ']', members: boolean): number {
  i = skipSpace(text, i + 1);
  if (text[i] === close) return i + 1;
  for (;;) {
    if (members) {
      if (text[i] !== '"') throw new Stop(i);
      i = skipSpace(text, string(text, i));
      if (text[i] !== ':') throw new Stop(i);
      i = skipSpace(text, i + 1);
    }
    i = skipSpace(text, value(text, i, depth + 1));
    if (text[i] === close) return i + 1;
    if (text[i] !== ',') throw new Stop(i);
    i = skipSpace(text, i + 1);
  }
}

function string(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new Stop(i);
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) throw new Stop(Math.min(i + k, text.length));
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else throw new Stop(Math.min(i + 1, text.length));
    }
  }
  throw new Stop(text.length);
}

function number(text: string, i: number): number {
  const digits = (j: number): number => {
    const start = j;
    while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
    if (j === start) throw new Stop(j);
    return j;
  };
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else i = digits(i);
  if (text[i] === '.') i = digits(i + 1);
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    i = digits(i);
  }
  return i;
}
