/**
 * Random differential scripts: a seeded generator of short client scripts, a runner that plays
 * one against an `Env` (differential.ts), a printer and a shrinker.
 *
 * Theory of operation. A script is plain data (`Step[]`), made from a seed alone (mulberry32),
 * so `FIDELITY_SEED=N` replays it. 2–4 client IDs, most with one protocol version (3.1.1 or
 * 5.0) for the whole script, some switching between connections; each connection of a client ID is a transcript of its own (`c1`,
 * `c1.2`, ...). Steps: connect (clean or persistent, 5.0 session expiry, a will, 5.0 will
 * properties, a 5.0 Maximum Packet Size, automatic or manual acknowledgements), subscribe and
 * unsubscribe (`+`, `#`, `$` topics), publish QoS 0/1/2 with or without RETAIN (an empty retained
 * message clears the topic), 5.0 properties and Topic Aliases, `ack` (a manual client
 * acknowledges what it holds), disconnect (5.0: sometimes 0x04, with will, or Session Expiry
 * Interval 0, ending the session) or a dropped socket, reconnect and takeover. Every step is
 * followed by PINGREQ round trips on every open connection, so the brokers handle the steps in
 * the script's order and each client's transcript has one possible order.
 *
 * 5.0 shared subscriptions (`$share/g/...`, `$share/h/...`), Will Delay Interval (0–2 s, the
 * client ID reconnecting at once) and Message Expiry Interval (2–3 s, never passing) are made so
 * that no step waits for time. What is random by design stays out: no keep-alive expiry, no
 * interval that passes during a script, no empty client IDs (assigned names). What Mosquitto 2.0.11 is known to do against
 * the spec is not generated, or is normalised with its rule ID (see `KNOWN`), so that the
 * random test reports only new differences.
 *
 * Topics are written relative to the test's namespace: `~` is the namespace level, `$~` the
 * same level with a `$` in front (a topic wildcards at the start do not match, MQTT-4.7.2-1).
 * Filters starting with a wildcard (`#`, `+/a`) reach other seeds' topics too: seeds run one
 * after another and `cleanup` clears their retained messages and sessions.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Packet, Properties, QoS } from '../../src/core/codec/index.ts';
import { matches } from '../../src/core/mqtt/match.ts';
import type { ConnectOptions, Entry, Env, Transcript } from './differential.ts';
import { RawClient } from './raw-client.ts';

export type Version = 4 | 5;

export interface Will {
  topic: string;
  payload: string;
  qos: QoS;
  retain: boolean;
  /** 5.0 will properties (content type, payload format, a user property), forwarded with the will. */
  properties?: boolean;
  /** 5.0 Will Delay Interval in seconds (0–2). */
  delaySec?: number;
}

export type Step =
  | { op: 'connect'; conn: string; client: string; version: Version; clean: boolean; expirySec?: number; will?: Will; manualAck: boolean; maxPacketBytes?: number }
  | { op: 'subscribe'; conn: string; filters: Array<[string, QoS, SubOptions?]>; subscriptionId?: number }
  | { op: 'unsubscribe'; conn: string; filters: string[] }
  | { op: 'publish'; conn: string; topic: string; payload: string; qos: QoS; retain: boolean; holdPubrel?: boolean; properties?: boolean; alias?: boolean; expirySec?: number }
  | { op: 'burst'; conn: string; topic: string; count: number; qos: QoS; first: number }
  | { op: 'release'; conn: string }
  | { op: 'ack'; conn: string }
  | { op: 'disconnect'; conn: string; reasonCode?: number; endSession?: boolean }
  | { op: 'cut'; conn: string };

