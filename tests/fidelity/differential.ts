/**
 * Differential testing: the same script of client actions against Mosquitto 2.0.11 and against
 * our broker; what every client received is compared packet by packet.
 *
 * A script gets an `Env` for one broker: it opens named raw clients, sends packets and waits
 * (bounded). Afterwards each client's received packets become a transcript: packets in order
 * with every field (topic, payload as text, QoS, retain, DUP, packet ID, reason codes, session
 * present, properties), PINGRESP left out (the scripts use PINGREQ to synchronise), and
 * `'closed'` when the broker closed the connection. Values that are random by design (a
 * Mosquitto-assigned client ID) are replaced by a placeholder.
 *
 * `expectSame` demands equal transcripts. `expectDeviation` documents a place where Mosquitto
 * 2.0.11 does not do what the spec says: it checks that Mosquitto still does exactly what was
 * recorded, that ours does what the spec says, and that every other client saw the same.
 */
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { ConnectPacket, Packet, Properties, ProtocolVersion, PublishPacket, QoS } from '../../src/core/codec/index.ts';
import { startBoth, type BrokerOptions, type RunningBroker } from './brokers.ts';
import { RawClient, type RawClientOptions } from './raw-client.ts';

export type Entry = Record<string, unknown> | 'closed';
export type Transcript = Record<string, Entry[]>;

export interface ConnectOptions {
  version?: ProtocolVersion;
  clientId?: string;
  clean?: boolean;
  keepAliveSec?: number;
  username?: string;
  password?: string;
  will?: { topic: string; payload: string; qos?: QoS; retain?: boolean; properties?: Properties };
  properties?: Properties;
  autoAck?: boolean;
}

export interface PublishOptions {
  qos?: QoS;
  retain?: boolean;
  dup?: boolean;
  packetId?: number;
  properties?: Properties;
}

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** What a script can do against one broker. */
export class Env {
  readonly clients = new Map<string, RawClient>();

  constructor(
    readonly broker: RunningBroker,
    /** A prefix unique to the test: put it in client IDs and topics (tests run concurrently). */
    readonly ns: string,
  ) {}

  /** `${ns}/${path}` */
  t(path: string): string {
    return `${this.ns}/${path}`;
  }

  /** Connects a client named `name` (its ID defaults to `${ns}-${name}`); resolves after CONNACK. */
  async connect(name: string, o: ConnectOptions = {}): Promise<RawClient> {
    const packet: Omit<ConnectPacket, 'type'> = {
      protocolVersion: o.version ?? 4,
      clientId: o.clientId ?? `${this.ns}-${name}`,
      clean: o.clean ?? true,
      keepAliveSec: o.keepAliveSec ?? 60,
    };
    if (o.username !== undefined) packet.username = o.username;
    if (o.password !== undefined) packet.password = enc(o.password);
    if (o.will) {
      packet.will = { topic: o.will.topic, payload: enc(o.will.payload), qos: o.will.qos ?? 0, retain: o.will.retain ?? false };
      if (o.will.properties) packet.will.properties = o.will.properties;
    }
    if (o.properties) packet.properties = o.properties;
    if (this.clients.has(name)) throw new Error(`client ${name} exists: use another name for a new connection`);
    const options: RawClientOptions = o.autoAck === false ? { autoAck: false } : {};
    const c = await RawClient.connect(this.broker.port, packet, options);
    this.clients.set(name, c);
    return c;
  }

  /** Opens a client's connection without sending anything (raw bytes follow: `c(name).sendBytes`). */
  async open(name: string, version: ProtocolVersion = 4): Promise<RawClient> {
    if (this.clients.has(name)) throw new Error(`client ${name} exists: use another name for a new connection`);
    const c = await RawClient.open(this.broker.port, version);
    this.clients.set(name, c);
    return c;
  }

  /** A client's connection. */
  c(name: string): RawClient {
    const c = this.clients.get(name);
    if (!c) throw new Error(`no client ${name}`);
    return c;
  }

  /** SUBSCRIBE and wait for SUBACK (or the connection closing). */
  async subscribe(name: string, filters: Array<[string, QoS] | { topicFilter: string; qos: QoS; noLocal?: boolean; retainAsPublished?: boolean; retainHandling?: 0 | 1 | 2 }>, packetId = 1, properties?: Properties): Promise<void> {
    const c = this.c(name);
    const subscriptions = filters.map((f) => (Array.isArray(f) ? { topicFilter: f[0], qos: f[1] } : f));
    const from = c.received.length;
    c.send(properties ? { type: 'subscribe', packetId, subscriptions, properties } : { type: 'subscribe', packetId, subscriptions });
    await c.waitFor((p) => p.type === 'suback' && p.packetId === packetId, 3000, true, from);
  }

