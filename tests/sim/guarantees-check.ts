/**
 * Checks MQTT's delivery guarantees against the trace alone, on a run of guarantees-run.ts (a
 * generated `Scenario` in the simulated world with the real broker and clients, healed).
 *
 * Theory of operation
 * -------------------
 * The checker replays the trace through a model of what the broker was obliged to deliver:
 * - A QoS 0/1 message is *accepted* each time its PUBLISH reaches the broker (a network
 *   duplicate or a DUP re-send is routed again); a QoS 2 message is accepted once, when the
 *   PUBREL for the stored packet identifier reaches the broker (the broker stores the message at
 *   PUBLISH and forwards it at PUBREL, the spec's figure 4.3 method A; a PUBLISH whose packet id
 *   the broker still holds is a duplicate, even when a crashed publisher reused the id).
 * - At acceptance the broker owes each subscriber whose subscriptions match one *copy* with QoS
 *   min(published, highest granted) (MQTT-3.8.4-6 / 5.0 MQTT-3.8.4-8: the downgrade; 3.3.5 /
 *   MQTT-3.3.5-1 for overlapping subscriptions) and may send one *optional* copy more per further
 *   matching subscription, with that subscription's QoS (Mosquitto does for 5.0 clients).
 *   Subscriptions are those whose SUBSCRIBE reached the broker in the subscriber's session.
 * - A copy is *void* (owed no more) when its session is discarded after acceptance: a clean
 *   start by the subscriber, a broker restart without persistence; or when the subscriber crashed
 *   while it held the QoS 2 message awaiting PUBREL (method A keeps it in the client's memory,
 *   which a crash loses); or when the broker explained a drop (`deliver.queue-full`, ...).
 */
import type { PublishPacket, QoS } from '../../src/core/codec/types.ts';
import { closeReasonText } from '../../src/core/client/index.ts';
import { matches } from '../../src/core/mqtt/match.ts';
import { formatEntry, type TraceEntry } from '../../src/sim/trace.ts';
import { BROKER } from '../../src/sim/world.ts';
import type { ClientSpec, Scenario } from './generators.ts';
import { clientState, isConnected, runScenario, type Published, type RunOutcome } from './guarantees-run.ts';

const untext = new TextDecoder();

export { DEFAULT_MAX_STEPS, PERSISTENT_EXPIRY_SEC, runScenario, type Published, type RunOutcome } from './guarantees-run.ts';

// ── The checker ───────────────────────────────────────────────────────────────────────────

interface Copy {
  subscriber: string;
  payload: string;
  /** QoS the copy travels with: min(published, granted). */
  qos: QoS;
  /** Trace seq of the acceptance. */
  seq: number;
  step: number;
  /** The subscriber's session outlives its connections (3.1.1 clean=0, 5.0 expiry > 0). */
  persistent: boolean;
  /** A further copy for an overlapping subscription, which the server may send or not. */
  optional: boolean;
  /** Why the copy is no longer owed, or null. */
  voided: string | null;
}

interface Delivery {
  subscriber: string;
  payload: string;
  qos: QoS;
  seq: number;
  /** The `send` seq of the packet that made the client deliver (a network duplicate shares it). */
  sendSeq: number;
}

export interface Stats {
  /** The transport behaved like TCP while connections lasted (see `ordering`). */
  faithful: boolean;
  accepted: number;
  copies: number;
  /** Copies that had to arrive at least once (QoS 1/2, persistent subscriber, not void). */
  obligations: number;
  voided: number;
  deliveries: number;
  /** Publisher-topic-QoS streams whose order was checked. */
  streams: number;
  /** Copies with QoS 1/2 to persistent sessions that became void, by reason. */
  voidedBy: Record<string, number>;
}

export interface Verdict {
  violations: string[];
  stats: Stats;
}

/** A QoS 1/2 message the publishing client took responsibility for (not refused at once). */
interface PublisherObligation {
  publisher: string;
  payload: string;
  seq: number;
  step: number;
  voided: string | null;
}