/** 5.0 subscription options. */
export interface SubOptions {
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

export interface Script {
  seed: number;
  steps: Step[];
}

/** Topics a script publishes to (and its wills), relative to the namespace. */
export const TOPICS = ['~/a', '~/a/b', '~/b', '~/b/b', '$~/a', '$~/a/b'] as const;
/** Filters a script subscribes to. */
export const FILTERS = ['~/#', '~/+', '~/a/#', '~/+/b', '~/a/b', '~/a', '~/b', '#', '+/a', '+/#', '+/+/b', '$~/#', '$~/+', '$~/a/b'] as const;
/** Filters a 5.0 client shares in a group (`$share/g/...`, `$share/h/...`): in the namespace only. */
export const SHARED = ['~/#', '~/+', '~/a/#', '~/+/b', '~/a/b', '~/a', '~/b'] as const;
/** A subscription's filter without its `$share/GROUP/` prefix. */
export const unshared = (f: string) => (f.startsWith('$share/') ? f.split('/').slice(2).join('/') : f);

/** mulberry32: a small seeded generator with good spread; `next()` in [0, 1). */
export function rng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

/** For matching in the generator: `~` as a fixed level. */
const model = (t: string) => unshared(t).replace('~', 'ns');

/**
 * MQTT-3.3.5-1 (recorded in publish.test.ts): Mosquitto 2.0.11 sends a 3.1.1 client with
 * overlapping subscriptions one copy at the QoS of the first match, not the highest. The
 * generator never lets a 3.1.1 client ID hold two overlapping filters with different QoS: a
 * new filter takes the QoS of the filters it overlaps (over all topics a script uses), or is
 * not subscribed when those disagree.
 */
function qosFor311(held: Map<string, QoS>, filter: string, wanted: QoS): QoS | undefined {
  const overlapping = new Set<QoS>();
  for (const [f, q] of held) {
    if (f === filter) continue;
    if (TOPICS.some((t) => matches(model(f), model(t)) && matches(model(filter), model(t)))) overlapping.add(q);
  }
  if (overlapping.size > 1) return undefined;
  return overlapping.size === 1 ? [...overlapping][0]! : wanted;
}

interface ClientModel {
  /** The version of the latest connection. */
  version: Version;
  /** Each connection picks its version. */
  mixed: boolean;
  open?: string;
  connections: number;
  /** Every filter this client ID ever held, with its QoS (an over-approximation of its session). */
  held: Map<string, QoS>;
  /** The 5.0 options each filter had the first time this client ID subscribed it. */
  options: Map<string, SubOptions>;
  /** The open connection acknowledges by hand. */
  manualAck: boolean;
  /** The open connection has a will and a session that outlives it. */
  persistentWill: boolean;
  /** QoS 2 publications whose PUBREL the client ID has held back. */
  unreleased: number;
  /** The open connection is 5.0 with a Session Expiry Interval above 0. */
  expiring: boolean;
  /** QoS 1/2 copies its session may hold unacknowledged or queued (an over-approximation; see `PENDING_LIMIT`). */
  pending: number;
  /** The open connection has a will with a Will Delay Interval and a session that outlives it. */
  delayedWill: boolean;
}

/** Mosquitto's and our in-flight window (max_inflight_messages, the 5.0 CONNACK's Receive Maximum). */
const WINDOW = 20;
/**
 * MQTT-3.3.4-9 (publish.test.ts): after a PUBACK, Mosquitto 2.0.11 sends a 5.0 client more than
 * its Receive Maximum, up to two queued messages a PUBACK. It shows when more than a window is
 * queued behind the full window at an acknowledgement (seeds 5049, 5062): a 5.0 client ID that
 * acknowledges by hand is never given more than two windows' worth (less a margin for wills).
 */
const PENDING_LIMIT = 2 * WINDOW - 4;

/** The script of `seed`. */
export function generate(seed: number): Script {
  const r = rng(seed);
  const clients = new Map<string, ClientModel>();
  const n = 2 + r.int(3);
  for (let i = 1; i <= n; i++) clients.set(`c${i}`, { version: r.chance(0.5) ? 4 : 5, mixed: r.chance(0.15), connections: 0, held: new Map(), options: new Map(), manualAck: false, persistentWill: false, unreleased: 0, expiring: false, pending: 0, delayedWill: false });
  const steps: Step[] = [];
  let message = 0;
  /** Topics that may hold a retained message (never cleared here: an over-approximation). */
  const retained = new Set<string>();
  const connect = (client: string): Step => {
    const c = clients.get(client)!;
    c.connections++;
    const conn = c.connections === 1 ? client : `${client}.${c.connections}`;
    // MQTT-3.1.2-8 (fidelity-ii.test.ts): Mosquitto 2.0.11 does not publish the will of a
    // persistent session taken over by a persistent connect (it clears it); a takeover of such
    // a connection is made with a clean one. 5.0 does the same (a will without Will Delay: ours
    // publishes it, as 5.0 section 3.1.4's non-normative comment on takeovers says; recorded in
    // fidelity-ii.test.ts and eclipse-mosquitto/mosquitto#3509).
    const clean = (c.open !== undefined && c.persistentWill) || r.chance(0.4);
    if (c.mixed) c.version = r.chance(0.5) ? 4 : 5;
    if (clean) c.pending = 0;
    const manualAck = r.chance(0.3) && !(c.version === 5 && c.pending > PENDING_LIMIT);
    if (!manualAck) c.pending = 0;
    const step: Step = { op: 'connect', conn, client, version: c.version, clean, manualAck };
    if (c.version === 5 && r.chance(clean ? 0.25 : 0.8)) step.expirySec = 300;
    const persistent = c.version === 4 ? !clean : step.expirySec !== undefined;
    if (r.chance(0.4)) {
      step.will = { topic: r.pick(TOPICS), payload: `will-${conn}`, qos: r.int(3) as QoS, retain: r.chance(0.3) };
      if (c.version === 5 && r.chance(0.3)) step.will.properties = true;
      // 5.0 Will Delay Interval 0–2 s, only with a session that outlives the connection: the
      // script reconnects the client ID right after the close, which deletes the will
      // (MQTT-3.1.2-8) long before its delay passes, so nothing waits for time. Without such a
      // session the will is due when the session ends with the connection (MQTT-3.1.2-8);
      // Mosquitto 2.0.11 waits the delay (random-findings.test.ts), so that is not generated,
      // nor a DISCONNECT with Session Expiry 0 below.
      if (c.version === 5 && persistent && r.chance(0.4)) step.will.delaySec = r.int(3);
      if (step.will.retain) retained.add(step.will.topic);
    }
    // A 5.0 client's Maximum Packet Size: the broker drops what is larger (MQTT-3.1.2-24/-25).
    // The runner sets it from the namespace's length (`maxPacketFor`).
    if (c.version === 5 && r.chance(0.15)) step.maxPacketBytes = MAX_PACKET_SET;
    c.expiring = step.expirySec !== undefined;
    c.persistentWill = persistent && step.will !== undefined;
    c.delayedWill = persistent && (step.will?.delaySec ?? 0) > 0;
    if (clean) c.held.clear();
    if (clean) c.unreleased = 0;
    c.open = conn;
    c.manualAck = manualAck;
    return step;
  };
  /** Per client ID that may hold copies by hand (5.0 or switching): how many copies of a `qos` message on `topic` it gets. */
  const copies = (topic: string, qos: QoS): Array<[ClientModel, number]> => {
    const out: Array<[ClientModel, number]> = [];
    for (const c of clients.values()) {
      if ((c.version !== 5 && !c.mixed) || (c.open !== undefined && !c.manualAck)) continue;
      let n = 0;
      for (const [f, q] of c.held) if (Math.min(q, qos) > 0 && matches(model(f), model(topic))) n++;
      if (n > 0) out.push([c, n]);
    }
    return out;
  };
  /** How many `qos` messages on `topic` fit under `PENDING_LIMIT` (up to `wanted`), counted as sent. */
  const send = (topic: string, qos: QoS, wanted: number): number => {
    const takers = copies(topic, qos);
    const count = Math.min(wanted, ...takers.map(([c, n]) => Math.floor((PENDING_LIMIT - c.pending) / n)));
    for (const [c, n] of takers) c.pending += Math.max(0, count) * n;
    return count;
  };
  // Everyone connects first, in a random order; then random steps.
  const order = [...clients.keys()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const id of order) steps.push(connect(id));
  const length = 6 + r.int(20);
  for (let i = 0; i < length; i++) {
    const id = r.pick([...clients.keys()]);
    const c = clients.get(id)!;
    if (!c.open) {
      steps.push(connect(id));
      continue;
    }
    const conn = c.open;
    // Subscriptions early on, so that most publications reach someone.
    const roll = i < n ? r.next() * 0.22 : r.next();
    if (roll < 0.22) {
      const filters: Array<[string, QoS, SubOptions?]> = [];
      for (let k = 1 + r.int(2); k > 0; k--) {
        // MQTT 5.0 shared subscriptions, one or two groups, from clients that stay 5.0. Never on a
        // topic that may hold a retained message (publish.test.ts, 3.3.1.3: Mosquitto 2.0.11
        // sends it to a new shared subscription) and never with No Local (MQTT-3.8.3-4, the same test).
        const share = c.version === 5 && !c.mixed && r.chance(0.2) ? r.pick(SHARED) : undefined;
        if (share !== undefined && TOPICS.some((t) => retained.has(t) && matches(model(share), model(t)))) continue;
        const filter = share === undefined ? r.pick(FILTERS) : `$share/${r.pick(['g', 'h'])}/${share}`;
        if (filters.some(([f]) => f === filter)) continue;
        // One client ID in both groups of one filter (seed 9131): Mosquitto 2.0.11 sends its two
        // copies in the order the groups were made, ours in the groups' name order. Not generated.
        const other = share === undefined ? undefined : filter.replace(/^\$share\/(g|h)\//, (_, g: string) => `$share/${g === 'g' ? 'h' : 'g'}/`);
        if (other !== undefined && (c.held.has(other) || filters.some(([f]) => f === other))) continue;
        let qos: QoS | undefined = r.int(3) as QoS;
        if (c.version === 4 || c.mixed) qos = qosFor311(new Map([...c.held, ...filters.map(([f, q]) => [f, q] as const)]), filter, qos);
        if (qos === undefined) continue;
        const options: SubOptions = {};
        // A client ID that switches versions (seed 7218): a 5.0 session with Retain As Published
        // resumed by a 3.1.1 connection gets RETAIN 0 on live messages from ours (the 3.1.1 rule
        // of the connection in use, MQTT-3.3.1-9), RETAIN as published from Mosquitto 2.0.11
        // (recorded in random-findings.test.ts, normalised in `normaliseKnown`). No Local is
        // not generated for it.
        if (c.version === 5 && r.chance(0.3)) {
          if (!c.mixed && share === undefined && r.chance(0.4)) options.noLocal = true;
          if (r.chance(0.4)) options.retainAsPublished = true;
          if (r.chance(0.4)) options.retainHandling = (1 + r.int(2)) as 1 | 2;
        }
        // MQTT-3.8.4-3 (random-findings.test.ts): subscribed again, a filter replaces the
        // subscription with the new options; Mosquitto 2.0.11 keeps No Local and Retain As
        // Published from the first time. A filter this client ID ever held keeps both.
        const before = c.options.get(filter);
        if (before) {
          delete options.noLocal;
          delete options.retainAsPublished;
          if (before.noLocal) options.noLocal = true;
          if (before.retainAsPublished) options.retainAsPublished = true;
        }
        filters.push(Object.keys(options).length > 0 ? [filter, qos, options] : [filter, qos]);
      }
      if (filters.length === 0) continue;
      for (const [f, q, o] of filters) {
        c.held.set(f, q);
        if (!c.options.has(f)) c.options.set(f, o ?? {});
      }
      const step: Step = { op: 'subscribe', conn, filters };
      if (c.version === 5 && r.chance(0.3)) step.subscriptionId = 1 + r.int(3);
      steps.push(step);
    } else if (roll < 0.3) {
      const held = [...c.held.keys()];
      const filters = [held.length > 0 && r.chance(0.8) ? r.pick(held) : r.pick(FILTERS)];
      if (r.chance(0.3)) filters.push(r.pick(FILTERS));
      steps.push({ op: 'unsubscribe', conn, filters });
    } else if (roll < 0.7 && r.chance(0.08)) {
      // More messages than Mosquitto's and our in-flight window (20) to a client that may hold
      // its acknowledgements: the queue behind the window, in order.
      const topic = r.pick(TOPICS);
      const qos = (1 + r.int(2)) as QoS;
      const count = send(topic, qos, 5 + r.int(20));
      if (count < 1) continue;
      steps.push({ op: 'burst', conn, topic, count, qos, first: message + 1 });
      message += count;
    } else if (roll < 0.7) {
      const step: Step = { op: 'publish', conn, topic: r.pick(TOPICS), payload: `m${++message}`, qos: r.int(3) as QoS, retain: r.chance(0.3) };
      // An empty retained message clears the topic's retained one (MQTT-3.3.1-10 / -6).
      if (step.retain && r.chance(0.2)) step.payload = '';
      if (step.retain && step.payload !== '') retained.add(step.topic);
      if (c.version === 5 && r.chance(0.3)) step.properties = true;
      // A 5.0 Topic Alias: the first use sets it with the topic, later ones send only the alias.
      if (c.version === 5 && r.chance(0.3)) step.alias = true;
      // 5.0 Message Expiry Interval, 2–3 s: a script takes well under a second, so it never
      // passes (an in-flight expired message is a recorded deviation, publish.test.ts) and the
      // remaining interval forwarded is the value or one less (`normaliseExpiry`). Not 0: ours
      // drops such a message, Mosquitto 2.0.11 forwards it without the property (README, Fidelity).
      if (c.version === 5 && r.chance(0.25)) step.expirySec = 2 + r.int(2);
      if (step.qos > 0 && send(step.topic, step.qos, 1) < 1) step.qos = 0;
      if (step.qos === 2 && r.chance(0.25)) {
        step.holdPubrel = true;
        c.unreleased++;
      }
      steps.push(step);
    } else if (roll < 0.8) {
      if (c.unreleased > 0 && r.chance(0.5)) {
        steps.push({ op: 'release', conn });
        c.unreleased = 0;
      } else if (c.manualAck) {
        steps.push({ op: 'ack', conn });
        c.pending = Math.max(0, c.pending - WINDOW);
      }
    } else if (roll < 0.88) {
      const step: Step = { op: 'disconnect', conn };
      if (c.version === 5 && r.chance(0.3)) step.reasonCode = 0x04;
      // 5.0 DISCONNECT with Session Expiry Interval 0: the session ends with the connection.
      if (c.expiring && !c.delayedWill && r.chance(0.3)) {
        step.endSession = true;
        c.held.clear();
        c.unreleased = 0;
        c.pending = 0;
      }
      steps.push(step);
      c.open = undefined;
      // A delayed will stays pending after DISCONNECT 0x04: the client ID comes back at once.
      if (c.delayedWill && step.reasonCode === 0x04 && !step.endSession) steps.push(connect(id));
    } else if (roll < 0.96) {
      steps.push({ op: 'cut', conn });
      c.open = undefined;
      if (c.delayedWill) steps.push(connect(id));
    } else {
      steps.push(connect(id)); // a takeover: the client ID is still connected
    }
  }
  return { seed, steps };
}

/** A connect step's `maxPacketBytes`: the runner puts the namespace's limit there (`maxPacketFor`). */
const MAX_PACKET_SET = 1;

/**
 * The Maximum Packet Size a script's 5.0 client announces: between the largest packet a script
 * sends without publish properties (a will with properties, at most ns + 56 bytes, ns being the
 * namespace's length) and the smallest with them (2 ns + 51 bytes, empty payload), at least 2
 * bytes from each: the plain messages and wills get through, the ones with properties are
 * dropped (MQTT-3.1.2-24). Never a packet of exactly the limit + 1: Mosquitto 2.0.11 sends that
 * one (it leaves the fixed header's first byte out of the size; random-findings.test.ts).
 * Undefined (no limit) for a namespace too short to leave that gap.
 */
export function maxPacketFor(env: Env): number | undefined {
  const ns = env.ns.length;
  const limit = ns + 60;
  return 2 * ns + 51 > limit + 2 ? limit : undefined;
}

/** `~` and `$~` to the namespace. */
export function resolveTopic(env: Env, t: string): string {
  if (t.startsWith('$~')) return `$${env.ns}${t.slice(2)}`;
  return t.replace('~', env.ns);
}

/** The 5.0 properties a publication `with properties` carries (forwarded unchanged to 5.0 subscribers). */
function publishProperties(env: Env, payload: string): Properties {
  return {
    payloadFormatIndicator: 1,
    contentType: 'text/plain',
    responseTopic: resolveTopic(env, '~/reply'),
    correlationData: new TextEncoder().encode(payload),
    userProperties: [['k', payload], ['k', 'again']],
  };
}

/** One step a line, readable without this file. */
export function formatStep(s: Step): string {
  const qos = (q: QoS) => `q${q}`;
  switch (s.op) {
    case 'connect': {
      const parts = [`connect ${s.version === 5 ? '5.0' : '3.1.1'} id=${s.client}`, s.clean ? 'clean' : 'persistent'];
      if (s.expirySec !== undefined) parts.push(`expiry=${s.expirySec}s`);
      if (s.will) parts.push(`will(${s.will.topic} "${s.will.payload}" ${qos(s.will.qos)}${s.will.retain ? ' retain' : ''}${s.will.properties ? ' with properties' : ''}${s.will.delaySec !== undefined ? ` delay=${s.will.delaySec}s` : ''})`);
      if (s.maxPacketBytes !== undefined) parts.push('max-packet=ns+60');
      if (s.manualAck) parts.push('manual-ack');
      return parts.join(' ');
    }
    case 'subscribe':
      return `subscribe${s.subscriptionId ? ` id=${s.subscriptionId}` : ''} ${s.filters.map(([f, q, o]) => `${f} ${qos(q)}${o?.noLocal ? ' no-local' : ''}${o?.retainAsPublished ? ' retain-as-published' : ''}${o?.retainHandling ? ` retain-handling=${o.retainHandling}` : ''}`).join(', ')}`;
    case 'unsubscribe':
      return `unsubscribe ${s.filters.join(', ')}`;
    case 'publish':
      return `publish ${s.topic} "${s.payload}" ${qos(s.qos)}${s.retain ? ' retain' : ''}${s.properties ? ' with properties' : ''}${s.expirySec !== undefined ? ` expiry=${s.expirySec}s` : ''}${s.alias && !s.holdPubrel ? ' via topic alias' : ''}${s.holdPubrel ? ' (PUBREC, PUBREL held back)' : ''}`;
    case 'burst':
      return `publish ${s.topic} "m${s.first}" … "m${s.first + s.count - 1}" (${s.count} messages) ${qos(s.qos)}`;
    case 'release':
      return 'PUBREL for the held-back QoS 2 publications';
    case 'ack':
      return 'ack everything received';
    case 'disconnect':
      return `${s.reasonCode === undefined ? 'disconnect' : `disconnect reason 0x${s.reasonCode.toString(16).padStart(2, '0')}`}${s.endSession ? ' session-expiry=0' : ''}`;
    case 'cut':
      return 'drop the socket (no DISCONNECT)';
  }
}

export function formatScript(script: Script): string {
  return script.steps.map((s, i) => `${String(i + 1).padStart(3)}  ${s.conn.padEnd(5)} ${formatStep(s)}`).join('\n');
}

/**
 * A dropped socket is handled by the broker some time later, in its own event loop (ours in
 * Node's close phase, after the reads of the same turn): a PINGREQ sent right after the cut can
 * be answered first. What every broker does when it handles the close is publish the
 * connection's will (MQTT-3.1.2-8), in the same step as it marks the session offline. So the
 * runner waits for that: a connection the script will cut always has a will, the script's own
 * or, if it has none, a hidden QoS 0 one on `$<ns>-probe/<conn>` (a first level no script
 * filter reaches: `#` and `+` do not match a `$` topic, MQTT-4.7.2-1); after the cut a probe
 * client subscribed to the will's topic waits for it. When it arrives, the close is handled and
 * every other subscriber's copy of the will is written before their next PINGRESP.
 */
const hiddenWillTopic = (env: Env, conn: string) => `$${env.ns}-probe/${conn}`;

/** Cuts `c` and resolves when the broker has published its will (`topic`, `payload`) to a probe. */
async function cutAndAwaitWill(env: Env, c: RawClient, conn: string, topic: string, payload: string): Promise<void> {
  const probe = await RawClient.connect(env.broker.port, { protocolVersion: 4, clientId: `${env.ns}-probe`, clean: true, keepAliveSec: 60 });
  try {
    probe.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: topic, qos: 0 }] });
    await probe.waitFor((p) => p.type === 'suback', 3000);
    const from = probe.received.length;
    c.cut();
    const will = (p: Packet) => p.type === 'publish' && p.topic === topic && new TextDecoder().decode(p.payload) === payload;
    await probe.waitFor(will, 5000, false, from).catch((error: unknown) => {
      throw new Error(`[${env.broker.name}] ${conn}: no will on ${topic} within 5 s of dropping its socket (${(error as Error).message})`, { cause: error });
    });
  } finally {
    probe.disconnect();
    await probe.waitClosed(3000);
  }
}

