/**
 * Checking expectations against what happened: the trace (messages handed to applications,
 * packets delivered, the broker's explained decisions) and the final world (sessions and
 * retained messages in the broker's state). Never against the commands typed, so any route to
 * the goal passes (learnGitBranching's rule).
 *
 * Each result says pass or fail in English and German, with the trace entries that prove it
 * (`evidence`) or, on failure, what came closest ("dash received nothing on plant/s17/status;
 * the closest was ... at 3.200s").
 *
 * This file judges what arrived (`receives`, `broker-receives`, `never-receives`, `ack`), wills,
 * sessions and retained messages, and hands the rest on: connections to expect-connection.ts,
 * `retained ... from-will` to expect-retained.ts, `topics clean` to expect-topics.ts. What matches
 * is in expect-match.ts, the result and its words in expect-result.ts.
 */
import { matches } from '../core/mqtt/match.ts';
import { parseSharedSubscription } from '../core/mqtt/shared.ts';
import { BROKER, type World } from '../sim/world.ts';
import { formatTime, type TraceEntry } from '../sim/trace.ts';
import type { CompiledExpectation } from './compile.ts';
import type { MessageMatch } from './ast.ts';
import { checkConnection } from './expect-connection.ts';
import { arrivedAtBroker, brokerContext, hasProperty, messageMatches, payloadText, received, topicMatches, utf8 } from './expect-match.ts';
import { MESSAGE_PROPERTIES } from './expect-properties.ts';
import type { PublishPacket } from '../core/codec/types.ts';
import { describe, describeDe, fail, hex, ok, type ExpectationResult } from './expect-result.ts';
import { checkRetainedFromWill } from './expect-retained.ts';
import { checkTopicsClean } from './expect-topics.ts';

/**
 * Why nothing on `topic` reached `client` at all, when the trace shows a reason a learner can
 * act on: the client never had a connection accepted; (for a topic, not a filter) no granted
 * subscription of the client matches it; nobody published on it. Undefined when none of these
 * holds (an ACL, a lost packet, a window that closed too early: the trace tells).
 */
function whyNothing(trace: readonly TraceEntry[], client: string, topic: string, toApplication: boolean): { en: string; de: string } | undefined {
  let accepted = false;
  let published = false;
  /** A matching PUBLISH left a client for the broker (whether it arrived or not). */
  let sent = false;
  const asked = new Map<number, string[]>();
  const granted: string[] = [];
  for (const x of trace) {
    const p = x.packet;
    if (x.kind === 'send' && x.to === BROKER && p?.type === 'publish' && p.topic !== '' && topicMatches(topic, p.topic) && (toApplication || x.from === client)) sent = true;
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
  if (!published && sent) return { en: `a PUBLISH on ${topic} was sent but never reached the broker`, de: `ein PUBLISH auf ${topic} wurde gesendet, kam aber nie beim Broker an` };
  // Only the broker publishes its $SYS topics (every sys-interval), so "no client" would mislead.
  if (!published && toApplication && topic.startsWith('$SYS/')) {
    return { en: `the broker published nothing on ${topic} in this run (it publishes its $SYS topics every sys-interval)`, de: `der Broker hat in diesem Lauf nichts auf ${topic} veröffentlicht (seine $SYS-Topics veröffentlicht er alle sys-interval)` };
  }
  if (!published) return toApplication ? { en: `no client published on ${topic}`, de: `kein Client hat auf ${topic} veröffentlicht` } : undefined;
  return undefined;
}

/**
 * What the closest message on the goal's topic lacked, in the goal's words (`"22.0", QoS 1,
 * retained`), so the learner sees what was waited for; empty when only the time window kept it
 * out (the message says the window).
 */
function wantedOf(e: MessageMatch, closest: PublishPacket): { en: string; de: string } {
  const en: string[] = [];
  const de: string[] = [];
  if (e.payload !== undefined && payloadText(closest) !== e.payload) {
    en.push(`"${e.payload}"`);
    de.push(`"${e.payload}"`);
  }
  if (e.qos !== undefined && closest.qos !== e.qos) {
    en.push(`QoS ${e.qos}`);
    de.push(`QoS ${e.qos}`);
  }
  if (e.retained !== undefined && closest.retain !== e.retained) {
    en.push(e.retained ? 'retained' : 'not retained');
    de.push(e.retained ? 'gehalten' : 'nicht gehalten');
  }
  if (e.dup !== undefined && closest.dup !== e.dup) {
    en.push(e.dup ? 'DUP set' : 'DUP not set');
    de.push(e.dup ? 'DUP gesetzt' : 'DUP nicht gesetzt');
  }
  if (!(e.properties ?? []).every((p) => hasProperty(closest.properties, p, MESSAGE_PROPERTIES))) {
    en.push('the goal’s properties');
    de.push('die Properties des Ziels');
  }
  return { en: en.join(', '), de: de.join(', ') };
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
        const one = hits.length === 1;
        return fail(e, `${who} received ${hits.length} matching ${one ? 'message' : 'messages'}${from}, expected ${want}${by} (at ${at('en')})`, `${whoDe} hat ${hits.length} passende ${one ? 'Nachricht' : 'Nachrichten'}${fromDe} empfangen, erwartet: ${wantDe}${byDe} (um ${at('de')})`, hits.map((r) => r.entry));
      }
      const samePayload = onTopic.filter((r) => e.payload === undefined || payloadText(r.packet) === e.payload);
      const last = samePayload[samePayload.length - 1] ?? onTopic[onTopic.length - 1];
      if (last) {
        const { en: wanted, de: wantedDe } = wantedOf(e, last.packet);
        return fail(
          e,
          `${who} received no matching message on ${e.topic}${from}${by}${wanted ? ` (expected ${wanted})` : ''}; the closest was ${describe(last.packet)} at ${formatTime(last.entry.atMs)}`,
          `${whoDe} hat${byDe} keine passende Nachricht auf ${e.topic}${fromDe} empfangen${wantedDe ? ` (erwartet: ${wantedDe})` : ''}; am nächsten kam ${describeDe(last.packet)} um ${formatTime(last.entry.atMs, 'de')}`,
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
