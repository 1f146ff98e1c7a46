import { describe, expect, test } from 'vitest';
import { BrokerHarness } from './harness.ts';

describe('PUBLISH QoS 2', () => {
  test('inbound QoS 2: PUBREC, then forwarded on PUBREL with PUBCOMP (Mosquitto)', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 't', 2);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'x', 2, { packetId: 5 });
    expect(h.packetsTo('p')).toEqual([{ type: 'pubrec', packetId: 5 }]);
    expect(h.publishesTo('s')).toEqual([]);
    h.take();
    h.packet('p', { type: 'pubrel', packetId: 5 });
    expect(h.publishesTo('s')).toEqual([expect.objectContaining({ qos: 2, packetId: 1 })]);
    expect(h.packetsTo('p')).toEqual([{ type: 'pubcomp', packetId: 5 }]);
  });

  test('a duplicate QoS 2 PUBLISH before PUBREL is not forwarded twice', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 't', 2);
    h.connect('p', 'pub');
    h.publish('p', 't', 'x', 2, { packetId: 5 });
    h.publish('p', 't', 'x', 2, { packetId: 5, dup: true });
    h.take();
    h.packet('p', { type: 'pubrel', packetId: 5 });
    h.packet('p', { type: 'pubrel', packetId: 5 });
    expect(h.publishesTo('s')).toHaveLength(1);
    expect(h.packetsTo('p')).toEqual([
      { type: 'pubcomp', packetId: 5 },
      { type: 'pubcomp', packetId: 5 },
    ]);
  });

  test('a duplicate QoS 2 PUBLISH is answered with PUBREC again and explained', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub');
    h.publish('p', 't', 'x', 2, { packetId: 5 });
    h.take();
    h.publish('p', 't', 'x', 2, { packetId: 5, dup: true });
    expect(h.packetsTo('p')).toEqual([{ type: 'pubrec', packetId: 5 }]);
    expect(h.refs()).toContain('MQTT-4.3.3-2');
  });

  test('outbound QoS 2 goes PUBLISH, PUBREC, PUBREL, PUBCOMP', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 't', 2);
    h.connect('p', 'pub');
    h.publish('p', 't', 'x', 2, { packetId: 5 });
    h.packet('p', { type: 'pubrel', packetId: 5 });
    h.take();
    h.packet('s', { type: 'pubrec', packetId: 1 });
    expect(h.packetsTo('s')).toEqual([{ type: 'pubrel', packetId: 1 }]);
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.inflight[0]!.stage).toBe('awaiting-pubcomp');
    h.packet('s', { type: 'pubcomp', packetId: 1 });
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.inflight).toEqual([]);
  });

  // 5.0 names the code for an id the receiver or sender does not know: PUBCOMP and PUBREL
  // reason 0x92 Packet Identifier not found (3.6.2.1, 3.7.2.1; MQTT-3.6.2-1, MQTT-3.7.2-1).
  // Mosquitto 2.0.11 answers both with reason 0; 3.1.1 has no reason code.
  test.each([
    [5, 0x92, 'MQTT-3.7.2-1'],
    [4, undefined, 'MQTT-4.3.3-2'],
  ] as const)('a PUBREL for an unknown packet id gets PUBCOMP, reason %s: %s', (version, reasonCode, ref) => {
    const h = new BrokerHarness();
    h.connect('p', 'pub', { protocolVersion: version });
    h.publish('p', 't', 'x', 2, { packetId: 5 });
    h.packet('p', { type: 'pubrel', packetId: 5 });
    h.take();
    h.packet('p', { type: 'pubrel', packetId: 5 }); // the PUBCOMP was lost: PUBREL again
    expect(h.packetsTo('p')).toEqual([{ type: 'pubcomp', packetId: 5, ...(reasonCode === undefined ? {} : { reasonCode }) }]);
    expect(h.keys()).toEqual(['pubrel.unknown-id']);
    expect(h.refs()).toEqual([ref]);
  });

  test.each([
    [5, 0x92, 'MQTT-3.6.2-1'],
    [4, undefined, 'MQTT-4.3.3-1'],
  ] as const)('a PUBREC for a packet id the broker is not waiting for gets PUBREL, reason %s: %s', (version, reasonCode, ref) => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: version });
    h.take();
    h.packet('s', { type: 'pubrec', packetId: 9 });
    expect(h.packetsTo('s')).toEqual([{ type: 'pubrel', packetId: 9, ...(reasonCode === undefined ? {} : { reasonCode }) }]);
    expect(h.keys()).toEqual(['ack.pubrec-unknown']);
    expect(h.refs()).toEqual([ref]);
  });

  test('a repeated PUBREC for a message awaiting PUBCOMP gets its PUBREL again, reason 0 (the id is known)', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', 't', 2);
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.publish('p', 't', 'x', 2, { packetId: 5 });
    h.packet('p', { type: 'pubrel', packetId: 5 });
    h.packet('s', { type: 'pubrec', packetId: 1 });
    h.take();
    h.packet('s', { type: 'pubrec', packetId: 1 });
    expect(h.packetsTo('s')).toEqual([{ type: 'pubrel', packetId: 1, reasonCode: 0 }]);
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.inflight[0]!.stage).toBe('awaiting-pubcomp');
  });
});
