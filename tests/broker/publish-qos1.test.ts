import { describe, expect, test } from 'vitest';
import { BrokerHarness } from './harness.ts';

describe('PUBLISH QoS 1', () => {
  test('a QoS 1 PUBLISH is acknowledged with PUBACK and forwarded with the subscriber granted QoS', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 't', 0);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'x', 1, { packetId: 9 });
    expect(h.packetsTo('p')).toEqual([{ type: 'puback', packetId: 9 }]);
    expect(h.publishesTo('s')).toEqual([expect.objectContaining({ topic: 't', qos: 0, retain: false, dup: false })]);
    expect(h.publishesTo('s')[0]!.packetId).toBeUndefined();
    expect(h.refs()).toEqual(expect.arrayContaining(['MQTT-3.8.4-6', 'MQTT-4.3.2-2']));
  });

  test('outgoing QoS 1 uses a packet id and waits for PUBACK', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 't', 1);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'x', 1);
    const out = h.publishesTo('s')[0]!;
    expect(out).toMatchObject({ qos: 1, packetId: 1 });
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.inflight).toEqual([
      { packetId: 1, stage: 'awaiting-puback', topic: 't', qos: 1 },
    ]);
    h.packet('s', { type: 'puback', packetId: 1 });
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.inflight).toEqual([]);
  });

  test('beyond max_inflight_messages messages wait in the queue and follow each PUBACK', () => {
    const h = new BrokerHarness({ maxInflightMessages: 2 });
    h.connect('s', 'sub');
    h.subscribe('s', 't', 1);
    h.connect('p', 'pub');
    h.take();
    for (let i = 1; i <= 4; i++) h.publish('p', 't', `m${i}`, 1, { packetId: i });
    expect(h.publishesTo('s').map((p) => p.packetId)).toEqual([1, 2]);
    expect(h.keys()).toContain('deliver.queued-window-full');
    h.take();
    h.packet('s', { type: 'puback', packetId: 1 });
    expect(h.publishesTo('s').map((p) => p.packetId)).toEqual([3]);
  });

  test('a wildcard in a PUBLISH topic is a protocol error: 5.0 DISCONNECT 0x82, as from Mosquitto', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.take();
    h.publish('p', 'a/+', 'x');
    expect(h.packetsTo('p')).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    expect(h.closedConns()).toEqual(['p']);
    expect(h.refs()).toContain('MQTT-3.3.2-2');
  });
});
