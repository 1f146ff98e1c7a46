/**
 * One broker, two drivers, the same answers (issue 20, "Done when"): every sequence of bytes
 * below, valid and malformed, goes to the simulated world (WorldCommand `raw.send`) and to the
 * TCP driver that `npm run broker` runs (in this process, on 127.0.0.1, a free port), frame by
 * frame; what each client gets back (every frame, and whether the broker closed the
 * connection) must be the same. Limits included: one configuration sets `max_packet_size`.
 * Each sequence gets its own TCP broker (they reuse client IDs), so the sequences run at the
 * same time: the test mostly waits between frames.
 */
import { Socket } from 'node:net';
import { describe, test } from 'vitest';
import { createMachine } from 'xstate';
import { encode, type Packet, type ProtocolVersion } from '../../src/core/codec/index.ts';
import type { BrokerConfig } from '../../src/core/broker/index.ts';
import { brokerActor } from '../../src/sim/mqtt-world.ts';
import { runUntil } from '../../src/sim/run.ts';
import { createWorld, schedule } from '../../src/sim/world.ts';
import { compileScenario, parseScenario } from '../../src/scenario/index.ts';
import { TcpBroker } from '../../src/node/broker/tcp-broker.ts';
import { DEFAULT_CONNECT_TIMEOUT_SEC, DEFAULT_MAX_PACKET_BYTES, DEFAULT_MAX_QUEUED_BYTES } from '../../src/node/broker/tcp-broker-options.ts';

type Frame = [client: string, bytes: Uint8Array, segments?: readonly number[]];
/** What one client got: each frame in hex, then `closed` when the broker closed the connection. */
type Answers = Record<string, string[]>;

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (b) => parseInt(b, 16));
const enc = (s: string) => new TextEncoder().encode(s);
const pk = (p: Packet, v: ProtocolVersion) => encode(p, v);
const connect = (clientId: string, v: ProtocolVersion, extra: Partial<Extract<Packet, { type: 'connect' }>> = {}) =>
  pk({ type: 'connect', protocolVersion: v, clean: true, keepAliveSec: 0, clientId, ...extra }, v);
const publish = (topic: string, v: ProtocolVersion, extra: Partial<Extract<Packet, { type: 'publish' }>> = {}) =>
  pk({ type: 'publish', topic, payload: enc('hi'), qos: 0, retain: false, dup: false, ...extra }, v);
const subscribe = (topicFilter: string, v: ProtocolVersion, qos: 0 | 1 | 2 = 1) => pk({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter, qos }] }, v);

/** Splits a byte stream into MQTT frames (fixed header + remaining length), as hex. */
function frames(bytes: Uint8Array): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let len = 0;
    let mul = 1;
    let i = pos + 1;
    for (; i < bytes.length; i++) {
      len += (bytes[i]! & 127) * mul;
      mul *= 128;
      if ((bytes[i]! & 128) === 0) break;
    }
    const end = Math.min(bytes.length, i + 1 + len);
    out.push(Buffer.from(bytes.subarray(pos, end)).toString('hex'));
    pos = end;
  }
  return out;
}

