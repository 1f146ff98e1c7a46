/**
 * Behaviour found by the differential tests against Mosquitto 2.0.11 (tests/fidelity), pinned
 * here on the pure machine so it stays put without a real broker.
 */
import { describe, expect, test } from 'vitest';
import { BrokerHarness } from './harness.ts';

describe('as Mosquitto 2.0.11 does it', () => {
  test('a 3.1.1 client with keep alive 0 is accepted, with an explanation (max_keepalive does not apply to 0)', () => {
    const h = new BrokerHarness({ maxKeepAliveSec: 30 });
    const connack = h.connect('c', 'sensor', { keepAliveSec: 0 });
    expect(connack.reasonCode).toBe(0);
    expect(h.keys()).toContain('connect.keep-alive-off');
    expect(h.timers.filter((t) => t.id.startsWith('keepalive:'))).toEqual([]);
  });

  test('a 5.0 client with keep alive 0 is told the maximum as Server Keep Alive', () => {
    const h = new BrokerHarness({ maxKeepAliveSec: 30 });
    expect(h.connect('c', 'sensor', { protocolVersion: 5, keepAliveSec: 0 }).properties?.serverKeepAliveSec).toBe(30);
  });

  // Not pinned: PUBREL (PUBREC) for an unknown packet ID. Mosquitto answers PUBCOMP (PUBREL)
  // reason 0; ours follows 5.0 with 0x92 (tests/broker/publish-qos2.test.ts).

  test('a queued message is numbered when it is queued: an expired one leaves a gap in the packet IDs', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5, clean: false, properties: { sessionExpiryIntervalSec: 300 } });
    h.subscribe('s', 'e/#', 1);
    h.packet('s', { type: 'disconnect' });
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.publish('p', 'e/short', 'gone', 1, { properties: { messageExpiryIntervalSec: 1 } });
    h.publish('p', 'e/long', 'stays', 1, { packetId: 2 });
    h.advance(2000);
    h.take();
    h.connect('s2', 'sub', { protocolVersion: 5, clean: false, properties: { sessionExpiryIntervalSec: 300 } });
    expect(h.publishesTo('s2').map((p) => [p.topic, p.packetId])).toEqual([['e/long', 2]]);
  });

  test('5.0 PUBACK 0x10 only when no subscription matched; one the ACL or No Local holds back still counts', () => {
    const h = new BrokerHarness({ acl: 'topic write #\npattern read nobody/%c' });
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', 'a/#', 1);
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.take();
    h.publish('p', 'a/b', 'held back by the ACL', 1);
    h.publish('p', 'z', 'nobody', 1, { packetId: 2 });
    expect(h.packetsTo('p')).toEqual([
      { type: 'puback', packetId: 1, reasonCode: 0 },
      { type: 'puback', packetId: 2, reasonCode: 0x10 },
    ]);
    expect(h.publishesTo('s')).toEqual([]);
  });

  test('a client cannot publish on $SYS or $share topics: acknowledged (5.0: 0x87), not delivered', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', '$SYS/x', 1);
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.take();
    h.publish('p', '$SYS/x', 'fake', 1);
    h.publish('p', '$share/g/x', 'fake', 1, { packetId: 2 });
    h.publish('p', '$app/x', 'fine', 0);
    expect(h.packetsTo('p')).toEqual([
      { type: 'puback', packetId: 1, reasonCode: 0x87 },
      { type: 'puback', packetId: 2, reasonCode: 0x87 },
    ]);
    expect(h.publishesTo('s')).toEqual([]);
    expect(h.keys()).toContain('publish.dollar-denied');
  });
});