/** What `normaliseKnown` needs to know about a run (the same for both brokers). */
export interface RunNotes {
  /** Connections closed by a takeover. */
  takenOver: Set<string>;
  /** Of those, the ones with a will and a persistent session, taken over by a persistent connect. */
  persistentWillTakenOver: Set<string>;
  /** UNSUBSCRIBE packets with a filter starting with `$`: connection, packet ID, filter's index. */
  dollarUnsubscribes: Array<{ conn: string; packetId: number; index: number }>;
  /** Client IDs that subscribed with Retain As Published. */
  retainAsPublished: Set<string>;
}

export const newNotes = (): RunNotes => ({ takenOver: new Set(), persistentWillTakenOver: new Set(), dollarUnsubscribes: [], retainAsPublished: new Set() });

interface RunState {
  /** Per connection: how far its received packets are acknowledged (manual ack). */
  acked: Map<string, number>;
  /** Per client ID (not per connection: a resumed session may still hold an ID). */
  packetIds: Map<string, number>;
  /** Per client ID: QoS 2 packet IDs whose PUBREL is held back. */
  unreleased: Map<string, number[]>;
  /** Per connection: its client ID. */
  clientOf: Map<string, string>;
  /** Per connection: its connect step. */
  connectOf: Map<string, Extract<Step, { op: 'connect' }>>;
  /** The client ID's open connection. */
  open: Map<string, string>;
  /** Per connection: the Topic Aliases it has set (topic → alias). */
  aliases: Map<string, Map<string, number>>;
}