/** The sequences: name, then the frames in order. */
const SEQUENCES: Array<[string, Frame[]]> = [
  ['3.1.1 session: subscribe, publish QoS 1 to itself, ping, disconnect', [
    ['a', connect('a', 4)], ['a', subscribe('t/#', 4)], ['a', publish('t/1', 4, { qos: 1, packetId: 7 })], ['a', hex('c0 00')], ['a', hex('e0 00')],
  ]],
  ['5.0 session: subscribe, publish QoS 2 to itself with properties', [
    ['a', connect('a', 5)], ['a', subscribe('t/+', 5, 2)], ['a', publish('t/1', 5, { qos: 2, packetId: 3, properties: { contentType: 'text', userProperties: [['k', 'v']] } })], ['a', pk({ type: 'pubrel', packetId: 3, reasonCode: 0 }, 5)],
  ]],
  ['issue 20 bytes: a SUBSCRIBE with 5,000 levels', [
    ['a', hex('10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61')], ['a', new Uint8Array([0x82, 0x8d, 0x27, 0x00, 0x01, 0x13, 0x88, ...new Array<number>(5000).fill(0x2f), 0x00])],
  ]],
  ['protocol level 6', [['a', hex('10 0d 00 04 4d 51 54 54 06 02 00 00 00 01 61')]]],
  ['MQTT 3.1 (MQIsdp, level 3), then a publish', [['a', hex('10 0f 00 06 4d 51 49 73 64 70 03 02 00 00 00 01 61')], ['a', subscribe('x', 4, 0)], ['a', publish('x', 4)]]],
  ['protocol name "MQTX"', [['a', hex('10 0d 00 04 4d 51 54 58 04 02 00 00 00 01 61')]]],
  ['will topic "#" (5.0)', [['a', connect('a', 5, { will: { topic: '#', payload: enc('x'), qos: 1, retain: true } })]]],
  ['empty will topic (3.1.1)', [['a', connect('a', 4, { will: { topic: '', payload: enc('x'), qos: 1, retain: true } })]]],
  ['a control character in the client id', [['a', connect('a\u0007', 5)]]],
  ['a control character in a topic filter', [['a', connect('a', 4)], ['a', subscribe('a/\u0085', 4)]]],
  ['a property not allowed in PUBLISH (Session Expiry Interval)', [['a', connect('a', 5)], ['a', hex('30 09 00 01 74 05 11 00 00 00 01')]]],
  ['a property not allowed in DISCONNECT (Topic Alias)', [['a', connect('a', 5)], ['a', hex('e0 05 00 03 23 00 01')]]],
  ['CONNACK from a client (5.0)', [['a', connect('a', 5)], ['a', hex('20 02 00 00')]]],
  ['SUBACK from a client (3.1.1)', [['a', connect('a', 4)], ['a', hex('90 03 00 01 00')]]],
  ['PINGREQ with reserved flags (5.0)', [['a', connect('a', 5)], ['a', hex('c1 00')]]],
  ['a Response Topic with a wildcard', [['a', connect('a', 5)], ['a', publish('t', 5, { properties: { responseTopic: 'r/+' } })]]],
  ['a topic name with 201 separators', [['a', connect('a', 5)], ['a', publish('a' + '/a'.repeat(201), 5)]]],
  ['Maximum Packet Size 2 announced by the client', [['a', connect('a', 5, { properties: { maximumPacketSize: 2 } })]]],
  ['a PUBLISH of 115 bytes', [['a', connect('a', 5)], ['a', subscribe('big', 5, 0)], ['a', publish('big', 5, { payload: new Uint8Array(108) })]]],
  ['a malformed packet publishes the will; the other client is still served', [
    ['w', connect('w', 4)], ['w', subscribe('status/#', 4)],
    ['d', connect('d', 5, { will: { topic: 'status/d', payload: enc('gone'), qos: 1, retain: false } })],
    ['d', hex('36 05 00 01 61 00 01')], // PUBLISH with QoS 3
    ['w', publish('status/w', 4, { qos: 1, packetId: 2 })],
  ]],
];

/** Some answers spelled out (`<max_packet_size> <sequence>` -> frames client `a` gets). */
const NOTABLE: Record<string, string[]> = {
  '0 protocol level 6': ['20020001', 'closed'], // CONNACK 0x01, 3.1.1 format
  '0 MQTT 3.1 (MQIsdp, level 3), then a publish': ['20020000', '30050001786869'],
  '0 a property not allowed in PUBLISH (Session Expiry Interval)': ['e00181', 'closed'], // DISCONNECT 0x81
  '0 CONNACK from a client (5.0)': ['e00182', 'closed'], // DISCONNECT 0x82
  '60 a PUBLISH of 115 bytes': ['e00195', 'closed'], // DISCONNECT 0x95 Packet too large
};

const STEP_MS = 80;
const SEGMENT_GAP_MS = 30;