  /** PUBLISH; for QoS 1/2 waits for the handshake's end (PUBACK / PUBCOMP, PUBREL sent by us). */
  async publish(name: string, topic: string, payload: string, o: PublishOptions = {}): Promise<void> {
    const c = this.c(name);
    const qos = o.qos ?? 0;
    const packet: PublishPacket = { type: 'publish', topic, payload: enc(payload), qos, retain: o.retain ?? false, dup: o.dup ?? false };
    if (qos > 0) packet.packetId = o.packetId ?? 1;
    if (o.properties) packet.properties = o.properties;
    const from = c.received.length;
    c.send(packet);
    if (qos === 1) await c.waitFor((p) => p.type === 'puback' && p.packetId === packet.packetId, 3000, true, from);
    if (qos === 2) {
      const rec = await c.waitFor((p) => p.type === 'pubrec' && p.packetId === packet.packetId, 3000, true, from);
      if (rec && ((rec as { reasonCode?: number }).reasonCode ?? 0) < 0x80) {
        c.send({ type: 'pubrel', packetId: packet.packetId! });
        await c.waitFor((p) => p.type === 'pubcomp' && p.packetId === packet.packetId, 3000, true, from);
      }
    }
    if (qos === 0) await this.sync(name);
  }

  /**
   * PINGREQ/PINGRESP round trips, one client after the other, repeated until a round trip
   * brings nothing new (at most 5): everything sent before is handled, including chains such
   * as PUBLISH → our PUBREC → PUBREL. (Mosquitto writes a released QoS 2 message to the
   * subscribers after the publisher's PUBCOMP, so one round trip can overtake it.)
   */
  async sync(...names: string[]): Promise<void> {
    for (const name of names) {
      const c = this.c(name);
      for (let round = 0; round < 5 && !c.closed; round++) {
        const from = c.received.length;
        c.send({ type: 'pingreq' });
        await c.waitFor((p) => p.type === 'pingresp', 3000, true, from);
        if (c.received.length === from + 1) break;
      }
    }
  }

  /** Marks the point in `name`'s transcript (after syncing it): what came before, what after. */
  async mark(name: string, label: string): Promise<void> {
    await this.sync(name);
    this.c(name).mark(label);
  }

  /** Syncs every open client. */
  syncAll(): Promise<void> {
    return this.sync(...[...this.clients.keys()]);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  /** Every client's transcript. */
  transcript(): Transcript {
    const out: Transcript = {};
    for (const [name, c] of this.clients) {
      const entries: Entry[] = [];
      c.received.forEach((p, i) => {
        for (const m of c.marks) if (m.index === i) entries.push({ mark: m.label });
        if (p.type !== 'pingresp') entries.push(normalize(p));
      });
      for (const m of c.marks) if (m.index >= c.received.length) entries.push({ mark: m.label });
      if (c.autoAck) pubrelAfterItsPublish(entries);
      if (c.closed) entries.push('closed');
      out[name] = entries;
    }
    return out;
  }

  close(): void {
    for (const c of this.clients.values()) c.cut();
  }
}

/**
 * A PUBREL answers our automatic PUBREC, so where it lands among other packets depends on when
 * our PUBREC left (client timing), not on the broker. Canonical place: right after the QoS 2
 * PUBLISH with the same packet ID (and after PUBRELs already placed there). A PUBREL with no
 * such PUBLISH before it (resent after a reconnect) stays where it is.
 */
function pubrelAfterItsPublish(entries: Entry[]): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e === 'closed' || e.type !== 'pubrel') continue;
    let j = i - 1;
    while (j >= 0) {
      const p = entries[j]!;
      if (p !== 'closed' && p.type === 'publish' && p.qos === 2 && p.packetId === e.packetId) break;
      j--;
    }
    if (j < 0) continue;
    entries.splice(i, 1);
    entries.splice(j + 1, 0, e);
  }
}

function normalizeProps(p: Properties): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  if (p.assignedClientIdentifier !== undefined) out.assignedClientIdentifier = '<assigned>';
  if (p.correlationData) out.correlationData = dec(p.correlationData);
  return out;
}

/** A packet as a plain comparable record. */
export function normalize(p: Packet): Entry {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (k === 'payload') out.payload = dec(v as Uint8Array);
    else if (k === 'properties') {
      const props = normalizeProps(v as Properties);
      if (Object.keys(props).length > 0) out.properties = props;
    } else out[k] = v;
  }
  return out;
}

export type Script = (env: Env) => Promise<void>;

export interface Pair {
  mosquitto: RunningBroker;
  ours: RunningBroker;
}

/** Starts both brokers before the file's tests and stops them (by PID) after. */
export function usePair(options: BrokerOptions = {}): () => Pair {
  // Scripts wait up to a few seconds (keep alive, will delay, expiry) and CI runs other test
  // files beside these on 2 cores: a generous bound per test, every wait inside is bounded too.
  vi.setConfig({ testTimeout: 20_000 });
  let pair: (Pair & { stop(): Promise<void> }) | undefined;
  beforeAll(async () => {
    pair = await startBoth(options);
  }, 30_000);
  afterAll(async () => {
    await pair?.stop();
  }, 15_000);
  return () => {
    if (!pair) throw new Error('brokers not started');
    return pair;
  };
}

let nsCounter = 0;