/**
 * Plays `script` against one broker. A step whose connection is missing or closed is skipped
 * (shrinking drops steps, and a broker may close a connection), so any sub-script runs.
 */
export async function runScript(env: Env, script: Script, notes: RunNotes = newNotes()): Promise<void> {
  const st: RunState = { acked: new Map(), packetIds: new Map(), unreleased: new Map(), clientOf: new Map(), connectOf: new Map(), open: new Map(), aliases: new Map() };
  const persistent = (s: Extract<Step, { op: 'connect' }>) => (s.version === 4 ? !s.clean : s.expirySec !== undefined);
  const nextId = (conn: string) => {
    const client = st.clientOf.get(conn)!;
    const id = (st.packetIds.get(client) ?? 0) + 1;
    st.packetIds.set(client, id);
    return id;
  };
  const live = (conn: string) => {
    const c = env.clients.get(conn);
    return c && !c.closed ? c : undefined;
  };
  const cut = new Set(script.steps.flatMap((s) => (s.op === 'cut' ? [s.conn] : [])));
  for (const s of script.steps) {
    if (s.op === 'connect') {
      if (env.clients.has(s.conn)) continue;
      const o: ConnectOptions = { version: s.version, clientId: `${env.ns}-${s.client}`, clean: s.clean, autoAck: !s.manualAck };
      if (s.expirySec !== undefined) o.properties = { sessionExpiryIntervalSec: s.expirySec };
      const maxPacket = s.maxPacketBytes === undefined ? undefined : maxPacketFor(env);
      if (maxPacket !== undefined) o.properties = { ...o.properties, maximumPacketSize: maxPacket };
      if (s.will) {
        const { properties, delaySec, ...will } = s.will;
        const p: Properties = properties ? { contentType: 'text/plain', payloadFormatIndicator: 1, userProperties: [['w', s.conn]] } : {};
        if (delaySec !== undefined) p.willDelayIntervalSec = delaySec;
        o.will = { ...will, topic: resolveTopic(env, s.will.topic), ...(Object.keys(p).length > 0 ? { properties: p } : {}) };
      }
      else if (cut.has(s.conn)) o.will = { topic: hiddenWillTopic(env, s.conn), payload: 'probe', qos: 0, retain: false };
      const old = st.open.get(s.client);
      const oldClient = old === undefined ? undefined : live(old);
      await env.connect(s.conn, o);
      st.open.set(s.client, s.conn);
      st.clientOf.set(s.conn, s.client);
      st.connectOf.set(s.conn, s);
      if (oldClient) {
        notes.takenOver.add(old!);
        const before = st.connectOf.get(old!)!;
        if (before.will && persistent(before) && !s.clean) notes.persistentWillTakenOver.add(old!);
        await oldClient.waitClosed(3000);
      }
    } else {
      const c = live(s.conn);
      if (!c) continue;
      if (s.op === 'subscribe') {
        const filters = s.filters.map(([f, q, o]) => ({ topicFilter: resolveTopic(env, f), qos: q, ...o }));
        if (filters.some((f) => f.retainAsPublished)) notes.retainAsPublished.add(st.clientOf.get(s.conn)!);
        await env.subscribe(s.conn, filters, nextId(s.conn), s.subscriptionId ? { subscriptionIdentifiers: [s.subscriptionId] } : undefined);
      }
      else if (s.op === 'unsubscribe') {
        const packetId = nextId(s.conn);
        const from = c.received.length;
        s.filters.forEach((f, index) => f.startsWith('$') && !f.startsWith('$share/') && notes.dollarUnsubscribes.push({ conn: s.conn, packetId, index }));
        c.send({ type: 'unsubscribe', packetId, topicFilters: s.filters.map((f) => resolveTopic(env, f)) });
        await c.waitFor((p) => p.type === 'unsuback' && p.packetId === packetId, 3000, true, from);
      } else if (s.op === 'publish' && s.holdPubrel && s.qos === 2) {
        const packetId = nextId(s.conn);
        const from = c.received.length;
        c.send({ type: 'publish', topic: resolveTopic(env, s.topic), payload: new TextEncoder().encode(s.payload), qos: 2, retain: s.retain, dup: false, packetId, ...(s.properties ? { properties: publishProperties(env, s.payload) } : {}) });
        await c.waitFor((p) => p.type === 'pubrec' && p.packetId === packetId, 3000, true, from);
        const client = st.clientOf.get(s.conn)!;
        st.unreleased.set(client, [...(st.unreleased.get(client) ?? []), packetId]);
      } else if (s.op === 'publish') {
        let topic = resolveTopic(env, s.topic);
        let properties = s.properties ? publishProperties(env, s.payload) : undefined;
        if (s.expirySec !== undefined) properties = { ...properties, messageExpiryIntervalSec: s.expirySec };
        if (s.alias) {
          const aliases = st.aliases.get(s.conn) ?? new Map<string, number>();
          st.aliases.set(s.conn, aliases);
          const known = aliases.get(topic);
          const topicAlias = known ?? aliases.size + 1;
          aliases.set(topic, topicAlias);
          if (known !== undefined) topic = '';
          properties = { ...properties, topicAlias };
        }
        const o = { qos: s.qos, retain: s.retain, ...(s.qos > 0 ? { packetId: nextId(s.conn) } : {}), ...(properties ? { properties } : {}) };
        await env.publish(s.conn, topic, s.payload, o);
      } else if (s.op === 'burst') {
        // Each message synchronised like a step of its own: automatic acknowledgements race the
        // next message otherwise, and a window that is full at one broker and not at the other
        // lets a QoS 0 copy overtake a queued QoS 2 one there (seed 6108: timing, not a rule).
        for (let k = 0; k < s.count; k++) {
          await env.publish(s.conn, resolveTopic(env, s.topic), `m${s.first + k}`, { qos: s.qos, packetId: nextId(s.conn) });
          await env.syncAll();
        }
      } else if (s.op === 'release') {
        const client = st.clientOf.get(s.conn)!;
        for (const packetId of st.unreleased.get(client) ?? []) {
          const from = c.received.length;
          c.send({ type: 'pubrel', packetId });
          await c.waitFor((p) => p.type === 'pubcomp' && p.packetId === packetId, 3000, true, from);
        }
        st.unreleased.delete(client);
      } else if (s.op === 'ack') {
        const from = st.acked.get(s.conn) ?? 0;
        for (const p of c.received.slice(from)) {
          if (p.type === 'publish' && p.qos === 1) c.send(c.version === 5 ? { type: 'puback', packetId: p.packetId!, reasonCode: 0 } : { type: 'puback', packetId: p.packetId! });
          if (p.type === 'publish' && p.qos === 2) c.send({ type: 'pubrec', packetId: p.packetId! });
          if (p.type === 'pubrel') c.send({ type: 'pubcomp', packetId: p.packetId });
        }
        st.acked.set(s.conn, c.received.length);
      } else if (s.op === 'disconnect') {
        const properties = s.endSession ? { properties: { sessionExpiryIntervalSec: 0 } } : {};
        c.disconnect(s.reasonCode === undefined && !s.endSession ? { type: 'disconnect' } : { type: 'disconnect', reasonCode: s.reasonCode ?? 0, ...properties });
        await c.waitClosed(3000);
      } else {
        const connect = st.connectOf.get(s.conn)!;
        const will = connect.will;
        // A delayed will of a session that outlives the connection: the next step reconnects
        // the client ID, which deletes it (taking over the connection if its close is not handled yet).
        if (will?.delaySec && persistent(connect)) {
          c.cut();
          await c.waitClosed(3000);
        } else if (will) await cutAndAwaitWill(env, c, s.conn, resolveTopic(env, will.topic), will.payload);
        else await cutAndAwaitWill(env, c, s.conn, hiddenWillTopic(env, s.conn), 'probe');
      }
    }
    await env.syncAll();
  }
}

