import { describe, expect, test } from 'vitest';
import { BrokerHarness, dec } from './harness.ts';

describe('retained messages', () => {
  test('a new subscription receives the retained message with RETAIN=1 at min(QoS)', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub');
    h.publish('p', 'plant/temp', '21.5', 1, { retain: true });
    h.connect('s', 'sub');
    h.take();
    h.subscribe('s', 'plant/#', 0);
    const [suback, pub] = h.packetsTo('s');
    expect(suback).toEqual({ type: 'suback', packetId: 1, reasonCodes: [0] });
    expect(pub).toMatchObject({ type: 'publish', topic: 'plant/temp', retain: true, qos: 0 });
    expect(h.refs()).toContain('MQTT-3.3.1-6');
  });

  test('forwarding to existing subscribers clears RETAIN', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 't');
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'x', 0, { retain: true });
    expect(h.publishesTo('s')[0]!.retain).toBe(false);
    expect(h.refs()).toEqual(expect.arrayContaining(['MQTT-3.3.1-5', 'MQTT-3.3.1-9']));
  });

  test('a retained message is replaced, and an empty payload clears it', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub');
    h.publish('p', 't', 'one', 0, { retain: true });
    h.publish('p', 't', 'two', 0, { retain: true });
    expect(h.view().retained.map((m) => m.payload)).toEqual(['two']);
    h.take();
    h.publish('p', 't', '', 0, { retain: true });
    expect(h.view().retained).toEqual([]);
    expect(h.refs()).toContain('MQTT-3.3.1-10');
    h.connect('s', 'sub');
    h.take();
    h.subscribe('s', 't');
    expect(h.publishesTo('s')).toEqual([]);
  });

  test('5.0 retain handling 2 sends no retained messages, 1 only for new subscriptions', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub');
    h.publish('p', 't', 'x', 0, { retain: true });
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.take();
    h.subscribe('s', 't', 0, 1, { retainHandling: 2 });
    expect(h.publishesTo('s')).toEqual([]);
    h.subscribe('s', 'u/#', 0, 2, { retainHandling: 1 });
    h.take();
    h.subscribe('s', 't', 0, 3, { retainHandling: 1 });
    expect(h.publishesTo('s')).toEqual([]);
    h.subscribe('s', 't', 0, 4, { retainHandling: 0 });
    expect(h.publishesTo('s').map((p) => dec(p.payload))).toEqual(['x']);
  });

  test('a shared subscription gets no retained messages', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub');
    h.publish('p', 't', 'x', 0, { retain: true });
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.take();
    h.subscribe('s', '$share/g/t');
    expect(h.publishesTo('s')).toEqual([]);
  });

  test('5.0 retain as published keeps RETAIN when forwarding', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', 't', 0, 1, { retainAsPublished: true });
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 't', 'x', 0, { retain: true });
    expect(h.publishesTo('s')[0]!.retain).toBe(true);
  });

  test('with retain unavailable a 5.0 retained PUBLISH gets DISCONNECT 0x9A', () => {
    const h = new BrokerHarness({ retainAvailable: false });
    expect(h.connect('p', 'pub', { protocolVersion: 5 }).properties?.retainAvailable).toBe(0);
    h.take();
    h.publish('p', 't', 'x', 0, { retain: true });
    expect(h.packetsTo('p')).toEqual([{ type: 'disconnect', reasonCode: 0x9a }]);
  });
});
