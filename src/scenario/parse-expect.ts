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
 * The message forms (`receives`, `never-receives`, `broker receives`) and their modifiers are read
 * in parse-expect-message.ts; the properties that can be checked are in expect-properties.ts.
 */
import type { AckPacket, Expectation } from './ast.ts';
import { CONNACK_PROPERTIES, DISCONNECT_PROPERTIES } from './expect-properties.ts';
import { tokenRange, type Token } from './lexer.ts';
import { CLIENT_EXPECTATIONS } from './options.ts';
import type { ParseContext } from './parse-context.ts';
import { emptyWindow, parseBrokerReceives, parseReceives, property } from './parse-expect-message.ts';
import { shownText } from './unparse.ts';

const SUBJECT_FORMS = ['broker', 'session', 'retained', 'no-retained', 'topics'];
const BROKER_FORMS = ['sent-will', 'no-will', 'receives', 'disconnects'];

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
