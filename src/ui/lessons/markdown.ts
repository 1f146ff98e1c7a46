/**
 * A small Markdown parser for the subset the lessons use: headings, paragraphs, lists
 * (bulleted and numbered, one level), emphasis (`**strong**`, `*em*`, `_em_`), `code`,
 * fenced code blocks, tables and links. It produces plain data (blocks of inline tokens) that
 * `Markdown.svelte` renders as Svelte elements, so text is always text: nothing in a lesson is
 * ever interpreted as HTML (`<img onerror=...>` is shown as written).
 */
import { specUrl, specVersionOf, type SpecVersion } from '../../lessons/links.ts';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'code'; lang: string; info: string; text: string }
  | { kind: 'table'; header: Inline[][]; align: ('left' | 'right' | 'center' | null)[]; rows: Inline[][][] };

const FENCE = /^\s*(`{3,}|~{3,})\s*(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*(\d+)[.)]\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Split a table row into its cells (a `\|` or a `|` inside `code` stays in the cell). */
function cells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const out: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '`') {
      inCode = !inCode;
      cur += c;
    } else if (c === '|' && !inCode) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || ORDERED.test(line) || (line.trim().startsWith('|') && next !== undefined && TABLE_SEPARATOR.test(next));
}

/** Parse Markdown into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const info = fence[2]!.trim();
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      i++; // the closing fence
      blocks.push({ kind: 'code', lang: info.split(/\s+/)[0] ?? '', info, text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, inlines: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && lines[i + 1] !== undefined && TABLE_SEPARATOR.test(lines[i + 1]!)) {
      const header = cells(line).map(parseInline);
      const align = cells(lines[i + 1]!).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : null));
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(cells(lines[i++]!).map(parseInline));
      blocks.push({ kind: 'table', header, align, rows });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const isOrdered = !bullet;
      const pattern = isOrdered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const m = pattern.exec(l);
        if (m) {
          items.push(isOrdered ? m[2]! : m[1]!);
          i++;
        } else if (l.trim() !== '' && /^\s+/.test(l) && items.length > 0) {
          items[items.length - 1] += ' ' + l.trim(); // a continuation line
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered: isOrdered, start: ordered ? Number(ordered[1]) : 1, items: items.map(parseInline) });
      continue;
    }
    const para: string[] = [line.trim()];
    i++;
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!, lines[i + 1])) para.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', inlines: parseInline(para.join(' ')) });
  }
  return blocks;
}

/** Find the `]` that closes the `[` at `open` (nested brackets allowed). */
function closingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > 0) i = end;
    } else if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Parse inline Markdown: code spans, links, strong and emphasis; everything else is text. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && /[\\`*_[\]()#|<>!-]/.test(s[i + 1]!)) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let ticks = 1;
      while (s[i + ticks] === '`') ticks++;
      const marker = '`'.repeat(ticks);
      const end = s.indexOf(marker, i + ticks);
      if (end > 0) {
        flush();
        out.push({ kind: 'code', text: s.slice(i + ticks, end).replace(/^ (.*) $/, '$1') });
        i = end + ticks;
        continue;
      }
    }
    if (c === '[') {
      const close = closingBracket(s, i);
      if (close > 0 && s[close + 1] === '(') {
        const end = s.indexOf(')', close + 2);
        if (end > 0) {
          flush();
          out.push({ kind: 'link', href: s.slice(close + 2, end).trim(), children: parseInline(s.slice(i + 1, close)) });
          i = end + 1;
          continue;
        }
      }
    }
    if ((c === '*' && s[i + 1] === '*') || (c === '_' && s[i + 1] === '_')) {
      const marker = c + c;
      const end = s.indexOf(marker, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(s.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && s[i + 1] !== undefined && s[i + 1] !== ' ') {
      // `_` only at a word start (snake_case stays as it is)
      const wordStart = i === 0 || !/[A-Za-z0-9]/.test(s[i - 1]!);
      let end = s.indexOf(c, i + 1);
      while (end > 0 && c === '_' && end + 1 < s.length && /[A-Za-z0-9]/.test(s[end + 1]!)) end = s.indexOf(c, end + 1);
      if (end > i + 1 && (c === '*' || wordStart) && s[end - 1] !== ' ') {
        flush();
        out.push({ kind: 'em', children: parseInline(s.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** What a link points at. */
export type LinkTarget =
  | { kind: 'glossary'; id: string }
  | { kind: 'spec'; id: string; version: SpecVersion; url: string }
  | { kind: 'lesson'; id: string; exercise?: string }
  | { kind: 'web'; url: string }
  | { kind: 'none' };

/** Classify a link. Only http(s) web links are followed; `javascript:` and the like are dropped. */
export function linkTarget(href: string, options: { specVersion?: SpecVersion } = {}): LinkTarget {
  const colon = href.indexOf(':');
  const scheme = colon > 0 ? href.slice(0, colon).toLowerCase() : '';
  const rest = href.slice(colon + 1);
  if (scheme === 'glossary') return { kind: 'glossary', id: rest };
  if (scheme === 'spec' || scheme === 'spec5' || scheme === 'spec311') {
    const version = specVersionOf(href, options.specVersion);
    return { kind: 'spec', id: rest, version, url: specUrl(rest, version) };
  }
  if (scheme === 'lesson') {
    const [id = '', exercise] = rest.split('/');
    return exercise ? { kind: 'lesson', id, exercise } : { kind: 'lesson', id };
  }
  if (scheme === 'http' || scheme === 'https') return { kind: 'web', url: href };
  return { kind: 'none' };
}

/** The plain text of inline tokens (for titles and accessible names). */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((t) => (t.kind === 'text' || t.kind === 'code' ? t.text : plainText(t.children))).join('');
}

/** The text of inline tokens without their markup (a table header as the label of its cells). */
export function inlineText(tokens: Inline[]): string {
  return tokens.map((t) => ('text' in t ? t.text : inlineText(t.children))).join('');
}
