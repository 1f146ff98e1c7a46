/**
 * The lexer: one line of scenario text into words.
 *
 * Theory of operation
 * -------------------
 * Words are separated by spaces and tabs. A word that starts with `'` or `"` is a quoted
 * string and runs to the matching quote; inside both kinds of quotes `\\`, `\"`, `\'`, `\n`,
 * `\t`, `\r`, `\0`, `\xHH` and `\u{H...}` are escapes. A quote inside an unquoted word is an
 * ordinary character (`don't` is one word).
 *
 * Comments: a `#` that starts a word (at the start of the line or after a space) starts a
 * comment that runs to the end of the line, with one exception: a lone `#` (followed by a space
 * or the end of the line) in a topic position is the multi-level wildcard. Topic positions are
 * the argument of `-t`, `--topic`, `-U`, `--unsubscribe` and `--will-topic`, the topic of
 * `expect ... receives` / `never-receives` / `retained` / `no-retained`, and the topic of an
 * `acl topic` / `acl pattern` line. A `#` inside a word (`plant/#`) never starts a comment, and
 * a quoted `'#'` is always a topic.
 *
 * The lexer never throws; problems (an unterminated string, an unknown escape) become
 * diagnostics and the word is kept as far as it goes.
 */
import { diagnostic, type Diagnostic } from './diagnostics.ts';

/** One word of a line. */
export interface Token {
  /** The value: for a quoted string, without quotes and with escapes applied. */
  text: string;
  /** Exactly as written. */
  raw: string;
  quoted: boolean;
  line: number;
  /** 1-based column of the first character. */
  column: number;
  /** 1-based column just after the last character. */
  endColumn: number;
}

/** Options whose argument is a topic (a lone `#` after them is a wildcard, not a comment). */
export const TOPIC_OPTIONS: ReadonlySet<string> = new Set(['-t', '--topic', '-U', '--unsubscribe', '--will-topic']);
const ACL_ACCESS = new Set(['read', 'write', 'readwrite', 'deny']);

/** Is the next word, after `previous`, in a topic position? */
function isTopicSlot(previous: readonly Token[]): boolean {
  const n = previous.length;
  if (n === 0) return false;
  const last = previous[n - 1]!;
  if (!last.quoted && TOPIC_OPTIONS.has(last.text)) return true;
  // Skip a time prefix (`at 5s`, `after 2s`).
  const start = n >= 2 && (previous[0]!.text === 'at' || previous[0]!.text === 'after') ? 2 : 0;
  const words = previous.slice(start).map((t) => t.text);
  if (words[0] === 'expect') {
    if (words.length === 3 && (words[2] === 'receives' || words[2] === 'never-receives')) return true;
    if (words.length === 2 && (words[1] === 'retained' || words[1] === 'no-retained')) return true;
  }
  if (words[0] === 'acl' && (words[1] === 'topic' || words[1] === 'pattern')) {
    if (words.length === 2 || (words.length === 3 && ACL_ACCESS.has(words[2]!))) return true;
  }
  return false;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';

/** Split one line (without its newline) into tokens; problems are pushed to `diagnostics`. */
export function lexLine(text: string, line: number, diagnostics: Diagnostic[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const c = text[i]!;
    if (c === '#') {
      const lone = i + 1 >= text.length || isSpace(text[i + 1]);
      if (!(lone && isTopicSlot(tokens))) break; // a comment: the rest of the line
    }
    if (c === '"' || c === "'") {
      const r = readQuoted(text, i, line, diagnostics);
      tokens.push({ text: r.value, raw: text.slice(i, r.end), quoted: true, line, column: i + 1, endColumn: r.end + 1 });
      i = r.end;
      continue;
    }
    let j = i;
    while (j < text.length && !isSpace(text[j])) j++;
    const raw = text.slice(i, j);
    tokens.push({ text: raw, raw, quoted: false, line, column: i + 1, endColumn: j + 1 });
    i = j;
  }
  return tokens;
}

/** Read a quoted string starting at `start` (the quote); returns its value and the end offset. */
function readQuoted(text: string, start: number, line: number, diagnostics: Diagnostic[]): { value: string; end: number } {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = escape(text, i);
    if (e === null) {
      const bad = text.slice(i, Math.min(i + 2, text.length));
      diagnostics.push(diagnostic('error', 'lex.bad-escape', { line, column: i + 1, endLine: line, endColumn: i + 1 + bad.length }, { escape: bad }));
      value += bad;
      i += bad.length;
    } else {
      value += e.value;
      i = e.end;
    }
  }
  diagnostics.push(diagnostic('error', 'lex.unterminated-string', { line, column: start + 1, endLine: line, endColumn: text.length + 1 }, { quote }));
  return { value, end: text.length };
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', r: '\r', '0': '\0' };

/** One escape at `i` (the backslash), or null when it is not a known escape. */
function escape(text: string, i: number): { value: string; end: number } | null {
  const next = text[i + 1];
  if (next === undefined) return null;
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, end: i + 2 };
  if (next === 'x') {
    const hex = text.slice(i + 2, i + 4);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) return { value: String.fromCharCode(parseInt(hex, 16)), end: i + 4 };
    return null;
  }
  if (next === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 2, i + 12));
    if (braced) {
      const cp = parseInt(braced[1]!, 16);
      if (cp > 0x10ffff) return null;
      return { value: String.fromCodePoint(cp), end: i + 2 + braced[0].length };
    }
    const hex = text.slice(i + 2, i + 6);
    if (/^[0-9a-fA-F]{4}$/.test(hex)) return { value: String.fromCharCode(parseInt(hex, 16)), end: i + 6 };
  }
  return null;
}

/** The range a token covers. */
export function tokenRange(t: Token): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: t.line, column: t.column, endLine: t.line, endColumn: t.endColumn };
}
