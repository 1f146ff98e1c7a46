import { describe, expect, test } from 'vitest';
import { BrokerHarness, dec } from './harness.ts';

describe('SUBSCRIBE / UNSUBSCRIBE', () => {
  test('SUBACK grants the requested QoS', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.take();
    h.packet('s', { type: 'subscribe', packetId: 7, subscriptions: [{ topicFilter: 'a/+', qos: 2 }, { topicFilter: 'b/#', qos: 1 }] });
    expect(h.packetsTo('s')).toEqual([{ type: 'suback', packetId: 7, reasonCodes: [2, 1] }]);
    expect(h.refs()).toContain('MQTT-3.8.4-1');
  });

  test('an invalid filter closes the connection, as Mosquitto does', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.take();
    h.subscribe('s', 'a/#/b');
    expect(h.sentTo('s')).toEqual([]);
    expect(h.closedConns()).toEqual(['s']);
    expect(h.refs()).toContain('mosquitto:invalid-subscription');
  });

  test.each(['$share//a', '$share/g', '$share/g+/a', 'a/b#', 'a+/b'])('the invalid filter %s closes the connection (topic layer rules)', (filter) => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.take();
    h.subscribe('s', filter);
    expect(h.packetsTo('s')).toEqual([{ type: 'disconnect', reasonCode: 0x81 }]);
    expect(h.closedConns()).toEqual(['s']);
  });

  test('a 3.1.1 client may use a shared subscription, as with Mosquitto 2.0', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub1');
    h.connect('s2', 'sub2');
    h.subscribe('s1', '$share/g/a/#');
    h.subscribe('s2', '$share/g/a/#');
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 'a/x', '1');
    h.publish('p', 'a/y', '2');
    expect(h.publishesTo('s1').length + h.publishesTo('s2').length).toBe(2);
    expect(h.publishesTo('s1').length).toBe(1);
  });

  test('subscribing again to the same filter replaces the subscription', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 'a', 2);
    h.take();
    h.subscribe('s', 'a', 0);
    expect(h.refs()).toContain('MQTT-3.8.4-3');
    expect(h.view().sessions[0]!.subscriptions).toEqual([expect.objectContaining({ filter: 'a', qos: 0 })]);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 'a', 'x', 1);
    expect(h.publishesTo('s').map((p) => p.qos)).toEqual([0]);
  });

  test('wildcard subscriptions do not receive $ topics', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', '#');
    h.connect('p', 'pub');
    h.take();
    h.publish('p', '$internal/x', 'x');
    expect(h.publishesTo('s')).toEqual([]);
  });

  test('overlapping subscriptions: a 3.1.1 client gets one copy at the highest matching QoS (MQTT-3.3.5-1)', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 'a/#', 0, 1);
    h.subscribe('s', 'a/b', 1, 2);
    h.subscribe('s', 'a/+', 2, 3);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 'a/b', 'x', 2).packet('p', { type: 'pubrel', packetId: 1 });
    expect(h.publishesTo('s').map((p) => [p.qos, p.packetId])).toEqual([[2, 1]]);
    expect(h.refs()).toContain('MQTT-3.3.5-1');
    h.take();
    // Mosquitto uses up a packet ID for each QoS > 0 copy it does not send (a/+ took 2; a/# was
    // QoS 0): the next message gets 3.
    h.publish('p', 'a/b', 'y', 1, { packetId: 2 });
    expect(h.publishesTo('s').map((p) => [p.qos, p.packetId])).toEqual([[1, 3]]);
  });

  test('overlapping subscriptions: a 5.0 client gets one copy each, in Mosquitto order (literal, +, #)', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', 'a/#', 0, 1);
    h.subscribe('s', '#', 0, 2);
    h.subscribe('s', 'a/+', 2, 3);
    h.subscribe('s', 'a/b', 1, 4);
    h.subscribe('s', 'a/b/#', 1, 5);
    h.subscribe('s', '+/b', 1, 6);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 'a/b', 'x', 2).packet('p', { type: 'pubrel', packetId: 1 });
    expect(h.publishesTo('s').map((p) => p.qos)).toEqual([1, 1, 2, 0, 1, 0]);
  });

  test('UNSUBACK is sent even when nothing was subscribed; 5.0 says 0x11', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.subscribe('s', 'a');
    h.take();
    h.packet('s', { type: 'unsubscribe', packetId: 3, topicFilters: ['a', 'zzz'] });
    expect(h.packetsTo('s')).toEqual([{ type: 'unsuback', packetId: 3, reasonCodes: [0, 0x11] }]);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 'a', 'x');
    expect(h.publishesTo('s')).toEqual([]);
  });

  test('a shared subscription delivers each message to one member, round robin', () => {
    const h = new BrokerHarness();
    h.connect('a', 'worker-a', { protocolVersion: 5 });
    h.connect('b', 'worker-b', { protocolVersion: 5 });
    h.subscribe('a', '$share/g/jobs/#', 1);
    h.subscribe('b', '$share/g/jobs/#', 1);
    h.connect('p', 'pub');
    h.take();
    for (let i = 0; i < 4; i++) h.publish('p', 'jobs/1', `j${i}`, 0);
    expect(h.publishesTo('a').map((p) => dec(p.payload))).toEqual(['j0', 'j2']);
    expect(h.publishesTo('b').map((p) => dec(p.payload))).toEqual(['j1', 'j3']);
    expect(h.refs()).toContain('4.8.2');
  });

  test('a shared group takes turns in the order its members joined; one who leaves and joins again goes last (Mosquitto 2.0 order)', () => {
    const h = new BrokerHarness();
    for (const [conn, id] of [['z', 'worker-z'], ['a', 'worker-a'], ['m', 'worker-m']] as const) {
      h.connect(conn, id, { protocolVersion: 5 });
      h.subscribe(conn, '$share/g/jobs/#', 1);
    }
    h.connect('p', 'pub');
    h.take();
    const got = () => ['z', 'a', 'm'].map((c) => h.publishesTo(c).map((p) => dec(p.payload)).join(' '));
    for (let i = 0; i < 4; i++) h.publish('p', 'jobs/1', `j${i}`, 0);
    expect(got()).toEqual(['j0 j3', 'j1', 'j2']);
    // a's turn is next; it leaves and joins again, and m subscribes again (it keeps its place).
    h.packet('a', { type: 'unsubscribe', packetId: 9, topicFilters: ['$share/g/jobs/#'] });
    h.subscribe('a', '$share/g/jobs/#', 1);
    h.subscribe('m', '$share/g/jobs/#', 1);
    h.take();
    for (let i = 4; i < 7; i++) h.publish('p', 'jobs/1', `j${i}`, 0);
    expect(got()).toEqual(['j5', 'j6', 'j4']);
  });
});