/** Runs `script` against both brokers at the same time; returns both transcripts. */
export async function differential(pair: Pair, name: string, script: Script): Promise<{ mosquitto: Transcript; ours: Transcript }> {
  const ns = `${name.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 40)}-${process.pid}-${++nsCounter}`;
  const run = async (broker: RunningBroker) => {
    const env = new Env(broker, ns);
    try {
      await script(env);
      return env.transcript();
    } catch (error) {
      throw new Error(`[${broker.name}] ${(error as Error).message}\ntranscript so far: ${JSON.stringify(env.transcript(), null, 1)}`, { cause: error });
    } finally {
      env.close();
    }
  };
  const [mosquitto, ours] = await Promise.all([run(pair.mosquitto), run(pair.ours)]);
  return { mosquitto, ours };
}

/** Every client received the same packets from both brokers. */
export function expectSame(r: { mosquitto: Transcript; ours: Transcript }): void {
  if (process.env.FIDELITY_DUMP) dump(r);
  expect(r.ours, 'our broker (left) vs Mosquitto 2.0.11 (right)').toEqual(r.mosquitto);
}

/** A documented difference: Mosquitto 2.0.11 breaks a spec rule, our broker follows it. */
export interface Deviation {
  /** Conformance statement (or section) Mosquitto deviates from. */
  ref: string;
  /** What the spec says and what Mosquitto does instead. */
  summary: string;
  /** The clients whose transcripts differ: what each broker sent them. */
  clients: Record<string, { mosquitto: Entry[]; ours: Entry[] }>;
}

/** Every deviation recorded in this run (for reports). */
export const recordedDeviations: Deviation[] = [];

/**
 * Mosquitto 2.0.11 deviates from the spec here: it must still do exactly what is recorded
 * (so an upgrade that fixes it shows up), ours must do what the spec says, and every other
 * client must have seen the same from both.
 */
export function expectDeviation(r: { mosquitto: Transcript; ours: Transcript }, d: Deviation): void {
  recordedDeviations.push(d);
  for (const [client, both] of Object.entries(d.clients)) {
    expect(r.mosquitto[client], `${d.ref}: Mosquitto 2.0.11 to ${client} (recorded deviation: ${d.summary})`).toEqual(both.mosquitto);
    expect(r.ours[client], `${d.ref}: our broker to ${client} (the spec)`).toEqual(both.ours);
  }
  const rest = (t: Transcript) => Object.fromEntries(Object.entries(t).filter(([k]) => !(k in d.clients)));
  expect(rest(r.ours), 'the other clients: ours (left) vs Mosquitto (right)').toEqual(rest(r.mosquitto));
}

/**
 * A documented difference in MQTT 5.0 (lesson 09-qos2 says it too): to a PUBREC or PUBREL for a
 * packet id it does not know, our broker answers PUBREL or PUBCOMP with reason 0x92 Packet
 * Identifier not found, the code 3.6.2.1 and 3.7.2.1 give for it (MQTT-3.6.2-1, MQTT-3.7.2-1);
 * Mosquitto 2.0.11 answers with 0 (Success). Checks exactly that for the `nth` (0-based) `type`
 * packets `client` received, then sets ours to 0 so that `expectSame` compares all the rest.
 */
export function expectUnknownIdAnswers(r: { mosquitto: Transcript; ours: Transcript }, client: string, type: 'pubrel' | 'pubcomp', nth: readonly number[]): void {
  const answers = (t: Transcript) => (t[client] ?? []).filter((e): e is Record<string, unknown> => e !== 'closed' && e.type === type);
  const mosquitto = answers(r.mosquitto);
  const ours = answers(r.ours);
  for (const i of nth) {
    expect(mosquitto[i]?.reasonCode, `Mosquitto 2.0.11: ${type} #${i} to ${client} for an unknown packet id, reason 0`).toBe(0);
    expect(ours[i]?.reasonCode, `ours: ${type} #${i} to ${client} for an unknown packet id, reason 0x92 (MQTT 5.0 ${type === 'pubrel' ? '3.6.2.1' : '3.7.2.1'})`).toBe(0x92);
    ours[i]!.reasonCode = 0;
  }
}

/** Both transcripts side by side, one entry a line (FIDELITY_DUMP=1 while investigating). */
export function dump(r: { mosquitto: Transcript; ours: Transcript }): void {
  const line = (e: Entry) => (e === 'closed' ? 'closed' : JSON.stringify(e));
  const lines: string[] = [];
  for (const client of Object.keys(r.mosquitto)) {
    lines.push(`== ${client}`);
    const m = r.mosquitto[client] ?? [];
    const o = r.ours[client] ?? [];
    for (let i = 0; i < Math.max(m.length, o.length); i++) {
      const a = m[i] === undefined ? '-' : line(m[i]!);
      const b = o[i] === undefined ? '-' : line(o[i]!);
      lines.push(a === b ? `   ${a}` : ` M ${a}\n O ${b}`);
    }
  }
  console.log(lines.join('\n'));
}
