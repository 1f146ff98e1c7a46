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
});
