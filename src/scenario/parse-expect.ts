/**
 * Expectation lines: the goals of a scenario, checked on the trace and the final world.
 *
 * ```
 * expect CLIENT receives TOPIC [PAYLOAD] [qos N] [retained|not-retained] [dup|not-dup]
 *        [property NAME [VALUE]]... [times|exactly N] [at-least N] [at-most N] [after T] [by T]
 *        [before TOPIC [PAYLOAD]]
 * expect CLIENT never-receives TOPIC [PAYLOAD]
 * expect CLIENT connack|suback|unsuback|puback|pubrec CODE     (suback/unsuback: one CODE per filter)
 * expect CLIENT connack session-present 0|1    expect CLIENT connack property NAME [VALUE]
 * expect CLIENT disconnect CODE                expect CLIENT disconnect property NAME [VALUE]
 *        (a DISCONNECT between CLIENT and the broker, either way)
 * expect CLIENT will-registered [TOPIC]        expect CLIENT disconnects-cleanly [after T] [by T]
 * expect CLIENT closed-without-connack
 * expect broker sent-will CLIENT [after T] [by T]       expect broker no-will CLIENT
 * expect broker receives TOPIC [PAYLOAD] from CLIENT [qos N] [retained|not-retained] ... (counts, times)
 * expect broker disconnects CLIENT [CODE]
 * expect session CLIENT exists|absent
 * expect retained TOPIC [PAYLOAD] [from-will CLIENT]    expect no-retained TOPIC
 * ```
 */
import type { AckPacket, Expectation, MessageMatch, PropertyExpect } from './ast.ts';
import { closest } from './diagnostics.ts';
import { tokenRange, type Token } from './lexer.ts';
import { CLIENT_EXPECTATIONS } from './options.ts';
import { showTime, type ParseContext } from './parse-context.ts';
import { shownText } from './unparse.ts';

