/**
 * Checking expectations against what happened: the trace (messages handed to applications,
 * packets delivered, the broker's explained decisions) and the final world (sessions and
 * retained messages in the broker's state). Never against the commands typed, so any route to
 * the goal passes (learnGitBranching's rule).
 *
 * Each result says pass or fail in English and German, with the trace entries that prove it
 * (`evidence`) or, on failure, what came closest ("dash received nothing on plant/s17/status;
 * the closest was ... at 3.200s").
 */
import type { Properties, PublishPacket } from '../core/codec/types.ts';
import { lintTopic, lintTopicSet } from '../core/mqtt/lint.ts';
import { matches } from '../core/mqtt/match.ts';
import { parseSharedSubscription } from '../core/mqtt/shared.ts';
import { BROKER, type World } from '../sim/world.ts';
import { formatTime, type TraceEntry } from '../sim/trace.ts';
import type { MessageMatch, PropertyExpect } from './ast.ts';
import type { CompiledExpectation } from './compile.ts';
import { CONNACK_PROPERTIES, DISCONNECT_PROPERTIES, MESSAGE_PROPERTIES } from './parse-expect.ts';
import { shownText } from './unparse.ts';

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

/** A received PUBLISH in a goal's message: `t "on" (QoS 1, retained)`, in German `(QoS 1, gehaltene Nachricht)`. */
function describe(p: PublishPacket, lang: 'en' | 'de' = 'en'): string {
  const retained = lang === 'de' ? ', gehaltene Nachricht' : ', retained';
  return `${p.topic} "${payloadText(p)}" (QoS ${p.qos}${p.retain ? retained : ''}${p.dup ? ', DUP' : ''})`;
}
const describeDe = (p: PublishPacket): string => describe(p, 'de');

