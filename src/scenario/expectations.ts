/**
 * Checking expectations against what happened: the trace (messages handed to applications,
 * packets delivered, the broker's explained decisions) and the final world (sessions and
 * retained messages in the broker's state). Never against the commands typed, so any route to
 * the goal passes (learnGitBranching's rule).
 *
 * Each result says pass or fail in English and German, with the trace entries that prove it
 * (`evidence`) or, on failure, what came closest ("dash received nothing on plant/s17/status;
 * the last message on a matching topic was ... at 3.200s").
 */
import type { PublishPacket } from '../core/codec/types.ts';
import { matches } from '../core/mqtt/match.ts';
import { BROKER, type World } from '../sim/world.ts';
import { formatTime, type TraceEntry } from '../sim/trace.ts';
import type { CompiledExpectation } from './compile.ts';

export interface ExpectationResult {
  expectation: CompiledExpectation;
  pass: boolean;
  message: string;
  messageDe: string;
  /** Trace entries that show it (the matching deliveries, the will, ...). */
  evidence: { seq: number; atMs: number }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function payloadText(p: PublishPacket): string {
  return utf8.decode(p.payload);
}

function describe(p: PublishPacket): string {
  return `${p.topic} "${payloadText(p)}" (QoS ${p.qos}${p.retain ? ', retained' : ''}${p.dup ? ', DUP' : ''})`;
}

function topicMatches(expected: string, topic: string): boolean {
  return expected.includes('+') || expected.includes('#') ? matches(expected, topic) : expected === topic;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

const ok = (expectation: CompiledExpectation, evidence: TraceEntry[], en: string, de: string): ExpectationResult => ({
  expectation,
  pass: true,
  message: en,
  messageDe: de,
  evidence: evidence.map((e) => ({ seq: e.seq, atMs: e.atMs })),
});
const fail = (expectation: CompiledExpectation, en: string, de: string, evidence: TraceEntry[] = []): ExpectationResult => ({
  expectation,
  pass: false,
  message: en,
  messageDe: de,
  evidence: evidence.map((e) => ({ seq: e.seq, atMs: e.atMs })),
});

/** Messages the application of `client` was handed (`app` entries), in order. */
function received(trace: readonly TraceEntry[], client: string): { entry: TraceEntry; packet: PublishPacket }[] {
  const out: { entry: TraceEntry; packet: PublishPacket }[] = [];
  for (const e of trace) {
    if (e.kind === 'app' && e.from === client && e.packet?.type === 'publish') out.push({ entry: e, packet: e.packet });
  }
  return out;
}

/** The broker's context in the final world, read defensively. */
function brokerContext(world: World): { sessions?: { has(k: string): boolean }; retained?: { get(k: string): { payload: Uint8Array } | undefined } } {
  return (world.actors.get(BROKER)?.context ?? {}) as ReturnType<typeof brokerContext>;
}

/** Check one expectation. */
export function checkExpectation(e: CompiledExpectation, trace: readonly TraceEntry[], world: World): ExpectationResult {
  switch (e.kind) {
    case 'receives': {
      const all = received(trace, e.client);
      const onTopic = all.filter((r) => topicMatches(e.topic, r.packet.topic));
      const hits = onTopic.filter(
        (r) =>
          (e.payload === undefined || payloadText(r.packet) === e.payload) &&
          (e.qos === undefined || r.packet.qos === e.qos) &&
          (e.retained === undefined || r.packet.retain === e.retained) &&
          (e.dup === undefined || r.packet.dup === e.dup) &&
          (e.afterMs === undefined || r.entry.atMs >= e.afterMs) &&
          (e.byMs === undefined || r.entry.atMs <= e.byMs),
      );
      const want = e.times !== undefined ? `exactly ${e.times}` : `at least ${e.atLeast ?? 1}`;
      const wantDe = e.times !== undefined ? `genau ${e.times}` : `mindestens ${e.atLeast ?? 1}`;
      const good = e.times !== undefined ? hits.length === e.times : hits.length >= (e.atLeast ?? 1);
      const by = `${e.afterMs !== undefined ? ` after ${formatTime(e.afterMs)}` : ''}${e.byMs !== undefined ? ` by ${formatTime(e.byMs)}` : ''}`;
      const byDe = `${e.afterMs !== undefined ? ` ab ${formatTime(e.afterMs, 'de')}` : ''}${e.byMs !== undefined ? ` bis ${formatTime(e.byMs, 'de')}` : ''}`;
      if (good) {
        const h = hits[0];
        const en = h ? `${e.client} received ${describe(h.packet)} at ${formatTime(h.entry.atMs)}${hits.length > 1 ? ` (${hits.length} times)` : ''}` : `${e.client} received no such message, as expected`;
        const de = h ? `${e.client} hat ${describe(h.packet)} um ${formatTime(h.entry.atMs, 'de')} empfangen${hits.length > 1 ? ` (${hits.length}-mal)` : ''}` : `${e.client} hat keine solche Nachricht empfangen, wie erwartet`;
        return ok(e, hits.map((r) => r.entry), en, de);
      }
      if (hits.length > 0) {
        return fail(e, `${e.client} received ${hits.length} matching message(s), expected ${want}${by}`, `${e.client} hat ${hits.length} passende Nachricht(en) empfangen, erwartet: ${wantDe}${byDe}`, hits.map((r) => r.entry));
      }
      const last = onTopic[onTopic.length - 1];
      if (last) {
        return fail(
          e,
          `${e.client} received no matching message on ${e.topic}${by}; the last message on a matching topic was ${describe(last.packet)} at ${formatTime(last.entry.atMs)}`,
          `${e.client} hat${byDe} keine passende Nachricht auf ${e.topic} empfangen; die letzte Nachricht auf einem passenden Topic war ${describe(last.packet)} um ${formatTime(last.entry.atMs, 'de')}`,
          [last.entry],
        );
      }
      const other = all[all.length - 1];
      const tail = other ? `; its last message was ${describe(other.packet)} at ${formatTime(other.entry.atMs)}` : '; it received no messages at all';
      const tailDe = other ? `; seine letzte Nachricht war ${describe(other.packet)} um ${formatTime(other.entry.atMs, 'de')}` : '; er hat überhaupt keine Nachrichten empfangen';
      return fail(e, `${e.client} received nothing on ${e.topic}${by}${tail}`, `${e.client} hat${byDe} nichts auf ${e.topic} empfangen${tailDe}`, other ? [other.entry] : []);
    }
    case 'never-receives': {
      const hits = received(trace, e.client).filter((r) => topicMatches(e.topic, r.packet.topic) && (e.payload === undefined || payloadText(r.packet) === e.payload));
      const h = hits[0];
      if (!h) {
        const what = e.payload === undefined ? `a message on ${e.topic}` : `"${e.payload}" on ${e.topic}`;
        const whatDe = e.payload === undefined ? `eine Nachricht auf ${e.topic}` : `„${e.payload}“ auf ${e.topic}`;
        return ok(e, [], `${e.client} never received ${what}`, `${e.client} hat nie ${whatDe} empfangen`);
      }
      return fail(e, `${e.client} received ${describe(h.packet)} at ${formatTime(h.entry.atMs)}`, `${e.client} hat ${describe(h.packet)} um ${formatTime(h.entry.atMs, 'de')} empfangen`, hits.map((r) => r.entry));
    }
    case 'ack': {
      const type = e.packet.toUpperCase();
      const got = trace.filter((t) => t.kind === 'deliver' && t.to === e.client && t.packet?.type === e.packet);
      const codesOf = (t: TraceEntry): number[] => {
        const p = t.packet!;
        if (p.type === 'connack') return [p.reasonCode];
        if (p.type === 'suback') return p.reasonCodes;
        if (p.type === 'unsuback') return p.reasonCodes ?? [0];
        if (p.type === 'puback' || p.type === 'pubrec') return [p.reasonCode ?? 0];
        return [];
      };
      const hit = got.find((t) => codesOf(t).includes(e.code));
      if (hit) return ok(e, [hit], `${e.client} got ${type} ${hex(e.code)} at ${formatTime(hit.atMs)}`, `${e.client} hat ${type} ${hex(e.code)} um ${formatTime(hit.atMs, 'de')} erhalten`);
      if (got.length === 0) return fail(e, `${e.client} never got a ${type}`, `${e.client} hat nie ein ${type} erhalten`);
      const seen = got.map((t) => `${codesOf(t).map(hex).join('/')} at ${formatTime(t.atMs)}`).join(', ');
      const seenDe = got.map((t) => `${codesOf(t).map(hex).join('/')} um ${formatTime(t.atMs, 'de')}`).join(', ');
      return fail(e, `${e.client} got ${type} ${seen}, not ${hex(e.code)}`, `${e.client} hat ${type} ${seenDe} erhalten, nicht ${hex(e.code)}`, got);
    }
    case 'sent-will':
    case 'no-will': {
      const id = e.clientId ?? e.client;
      const wills = trace.filter((t) => t.kind === 'note' && t.from === BROKER && t.explain?.key.startsWith('will.published') && t.explain.params?.clientId === id);
      const inTime = wills.filter((t) => e.kind === 'no-will' || ((e.afterMs === undefined || t.atMs >= e.afterMs) && (e.byMs === undefined || t.atMs <= e.byMs)));
      const w = inTime[0];
      if (e.kind === 'no-will') {
        if (!w) return ok(e, [], `the broker did not publish ${e.client}'s will`, `der Broker hat den Will von ${e.client} nicht veröffentlicht`);
        return fail(e, `the broker published ${e.client}'s will at ${formatTime(w.atMs)} [${w.explain!.ref}]`, `der Broker hat den Will von ${e.client} um ${formatTime(w.atMs, 'de')} veröffentlicht [${w.explain!.ref}]`, [w]);
      }
      if (w) return ok(e, [w], `the broker published ${e.client}'s will at ${formatTime(w.atMs)} [${w.explain!.ref}]`, `der Broker hat den Will von ${e.client} um ${formatTime(w.atMs, 'de')} veröffentlicht [${w.explain!.ref}]`);
      const early = e.afterMs === undefined ? undefined : wills.find((t) => t.atMs < e.afterMs!);
      if (early) return fail(e, `the broker published ${e.client}'s will already at ${formatTime(early.atMs)}, before ${formatTime(e.afterMs!)}`, `der Broker hat den Will von ${e.client} schon um ${formatTime(early.atMs, 'de')} veröffentlicht, vor ${formatTime(e.afterMs!, 'de')}`, [early]);
      const late = wills[0];
      if (late) return fail(e, `the broker published ${e.client}'s will only at ${formatTime(late.atMs)}, after ${formatTime(e.byMs!)}`, `der Broker hat den Will von ${e.client} erst um ${formatTime(late.atMs, 'de')} veröffentlicht, nach ${formatTime(e.byMs!, 'de')}`, [late]);
      const discarded = trace.find((t) => t.kind === 'note' && t.from === BROKER && t.explain?.key.startsWith('will.') && t.explain.params?.clientId === id);
      if (discarded) return fail(e, `the broker did not publish ${e.client}'s will (${discarded.explain!.key} at ${formatTime(discarded.atMs)})`, `der Broker hat den Will von ${e.client} nicht veröffentlicht (${discarded.explain!.key} um ${formatTime(discarded.atMs, 'de')})`, [discarded]);
      return fail(e, `the broker did not publish ${e.client}'s will (client id ${id})`, `der Broker hat den Will von ${e.client} nicht veröffentlicht (Client-ID ${id})`);
    }
    case 'session': {
      const id = e.clientId ?? e.client;
      const exists = brokerContext(world).sessions?.has(id) ?? false;
      const en = `the broker ${exists ? 'holds' : 'holds no'} session for ${id} at the end`;
      const de = `der Broker hat am Ende ${exists ? 'eine' : 'keine'} Sitzung für ${id}`;
      return exists === e.exists ? ok(e, [], en, de) : fail(e, en, de);
    }
    case 'retained':
    case 'no-retained': {
      const m = brokerContext(world).retained?.get(e.topic);
      const text = m ? utf8.decode(m.payload) : undefined;
      if (e.kind === 'no-retained') {
        return m === undefined
          ? ok(e, [], `no retained message on ${e.topic}`, `keine Retained Message auf ${e.topic}`)
          : fail(e, `${e.topic} has the retained message "${text}"`, `${e.topic} hat die Retained Message "${text}"`);
      }
      if (m === undefined) return fail(e, `no retained message on ${e.topic} at the end`, `am Ende keine Retained Message auf ${e.topic}`);
      if (e.payload !== undefined && text !== e.payload) return fail(e, `the retained message on ${e.topic} is "${text}", not "${e.payload}"`, `die Retained Message auf ${e.topic} ist "${text}", nicht "${e.payload}"`);
      return ok(e, [], `${e.topic} has the retained message "${text}"`, `${e.topic} hat die Retained Message "${text}"`);
    }
  }
}

/** Check every expectation on the trace of a run and its final world. */
export function checkExpectations(expectations: readonly CompiledExpectation[], trace: readonly TraceEntry[], world: World): ExpectationResult[] {
  return expectations.map((e) => checkExpectation(e, trace, world));
}