/**
 * Scenarios of the language's packets sent on purpose (issue 16): their `send` and `send-hex`
 * lines, compiled as the scenario runner compiles them, are the frames (with their TCP segments).
 */
const SEND_SCENARIOS: Array<[string, string]> = [
  ['send CONNECT --protocol-level 6', 'client a\nat 0s a send CONNECT --protocol-level 6'],
  ['a second CONNECT (5.0)', 'client a\nat 0s a send CONNECT -V mqttv5\nat 1s a send CONNECT -V mqttv5'],
  ['Will QoS 3 (5.0 and 3.1.1)', 'client a\nclient b\nat 0s a send CONNECT -V mqttv5 --will-topic w --will-qos 3\nat 0s b send CONNECT -V mqttv311 --will-topic w --will-qos 3'],
  ['password flag without user name (3.1.1)', 'client a\nat 0s a send CONNECT -V mqttv311 -P pw'],
  ['empty client id with clean 0 (3.1.1)', 'client a\nat 0s a send CONNECT -V mqttv311 -i "" -c'],
  ['PUBLISH to a/+ after CONNECT', "client a\nat 0s a send CONNECT -V mqttv5\nat 1s a send PUBLISH -t 'a/+' -m x"],
  ['a chosen packet id, then PUBLISH QoS 1 id 0', 'client a\nat 0s a send CONNECT -V mqttv311\nat 1s a send SUBSCRIBE -t t -q 1 --packet-id 4242\nat 2s a send PUBLISH -t t -m x -q 1 --packet-id 99\nat 3s a send PUBLISH -t t -m y -q 1 --packet-id 0'],
  ['alias-only PUBLISH, known and unknown alias', 'client a\nat 0s a send CONNECT -V mqttv5 -D topic-alias-maximum 5\nat 1s a send SUBSCRIBE -t t\nat 2s a send PUBLISH -t t -m 1 -D topic-alias 1\nat 3s a send PUBLISH -t "" -m 2 -D topic-alias 1\nat 4s a send PUBLISH -t "" -m 3 -D topic-alias 2'],
  ['payload not UTF-8 with payload format indicator 1', 'client a\nat 0s a send CONNECT -V mqttv5\nat 1s a send SUBSCRIBE -t t\nat 2s a send PUBLISH -t t --payload-hex "ff fe" -D payload-format-indicator 1'],
  ['reserved flags on SUBSCRIBE and PINGREQ', 'client a\nclient b\nat 0s a send CONNECT -V mqttv5\nat 0s b send CONNECT -V mqttv311\nat 1s a send SUBSCRIBE -t t --flags 0\nat 1s b send PINGREQ --flags 1'],
  ['a property PUBLISH does not allow', 'client a\nat 0s a send CONNECT -V mqttv5\nat 1s a send PUBLISH -t t -m x -D session-expiry-interval 9'],
  ['send-hex split across two segments, then a PUBLISH over two lines', 'client a\nat 0s a send-hex "10 0d 00 04 4d 51 54 54" | "04 02 00 3c 00 01 61"\nat 1s a send-hex "82 06 00 01 00 01 74 00"\nat 2s a send-hex "30 08 00 01 74" \\\n   "68 65 6c 6c 6f"'],
  ['two packets in one segment, a third cut in the middle', 'client a\nat 0s a send-hex "10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61 c0 00 30 07" | "00 01 74 68 65 6c 6c 6f"'],
];

/** The frames of a scenario: its raw sends in time order. */
function framesOf(text: string): Frame[] {
  const { scenario, diagnostics } = parseScenario(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('; '));
  return compileScenario(scenario).commands.flatMap(({ command: c }) => (c.type === 'raw.send' ? [[c.client, c.bytes, c.segments] as Frame] : []));
}

