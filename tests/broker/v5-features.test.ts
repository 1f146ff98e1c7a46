import { describe, expect, test } from 'vitest';
import { BrokerHarness } from './harness.ts';

describe('MQTT 5.0 features', () => {
  test('no local: a client does not receive its own messages', () => {
    const h = new BrokerHarness();
    h.connect('c', 'me', { protocolVersion: 5 });
    h.subscribe('c', 't', 0, 1, { noLocal: true });
    h.take();
    h.publish('c', 't', 'x');
    expect(h.publishesTo('c')).toEqual([]);
    expect(h.refs()).toContain('MQTT-3.8.3-3');
  });

  test('subscription identifiers, user properties and response topic are forwarded', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.packet('s', { type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 't', qos: 0 }], properties: { subscriptionIdentifiers: [42] } });
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.take();
    h.publish('p', 't', 'x', 0, { properties: { userProperties: [['k', 'v']], responseTopic: 'r', payloadFormatIndicator: 1 } });
    expect(h.publishesTo('s')[0]!.properties).toEqual({
      userProperties: [['k', 'v']],
      responseTopic: 'r',
      payloadFormatIndicator: 1,
      subscriptionIdentifiers: [42],
    });
  });

  test('topic aliases resolve, and an alias above the maximum gets DISCONNECT 0x94', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 'long/topic');
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.publish('p', 'long/topic', 'a', 0, { properties: { topicAlias: 1 } });
    h.publish('p', '', 'b', 0, { properties: { topicAlias: 1 } });
    expect(h.publishesTo('s').map((p) => p.topic)).toEqual(['long/topic', 'long/topic']);
    h.take();
    h.publish('p', 'x', 'c', 0, { properties: { topicAlias: 11 } });
    expect(h.packetsTo('p')).toEqual([{ type: 'disconnect', reasonCode: 0x94 }]);
  });

  // 3.3.2.3.4: "A Topic Alias of 0 is not permitted" (MQTT-3.3.2-8). The packet parses, so it is
  // a Protocol Error (1.2), 0x82, as the codec answers for the bytes; 0x94 is defined for an alias
  // above the maximum (3.14.2.1). Mosquitto 2.0.11 sends 0x81 (tests/fidelity/topic-alias-maximum).
  test('topic alias 0 gets DISCONNECT 0x82 Protocol Error, citing MQTT-3.3.2-8, and is not delivered', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 'long/topic');
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.take();
    h.publish('p', 'long/topic', 'a', 0, { properties: { topicAlias: 0 } });
    expect(h.packetsTo('p')).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.keys()).toContain('publish.topic-alias-zero');
    expect(h.refs()).toContain('MQTT-3.3.2-8');
  });

  test('message expiry: the remaining interval is forwarded and expired queued messages are dropped', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5, clean: false, properties: { sessionExpiryIntervalSec: 1000 } });
    h.subscribe('s', 't', 1);
    h.closed('s');
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.publish('p', 't', 'short', 1, { packetId: 1, properties: { messageExpiryIntervalSec: 5 } });
    h.publish('p', 't', 'long', 1, { packetId: 2, properties: { messageExpiryIntervalSec: 60 } });
    h.advance(10_000);
    h.take();
    h.connect('s2', 'sub', { protocolVersion: 5, clean: false, properties: { sessionExpiryIntervalSec: 1000 } });
    const pubs = h.publishesTo('s2');
    expect(pubs).toHaveLength(1);
    expect(pubs[0]!.properties?.messageExpiryIntervalSec).toBe(50);
    expect(h.refs()).toContain('MQTT-3.3.2-5');
  });

  test('message expiry: an unacknowledged message is resent on reconnect after its interval passed, with interval 0 (MQTT-4.4.0-1)', () => {
    const h = new BrokerHarness();
    const session = { protocolVersion: 5 as const, clean: false, properties: { sessionExpiryIntervalSec: 1000 } };
    h.connect('s', 'sub', session);
    h.subscribe('s', 't', 1);
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.publish('p', 't', 'sent', 1, { packetId: 1, properties: { messageExpiryIntervalSec: 5 } });
    expect(h.publishesTo('s')[0]!.properties?.messageExpiryIntervalSec).toBe(5);
    h.closed('s');
    h.advance(10_000);
    h.take();
    h.connect('s2', 'sub', session);
    const pubs = h.publishesTo('s2');
    expect(pubs).toEqual([expect.objectContaining({ dup: true, properties: { messageExpiryIntervalSec: 0 } })]);
    expect(h.keys()).toContain('deliver.expired-resent');
  });

  test('receive maximum: no more unacknowledged QoS 1 messages than the client allows', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5, properties: { receiveMaximum: 1 } });
    h.subscribe('s', 't', 1);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'a', 1, { packetId: 1 });
    h.publish('p', 't', 'b', 1, { packetId: 2 });
    expect(h.publishesTo('s')).toHaveLength(1);
  });

  test('maximum packet size: a larger PUBLISH is not sent to the client', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5, properties: { maximumPacketSize: 20 } });
    h.subscribe('s', 't');
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'x'.repeat(50));
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.refs()).toContain('MQTT-3.1.2-25');
  });

  test('a malformed packet after CONNECT gets DISCONNECT with the codec reason code', () => {
    const h = new BrokerHarness();
    h.connect('c', 'a', { protocolVersion: 5 });
    h.take();
    h.send({ type: 'NET.MALFORMED', connId: 'c', error: { reasonCode: 0x81, ref: 'MQTT-1.5.4-1', message: 'bad', key: 'x', offset: 0 } });
    expect(h.packetsTo('c')).toEqual([{ type: 'disconnect', reasonCode: 0x81 }]);
    expect(h.closedConns()).toEqual(['c']);
  });
});
