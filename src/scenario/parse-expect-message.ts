/**
 * The message part of `expect` lines: what a client receives (`receives`, `never-receives`) and
 * what the broker receives from a client (`broker receives ... from CLIENT`), with their modifiers
 * (flags, `property`, counts, `after`/`by`, `before`); the `property NAME [VALUE]` words, which
 * CONNACK and DISCONNECT expectations read too; and the check that an `after`/`by` window is not
 * empty. parse-expect.ts reads the rest of the line's forms and calls these.
 */
import type { Expectation, MessageMatch, PropertyExpect } from './ast.ts';
import { closest } from './diagnostics.ts';
import { MESSAGE_PROPERTIES } from './expect-properties.ts';
import { tokenRange, type Token } from './lexer.ts';
import { showTime, type ParseContext } from './parse-context.ts';

const RECEIVE_KEYWORDS = new Set(['qos', 'retained', 'not-retained', 'dup', 'not-dup', 'times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'property', 'before', 'from']);

/** Where an expectation stands and its text (every expectation carries them). */
export type ExpectBase = { range: Expectation['range']; text: string };

/** `after T1 by T2` with T1 later than T2: a window nothing can fall into, an error at `by`'s time. */
export function emptyWindow(ctx: ParseContext, times: { afterMs?: number; byMs?: number }, at: Token): void {
  if (times.afterMs !== undefined && times.byMs !== undefined && times.afterMs > times.byMs) {
    ctx.error('expect.window-empty', at, { after: showTime(times.afterMs), by: showTime(times.byMs) });
  }
}

/** A value word: present, and quoted or not one of the line's keywords. */
function valueWord(t: Token | undefined): Token | undefined {
  return t && (t.quoted || !RECEIVE_KEYWORDS.has(t.text)) ? t : undefined;
}

/** `property NAME [VALUE]` or `property user-property KEY [VALUE]` from words[i] (the NAME). */
export function property(ctx: ParseContext, words: readonly Token[], i: number, propertyWord: Token, names: Readonly<Record<string, string>>): { property: PropertyExpect; next: number } | undefined {
  const nameToken = words[i];
  if (!nameToken) {
    ctx.report('error', 'line.missing', tokenRange(propertyWord), { what: 'a property name (e.g. content-type)', whatDe: 'ein Property-Name (z. B. content-type)' });
    return undefined;
  }
  if (!(nameToken.text in names)) {
    ctx.unknown(nameToken, Object.keys(names), 'expect.property', { word: nameToken.text });
    return undefined;
  }
  const property: PropertyExpect = { name: nameToken.text };
  i++;
  if (nameToken.text === 'user-property') {
    const key = valueWord(words[i]);
    if (!key) {
      ctx.report('error', 'line.missing', tokenRange(nameToken), { what: 'a user property key', whatDe: 'ein Schlüssel der User Property' });
      return undefined;
    }
    property.key = key.text;
    i++;
  }
  const value = valueWord(words[i]);
  if (value) {
    property.value = value.text;
    i++;
  }
  return { property, next: i };
}

/** The modifiers of a message match from words[i]: flags, properties, counts, times (and `before`). */
function modifiers(ctx: ParseContext, words: readonly Token[], i: number, m: MessageMatch, before?: (w: Token, i: number) => number): void {
  for (; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    switch (w.text) {
      case 'qos':
        if (!next) ctx.report('error', 'line.missing', tokenRange(w), { what: 'a QoS (0, 1 or 2)', whatDe: 'eine QoS (0, 1 oder 2)' });
        else {
          const q = ctx.qos(next);
          if (q !== undefined) m.qos = q;
          i++;
        }
        break;
      case 'retained':
      case 'not-retained':
        if (m.retained !== undefined) ctx.error('expect.flag-conflict', w, { word: w.text });
        m.retained = w.text === 'retained';
        break;
      case 'dup':
      case 'not-dup':
        if (m.dup !== undefined) ctx.error('expect.flag-conflict', w, { word: w.text });
        m.dup = w.text === 'dup';
        break;
      case 'property': {
        const p = property(ctx, words, i + 1, w, MESSAGE_PROPERTIES);
        if (!p) return;
        (m.properties ??= []).push(p.property);
        i = p.next - 1;
        break;
      }
      case 'times':
      case 'exactly':
      case 'at-least':
      case 'at-most': {
        const n = next ? ctx.int(next.text) : undefined;
        const min = w.text === 'at-most' ? 0 : 1;
        if (!next || n === undefined || n < min || n > 1_000_000) {
          ctx.error('count.bad', next ?? w, { value: next?.text ?? '', max: 1_000_000 });
        } else if (w.text === 'at-least') m.atLeast = n;
        else if (w.text === 'at-most') m.atMost = n;
        else m.times = n;
        if (m.times !== undefined && (m.atLeast !== undefined || m.atMost !== undefined)) ctx.error('expect.conflict', w);
        else if (m.atLeast !== undefined && m.atMost !== undefined && m.atLeast > m.atMost) ctx.error('expect.count-empty', next ?? w, { least: m.atLeast, most: m.atMost });
        if (next) i++;
        break;
      }
      case 'after':
      case 'by': {
        const ms = ctx.duration(next, w, w.text);
        if (ms !== undefined) m[w.text === 'by' ? 'byMs' : 'afterMs'] = ms;
        if (ms !== undefined) emptyWindow(ctx, m, next ?? w);
        if (next) i++;
        break;
      }
      default:
        if (w.text === 'before' && before) {
          i = before(w, i);
          break;
        }
        if (!ctx.misspelt(w, MODIFIER_WORDS)) ctx.error('line.extra', w, { word: w.raw });
    }
  }
}

/** The words `modifiers` reads, for "did you mean" on a word it does not know. */
const MODIFIER_WORDS = ['qos', 'retained', 'not-retained', 'dup', 'not-dup', 'property', 'times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'before'];

/**
 * `TOPIC [PAYLOAD]` at words[3] of a receives line: the topic, the payload if one is given, and
 * the index of the word after them; undefined (reported) without a topic.
 */
function topicAndPayload(ctx: ParseContext, form: Token, words: readonly Token[]): { topic: string; payload: string | undefined; next: number } | undefined {
  const topicToken = words[3];
  if (!topicToken) {
    ctx.report('error', 'line.missing', tokenRange(form), { what: 'a topic', whatDe: 'ein Topic' });
    return undefined;
  }
  const topic = ctx.topic(topicToken, true, 5);
  const p = valueWord(words[4]);
  if (p) keywordTypo(ctx, p, words[5]);
  return { topic, payload: p?.text, next: p ? 5 : 4 };
}

/** What the keywords that take a value expect next: a number, a duration, or any word. */
const KEYWORD_ARGUMENT: Readonly<Record<string, RegExp>> = {
  qos: /^\d+$/, times: /^\d+$/, exactly: /^\d+$/, 'at-least': /^\d+$/, 'at-most': /^\d+$/,
  after: /^\d/, by: /^\d/, property: /./, before: /./, from: /./,
};

/**
 * A payload word that is a keyword typed wrong (`timez 2`, `qso 1`, `frm sensor`): it was read as
 * the payload, and the word after it then makes no sense. Warned at the payload with a fix; a
 * payload that really is such a word is quoted (`"bye"`).
 */
function keywordTypo(ctx: ParseContext, payload: Token, after: Token | undefined): void {
  if (payload.quoted || after === undefined) return;
  const keyword = closest(payload.text, Object.keys(KEYWORD_ARGUMENT));
  if (keyword === undefined || !KEYWORD_ARGUMENT[keyword]!.test(after.text)) return;
  ctx.report('warning', 'expect.payload-keyword', tokenRange(payload), { word: payload.text, suggestion: keyword }, { title: `Change to ${keyword}`, text: keyword });
}

export function parseReceives(ctx: ParseContext, client: string, form: Token, words: readonly Token[], base: ExpectBase): Expectation | undefined {
  const read = topicAndPayload(ctx, form, words);
  if (!read) return undefined;
  const { topic, payload } = read;
  const i = read.next;
  if (form.text === 'never-receives') {
    if (words[i]) ctx.error('line.extra', words[i]!, { word: words[i]!.raw });
    return { kind: 'never-receives', client, topic, ...(payload !== undefined ? { payload } : {}), ...base };
  }
  const e: Extract<Expectation, { kind: 'receives' }> = { kind: 'receives', client, topic, ...(payload !== undefined ? { payload } : {}), ...base };
  modifiers(ctx, words, i, e, (w, j) => {
    const t = words[j + 1];
    if (!t) {
      ctx.report('error', 'line.missing', tokenRange(w), { what: 'a topic', whatDe: 'ein Topic' });
      return j;
    }
    const pl = valueWord(words[j + 2]);
    e.before = { topic: ctx.topic(t, true, 5), ...(pl ? { payload: pl.text } : {}) };
    return pl ? j + 2 : j + 1;
  });
  return e;
}

/** `broker receives TOPIC [PAYLOAD] from CLIENT [modifiers]` (words[2] is `receives`). */
export function parseBrokerReceives(ctx: ParseContext, form: Token, words: readonly Token[], base: ExpectBase): Expectation | undefined {
  const read = topicAndPayload(ctx, form, words);
  if (!read) return undefined;
  const { topic, payload } = read;
  const i = read.next;
  const fromToken = words[i];
  if (fromToken?.text !== 'from' || !words[i + 1]) {
    ctx.report('error', 'line.missing', tokenRange(fromToken ?? words[i - 1]!), { what: '`from CLIENT`', whatDe: '`from CLIENT`' });
    return undefined;
  }
  const client = ctx.checkClient(words[i + 1]!);
  const e: Extract<Expectation, { kind: 'broker-receives' }> = { kind: 'broker-receives', client, topic, ...(payload !== undefined ? { payload } : {}), ...base };
  modifiers(ctx, words, i + 2, e);
  return e;
}
