/**
 * Expectation lines: the goals of a scenario, checked on the trace and the final world.
 *
 * ```
 * expect CLIENT receives TOPIC [PAYLOAD] [qos N] [retained] [dup] [times N | at-least N] [after T] [by T]
 * expect CLIENT never-receives TOPIC [PAYLOAD]
 * expect CLIENT connack|suback|unsuback|puback|pubrec CODE
 * expect broker sent-will CLIENT [after T] [by T]       expect broker no-will CLIENT
 * expect session CLIENT exists|absent
 * expect retained TOPIC [PAYLOAD]             expect no-retained TOPIC
 * ```
 */
import type { AckPacket, Expectation } from './ast.ts';
import { tokenRange, type Token } from './lexer.ts';
import { CLIENT_EXPECTATIONS } from './options.ts';
import type { ParseContext } from './parse-context.ts';

const RECEIVE_KEYWORDS = new Set(['qos', 'retained', 'dup', 'times', 'at-least', 'after', 'by']);
const SUBJECT_FORMS = ['broker', 'session', 'retained', 'no-retained'];

/** Parse the words after `expect` (words[0] is `expect`). */
export function parseExpectation(ctx: ParseContext, words: readonly Token[]): Expectation | undefined {
  const expectToken = words[0]!;
  const range = { ...tokenRange(expectToken), endColumn: words[words.length - 1]!.endColumn };
  const text = words.map((w) => w.raw).join(' ');
  const base = { range, text };
  const subject = words[1];
  if (!subject) {
    ctx.error('expect.bad', expectToken);
    return undefined;
  }
  const extra = (i: number): void => {
    if (words[i]) ctx.error('line.extra', words[i]!, { word: words[i]!.raw });
  };
  switch (subject.text) {
    case 'broker': {
      const form = words[2];
      if (form?.text !== 'sent-will' && form?.text !== 'no-will') {
        if (form) ctx.unknown(form, ['sent-will', 'no-will'], 'expect.unknown', { word: form.text });
        else ctx.error('expect.bad', subject);
        return undefined;
      }
      const clientToken = words[3];
      if (!clientToken) {
        ctx.report('error', 'line.missing', tokenRange(form), { what: 'a client name', whatDe: 'ein Client-Name' });
        return undefined;
      }
      const client = ctx.checkClient(clientToken);
      let afterMs: number | undefined;
      let byMs: number | undefined;
      let i = 4;
      if (words[i]?.text === 'after' && form.text === 'sent-will') {
        afterMs = ctx.duration(words[i + 1], words[i]!, 'after');
        i += 2;
      }
      if (words[i]?.text === 'by' && form.text === 'sent-will') {
        byMs = ctx.duration(words[i + 1], words[i]!, 'by');
        i += 2;
      }
      extra(i);
      return { kind: form.text, client, ...(afterMs !== undefined ? { afterMs } : {}), ...(byMs !== undefined ? { byMs } : {}), ...base };
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
      const payload = words[3]?.text;
      extra(4);
      return { kind: 'retained', topic, ...(payload !== undefined ? { payload } : {}), ...base };
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
  if (form.text === 'receives' || form.text === 'never-receives') return parseReceives(ctx, client, form, words, base);
  if (CLIENT_EXPECTATIONS.includes(form.text)) {
    const codeToken = words[3];
    if (!codeToken) {
      ctx.report('error', 'line.missing', tokenRange(form), { what: 'a reason code (e.g. 0x00)', whatDe: 'ein Reason Code (z. B. 0x00)' });
      return undefined;
    }
    const code = ctx.int(codeToken.text);
    if (code === undefined || code > 255) {
      ctx.error('expect.code', codeToken, { value: codeToken.text });
      return undefined;
    }
    extra(4);
    return { kind: 'ack', client, packet: form.text as AckPacket, code, ...base };
  }
  ctx.unknown(form, CLIENT_EXPECTATIONS, 'expect.unknown', { word: form.text });
  return undefined;
}

function parseReceives(ctx: ParseContext, client: string, form: Token, words: readonly Token[], base: { range: Expectation['range']; text: string }): Expectation | undefined {
  const topicToken = words[3];
  if (!topicToken) {
    ctx.report('error', 'line.missing', tokenRange(form), { what: 'a topic', whatDe: 'ein Topic' });
    return undefined;
  }
  const topic = ctx.topic(topicToken, true, 5);
  let i = 4;
  let payload: string | undefined;
  const p = words[i];
  if (p && (p.quoted || !RECEIVE_KEYWORDS.has(p.text))) {
    payload = p.text;
    i++;
  }
  if (form.text === 'never-receives') {
    if (words[i]) ctx.error('line.extra', words[i]!, { word: words[i]!.raw });
    return { kind: 'never-receives', client, topic, ...(payload !== undefined ? { payload } : {}), ...base };
  }
  const e: Extract<Expectation, { kind: 'receives' }> = { kind: 'receives', client, topic, ...(payload !== undefined ? { payload } : {}), ...base };
  for (; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    switch (w.text) {
      case 'qos':
        if (!next) ctx.report('error', 'line.missing', tokenRange(w), { what: 'a QoS (0, 1 or 2)', whatDe: 'eine QoS (0, 1 oder 2)' });
        else {
          const q = ctx.qos(next);
          if (q !== undefined) e.qos = q;
          i++;
        }
        break;
      case 'retained':
        e.retained = true;
        break;
      case 'dup':
        e.dup = true;
        break;
      case 'times':
      case 'at-least': {
        const n = next ? ctx.int(next.text) : undefined;
        if (!next || n === undefined || n < 1 || n > 1_000_000) {
          ctx.error('count.bad', next ?? w, { value: next?.text ?? '', max: 1_000_000 });
        } else if (w.text === 'times') e.times = n;
        else e.atLeast = n;
        if (e.times !== undefined && e.atLeast !== undefined) ctx.error('expect.conflict', w);
        if (next) i++;
        break;
      }
      case 'after':
      case 'by': {
        const ms = ctx.duration(next, w, w.text);
        if (ms !== undefined) e[w.text === 'by' ? 'byMs' : 'afterMs'] = ms;
        if (next) i++;
        break;
      }
      default:
        ctx.error('line.extra', w, { word: w.raw });
    }
  }
  return e;
}