/** The client took a QoS 1/2 APP.PUBLISH: sent it, or keeps it to send later. */
const PUBLISH_TAKEN = new Set(['client.publish.qos1', 'client.publish.qos2', 'client.quota.publish-waits', 'client.publish.waits-for-connack', 'client.publish.queued-offline', 'client.packet-id.exhausted']);
/** The client discarded its unfinished outgoing messages (a session ended, was lost or restarted clean). */
const SESSION_DISCARDED = new Set(['client.session.lost', 'client.session.ended', 'client.session.clean-discards', 'client.pending.dropped']);

/** The client says it keeps no session state offline (a clean session). */
const SESSION_REFUSED = new Set(['client.publish.dropped-offline-clean']);

/** Drops that lose a packet while its connection may live on (TCP would retransmit it). */
const LOSS_KEYS = new Set(['sim.drop.rule', 'sim.drop.broken', 'sim.drop.tcp-gave-up', 'sim.drop.sender-closed', 'sim.drop.cable-cut']);
/** Drops the broker explains (limits); the copy is no longer owed. */
const EXPLAINED_DROPS = new Set(['deliver.queue-full', 'deliver.too-large', 'deliver.expired']);

function payloadOf(p: PublishPacket): string {
  return untext.decode(p.payload);
}

function minQos(a: QoS, b: QoS): QoS {
  return (a < b ? a : b) as QoS;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

/**
 * Checks the guarantees on a finished run. The properties, exactly:
 * 1. no run throws, stops at its step limit, or has a `sim.actor-error` note;
 * 2. after healing every client is connected;
 * 3. no spurious delivery: every delivery of `p<n>` to S has a copy (owed or optional) for S with
 *    the same QoS, accepted before it;
 * 4. QoS 0 at most once: S's application gets `p<n>` with QoS 0 from at most as many distinct
 *    broker PUBLISHes as there were copies with QoS 0 (owed or optional) (one per acceptance; a network-duplicated
 *    packet is the network's doing, not the protocol's);
 * 5. QoS 2 at most once: S's application gets `p<n>` with QoS 2 at most as often as there were
 *    copies with QoS 2 (once per subscription: a QoS 2 message is accepted once), network
 *    duplicates included;
 * 6. at least once: for a persistent-session S, every owed (not optional) copy with QoS 1 or 2 that is not void
 *    is delivered after its acceptance (with 5: QoS 2 exactly once); distinct broker PUBLISHes
 *    (or PUBRELs) count;
 * 8. publisher side: a QoS 1/2 message a client took (sent it, or said it keeps it to send) is
 *    accepted by the broker, unless before that the publisher crashed, discarded its session
 *    state (its notes `client.session.lost/ended/clean-discards`, `client.pending.dropped`), the
 *    broker lost the session holding it (QoS 2 stored awaiting PUBREL; restart without
 *    persistence), or
 *    reused, after a crash, a packet id the broker still held (then the broker must take it for a
 *    re-send of the old message);
 * 10. a client whose last CONNECT asked for a session that outlives the connection (3.1.1
 *    clean=0, 5.0 Session Expiry Interval > 0, whatever its Clean Start) keeps QoS 1/2 messages
 *    it is asked to publish while offline (they are part of the session state, section 4.1);
 * 9. Session Present: a CONNACK to a clean=0 CONNECT says 1 exactly when the client's persistent
 *    session exists at the broker (no clean start since, no restart without persistence);
 * 7. order (MQTT 4.6), only in runs whose transport was faithful to TCP (no packet lost by a
 *    rule, a loss ratio or a cut cable on a connection that later carried another packet):
 *    for S and one stream (publisher, topic, published QoS, delivered QoS), taking each message's
 *    last delivery, the messages are in the order the publisher published them. Earlier copies
 *    of a QoS 1 message may come again later (the spec's non-normative example 1,2,3,2,3,4).
 */
export function checkGuarantees(o: RunOutcome): Verdict {
  const violations: string[] = [];
  const subs = new Map<string, Map<string, QoS>>();
  const persistentSession = new Map<string, boolean>();
  const inbound2 = new Map<string, Map<number, string>>();
  const held = new Map<string, Map<number, string>>();
  const brokerConnsSeen = new Set<string>();
  const lossyConns = new Set<string>();
  const lastDeliverTo = new Map<string, TraceEntry>();
  const copies: Copy[] = [];
  const deliveries: Delivery[] = [];
  let faithful = true;
  let accepted = 0;
  /** Publisher side: each client's publishes in order, and the QoS 1/2 ones it took. */
  const toPublish = new Map<string, Published[]>();
  for (const info of [...o.published.values()].sort((a, b) => a.index - b.index)) getOrSet(toPublish, info.publisher, () => []).push(info);
  const taken: PublisherObligation[] = [];
  const acceptedPayloads = new Set<string>();
  /** Session-present bookkeeping: a persistent session exists at the broker for the client. */
  const sessionExists = new Map<string, boolean>();
  const expectPresent = new Map<string, boolean>();
  const connackSeen = new Set<string>();
  /** Whether the client's last CONNECT asked for a session that outlives the connection. */
  const outlives = new Map<string, boolean>();
  const voidTaken = (publisher: string, why: string) => {
    for (const t of taken) if (t.publisher === publisher && t.voided === null && !acceptedPayloads.has(t.payload)) t.voided = why;
  };
  /** The broker lost the QoS 2 messages it stored for `client` awaiting PUBREL (its session ended). */
  const dropInbound = (client: string, why: string) => {
    const stored = inbound2.get(client);
    for (const payload of stored?.values() ?? []) for (const t of taken) if (t.payload === payload && t.voided === null) t.voided = why;
    inbound2.delete(client);
  };

  const voidCopies = (pred: (c: Copy) => boolean, why: string) => {
    for (const c of copies) if (c.voided === null && pred(c)) c.voided = why;
  };
  const accept = (payload: string, qos: QoS, e: TraceEntry) => {
    const info = o.published.get(payload);
    if (!info) return;
    accepted++;
    acceptedPayloads.add(payload);
    for (const [subscriber, filters] of subs) {
      const granted = [...filters].filter(([filter]) => matches(filter, info.topic)).map(([, g]) => g);
      if (granted.length === 0) continue;
      // Overlapping subscriptions (MQTT-3.3.5-1, 5.0 MQTT-3.3.4-2): one copy with the highest
      // granted QoS is owed; the server MAY send one more per further matching subscription.
      const highest = granted.indexOf(Math.max(...granted) as QoS);
      granted.forEach((g, i) => {
        copies.push({ subscriber, payload, qos: minQos(qos, g), seq: e.seq, step: e.step, persistent: persistentSession.get(subscriber) ?? false, optional: i !== highest, voided: null });
      });
    }
  };

  if (o.error) violations.push(`the run threw: ${o.error}`);
  if (o.truncated) violations.push(`the run hit its step limit (${o.steps} steps) at ${o.world.nowMs} ms`);

  for (const e of o.entries) {
    switch (e.kind) {
      case 'drop':
        if (e.connId !== undefined && LOSS_KEYS.has(e.explain?.key ?? '')) lossyConns.add(e.connId);
        break;
      case 'send':
        if (e.packet?.type === 'connect' && e.from !== BROKER) {
          const p = e.packet;
          outlives.set(e.from, p.protocolVersion === 5 ? (p.properties?.sessionExpiryIntervalSec ?? 0) > 0 : !p.clean);
        }
        break;
      case 'deliver': {
        if (e.connId !== undefined && lossyConns.has(e.connId)) faithful = false;
        const packet = e.packet;
        if (!packet) break;
        if (e.to !== BROKER) {
          lastDeliverTo.set(e.to!, e);
          if (packet.type === 'connack' && packet.reasonCode === 0 && !connackSeen.has(e.connId!)) {
            connackSeen.add(e.connId!);
            const expected = expectPresent.get(e.connId!);
            if (expected !== undefined && expected !== packet.sessionPresent) {
              violations.push(`#${e.seq} ${e.to} got CONNACK with Session Present = ${packet.sessionPresent ? 1 : 0}, but its persistent session ${expected ? 'exists' : 'does not exist'} at the broker`);
            }
          }
          if (packet.type === 'publish' && packet.qos === 2) getOrSet(held, e.to!, () => new Map()).set(packet.packetId!, payloadOf(packet));
          break;
        }
        const client = e.from;
        const first = !brokerConnsSeen.has(e.connId!);
        brokerConnsSeen.add(e.connId!);
        switch (packet.type) {
          case 'connect': {
            if (!first) break; // a second CONNECT is a protocol error, not a new session
            if (packet.clean) {
              subs.delete(client);
              dropInbound(client, 'the publisher started a clean session');
              voidCopies((c) => c.subscriber === client, 'the subscriber started a clean session');
            }
            const persistent = packet.protocolVersion === 5 ? (packet.properties?.sessionExpiryIntervalSec ?? 0) > 0 : !packet.clean;
            if (!packet.clean) expectPresent.set(e.connId!, sessionExists.get(client) ?? false);
            persistentSession.set(client, persistent);
            sessionExists.set(client, persistent);
            break;
          }
          case 'subscribe':
            for (const s of packet.subscriptions) getOrSet(subs, client, () => new Map()).set(s.topicFilter, s.qos);
            break;
          case 'publish': {
            const payload = payloadOf(packet);
            if (packet.qos < 2) accept(payload, packet.qos, e);
            else {
              const stored = getOrSet(inbound2, client, () => new Map());
              const held = stored.get(packet.packetId!);
              if (held === undefined) stored.set(packet.packetId!, payload);
              else if (held !== payload) {
                // A publisher that lost its state (crash) reused a packet id the broker still holds
                // from its session: the broker must take it for a re-send (MQTT-4.3.3-9 / 3.1.1
                // MQTT-4.3.3-2), so the new message is never forwarded.
                for (const t of taken) if (t.payload === payload && t.voided === null) t.voided = `the broker still held packet id ${packet.packetId} of ${held}`;
              }
            }
            break;
          }
          case 'pubrel': {
            const stored = inbound2.get(client);
            const payload = stored?.get(packet.packetId);
            if (stored && payload !== undefined) {
              stored.delete(packet.packetId);
              accept(payload, 2, e);
            }
            break;
          }
          default:
            break;
        }
        break;
      }
      case 'app': {
        const packet = e.packet as PublishPacket;
        const subscriber = e.to!;
        const payload = payloadOf(packet);
        if (packet.qos === 2) held.get(subscriber)?.delete(packet.packetId!);
        if (!o.published.has(payload)) break;
        const cause = lastDeliverTo.get(subscriber);
        deliveries.push({ subscriber, payload, qos: packet.qos, seq: e.seq, sendSeq: cause && cause.step === e.step ? (cause.sendSeq ?? -e.seq) : -e.seq });
        break;
      }
      case 'command': {
        const command = e.command?.key;
        if (command === 'publish' && e.to) {
          const info = toPublish.get(e.to)?.shift();
          // Taken only once the client says so in this step (a crashed client ignores it).
          if (info && info.qos > 0) taken.push({ publisher: e.to, payload: info.payload, seq: e.seq, step: e.step, voided: 'not taken' });
        } else if (command === 'crash' && e.to) {
          voidTaken(e.to, 'the publisher crashed');
          for (const payload of held.get(e.to)?.values() ?? []) {
            voidCopies((c) => c.subscriber === e.to && c.payload === payload, 'the subscriber crashed holding it before PUBREL');
          }
          held.delete(e.to);
        } else if (command === 'broker-restart') {
          if (e.command?.params?.persistence === true) {
            for (const [client, persistent] of persistentSession) {
              if (persistent) continue;
              subs.delete(client);
              dropInbound(client, 'the broker restarted and the session was not persistent');
            }
          } else {
            subs.clear();
            // The publisher may never hear of it: when the CONNACK with Session Present = 0 is
            // lost, its next CONNECT finds the new (empty) session and the PUBREL is unknown.
            for (const client of [...inbound2.keys()]) dropInbound(client, 'the broker restarted without persistence while it held it');
            sessionExists.clear();
            voidCopies(() => true, 'the broker restarted without persistence');
          }
        }
        break;
      }
      case 'note': {
        const key = e.explain?.key ?? '';
        if (key === 'sim.actor-error') violations.push(`a machine threw (sim.actor-error) #${e.seq}: ${formatEntry(e)}`);
        if (SESSION_REFUSED.has(key) && outlives.get(e.from)) {
          violations.push(`#${e.seq} ${e.from} dropped what its session keeps (${key}), though its last CONNECT asked for a session that outlives the connection`);
        }
        if (PUBLISH_TAKEN.has(key)) {
          const last = taken.at(-1);
          if (last && last.publisher === e.from && last.step === e.step) last.voided = null;
        }
        // `client.pending.dropped` also drops unsent SUBSCRIBEs and QoS 0 messages: it voids QoS 1/2
        // messages only for a client without a session that outlives the connection.
        if (SESSION_DISCARDED.has(key) && !(key === 'client.pending.dropped' && outlives.get(e.from))) {
          voidTaken(e.from, `the publisher's session state was discarded (${key})`);
        }
        if (e.from === BROKER && EXPLAINED_DROPS.has(key)) {
          const subscriber = String(e.explain?.params?.clientId ?? '');
          voidCopies((c) => c.subscriber === subscriber && c.step === e.step, `the broker dropped it (${key})`);
        }
        break;
      }
      default:
        break;
    }
  }

  // 2. healed
  for (const c of o.scenario.clients) {
    const { value, context } = clientState(o.world, c.name);
    if (!isConnected(value)) violations.push(`${c.name} is ${JSON.stringify(value)} after healing (last close: ${context.lastCloseReason ? closeReasonText(context.lastCloseReason) : 'none'})`);
  }

  const key = (s: string, p: string) => `${s}\u0001${p}`;
  const copiesOf = new Map<string, Copy[]>();
  for (const c of copies) getOrSet(copiesOf, key(c.subscriber, c.payload), () => []).push(c);
  const deliveriesOf = new Map<string, Delivery[]>();
  for (const d of deliveries) getOrSet(deliveriesOf, key(d.subscriber, d.payload), () => []).push(d);
  const distinctSends = (ds: Delivery[]) => new Set(ds.map((d) => d.sendSeq)).size;

  // 3-5. no spurious delivery, QoS 0 and QoS 2 at most once
  for (const [k, ds] of deliveriesOf) {
    const cs = copiesOf.get(k) ?? [];
    const { subscriber, payload } = ds[0]!;
    for (const d of ds) {
      if (!cs.some((c) => c.qos === d.qos && c.seq < d.seq)) {
        violations.push(`${subscriber} got ${payload} with QoS ${d.qos} (#${d.seq}) but no copy with that QoS was owed to it (copies: ${describeCopies(cs)})`);
      }
    }
    const q0 = ds.filter((d) => d.qos === 0);
    const owed0 = cs.filter((c) => c.qos === 0).length;
    if (distinctSends(q0) > owed0) violations.push(`QoS 0 more than once: ${subscriber} got ${payload} ${distinctSends(q0)} times, ${owed0} copies (#${q0.map((d) => d.seq).join(', #')})`);
    const q2 = ds.filter((d) => d.qos === 2);
    const owed2 = cs.filter((c) => c.qos === 2).length;
    if (q2.length > owed2) violations.push(`QoS 2 more than once: ${subscriber} got ${payload} ${q2.length} times, ${owed2} copies (#${q2.map((d) => d.seq).join(', #')})`);
  }

  // 6. at least once to persistent sessions
  let obligations = 0;
  for (const [k, cs] of copiesOf) {
    for (const qos of [1, 2] as const) {
      const owed = cs.filter((c) => c.qos === qos && c.persistent && !c.optional && c.voided === null);
      if (owed.length === 0) continue;
      obligations += owed.length;
      const firstSeq = Math.min(...owed.map((c) => c.seq));
      const got = distinctSends((deliveriesOf.get(k) ?? []).filter((d) => d.qos === qos && d.seq > firstSeq));
      if (got < owed.length) {
        const { subscriber, payload } = owed[0]!;
        violations.push(`QoS ${qos} lost: ${subscriber} (persistent session) got ${payload} ${got} times, owed ${owed.length} (accepted at #${owed.map((c) => c.seq).join(', #')})`);
      }
    }
  }

  // 8. publisher side: what a publisher took is accepted by the broker
  for (const t of taken) {
    if (t.voided === null && !acceptedPayloads.has(t.payload)) {
      const info = o.published.get(t.payload)!;
      violations.push(`${t.publisher} took ${t.payload} (QoS ${info.qos} on ${info.topic}, #${t.seq}) but the broker never accepted it, though the publisher kept its session state`);
    }
  }

  // 7. order per stream, in faithful runs
  let streams = 0;
  if (faithful) {
    const bySubscriberStream = new Map<string, number[]>();
    for (const d of deliveries) {
      const info = o.published.get(d.payload)!;
      getOrSet(bySubscriberStream, `${d.subscriber} from ${info.publisher} on ${info.topic} published QoS ${info.qos} delivered QoS ${d.qos}`, () => []).push(info.index);
    }
    for (const [stream, indexes] of bySubscriberStream) {
      streams++;
      const last = new Map<number, number>();
      indexes.forEach((n, i) => last.set(n, i));
      const order = [...last.entries()].sort((a, b) => a[1] - b[1]).map(([n]) => n);
      if (order.some((n, i) => i > 0 && n < order[i - 1]!)) {
        violations.push(`order: ${stream}: deliveries ${indexes.map((n) => `p${n}`).join(' ')} (last copies ${order.map((n) => `p${n}`).join(' ')})`);
      }
    }
  }

  return {
    violations,
    stats: {
      faithful,
      accepted,
      copies: copies.length,
      obligations,
      voided: copies.filter((c) => c.voided !== null).length,
      deliveries: deliveries.length,
      streams,
      voidedBy: copies.reduce<Record<string, number>>((acc, c) => {
        if (c.voided !== null && c.persistent && c.qos > 0) acc[c.voided] = (acc[c.voided] ?? 0) + 1;
        return acc;
      }, {}),
    },
  };
}

function describeCopies(cs: Copy[]): string {
  if (cs.length === 0) return 'none';
  return cs.map((c) => `QoS ${c.qos} at #${c.seq}${c.voided ? ` void: ${c.voided}` : ''}`).join('; ');
}

/** The whole trace, one `formatEntry` line per entry, prefixed with its seq. */
export function formatTrace(entries: readonly TraceEntry[]): string {
  return entries.map((e) => `#${String(e.seq).padStart(5)} ${formatEntry(e)}`).join('\n');
}

/** A failing scenario as text: the scenario, its violations and its trace (for a replay). */
export function replayReport(scenario: Scenario): string {
  const outcome = runScenario(scenario);
  const verdict = checkGuarantees(outcome);
  return [
    `scenario: ${JSON.stringify(scenario)}`,
    `violations:\n  ${verdict.violations.join('\n  ') || '(none)'}`,
    `stats: ${JSON.stringify(verdict.stats)}`,
    'trace:',
    formatTrace(outcome.entries),
  ].join('\n');
}

export type { ClientSpec };