const RECEIVE_KEYWORDS = new Set(['qos', 'retained', 'not-retained', 'dup', 'not-dup', 'times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'property', 'before', 'from']);
const SUBJECT_FORMS = ['broker', 'session', 'retained', 'no-retained', 'topics'];
const BROKER_FORMS = ['sent-will', 'no-will', 'receives', 'disconnects'];

/** Properties a received PUBLISH can be checked for (`-D` names) and their field. */
export const MESSAGE_PROPERTIES: Readonly<Record<string, string>> = {
  'payload-format-indicator': 'payloadFormatIndicator',
  'message-expiry-interval': 'messageExpiryIntervalSec',
  'content-type': 'contentType',
  'response-topic': 'responseTopic',
  'correlation-data': 'correlationData',
  'subscription-identifier': 'subscriptionIdentifiers',
  'user-property': 'userProperties',
};

/** Properties a CONNACK can be checked for and their field. */
export const CONNACK_PROPERTIES: Readonly<Record<string, string>> = {
  'session-expiry-interval': 'sessionExpiryIntervalSec',
  'assigned-client-identifier': 'assignedClientIdentifier',
  'server-keep-alive': 'serverKeepAliveSec',
  'receive-maximum': 'receiveMaximum',
  'topic-alias-maximum': 'topicAliasMaximum',
  'maximum-qos': 'maximumQoS',
  'retain-available': 'retainAvailable',
  'maximum-packet-size': 'maximumPacketSize',
  'wildcard-subscription-available': 'wildcardSubscriptionAvailable',
  'subscription-identifiers-available': 'subscriptionIdentifiersAvailable',
  'shared-subscription-available': 'sharedSubscriptionAvailable',
  'reason-string': 'reasonString',
  'response-information': 'responseInformation',
  'server-reference': 'serverReference',
  'user-property': 'userProperties',
};

/** Properties a DISCONNECT can be checked for (5.0 section 3.14.2.2) and their field. */
export const DISCONNECT_PROPERTIES: Readonly<Record<string, string>> = {
  'session-expiry-interval': 'sessionExpiryIntervalSec',
  'reason-string': 'reasonString',
  'server-reference': 'serverReference',
  'user-property': 'userProperties',
};

type Base = { range: Expectation['range']; text: string };

/** Parse the words after `expect` (words[0] is `expect`). */
export function parseExpectation(ctx: ParseContext, words: readonly Token[]): Expectation | undefined {
  const expectToken = words[0]!;
  const range = { ...tokenRange(expectToken), endColumn: words[words.length - 1]!.endColumn };
  const text = shownText(words.map((w) => w.raw).join(' '));
  const base = { range, text };
  const subject = words[1];
  if (!subject) {
    ctx.error('expect.bad', expectToken);
    return undefined;
  }
  const extra = (i: number): void => {
    if (words[i]) ctx.error('line.extra', words[i]!, { word: words[i]!.raw });
  };
  const missingClient = (after: Token): undefined => {
    ctx.report('error', 'line.missing', tokenRange(after), { what: 'a client name', whatDe: 'ein Client-Name' });
    return undefined;
  };
  switch (subject.text) {
    case 'broker': {
      const form = words[2];
      if (!form || !BROKER_FORMS.includes(form.text)) {
        if (form) ctx.unknown(form, BROKER_FORMS, 'expect.unknown', { word: form.text });
        else ctx.error('expect.bad', subject);
        return undefined;
      }
      if (form.text === 'receives') return parseBrokerReceives(ctx, form, words, base);
      const clientToken = words[3];
      if (!clientToken) return missingClient(form);
      const client = ctx.checkClient(clientToken);
      if (form.text === 'disconnects') {
        const codeToken = words[4];
        const code = codeToken ? reasonCode(ctx, codeToken) : undefined;
        if (codeToken && code === undefined) return undefined;
        extra(5);
        return { kind: 'broker-disconnects', client, ...(code !== undefined ? { code } : {}), ...base };
      }
      const w = window(ctx, words, 4, form.text === 'sent-will');
      extra(w.next);
      const kind = form.text === 'sent-will' ? 'sent-will' : 'no-will';
      return { kind, client, ...w.times, ...base };
    }
    case 'session': {
      const clientToken = words[2];
      const state = words[3];
      if (!clientToken || (state?.text !== 'exists' && state?.text !== 'absent')) {
        if (state) ctx.unknown(state, ['exists', 'absent'], 'expect.unknown', { word: state.text });
        else ctx.report('error', 'line.missing', tokenRange(clientToken ?? subject), { what: 'a client and `exists` or `absent`', whatDe: 'ein Client und `exists` oder `absent`' });
        return undefined;
      }
      extra(4);
      return { kind: 'session', client: ctx.checkClient(clientToken), exists: state.text === 'exists', ...base };
    }
    case 'topics': {
      const clean = words[2];
      if (clean?.text !== 'clean') {
        if (clean) ctx.unknown(clean, ['clean'], 'expect.unknown', { word: clean.text });
        else ctx.report('error', 'line.missing', tokenRange(subject), { what: '`clean`', whatDe: '`clean`' });
        return undefined;
      }
      extra(3);
      return { kind: 'topics-clean', ...base };
    }
    case 'retained':
    case 'no-retained': {
      const topicToken = words[2];
      if (!topicToken) {
        ctx.report('error', 'line.missing', tokenRange(subject), { what: 'a topic', whatDe: 'ein Topic' });
        return undefined;
      }
      const topic = ctx.topic(topicToken, false, 5);
      if (subject.text === 'no-retained') {
        extra(3);
        return { kind: 'no-retained', topic, ...base };
      }
      const isFromWill = (t: Token | undefined): boolean => t !== undefined && !t.quoted && t.text === 'from-will';
      let i = 3;
      const payload = words[i] && !isFromWill(words[i]) ? words[i++]!.text : undefined;
      let client: string | undefined;
      if (isFromWill(words[i])) {
        const clientToken = words[i + 1];
        if (!clientToken) return missingClient(words[i]!);
        client = ctx.checkClient(clientToken);
        i += 2;
      }
      extra(i);
      return { kind: 'retained', topic, ...(payload !== undefined ? { payload } : {}), ...(client !== undefined ? { client } : {}), ...base };
    }
  }
  const form = words[2];
  if (!ctx.clients.has(subject.text)) {
    if (form && CLIENT_EXPECTATIONS.includes(form.text)) ctx.checkClient(subject);
    else {
      const clientsAndForms = [...SUBJECT_FORMS, ...ctx.clients.keys()];
      if (!ctx.unknown(subject, clientsAndForms, 'expect.unknown', { word: subject.text })) return undefined;
    }
    if (!form || !CLIENT_EXPECTATIONS.includes(form.text)) return undefined;
  }
  const client = subject.text;
  if (!form) {
    ctx.error('expect.bad', subject);
    return undefined;
  }
  switch (form.text) {
    case 'receives':
    case 'never-receives':
      return parseReceives(ctx, client, form, words, base);
    case 'will-registered': {
      const t = words[3];
      const topic = t ? ctx.topic(t, true, 5) : undefined;
      extra(4);
      return { kind: 'will-registered', client, ...(topic !== undefined ? { topic } : {}), ...base };
    }
    case 'disconnects-cleanly': {
      const w = window(ctx, words, 3, true);
      extra(w.next);
      return { kind: 'disconnects-cleanly', client, ...w.times, ...base };
    }
    case 'closed-without-connack':
      extra(3);
      return { kind: 'closed-without-connack', client, ...base };
  }
  if (CLIENT_EXPECTATIONS.includes(form.text)) {
    const codeToken = words[3];
    if (!codeToken) {
      ctx.report('error', 'line.missing', tokenRange(form), { what: 'a reason code (e.g. 0x00)', whatDe: 'ein Reason Code (z. B. 0x00)' });
      return undefined;
    }
    if (form.text === 'connack' && codeToken.text === 'session-present') {
      const flag = words[4];
      if (flag?.text !== '0' && flag?.text !== '1') {
        ctx.error('expect.flag', flag ?? codeToken, { value: flag?.text ?? '' });
        return undefined;
      }
      extra(5);
      return { kind: 'session-present', client, present: flag.text === '1', ...base };
    }
    if (form.text === 'connack' && codeToken.text === 'property') {
      const p = property(ctx, words, 4, codeToken, CONNACK_PROPERTIES);
      if (!p) return undefined;
      extra(p.next);
      return { kind: 'connack-property', client, property: p.property, ...base };
    }
    if (form.text === 'disconnect' && codeToken.text === 'property') {
      const p = property(ctx, words, 4, codeToken, DISCONNECT_PROPERTIES);
      if (!p) return undefined;
      extra(p.next);
      return { kind: 'disconnect-property', client, property: p.property, ...base };
    }
    const code = reasonCode(ctx, codeToken, form.text === 'connack' ? ['session-present', 'property'] : form.text === 'disconnect' ? ['property'] : []);
    if (code === undefined) return undefined;
    if (form.text === 'disconnect') {
      extra(4);
      return { kind: 'disconnect-code', client, code, ...base };
    }
    if (form.text === 'suback' || form.text === 'unsuback') {
      const codes = [code];
      for (let i = 4; i < words.length; i++) {
        const c = reasonCode(ctx, words[i]!);
        if (c === undefined) return undefined;
        codes.push(c);
      }
      return { kind: 'ack', client, packet: form.text, code, ...(codes.length > 1 ? { codes } : {}), ...base };
    }
    extra(4);
    return { kind: 'ack', client, packet: form.text as AckPacket, code, ...base };
  }
  ctx.unknown(form, CLIENT_EXPECTATIONS, 'expect.unknown', { word: form.text });
  return undefined;
}

function reasonCode(ctx: ParseContext, token: Token, words: readonly string[] = []): number | undefined {
  const code = ctx.int(token.text);
  if (code === undefined || code > 255) {
    if (!ctx.misspelt(token, words)) ctx.error('expect.code', token, { value: token.text });
    return undefined;
  }
  return code;
}

/** `[after T] [by T]` from words[i] (only when `allowed`). */
function window(ctx: ParseContext, words: readonly Token[], i: number, allowed: boolean): { next: number; times: { afterMs?: number; byMs?: number } } {
  const times: { afterMs?: number; byMs?: number } = {};
  if (!allowed) return { next: i, times };
  if (words[i]?.text === 'after') {
    const ms = ctx.duration(words[i + 1], words[i]!, 'after');
    if (ms !== undefined) times.afterMs = ms;
    i += 2;
  }
  if (words[i]?.text === 'by') {
    const ms = ctx.duration(words[i + 1], words[i]!, 'by');
    if (ms !== undefined) times.byMs = ms;
    emptyWindow(ctx, times, words[i + 1] ?? words[i]!);
    i += 2;
  }
  return { next: i, times };
}

/** `after T1 by T2` with T1 later than T2: a window nothing can fall into, an error at `by`'s time. */
function emptyWindow(ctx: ParseContext, times: { afterMs?: number; byMs?: number }, at: Token): void {
  if (times.afterMs !== undefined && times.byMs !== undefined && times.afterMs > times.byMs) {
    ctx.error('expect.window-empty', at, { after: showTime(times.afterMs), by: showTime(times.byMs) });
  }
}

/** A value word: present, and quoted or not one of the line's keywords. */
function valueWord(t: Token | undefined): Token | undefined {
  return t && (t.quoted || !RECEIVE_KEYWORDS.has(t.text)) ? t : undefined;
}

/** `property NAME [VALUE]` or `property user-property KEY [VALUE]` from words[i] (the NAME). */
function property(ctx: ParseContext, words: readonly Token[], i: number, propertyWord: Token, names: Readonly<Record<string, string>>): { property: PropertyExpect; next: number } | undefined {
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

function parseReceives(ctx: ParseContext, client: string, form: Token, words: readonly Token[], base: Base): Expectation | undefined {
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
function parseBrokerReceives(ctx: ParseContext, form: Token, words: readonly Token[], base: Base): Expectation | undefined {
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
