/**
 * Issue 20 (Fidelity II): rules the broker got wrong, and choices the spec leaves open where
 * the broker now does what Mosquitto 2.0 does. Each test failed before its fix.
 */
import { describe, expect, test } from 'vitest';
import { decode, encode, type ConnectPacket, type Packet } from '../../src/core/codec/index.ts';
import { brokerDecoderLimits, resolveConfig, type BrokerConfig } from '../../src/core/broker/index.ts';
import { BrokerHarness, enc } from './harness.ts';

const brokerDecoderLimitsFor = (config: BrokerConfig) => brokerDecoderLimits(resolveConfig(config));

const will = (topic: string) => ({ topic, payload: enc('gone'), qos: 1 as const, retain: true });

describe('item 2: the will topic is a topic name (MQTT-3.1.3-11, MQTT-4.7.3-1, MQTT-3.3.2-2)', () => {
  test.each([
    [4, ''], [5, ''], [4, 'a/#'], [5, '#'], [4, 'a/+/b'],
  ] as const)('version %i, will topic "%s": the CONNECT is refused, closed without CONNACK', (version, topic) => {
    const h = new BrokerHarness();
    h.open('c');
    h.packet('c', { type: 'connect', protocolVersion: version, clean: true, keepAliveSec: 60, clientId: 'dev', will: will(topic) });
    expect(h.packetsTo('c')).toEqual([]);
    expect(h.closedConns()).toEqual(['c']);
    expect(h.view().sessions).toEqual([]);
  });

  test('a refused wildcard will never reaches a # subscriber, not even as a retained message', () => {
    const h = new BrokerHarness();
    h.open('c');
    h.packet('c', { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 60, clientId: 'dev', will: will('a/#') });
    h.closed('c');
    h.connect('s', 'sub');
    h.subscribe('s', '#', 1);
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.view().retained).toEqual([]);
  });
});

describe('item 3: a Response Topic is a topic name (MQTT-3.3.2-14)', () => {
  test('a PUBLISH whose Response Topic has a wildcard closes with DISCONNECT 0x82 and is not forwarded', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', 'req', 0);
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.take();
    h.publish('p', 'req', 'x', 0, { properties: { responseTopic: 'reply/#' } });
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.packetsTo('p')).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    expect(h.refs()).toContain('MQTT-3.3.2-14');
  });
});

describe('item 4 and MQTT 3.1: unsupported protocol levels get CONNACK 0x01, as from Mosquitto', () => {
  const connectLevel = (name: string, level: number) => {
    const n = enc(name);
    // CONNECT: name, level, flags 02 (clean), keep alive 60, client id "c"
    return new Uint8Array([0x10, 2 + n.length + 1 + 1 + 2 + 3, 0, n.length, ...n, level, 0x02, 0, 60, 0, 1, 0x63]);
  };
  test.each([['MQTT', 2], ['MQTT', 3], ['MQTT', 6], ['MQTT', 99], ['MQIsdp', 4]] as const)('%s level %i: CONNACK 0x01 (3.1.1 format), then close', (name, level) => {
    const r = decode(connectLevel(name, level), 4);
    expect(r.kind).toBe('error');
    const h = new BrokerHarness();
    h.open('c');
    h.send({ type: 'NET.MALFORMED', connId: 'c', error: (r as Extract<typeof r, { kind: 'error' }>).error });
    expect(h.sentTo('c')).toEqual([{ connId: 'c', version: 4, packet: { type: 'connack', sessionPresent: false, reasonCode: 0x01 } }]);
    expect(h.closedConns()).toEqual(['c']);
  });

  test('MQTT 3.1 (MQIsdp, level 3) is accepted and served as 3.1.1; the CONNECT encodes back to the same bytes', () => {
    const bytes = connectLevel('MQIsdp', 3);
    const r = decode(bytes, 4);
    expect(r.kind).toBe('packet');
    const packet = (r as { packet: ConnectPacket }).packet;
    expect(packet).toMatchObject({ protocolVersion: 4, protocolName: 'MQIsdp', clientId: 'c' });
    expect(encode(packet, 4)).toEqual(bytes);
    const h = new BrokerHarness();
    h.open('c');
    h.packet('c', packet);
    expect(h.packetsTo('c')).toEqual([{ type: 'connack', sessionPresent: false, reasonCode: 0 }]);
  });

  test('MQTT 3.1 with an empty client ID: CONNACK 0x02 (3.1 has no assigned IDs)', () => {
    const h = new BrokerHarness();
    h.open('c');
    h.packet('c', { type: 'connect', protocolVersion: 4, protocolName: 'MQIsdp', clean: true, keepAliveSec: 60, clientId: '' });
    expect(h.packetsTo('c')).toEqual([{ type: 'connack', sessionPresent: false, reasonCode: 0x02 }]);
    expect(h.closedConns()).toEqual(['c']);
  });
});