/**
 * Known deviations that a random script can reach and the generator does not avoid: each
 * checks that Mosquitto 2.0.11 and ours do what is recorded, then makes ours (or Mosquitto's)
 * transcript look like the other so that the rest compares. Returns the rule IDs it applied.
 * Each has a hand-written test with `expectDeviation` (named below) and a row in the README.
 */
export function normaliseKnown(r: { mosquitto: Transcript; ours: Transcript }, notes: RunNotes, versionOf: (conn: string) => Version): string[] {
  const seen: string[] = [];
  const isPacket = (e: Entry | undefined): e is Record<string, unknown> => e !== undefined && e !== 'closed';
  for (const conn of notes.takenOver) {
    const o = r.ours[conn];
    const m = r.mosquitto[conn];
    if (!o || !m) continue;
    // MQTT-3.1.4-3 (connect.test.ts): on takeover ours sends the old 5.0 connection DISCONNECT
    // 0x8E before closing it; Mosquitto 2.0.11 closes the socket without it.
    const d = o[o.length - 2];
    if (versionOf(conn) === 5 && o[o.length - 1] === 'closed' && isPacket(d) && d.type === 'disconnect' && d.reasonCode === 0x8e && !m.some((e) => isPacket(e) && e.type === 'disconnect')) {
      o.splice(o.length - 2, 1);
      seen.push('MQTT-3.1.4-3');
    }
    // MQTT-3.1.2-8 (random-findings.test.ts): the will is published after the connection is
    // closed; on a takeover Mosquitto 2.0.11 publishes it first, so the old connection gets its
    // own will when it is subscribed to the will topic. Ours does not send it there.
    const own = (e: Entry) => isPacket(e) && e.type === 'publish' && e.payload === `will-${conn}`;
    if (m.some(own) && !o.some(own)) {
      r.mosquitto[conn] = m.filter((e) => !own(e));
      seen.push('MQTT-3.1.2-8');
    }
  }
  // MQTT-3.1.2-8 (fidelity-ii.test.ts): a persistent session with a will taken over by a
  // persistent connect: Mosquitto 2.0.11 clears the will, ours publishes it (in 5.0 without
  // Will Delay; see `generate`, which avoids this but a shrunk script may not).
  for (const conn of notes.persistentWillTakenOver) {
    const will = (e: Entry) => isPacket(e) && e.type === 'publish' && e.payload === `will-${conn}`;
    const inM = Object.values(r.mosquitto).some((t) => t.some(will));
    if (inM) continue;
    for (const [k, t] of Object.entries(r.ours)) {
      if (!t.some(will)) continue;
      r.ours[k] = t.filter((e) => !will(e));
      seen.push('MQTT-3.1.2-8');
    }
  }
  // MQTT-3.11.3-2 (random-findings.test.ts): 5.0 UNSUBACK for a `$` filter no session holds:
  // Mosquitto 2.0.11 answers 0x00 Success when no subscription under that first level exists
  // at all, ours 0x11 No subscription existed.
  for (const { conn, packetId, index } of notes.dollarUnsubscribes) {
    if (versionOf(conn) !== 5) continue;
    const ack = (t: Transcript) => t[conn]?.find((e) => isPacket(e) && e.type === 'unsuback' && e.packetId === packetId) as { reasonCodes: number[] } | undefined;
    const m = ack(r.mosquitto);
    const o = ack(r.ours);
    if (m?.reasonCodes[index] === 0 && o?.reasonCodes[index] === 0x11) {
      o.reasonCodes = o.reasonCodes.map((c, i) => (i === index ? 0 : c));
      seen.push('MQTT-3.11.3-2');
    }
  }
  // MQTT-3.3.1-9 of 3.1.1 (random-findings.test.ts): a 3.1.1 connection resuming a session whose
  // subscription has Retain As Published: Mosquitto 2.0.11 forwards a live message with RETAIN 1,
  // ours with RETAIN 0. Connections are named `CLIENT` or `CLIENT.N`.
  for (const [conn, m] of Object.entries(r.mosquitto)) {
    const o = r.ours[conn];
    if (!o || versionOf(conn) !== 4 || !notes.retainAsPublished.has(conn.split('.')[0]!)) continue;
    m.forEach((e, i) => {
      const x = o[i];
      if (isPacket(e) && isPacket(x) && e.type === 'publish' && e.retain === true && x.retain === false && isDeepStrictEqual({ ...e, retain: false }, x)) {
        e.retain = false;
        seen.push('MQTT-3.3.1-9');
      }
    });
  }
  // 3.6.2.1 / 3.7.2.1 (publish.test.ts, `expectUnknownIdAnswers`): to a PUBREC or PUBREL for a
  // packet ID it does not hold, ours answers 5.0 PUBREL / PUBCOMP 0x92 Packet Identifier not
  // found, Mosquitto 2.0.11 0x00.
  for (const conn of Object.keys(r.ours)) {
    if (versionOf(conn) !== 5) continue;
    for (const type of ['pubrel', 'pubcomp']) {
      const answers = (t: Transcript) => (t[conn] ?? []).filter((e): e is Record<string, unknown> => isPacket(e) && e.type === type);
      const m = answers(r.mosquitto);
      answers(r.ours).forEach((o, i) => {
        if (o.reasonCode === 0x92 && m[i]?.reasonCode === 0 && m[i]?.packetId === o.packetId) {
          o.reasonCode = 0;
          seen.push(type === 'pubrel' ? 'MQTT-3.6.2-1' : 'MQTT-3.7.2-1');
        }
      });
    }
  }
  return seen;
}

