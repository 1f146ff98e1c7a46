/**
 * Every trace message a lesson quotes exists in the trace texts of the lesson's language.
 *
 * The convention (lessons/README.md): a lesson quotes the trace in a sentence that says so
 * ("the trace says", "der Trace", "Trace-Zeile"), in quotation marks ("…" in English, „…“ in
 * German), an ellipsis (`...`, `…`) standing for a part that varies. Each such quote must fit
 * one trace text (src/sim/explain-text.ts) of the same language, with the text's `{params}`
 * and the quote's ellipses matching anything; a quote may be part of a text. Quotes in code
 * spans are code, not trace texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explanationTexts } from '../../src/sim/explain-text.ts';

const LESSONS = path.resolve(import.meta.dirname, '../../lessons');

/** A piece of a pattern: a character, or a wildcard (an ellipsis, a `{param}`). */
type Piece = string | null;

/** The quote's pieces: `...` and `…` are wildcards; quotes and spaces normalised. */
function quotePieces(quote: string): Piece[] {
  const out: Piece[] = [];
  const text = normalise(quote).replace(/^[\s.,:;]+|[\s.,:;]+$/g, '');
  for (const part of text.split(/\s*(?:\.\.\.|…)\s*/)) {
    if (out.length > 0) out.push(null);
    out.push(...part);
  }
  return out;
}

/** A trace text's pieces: `{param}` is a wildcard; `QoS N {packetId}` as the UI writes it. */
function textPieces(template: string): Piece[] {
  const out: Piece[] = [];
  for (const part of normalise(template).split(/(\{\w+\})/)) {
    if (/^\{\w+\}$/.test(part)) out.push(null);
    else out.push(...part);
  }
  return out;
}

function normalise(s: string): string {
  return s.replace(/[„“”"]/g, '"').replace(/[‘’‚]/g, "'").replace(/\s+/g, ' ').replace(/\*/g, '');
}

/**
 * True when some text matching `text` contains some text matching `quote` (both with
 * wildcards; a `{param}` stands for one word, an ellipsis for anything): a dynamic program over
 * (position in quote, position in text).
 */
function fits(quote: Piece[], text: Piece[]): boolean {
  const n = quote.length;
  const m = text.length;
  // reach[i][j]: quote[0..i) matched, text at j. Any j is a start (the quote may begin mid-text).
  let reach: boolean[] = new Array<boolean>(m + 1).fill(true);
  const seen = (row: boolean[]) => {
    // A text wildcard may absorb quote characters; close over wildcards in the text and skips.
    for (let j = 0; j < m; j++) if (row[j] && text[j] === null) row[j + 1] = true;
    return row;
  };
  reach = seen(reach);
  for (let i = 0; i < n; i++) {
    const q = quote[i] as Piece;
    const next = new Array<boolean>(m + 1).fill(false);
    for (let j = 0; j <= m; j++) {
      if (!reach[j]) continue;
      if (q === null) {
        // The quote's wildcard: skip it here, or let it eat text.
        next[j] = true;
        for (let k = j; k < m; k++) next[k + 1] = true;
        break;
      }
      if (j === m) continue;
      const t = text[j] as Piece;
      if (t === null) {
        // The text's wildcard (a param: a name, a topic, a number) eats one word of the quote.
        if (q !== ' ') next[j] = true;
      }
      else if (t === q || (i === 0 && t.toLowerCase() === q.toLowerCase())) next[j + 1] = true;
    }
    reach = seen(next);
  }
  return reach.some(Boolean);
}

interface Quote {
  file: string;
  line: number;
  lang: 'en' | 'de';
  text: string;
}

/** The quotes of trace messages in a lesson file. */
function traceQuotes(file: string, lang: 'en' | 'de'): Quote[] {
  const out: Quote[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/`[^`]*`/g, '`code`');
      if (!/\btrace\b|Trace/i.test(line)) return;
      const pattern = lang === 'de' ? /„([^“]+)“|"([^"]+)"/g : /"([^"]+)"|“([^”]+)”/g;
      for (const m of line.matchAll(pattern)) {
        const text = m[1] ?? m[2] ?? '';
        // The sentence around the quote must name the trace.
        const before = line.slice(0, m.index);
        const after = line.slice(m.index + m[0].length);
        const start = Math.max(0, ...[...before.matchAll(/[.!?]\s/g)].map((s) => s.index + 1));
        const end = after.search(/[.!?](\s|$)/);
        const sentence = before.slice(start) + after.slice(0, end < 0 ? after.length : end);
        if (!/\btrace\b|Trace/i.test(sentence)) continue;
        // A single word in quotes is a payload or a name ("offline", „stop“), not a message.
        if (!/\s/.test(text.trim())) continue;
        out.push({ file: path.relative(LESSONS, file), line: i + 1, lang, text });
      }
    });
  return out;
}

const FILES = readdirSync(LESSONS, { recursive: true, encoding: 'utf8' })
  .filter((f) => /(^|\/)(lesson|exercise)\.(en|de)\.md$/.test(f))
  .sort()
  .map((f) => ({ file: path.join(LESSONS, f), lang: (f.endsWith('.de.md') ? 'de' : 'en') as 'en' | 'de' }));

const QUOTES = FILES.flatMap(({ file, lang }) => traceQuotes(file, lang));

const TEXTS = {
  en: Object.values(explanationTexts).map((t) => textPieces(t.en)),
  de: Object.values(explanationTexts).map((t) => textPieces(t.de)),
};

describe('trace quotes in lessons', () => {
  it('finds the lessons that quote the trace', () => {
    expect(QUOTES.length).toBeGreaterThan(8);
    expect(QUOTES.filter((q) => q.lang === 'de').length).toBeGreaterThan(4);
  });

  it('tells a fitting quote from one that does not fit', () => {
    const text = [textPieces('No subscription matches {topic}: the message goes nowhere.')];
    const ok = (q: string) => text.some((t) => fits(quotePieces(q), t));
    expect(ok('No subscription matches ...: the message goes nowhere.')).toBe(true);
    expect(ok('No subscription matches')).toBe(true);
    expect(ok('matches plant/x: the message')).toBe(true);
    expect(ok('Kein Abonnement passt')).toBe(false);
    expect(ok('No subscription fits ...: the message goes nowhere.')).toBe(false);
  });

  it.each(QUOTES.map((q) => [`${q.file}:${q.line}`, q.text, q] as const))('%s quotes "%s", which the trace says', (_where, _text, quote) => {
    const pieces = quotePieces(quote.text);
    expect(TEXTS[quote.lang].some((t) => fits(pieces, t)), `no ${quote.lang} trace text fits "${quote.text}"`).toBe(true);
  });
});