function topicMatches(expected: string, topic: string): boolean {
  return expected.includes('+') || expected.includes('#') ? matches(expected, topic) : expected === topic;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

// Messages quote topics and payloads from the run: shown with bidi overrides and controls escaped (shownText).
const ok = (expectation: CompiledExpectation, evidence: TraceEntry[], en: string, de: string): ExpectationResult => ({
  expectation,
  pass: true,
  message: shownText(en),
  messageDe: shownText(de),
  evidence: evidence.map((e) => ({ seq: e.seq, atMs: e.atMs })),
});
const fail = (expectation: CompiledExpectation, en: string, de: string, evidence: TraceEntry[] = []): ExpectationResult => ({
  expectation,
  pass: false,
  message: shownText(en),
  messageDe: shownText(de),
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

/** PUBLISH packets from `client` that arrived at the broker, in order. */
function arrivedAtBroker(trace: readonly TraceEntry[], client: string): { entry: TraceEntry; packet: PublishPacket }[] {
  const out: { entry: TraceEntry; packet: PublishPacket }[] = [];
  for (const e of trace) {
    if (e.kind === 'deliver' && e.to === BROKER && e.from === client && e.packet?.type === 'publish') out.push({ entry: e, packet: e.packet });
  }
  return out;
}

/** The field of a property in a packet's property block. */
function propertyValue(props: Properties | undefined, field: string): unknown {
  return (props as Record<string, unknown> | undefined)?.[field];
}

/** Whether a property block has the property (with the value, when one is given). */
function hasProperty(props: Properties | undefined, p: PropertyExpect, fields: Readonly<Record<string, string>>): boolean {
  const v = propertyValue(props, fields[p.name] ?? '');
  if (v === undefined) return false;
  if (p.name === 'user-property') return (v as readonly (readonly [string, string])[]).some(([k, val]) => k === p.key && (p.value === undefined || val === p.value));
  if (p.value === undefined) return true;
  if (Array.isArray(v)) return v.some((x) => String(x) === p.value);
  if (v instanceof Uint8Array) return utf8.decode(v) === p.value;
  return String(v) === p.value;
}

/** A property as written: `content-type=text/plain`, `user-property room=hall1`. */
function propertyText(p: PropertyExpect): string {
  return `${p.name}${p.key !== undefined ? ` ${p.key}` : ''}${p.value !== undefined ? `=${p.value}` : ''}`;
}

/** What a property block holds of the property's kind, for "closest miss" texts. */
/** The property's value as the report says it: a string in quotes, as the scenario writes it; `none` (`keine`) when absent. */
function propertySeen(props: Properties | undefined, p: PropertyExpect, fields: Readonly<Record<string, string>>, lang: 'en' | 'de' = 'en'): string {
  const v = propertyValue(props, fields[p.name] ?? '');
  if (v === undefined) return lang === 'de' ? 'keine' : 'none';
  if (v instanceof Uint8Array) return JSON.stringify(utf8.decode(v));
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? x.join('=') : String(x))).join(', ');
  return String(v);
}

function messageMatches(m: MessageMatch, r: { entry: TraceEntry; packet: PublishPacket }): boolean {
  return (
    (m.payload === undefined || payloadText(r.packet) === m.payload) &&
    (m.qos === undefined || r.packet.qos === m.qos) &&
    (m.retained === undefined || r.packet.retain === m.retained) &&
    (m.dup === undefined || r.packet.dup === m.dup) &&
    (m.properties ?? []).every((p) => hasProperty(r.packet.properties, p, MESSAGE_PROPERTIES)) &&
    (m.afterMs === undefined || r.entry.atMs >= m.afterMs) &&
    (m.byMs === undefined || r.entry.atMs <= m.byMs)
  );
}

/**
 * Why nothing on `topic` reached `client` at all, when the trace shows a reason a learner can
 * act on: the client never had a connection accepted; (for a topic, not a filter) no granted
 * subscription of the client matches it; nobody published on it. Undefined when none of these
 * holds (an ACL, a lost packet, a window that closed too early: the trace tells).
 */
function whyNothing(trace: readonly TraceEntry[], client: string, topic: string, toApplication: boolean): { en: string; de: string } | undefined {
  let accepted = false;
  let published = false;
  const asked = new Map<number, string[]>();
  const granted: string[] = [];
  for (const x of trace) {
    const p = x.packet;
    if (x.kind !== 'deliver' || !p) continue;
    if (x.from === BROKER && x.to === client) {
      if (p.type === 'connack' && p.reasonCode === 0) accepted = true;
      else if (p.type === 'suback') p.reasonCodes.forEach((code, i) => code < 0x80 && granted.push(asked.get(p.packetId)?.[i] ?? ''));
    } else if (x.to === BROKER) {
      if (x.from === client && p.type === 'subscribe') asked.set(p.packetId, p.subscriptions.map((s) => parseSharedSubscription(s.topicFilter)?.filter ?? s.topicFilter));
      if (p.type === 'publish' && p.topic !== '' && topicMatches(topic, p.topic) && (toApplication || x.from === client)) published = true;
    }
  }
  if (!accepted) return { en: `${client} never had a connection accepted (no CONNACK 0x00 reached it)`, de: `${client} wurde nie eine Verbindung bestätigt (kein CONNACK 0x00 kam an)` };
  if (toApplication && !/[+#]/.test(topic) && !granted.some((f) => f !== '' && matches(f, topic))) {
    return { en: `${client} has no granted subscription whose filter matches ${topic}`, de: `${client} hat kein bestätigtes Abonnement, dessen Filter auf ${topic} passt` };
  }
  if (!published) return toApplication ? { en: `no client published on ${topic}`, de: `kein Client hat auf ${topic} veröffentlicht` } : undefined;
  return undefined;
}

type ConnectionExpectation = Extract<CompiledExpectation, { kind: 'will-registered' | 'disconnects-cleanly' | 'session-present' | 'connack-property' | 'disconnect-code' | 'disconnect-property' | 'broker-disconnects' | 'closed-without-connack' }>;

/** Expectations about a client's connections: CONNECT/CONNACK, DISCONNECT, closes. */
function checkConnection(e: ConnectionExpectation, trace: readonly TraceEntry[]): ExpectationResult {
  const c = e.client;
  const t = (x: TraceEntry): string => formatTime(x.atMs);
  const tDe = (x: TraceEntry): string => formatTime(x.atMs, 'de');
  const connacks = trace.filter((x) => x.kind === 'deliver' && x.to === c && x.packet?.type === 'connack');
  switch (e.kind) {
    case 'will-registered': {
      const connects = trace.filter((x) => x.kind === 'deliver' && x.to === BROKER && x.from === c && x.packet?.type === 'connect');
      const accepted = (x: TraceEntry): boolean => trace.some((y) => y.kind === 'send' && y.from === BROKER && y.to === c && y.connId === x.connId && y.packet?.type === 'connack' && y.packet.reasonCode === 0);
      const withWill = connects.filter((x) => x.packet?.type === 'connect' && x.packet.will !== undefined && (e.topic === undefined || topicMatches(e.topic, x.packet.will.topic)));
      const hit = withWill.find(accepted);
      const willOf = (x: TraceEntry): string => (x.packet?.type === 'connect' && x.packet.will ? `${x.packet.will.topic} "${utf8.decode(x.packet.will.payload)}"` : '');
      if (hit) return ok(e, [hit], `the broker accepted ${c}'s CONNECT with the will ${willOf(hit)} at ${t(hit)}`, `der Broker hat das CONNECT von ${c} mit dem Testament ${willOf(hit)} um ${tDe(hit)} angenommen`);
      const refused = withWill[0];
      if (refused) return fail(e, `${c}'s CONNECT with a will (${willOf(refused)}) at ${t(refused)} was not accepted`, `das CONNECT von ${c} mit einem Testament (${willOf(refused)}) um ${tDe(refused)} wurde nicht angenommen`, [refused]);
      const other = connects.find((x) => x.packet?.type === 'connect' && x.packet.will !== undefined);
      if (other) return fail(e, `${c}'s will is on ${willOf(other)} (at ${t(other)}), not on ${e.topic}`, `das Testament von ${c} liegt auf ${willOf(other)} (um ${tDe(other)}), nicht auf ${e.topic}`, [other]);
      const last = connects[connects.length - 1];
      if (last) return fail(e, `${c}'s CONNECT at ${t(last)} carries no will`, `das CONNECT von ${c} um ${tDe(last)} hat kein Testament`, [last]);
      return fail(e, `no CONNECT from ${c} arrived at the broker`, `kein CONNECT von ${c} kam beim Broker an`);
    }
    case 'disconnects-cleanly': {
      const inWindow = (x: TraceEntry): boolean => (e.afterMs === undefined || x.atMs >= e.afterMs) && (e.byMs === undefined || x.atMs <= e.byMs);
      const arrived = trace.filter((x) => x.kind === 'deliver' && x.to === BROKER && x.from === c && x.packet?.type === 'disconnect');
      const code = (x: TraceEntry): number => (x.packet?.type === 'disconnect' ? (x.packet.reasonCode ?? 0) : 0);
      const hit = arrived.find((x) => code(x) === 0 && inWindow(x));
      if (hit) return ok(e, [hit], `${c}'s DISCONNECT (0x00) arrived at the broker at ${t(hit)}`, `das DISCONNECT (0x00) von ${c} kam um ${tDe(hit)} beim Broker an`);
      const other = arrived.find((x) => code(x) !== 0 && inWindow(x));
      if (other) return fail(e, `${c}'s DISCONNECT at ${t(other)} has reason code ${hex(code(other))}, not 0x00 (normal disconnection)`, `das DISCONNECT von ${c} um ${tDe(other)} hat den Reason Code ${hex(code(other))}, nicht 0x00 (normale Trennung)`, [other]);
      const outside = arrived[0];
      if (outside) return fail(e, `${c}'s DISCONNECT arrived at ${t(outside)}, outside the time window`, `das DISCONNECT von ${c} kam um ${tDe(outside)} an, außerhalb des Zeitfensters`, [outside]);
      const lost = trace.find((x) => x.kind === 'send' && x.from === c && x.packet?.type === 'disconnect');
      if (lost) return fail(e, `${c} sent DISCONNECT at ${t(lost)}, but it never arrived at the broker`, `${c} hat um ${tDe(lost)} DISCONNECT gesendet, aber es kam nie beim Broker an`, [lost]);
      const closed = trace.find((x) => x.kind === 'note' && x.from === BROKER && x.explain?.key === 'net.closed-without-disconnect' && x.explain.params?.clientId === (e.clientId ?? c));
      if (closed) return fail(e, `${c}'s connection ended without DISCONNECT at ${t(closed)}`, `die Verbindung von ${c} endete um ${tDe(closed)} ohne DISCONNECT`, [closed]);
      return fail(e, `${c} never sent DISCONNECT`, `${c} hat nie DISCONNECT gesendet`);
    }
    case 'session-present': {
      const flag = (x: TraceEntry): boolean => x.packet?.type === 'connack' && x.packet.sessionPresent;
      const hit = connacks.find((x) => flag(x) === e.present);
      const sp = e.present ? 1 : 0;
      if (hit) return ok(e, [hit], `${c} got CONNACK with session present = ${sp} at ${t(hit)}`, `${c} hat um ${tDe(hit)} CONNACK mit Session Present = ${sp} erhalten`);
      if (connacks.length === 0) return fail(e, `${c} never got a CONNACK`, `${c} hat nie ein CONNACK erhalten`);
      const seen = connacks.map((x) => `${flag(x) ? 1 : 0} at ${t(x)}`).join(', ');
      const seenDe = connacks.map((x) => `${flag(x) ? 1 : 0} um ${tDe(x)}`).join(', ');
      return fail(e, `${c}'s CONNACKs had session present = ${seen}, never ${sp}`, `die CONNACKs von ${c} hatten Session Present = ${seenDe}, nie ${sp}`, connacks);
    }
    case 'connack-property': {
      const props = (x: TraceEntry): Properties | undefined => (x.packet?.type === 'connack' ? x.packet.properties : undefined);
      const hit = connacks.find((x) => hasProperty(props(x), e.property, CONNACK_PROPERTIES));
      const what = propertyText(e.property);
      if (hit) return ok(e, [hit], `${c} got CONNACK with ${e.property.name} ${propertySeen(props(hit), e.property, CONNACK_PROPERTIES)} at ${t(hit)}`, `${c} hat um ${tDe(hit)} CONNACK mit ${e.property.name} ${propertySeen(props(hit), e.property, CONNACK_PROPERTIES, 'de')} erhalten`);
      if (connacks.length === 0) return fail(e, `${c} never got a CONNACK`, `${c} hat nie ein CONNACK erhalten`);
      const seen = connacks.map((x) => `${propertySeen(props(x), e.property, CONNACK_PROPERTIES)} at ${t(x)}`).join(', ');
      const seenDe = connacks.map((x) => `${propertySeen(props(x), e.property, CONNACK_PROPERTIES, 'de')} um ${tDe(x)}`).join(', ');
      return fail(e, `no CONNACK to ${c} had ${what}; ${e.property.name} was: ${seen}`, `kein CONNACK an ${c} hatte ${what}; ${e.property.name} war: ${seenDe}`, connacks);
    }
    case 'disconnect-code':
    case 'disconnect-property': {
      // Either way: the broker's DISCONNECT that reached the client, the client's that reached the broker.
      const all = trace.filter((x) => x.kind === 'deliver' && x.packet?.type === 'disconnect' && ((x.to === c && x.from === BROKER) || (x.from === c && x.to === BROKER)));
      const code = (x: TraceEntry): number => (x.packet?.type === 'disconnect' ? (x.packet.reasonCode ?? 0) : 0);
      const props = (x: TraceEntry): Properties | undefined => (x.packet?.type === 'disconnect' ? x.packet.properties : undefined);
      const who = (x: TraceEntry): string => (x.from === BROKER ? `the broker's DISCONNECT to ${c}` : `${c}'s DISCONNECT`);
      const whoDe = (x: TraceEntry): string => (x.from === BROKER ? `das DISCONNECT des Brokers an ${c}` : `das DISCONNECT von ${c}`);
      if (all.length === 0) return fail(e, `no DISCONNECT passed between ${c} and the broker`, `kein DISCONNECT ging zwischen ${c} und dem Broker hin oder her`);
      if (e.kind === 'disconnect-code') {
        const hit = all.find((x) => code(x) === e.code);
        if (hit) return ok(e, [hit], `${who(hit)} at ${t(hit)} has reason code ${hex(e.code)}`, `${whoDe(hit)} um ${tDe(hit)} hat den Reason Code ${hex(e.code)}`);
        const seen = all.map((x) => `${hex(code(x))} (${x.from === BROKER ? 'broker' : c}, ${t(x)})`).join(', ');
        const seenDe = all.map((x) => `${hex(code(x))} (${x.from === BROKER ? 'Broker' : c}, ${tDe(x)})`).join(', ');
        return fail(e, `no DISCONNECT between ${c} and the broker had reason code ${hex(e.code)}; they had ${seen}`, `kein DISCONNECT zwischen ${c} und dem Broker hatte den Reason Code ${hex(e.code)}; sie hatten ${seenDe}`, all);
      }
      const hit = all.find((x) => hasProperty(props(x), e.property, DISCONNECT_PROPERTIES));
      const what = propertyText(e.property);
      if (hit) return ok(e, [hit], `${who(hit)} at ${t(hit)} has ${e.property.name} ${propertySeen(props(hit), e.property, DISCONNECT_PROPERTIES)}`, `${whoDe(hit)} um ${tDe(hit)} hat ${e.property.name} ${propertySeen(props(hit), e.property, DISCONNECT_PROPERTIES, 'de')}`);
      const seen = all.map((x) => `${propertySeen(props(x), e.property, DISCONNECT_PROPERTIES)} (${x.from === BROKER ? 'broker' : c}, ${t(x)})`).join(', ');
      const seenDe = all.map((x) => `${propertySeen(props(x), e.property, DISCONNECT_PROPERTIES, 'de')} (${x.from === BROKER ? 'Broker' : c}, ${tDe(x)})`).join(', ');
      return fail(e, `no DISCONNECT between ${c} and the broker had ${what}; ${e.property.name} was: ${seen}`, `kein DISCONNECT zwischen ${c} und dem Broker hatte ${what}; ${e.property.name} war: ${seenDe}`, all);
    }
    case 'broker-disconnects': {
      const sent = trace.filter((x) => x.kind === 'send' && x.from === BROKER && x.to === c && x.packet?.type === 'disconnect');
      const code = (x: TraceEntry): number => (x.packet?.type === 'disconnect' ? (x.packet.reasonCode ?? 0) : 0);
      const hit = sent.find((x) => e.code === undefined || code(x) === e.code);
      if (hit) return ok(e, [hit], `the broker sent DISCONNECT ${hex(code(hit))} to ${c} at ${t(hit)}`, `der Broker hat um ${tDe(hit)} DISCONNECT ${hex(code(hit))} an ${c} gesendet`);
      if (sent[0]) return fail(e, `the broker sent DISCONNECT ${sent.map((x) => hex(code(x))).join('/')} to ${c} at ${t(sent[0])}, not ${hex(e.code!)}`, `der Broker hat um ${tDe(sent[0])} DISCONNECT ${sent.map((x) => hex(code(x))).join('/')} an ${c} gesendet, nicht ${hex(e.code!)}`, sent);
      const closed = trace.find((x) => x.kind === 'note' && ((x.from === c && x.explain?.key === 'sim.tcp-closed') || (x.from === BROKER && x.explain?.key === 'keepalive.expired' && x.explain.params?.clientId === (e.clientId ?? c))));
      if (closed && e.code === undefined) return ok(e, [closed], `the broker closed ${c}'s connection at ${t(closed)} (without DISCONNECT)`, `der Broker hat die Verbindung von ${c} um ${tDe(closed)} geschlossen (ohne DISCONNECT)`);
      if (closed) return fail(e, `the broker closed ${c}'s connection at ${t(closed)} without a DISCONNECT, so without reason code`, `der Broker hat die Verbindung von ${c} um ${tDe(closed)} ohne DISCONNECT geschlossen, also ohne Reason Code`, [closed]);
      return fail(e, `the broker never disconnected ${c}`, `der Broker hat ${c} nie getrennt`);
    }
    case 'closed-without-connack': {
      // A CONNECT sent on purpose may be malformed (no decoded packet): its first byte says CONNECT.
      const connects = trace.filter((x) => x.kind === 'send' && x.from === c && (x.packet?.type === 'connect' || (x.packet === undefined && x.bytes !== undefined && x.bytes[0]! >> 4 === 1)));
      const closeKeys = new Set(['sim.tcp-closed', 'sim.tcp-reset']);
      let answered: TraceEntry | undefined;
      for (const x of connects) {
        const connack = connacks.find((y) => y.connId === x.connId);
        if (connack) {
          answered ??= connack;
          continue;
        }
        const closed = trace.find((y) => y.seq > x.seq && y.kind === 'note' && ((y.connId === x.connId && closeKeys.has(y.explain?.key ?? '')) || (y.from === c && y.explain?.key === 'client.disconnect.abort')));
        if (closed) return ok(e, [x, closed], `${c}'s connection closed at ${t(closed)} with no CONNACK after its CONNECT at ${t(x)}`, `die Verbindung von ${c} wurde um ${tDe(closed)} ohne CONNACK auf das CONNECT von ${tDe(x)} geschlossen`);
      }
      if (answered) return fail(e, `${c} got a CONNACK at ${t(answered)}`, `${c} hat um ${tDe(answered)} ein CONNACK erhalten`, [answered]);
      if (connects[0]) return fail(e, `${c}'s connection after the CONNECT at ${t(connects[0])} was not closed`, `die Verbindung von ${c} nach dem CONNECT um ${tDe(connects[0])} wurde nicht geschlossen`, [connects[0]]);
      return fail(e, `${c} never sent CONNECT`, `${c} hat nie CONNECT gesendet`);
    }
  }
}

/** Check one expectation; `explain` adds why nothing arrived, when the trace shows it (not for a run cut short). */
export function checkExpectation(e: CompiledExpectation, trace: readonly TraceEntry[], world: World, explain = true): ExpectationResult {
  switch (e.kind) {
    case 'receives':
    case 'broker-receives': {
      const all = e.kind === 'receives' ? received(trace, e.client) : arrivedAtBroker(trace, e.client);
      const who = e.kind === 'receives' ? e.client : 'the broker';
      const whoDe = e.kind === 'receives' ? e.client : 'der Broker';
      const from = e.kind === 'receives' ? '' : ` from ${e.client}`;
      const fromDe = e.kind === 'receives' ? '' : ` von ${e.client}`;
      const onTopic = all.filter((r) => topicMatches(e.topic, r.packet.topic));
      const hits = onTopic.filter((r) => messageMatches(e, r));
      const atLeast = e.atLeast ?? (e.atMost !== undefined ? 0 : 1);
      const want = e.times !== undefined ? `exactly ${e.times}` : `${atLeast > 0 || e.atMost === undefined ? `at least ${atLeast}` : ''}${atLeast > 0 && e.atMost !== undefined ? ' and ' : ''}${e.atMost !== undefined ? `at most ${e.atMost}` : ''}`;
      const wantDe = e.times !== undefined ? `genau ${e.times}` : `${atLeast > 0 || e.atMost === undefined ? `mindestens ${atLeast}` : ''}${atLeast > 0 && e.atMost !== undefined ? ' und ' : ''}${e.atMost !== undefined ? `höchstens ${e.atMost}` : ''}`;
      const good = e.times !== undefined ? hits.length === e.times : hits.length >= atLeast && (e.atMost === undefined || hits.length <= e.atMost);
      const by = `${e.afterMs !== undefined ? ` after ${formatTime(e.afterMs)}` : ''}${e.byMs !== undefined ? ` by ${formatTime(e.byMs)}` : ''}`;
      const byDe = `${e.afterMs !== undefined ? ` ab ${formatTime(e.afterMs, 'de')}` : ''}${e.byMs !== undefined ? ` bis ${formatTime(e.byMs, 'de')}` : ''}`;
      if (good) {
        const h = hits[0];
        if (h && e.kind === 'receives' && e.before) {
          const b = e.before;
          const second = all.find((r) => topicMatches(b.topic, r.packet.topic) && (b.payload === undefined || payloadText(r.packet) === b.payload));
          const bWhat = `${b.topic}${b.payload !== undefined ? ` "${b.payload}"` : ''}`;
          if (!second) return fail(e, `${e.client} received ${describe(h.packet)} at ${formatTime(h.entry.atMs)} but never ${bWhat}`, `${e.client} hat ${describeDe(h.packet)} um ${formatTime(h.entry.atMs, 'de')} empfangen, aber nie ${bWhat}`, [h.entry]);
          if (second.entry.seq < h.entry.seq) return fail(e, `${e.client} received ${describe(second.packet)} at ${formatTime(second.entry.atMs)}, before ${describe(h.packet)} at ${formatTime(h.entry.atMs)}`, `${e.client} hat ${describeDe(second.packet)} um ${formatTime(second.entry.atMs, 'de')} empfangen, vor ${describeDe(h.packet)} um ${formatTime(h.entry.atMs, 'de')}`, [second.entry, h.entry]);
          return ok(e, [h.entry, second.entry], `${e.client} received ${describe(h.packet)} at ${formatTime(h.entry.atMs)}, before ${describe(second.packet)} at ${formatTime(second.entry.atMs)}`, `${e.client} hat ${describeDe(h.packet)} um ${formatTime(h.entry.atMs, 'de')} empfangen, vor ${describeDe(second.packet)} um ${formatTime(second.entry.atMs, 'de')}`);
        }
        const en = h ? `${who} received ${describe(h.packet)}${from} at ${formatTime(h.entry.atMs)}${hits.length > 1 ? ` (${hits.length} times)` : ''}` : `${who} received no such message${from}${e.atMost !== undefined ? ` (at most ${e.atMost} allowed)` : ''}, as expected`;
        const de = h ? `${whoDe} hat ${describeDe(h.packet)}${fromDe} um ${formatTime(h.entry.atMs, 'de')} empfangen${hits.length > 1 ? ` (${hits.length}-mal)` : ''}` : `${whoDe} hat keine solche Nachricht${fromDe} empfangen${e.atMost !== undefined ? ` (höchstens ${e.atMost} erlaubt)` : ''}, wie erwartet`;
        return ok(e, hits.map((r) => r.entry), en, de);
      }
      if (hits.length > 0) {
        // The wrong count, and when each of them came (the first five), so the learner can find them.
        const at = (lang: 'en' | 'de') => `${hits.slice(0, 5).map((r) => formatTime(r.entry.atMs, lang)).join(', ')}${hits.length > 5 ? ', …' : ''}`;
        return fail(e, `${who} received ${hits.length} matching message(s)${from}, expected ${want}${by} (at ${at('en')})`, `${whoDe} hat ${hits.length} passende Nachricht(en)${fromDe} empfangen, erwartet: ${wantDe}${byDe} (um ${at('de')})`, hits.map((r) => r.entry));
      }
      const samePayload = onTopic.filter((r) => e.payload === undefined || payloadText(r.packet) === e.payload);
      const last = samePayload[samePayload.length - 1] ?? onTopic[onTopic.length - 1];
      if (last) {
        return fail(
          e,
          `${who} received no matching message on ${e.topic}${from}${by}; the closest was ${describe(last.packet)} at ${formatTime(last.entry.atMs)}`,
          `${whoDe} hat${byDe} keine passende Nachricht auf ${e.topic}${fromDe} empfangen; am nächsten kam ${describeDe(last.packet)} um ${formatTime(last.entry.atMs, 'de')}`,
          [last.entry],
        );
      }
      const other = all[all.length - 1];
      const mine = e.kind === 'receives';
      const why = explain ? whyNothing(trace, e.client, e.topic, mine) : undefined;
      const tail = (other ? `; ${mine ? 'its last message' : `the last message${from}`} was ${describe(other.packet)} at ${formatTime(other.entry.atMs)}` : mine ? '; it received no messages at all' : `; no message${from} arrived at all`) + (why ? `: ${why.en}` : '');
      const tailDe = (other ? `; ${mine ? 'seine letzte Nachricht' : `die letzte Nachricht${fromDe}`} war ${describeDe(other.packet)} um ${formatTime(other.entry.atMs, 'de')}` : mine ? '; er hat überhaupt keine Nachrichten empfangen' : `; überhaupt keine Nachricht${fromDe} kam an`) + (why ? `: ${why.de}` : '');
      return fail(e, `${who} received nothing on ${e.topic}${from}${by}${tail}`, `${whoDe} hat${byDe} nichts auf ${e.topic}${fromDe} empfangen${tailDe}`, other ? [other.entry] : []);
    }
    case 'never-receives': {
      const hits = received(trace, e.client).filter((r) => topicMatches(e.topic, r.packet.topic) && (e.payload === undefined || payloadText(r.packet) === e.payload));
      const h = hits[0];
      if (!h) {
        const what = e.payload === undefined ? `a message on ${e.topic}` : `"${e.payload}" on ${e.topic}`;
        const whatDe = e.payload === undefined ? `eine Nachricht auf ${e.topic}` : `„${e.payload}“ auf ${e.topic}`;
        return ok(e, [], `${e.client} never received ${what}`, `${e.client} hat nie ${whatDe} empfangen`);
      }
      return fail(e, `${e.client} received ${describe(h.packet)} at ${formatTime(h.entry.atMs)}`, `${e.client} hat ${describeDe(h.packet)} um ${formatTime(h.entry.atMs, 'de')} empfangen`, hits.map((r) => r.entry));
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
      const want = e.codes ? e.codes.map(hex).join('/') : hex(e.code);
      const hit = got.find((t) => (e.codes ? codesOf(t).map(hex).join('/') === want : codesOf(t).includes(e.code)));
      if (hit) return ok(e, [hit], `${e.client} got ${type} ${want} at ${formatTime(hit.atMs)}`, `${e.client} hat ${type} ${want} um ${formatTime(hit.atMs, 'de')} erhalten`);
      if (got.length === 0) return fail(e, `${e.client} never got a ${type}`, `${e.client} hat nie ein ${type} erhalten`);
      const seen = got.map((t) => `${codesOf(t).map(hex).join('/')} at ${formatTime(t.atMs)}`).join(', ');
      const seenDe = got.map((t) => `${codesOf(t).map(hex).join('/')} um ${formatTime(t.atMs, 'de')}`).join(', ');
      return fail(e, `${e.client} got ${type} ${seen}, not ${want}`, `${e.client} hat ${type} ${seenDe} erhalten, nicht ${want}`, got);
    }
    case 'will-registered':
    case 'disconnects-cleanly':
    case 'session-present':
    case 'connack-property':
    case 'disconnect-code':
    case 'disconnect-property':
    case 'broker-disconnects':
    case 'closed-without-connack':
      return checkConnection(e, trace);
    case 'sent-will':
    case 'no-will': {
      const id = e.clientId ?? e.client;
      const wills = trace.filter((t) => t.kind === 'note' && t.from === BROKER && t.explain?.key.startsWith('will.published') && t.explain.params?.clientId === id);
      const inTime = wills.filter((t) => e.kind === 'no-will' || ((e.afterMs === undefined || t.atMs >= e.afterMs) && (e.byMs === undefined || t.atMs <= e.byMs)));
      const w = inTime[0];
      if (e.kind === 'no-will') {
        if (!w) return ok(e, [], `the broker did not publish ${e.client}'s will`, `der Broker hat das Testament von ${e.client} nicht veröffentlicht`);
        return fail(e, `the broker published ${e.client}'s will at ${formatTime(w.atMs)} [${w.explain!.ref}]`, `der Broker hat das Testament von ${e.client} um ${formatTime(w.atMs, 'de')} veröffentlicht [${w.explain!.ref}]`, [w]);
      }
      if (w) return ok(e, [w], `the broker published ${e.client}'s will at ${formatTime(w.atMs)} [${w.explain!.ref}]`, `der Broker hat das Testament von ${e.client} um ${formatTime(w.atMs, 'de')} veröffentlicht [${w.explain!.ref}]`);
      const early = e.afterMs === undefined ? undefined : wills.find((t) => t.atMs < e.afterMs!);
      if (early) return fail(e, `the broker published ${e.client}'s will already at ${formatTime(early.atMs)}, before ${formatTime(e.afterMs!)}`, `der Broker hat das Testament von ${e.client} schon um ${formatTime(early.atMs, 'de')} veröffentlicht, vor ${formatTime(e.afterMs!, 'de')}`, [early]);
      const late = wills[0];
      if (late) return fail(e, `the broker published ${e.client}'s will only at ${formatTime(late.atMs)}, after ${formatTime(e.byMs!)}`, `der Broker hat das Testament von ${e.client} erst um ${formatTime(late.atMs, 'de')} veröffentlicht, nach ${formatTime(e.byMs!, 'de')}`, [late]);
      const discarded = trace.find((t) => t.kind === 'note' && t.from === BROKER && t.explain?.key.startsWith('will.') && t.explain.params?.clientId === id);
      if (discarded) return fail(e, `the broker did not publish ${e.client}'s will (${discarded.explain!.key} at ${formatTime(discarded.atMs)})`, `der Broker hat das Testament von ${e.client} nicht veröffentlicht (${discarded.explain!.key} um ${formatTime(discarded.atMs, 'de')})`, [discarded]);
      return fail(e, `the broker did not publish ${e.client}'s will (client id ${id})`, `der Broker hat das Testament von ${e.client} nicht veröffentlicht (Client-ID ${id})`);
    }
    case 'session': {
      const id = e.clientId ?? e.client;
      const exists = brokerContext(world).sessions?.has(id) ?? false;
      const en = `the broker ${exists ? 'holds' : 'holds no'} session for ${id} at the end`;
      const de = `der Broker hat am Ende ${exists ? 'eine' : 'keine'} Sitzung für ${id}`;
      return exists === e.exists ? ok(e, [], en, de) : fail(e, en, de);
    }
    case 'topics-clean':
      return checkTopicsClean(e, trace);
    case 'retained':
    case 'no-retained': {
      const m = brokerContext(world).retained?.get(e.topic);
      const text = m ? utf8.decode(m.payload) : undefined;
      if (e.kind === 'no-retained') {
        return m === undefined
          ? ok(e, [], `no retained message on ${e.topic}`, `keine gehaltene Nachricht auf ${e.topic}`)
          : fail(e, `${e.topic} has the retained message "${text}"`, `${e.topic} hat die gehaltene Nachricht "${text}"`);
      }
      if (m === undefined) return fail(e, `no retained message on ${e.topic} at the end`, `am Ende keine gehaltene Nachricht auf ${e.topic}`);
      if (e.payload !== undefined && text !== e.payload) return fail(e, `the retained message on ${e.topic} is "${text}", not "${e.payload}"`, `die gehaltene Nachricht auf ${e.topic} ist "${text}", nicht "${e.payload}"`);
      if (e.client !== undefined) return checkRetainedFromWill(e, e.client, e.topic, text ?? '', trace);
      return ok(e, [], `${e.topic} has the retained message "${text}"`, `${e.topic} hat die gehaltene Nachricht "${text}"`);
    }
  }
}

const RETAIN_CHANGES: ReadonlySet<string> = new Set(['retain.stored', 'retain.replaced', 'retain.cleared']);

/**
 * `expect retained TOPIC [PAYLOAD] from-will CLIENT`: the retained message at the end was put
 * there by CLIENT's will. The broker notes each change of a retained message (MQTT-3.3.1-5) in
 * the step that made it, right after its cause: the will's note (`will.published...`), or the
 * PUBLISH that arrived from a client. So the last change on TOPIC and the nearest cause before it
 * tell who set the message, whatever the payload says.
 */
function checkRetainedFromWill(e: CompiledExpectation, client: string, topic: string, text: string, trace: readonly TraceEntry[]): ExpectationResult {
  const id = e.clientId ?? client;
  let change = trace.length - 1;
  while (change >= 0 && !(trace[change]!.kind === 'note' && trace[change]!.from === BROKER && RETAIN_CHANGES.has(trace[change]!.explain?.key ?? '') && trace[change]!.explain?.params?.topic === topic)) change--;
  let cause: TraceEntry | undefined;
  for (let i = change - 1; i >= 0 && cause === undefined; i--) {
    const t = trace[i]!;
    if ((t.kind === 'note' && t.from === BROKER && t.explain?.key.startsWith('will.published')) || (t.kind === 'deliver' && t.to === BROKER)) cause = t;
  }
  if (cause?.kind === 'note' && cause.explain?.params?.clientId === id) {
    return ok(e, [cause, trace[change]!], `the retained message "${text}" on ${topic} was put there by ${client}'s will at ${formatTime(cause.atMs)}`, `die gehaltene Nachricht "${text}" auf ${topic} hat das Testament von ${client} um ${formatTime(cause.atMs, 'de')} dort abgelegt`);
  }
  if (cause?.kind === 'note') {
    const other = String(cause.explain?.params?.clientId);
    return fail(e, `the retained message "${text}" on ${topic} was put there by the will of ${other} at ${formatTime(cause.atMs)}, not by ${client}'s`, `die gehaltene Nachricht "${text}" auf ${topic} hat das Testament von ${other} um ${formatTime(cause.atMs, 'de')} dort abgelegt, nicht das von ${client}`, [cause]);
  }
  if (cause) {
    const how = howItArrived(cause, trace);
    return fail(e, `the retained message "${text}" on ${topic} came from ${how.en}, not from ${client}'s will`, `die gehaltene Nachricht "${text}" auf ${topic} kam aus ${how.de}, nicht aus dem Testament von ${client}`, how.evidence);
  }
  return fail(e, `the run does not show who put the retained message on ${topic} there: not ${client}'s will`, `der Ablauf zeigt nicht, wer die gehaltene Nachricht auf ${topic} abgelegt hat: nicht das Testament von ${client}`);
}

/**
 * What a client sent that made the broker change a retained message, for a goal's message: a
 * PUBLISH, or (QoS 2, where the broker forwards and stores on PUBREL, like Mosquitto) the PUBREL
 * that released an earlier PUBLISH with the same packet identifier (MQTT-4.3.3-2).
 */
function howItArrived(cause: TraceEntry, trace: readonly TraceEntry[]): { en: string; de: string; evidence: TraceEntry[] } {
  const at = formatTime(cause.atMs);
  const atDe = formatTime(cause.atMs, 'de');
  const p = cause.packet;
  if (p?.type === 'pubrel') {
    const upTo = trace.indexOf(cause);
    let publish: TraceEntry | undefined;
    for (let i = upTo - 1; i >= 0 && publish === undefined; i--) {
      const t = trace[i]!;
      if (t.kind === 'deliver' && t.to === BROKER && t.from === cause.from && t.packet?.type === 'publish' && t.packet.qos === 2 && t.packet.packetId === p.packetId) publish = t;
    }
    if (publish) {
      return {
        en: `a QoS 2 PUBLISH of ${cause.from} at ${formatTime(publish.atMs)}, released by its PUBREL at ${at}`,
        de: `einem PUBLISH mit QoS 2 von ${cause.from} um ${formatTime(publish.atMs, 'de')}, freigegeben durch sein PUBREL um ${atDe}`,
        evidence: [publish, cause],
      };
    }
    return { en: `the QoS 2 message that ${cause.from}'s PUBREL ${p.packetId} released at ${at}`, de: `der QoS-2-Nachricht, die das PUBREL ${p.packetId} von ${cause.from} um ${atDe} freigab`, evidence: [cause] };
  }
  const name = p ? p.type.toUpperCase() : 'packet';
  return { en: `a ${name} of ${cause.from} at ${at}`, de: `einem ${name} von ${cause.from} um ${atDe}`, evidence: [cause] };
}

/**
 * `expect topics clean`: every topic a client published (as it arrived at the broker) and every
 * filter it subscribed passes the topic design linter (src/core/mqtt/lint.ts) without a finding,
 * and no two of them differ only in case. The first offence is the evidence.
 */
function checkTopicsClean(e: CompiledExpectation, trace: readonly TraceEntry[]): ExpectationResult {
  const used: { topic: string; kind: 'name' | 'filter'; entry: TraceEntry }[] = [];
  for (const t of trace) {
    if (t.kind !== 'deliver' || t.to !== BROKER || !t.packet) continue;
    const p = t.packet;
    if (p.type === 'publish' && p.topic !== '') used.push({ topic: p.topic, kind: 'name', entry: t });
    if (p.type === 'subscribe') for (const s of p.subscriptions) used.push({ topic: s.topicFilter, kind: 'filter', entry: t });
  }
  if (used.length === 0) return fail(e, 'no client published or subscribed a topic', 'kein Client hat ein Topic veröffentlicht oder abonniert');
  for (const u of used) {
    const finding = lintTopic(u.topic, { kind: u.kind })[0];
    if (finding) {
      const at = `${u.entry.from}, ${formatTime(u.entry.atMs)}`;
      const atDe = `${u.entry.from}, ${formatTime(u.entry.atMs, 'de')}`;
      return fail(e, `"${u.topic}" (${at}) breaks a design rule: ${finding.en}`, `"${u.topic}" (${atDe}) verletzt eine Entwurfsregel: ${finding.de}`, [u.entry]);
    }
  }
  const conflict = lintTopicSet(used.map((u) => u.topic))[0];
  if (conflict) {
    const first = used.find((u) => conflict.topics.includes(u.topic))!;
    return fail(e, conflict.en, conflict.de, [first.entry]);
  }
  const distinct = new Set(used.map((u) => u.topic)).size;
  return ok(e, [], `all ${distinct} topics and filters follow the design rules`, `alle ${distinct} Topics und Filter folgen den Entwurfsregeln`);
}

/** Check every expectation on the trace of a run and its final world. */
/**
 * Check every expectation. `stopped`: the run ended at its step limit at `atMs`, before its end
 * `endMs`; each failure then says so, since what was due later never happened (and "nobody
 * published there" would be no reason).
 */
export function checkExpectations(expectations: readonly CompiledExpectation[], trace: readonly TraceEntry[], world: World, stopped?: { atMs: number; endMs: number }): ExpectationResult[] {
  return expectations.map((e) => {
    const r = checkExpectation(e, trace, world, stopped === undefined);
    if (r.pass || stopped === undefined) return r;
    return {
      ...r,
      message: `${r.message} — but the run stopped at its step limit at ${formatTime(stopped.atMs)}, before its end at ${formatTime(stopped.endMs)}: what was due later never happened`,
      messageDe: `${r.messageDe} — aber der Lauf hielt bei ${formatTime(stopped.atMs, 'de')} an seiner Schrittgrenze an, vor seinem Ende bei ${formatTime(stopped.endMs, 'de')}: was später fällig war, geschah nie`,
    };
  });
}