/**
 * A forwarded Message Expiry Interval is the received one less the time the message waited
 * (MQTT-3.3.2-6), in whole seconds: Mosquitto 2.0.11 counts from the second the message came
 * in, so one less than the sent value can show after a few milliseconds. A value of the sent
 * one or one less is written as the sent one, in both transcripts; anything else stays.
 */
export function normaliseExpiry(r: { mosquitto: Transcript; ours: Transcript }, script: Script): void {
  const sent = new Map(script.steps.flatMap((s) => (s.op === 'publish' && s.expirySec !== undefined ? [[s.payload, s.expirySec] as const] : [])));
  for (const t of [r.mosquitto, r.ours]) {
    for (const entries of Object.values(t)) {
      for (const e of entries) {
        if (e === 'closed' || e.type !== 'publish') continue;
        const props = e.properties as Properties | undefined;
        const value = sent.get(e.payload as string);
        const v = props?.messageExpiryIntervalSec;
        if (value !== undefined && v !== undefined && (v === value || v === value - 1)) props!.messageExpiryIntervalSec = value;
      }
    }
  }
}

/** Both transcripts, the differing lines marked M (Mosquitto 2.0.11) and O (ours). */
export function diffText(r: { mosquitto: Transcript; ours: Transcript }): string {
  const line = (e: Entry) => (e === 'closed' ? 'closed' : JSON.stringify(e));
  const lines: string[] = [];
  for (const conn of new Set([...Object.keys(r.mosquitto), ...Object.keys(r.ours)])) {
    const m = r.mosquitto[conn] ?? [];
    const o = r.ours[conn] ?? [];
    if (isDeepStrictEqual(m, o)) continue;
    lines.push(`== ${conn}`);
    for (let i = 0; i < Math.max(m.length, o.length); i++) {
      const a = m[i] === undefined ? '-' : line(m[i]!);
      const b = o[i] === undefined ? '-' : line(o[i]!);
      lines.push(a === b ? `   ${a}` : ` M ${a}\n O ${b}`);
    }
  }
  return lines.join('\n');
}