describe('Mosquitto 2.0: control characters close the connection as malformed', () => {
  test.each([
    ['client id', { clientId: 'a\u0001b' }],
    ['user name', { clientId: 'a', username: 'u\u007f' }],
    ['will topic', { clientId: 'a', will: will('w/\u009f') }],
  ] as const)('in the CONNECT %s: closed without CONNACK', (_what, fields) => {
    const h = new BrokerHarness();
    h.open('c');
    h.packet('c', { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 60, ...fields } as Packet);
    expect(h.packetsTo('c')).toEqual([]);
    expect(h.closedConns()).toEqual(['c']);
  });

  test.each([
    ['PUBLISH topic', { type: 'publish', topic: 'a/\u001fb', payload: enc(''), qos: 0, retain: false, dup: false }],
    ['SUBSCRIBE filter', { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/\u0085', qos: 0 }] }],
    ['UNSUBSCRIBE filter', { type: 'unsubscribe', packetId: 1, topicFilters: ['\u0010'] }],
  ] as const)('in a %s: 5.0 DISCONNECT 0x81', (_what, packet) => {
    const h = new BrokerHarness();
    h.connect('c', 'a', { protocolVersion: 5 });
    h.take();
    h.packet('c', packet as Packet);
    expect(h.packetsTo('c')).toEqual([{ type: 'disconnect', reasonCode: 0x81 }]);
    expect(h.closedConns()).toEqual(['c']);
  });

  test('other characters (tab excluded) pass: é, €, emoji', () => {
    const h = new BrokerHarness();
    h.connect('c', 'é€😀', { protocolVersion: 5 });
    h.subscribe('c', 'é/€/😀', 0);
    expect(h.packetsTo('c').map((p) => p.type)).toEqual(['connack', 'suback']);
  });
});

describe('Mosquitto 2.0: at most 200 level separators in a topic name or filter', () => {
  test('a filter with 200 `/` is granted, with 201 the connection is closed (5.0: 0x81)', () => {
    const h = new BrokerHarness();
    h.connect('c', 'a', { protocolVersion: 5 });
    h.take();
    h.subscribe('c', '/'.repeat(200), 0, 1);
    expect(h.packetsTo('c')).toEqual([{ type: 'suback', packetId: 1, reasonCodes: [0] }]);
    h.take();
    h.subscribe('c', '/'.repeat(201), 0, 2);
    expect(h.packetsTo('c')).toEqual([{ type: 'disconnect', reasonCode: 0x81 }]);
  });

  test('a topic name with 201 `/` closes with 0x82; a will topic with 201 closes the CONNECT', () => {
    const h = new BrokerHarness();
    h.connect('c', 'a', { protocolVersion: 5 });
    h.take();
    h.publish('c', 'a' + '/a'.repeat(201), 'x');
    expect(h.packetsTo('c')).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    h.take();
    h.open('w');
    h.packet('w', { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 60, clientId: 'w', will: will('/'.repeat(201)) });
    expect(h.packetsTo('w')).toEqual([]);
    expect(h.closedConns()).toEqual(['w']);
  });
});

describe('Mosquitto 2.0: $SYS/broker/connection/+/state may be published', () => {
  test('a bridge state message reaches its subscriber; other $SYS topics are dropped', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', '$SYS/#', 0);
    h.connect('p', 'bridge');
    h.take();
    h.publish('p', '$SYS/broker/connection/bridge/state', '1');
    h.publish('p', '$SYS/broker/uptime', '0');
    expect(h.publishesTo('s').map((p) => p.topic)).toEqual(['$SYS/broker/connection/bridge/state']);
  });
});

describe('item 6: nothing larger than the client\'s Maximum Packet Size, not even the CONNACK (MQTT-3.1.2-24)', () => {
  test('Maximum Packet Size 2: closed without CONNACK and without a session, as by Mosquitto', () => {
    const h = new BrokerHarness();
    h.open('c');
    h.packet('c', { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 60, clientId: 'tiny', properties: { maximumPacketSize: 2 } });
    expect(h.packetsTo('c')).toEqual([]);
    expect(h.closedConns()).toEqual(['c']);
    expect(h.refs()).toContain('MQTT-3.1.2-24');
    expect(h.view().sessions).toEqual([]);
  });

  test('a Maximum Packet Size the CONNACK fits in: accepted', () => {
    const h = new BrokerHarness();
    expect(h.connect('c', 'small', { protocolVersion: 5, properties: { maximumPacketSize: 20 } }).reasonCode).toBe(0);
  });
});

describe('item 7: the broker decides what it decodes; both drivers use it', () => {
  test('brokerDecoderLimits: the configured max_packet_size, server-only packet types refused', () => {
    const r = decode(new Uint8Array([0x30, 0x3d, 0x00, 0x01, 0x74, ...new Array<number>(58).fill(0x61)]), 4, brokerDecoderLimitsFor({ maxPacketSize: 60 }));
    expect(r).toMatchObject({ kind: 'error', error: { reasonCode: 0x95 } });
    const connack = decode(new Uint8Array([0x20, 0x02, 0x00, 0x00]), 4, brokerDecoderLimitsFor({}));
    expect(connack).toMatchObject({ kind: 'error', error: { reasonCode: 0x82, key: 'codec.error.server-only-packet' } });
  });
});

describe('Mosquitto 2.0: retained messages go out in topic-tree order', () => {
  test('depth first, nodes in the order they were created; `a/#` sends `a` after its children', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub');
    for (const t of ['a/b', 'c', 'a', 'a/b/c', 'b', 'a/d']) h.publish('p', t, t, 0, { retain: true });
    h.connect('s', 'sub');
    h.subscribe('s', '#', 0, 1);
    h.subscribe('s', 'a/#', 0, 2);
    const topics = h.publishesTo('s').map((p) => p.topic);
    expect(topics).toEqual(['a', 'a/b', 'a/b/c', 'a/d', 'c', 'b', 'a/b', 'a/b/c', 'a/d', 'a']);
  });
});