function inWorld(config: BrokerConfig, sequence: Frame[]): Answers {
  const clients = [...new Set(sequence.map(([c]) => c))];
  const raw = createMachine({ id: 'raw' });
  let world = createWorld({ seed: 1, broker: brokerActor(config), clients: clients.map((name) => ({ name, machine: raw })) });
  sequence.forEach(([client, bytes, segments], i) => {
    world = schedule(world, i * STEP_MS, { type: 'raw.send', client, bytes, ...(segments ? { segments } : {}) });
  });
  const { entries } = runUntil(world, sequence.length * STEP_MS + 1000);
  const answers: Answers = Object.fromEntries(clients.map((c) => [c, []]));
  for (const e of entries) {
    if (e.kind === 'deliver' && e.from === 'broker' && e.bytes) answers[e.to!]!.push(Buffer.from(e.bytes).toString('hex'));
    if (e.kind === 'note' && clients.includes(e.from) && (e.explain?.key === 'sim.tcp-closed' || e.explain?.key === 'sim.tcp-reset')) answers[e.from]!.push('closed');
  }
  return answers;
}

async function overTcp(port: number, sequence: Frame[]): Promise<Answers> {
  const clients = [...new Set(sequence.map(([c]) => c))];
  const sockets = new Map<string, { socket: Socket; received: Uint8Array[]; closed: boolean }>();
  for (const name of clients) {
    const socket = new Socket();
    const s = { socket, received: [] as Uint8Array[], closed: false };
    socket.on('data', (d) => s.received.push(new Uint8Array(d)));
    socket.on('close', () => (s.closed = true));
    socket.on('error', () => {});
    await new Promise<void>((r) => socket.connect(port, '127.0.0.1', r));
    sockets.set(name, s);
  }
  for (const [client, bytes, segments] of sequence) {
    const s = sockets.get(client)!;
    // Each TCP segment on its own, with a pause between them so the broker reads them apart.
    const cuts = [0, ...(segments ?? []), bytes.length];
    for (let i = 0; i + 1 < cuts.length; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, SEGMENT_GAP_MS));
      if (!s.closed) s.socket.write(bytes.subarray(cuts[i], cuts[i + 1]));
    }
    await new Promise((r) => setTimeout(r, STEP_MS));
  }
  await new Promise((r) => setTimeout(r, 300));
  const answers: Answers = {};
  for (const [name, s] of sockets) {
    answers[name] = [...frames(Buffer.concat(s.received)), ...(s.closed ? ['closed'] : [])];
    s.socket.destroy();
  }
  return answers;
}

describe.each([
  ['default limits', { sysIntervalSec: 0 }],
  ['max_packet_size 60', { sysIntervalSec: 0, maxPacketSize: 60 }],
] as Array<[string, BrokerConfig]>)('the world and the TCP driver answer the same bytes alike (%s)', (_name, config) => {
  test.concurrent.for([...SEQUENCES, ...SEND_SCENARIOS.map(([label, text]): [string, Frame[]] => [`scenario: ${label}`, framesOf(text)])])('%s', async ([_label, sequence], { expect }) => {
    // The world gets what `npm run broker` makes of the same configuration: its own defaults for
    // what the sandbox leaves open (a 16 MiB packet limit, announced to 5.0 clients; limits on
    // queued bytes and on a CONNECT that never comes).
    const effective: BrokerConfig = { connectTimeoutSec: DEFAULT_CONNECT_TIMEOUT_SEC, maxQueuedBytes: DEFAULT_MAX_QUEUED_BYTES, ...config, maxPacketSize: config.maxPacketSize ?? DEFAULT_MAX_PACKET_BYTES };
    const world = inWorld(effective, sequence);
    const broker = new TcpBroker({ port: 0, config, closeGraceMs: 200 });
    const { port } = await broker.start();
    let tcp: Answers;
    try {
      tcp = await overTcp(port, sequence);
    } finally {
      await broker.stop();
    }
    expect(world).toEqual(tcp);
    expect(Object.values(world).flat().length).toBeGreaterThan(0);
    const notable = NOTABLE[`${config.maxPacketSize ?? 0} ${_label}`];
    if (notable) expect(world.a).toEqual(expect.arrayContaining(notable));
  });
});
