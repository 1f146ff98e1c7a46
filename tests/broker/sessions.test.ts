import { describe, expect, test } from 'vitest';
import { BrokerHarness, dec } from './harness.ts';

describe('persistent sessions', () => {
  test('a resumed session has session present 1 and keeps its subscriptions', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 1);
    h.closed('s1');
    expect(h.connect('s2', 'sub', { clean: false }).sessionPresent).toBe(true);
    expect(h.refs()).toContain('MQTT-3.2.2-2');
  });

  test('clean session discards the stored session', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 1);
    h.closed('s1');
    h.take();
    expect(h.connect('s2', 'sub', { clean: true }).sessionPresent).toBe(false);
    expect(h.refs()).toContain('MQTT-3.1.2-6');
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.subscriptions).toEqual([]);
  });

  test('QoS 1 messages are queued while offline and delivered on reconnect; QoS 0 is not queued', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 1);
    h.closed('s1');
    h.connect('p', 'pub');
    h.publish('p', 't', 'q0', 0);
    h.publish('p', 't', 'q1', 1);
    expect(h.keys()).toEqual(expect.arrayContaining(['deliver.qos0-offline-dropped', 'deliver.queued-offline']));
    h.take();
    h.connect('s2', 'sub', { clean: false });
    expect(h.publishesTo('s2').map((p) => dec(p.payload))).toEqual(['q1']);
  });

  test('unacknowledged messages are resent with DUP=1 and the same packet id after reconnect', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 2);
    h.subscribe('s1', 'u', 1, 2);
    h.connect('p', 'pub');
    h.publish('p', 't', 'two', 2, { packetId: 1 });
    h.packet('p', { type: 'pubrel', packetId: 1 });
    h.publish('p', 'u', 'one', 1, { packetId: 2 });
    h.packet('s1', { type: 'pubrec', packetId: 1 });
    h.closed('s1');
    h.take();
    h.connect('s2', 'sub', { clean: false });
    const packets = h.packetsTo('s2');
    expect(packets[1]).toEqual({ type: 'pubrel', packetId: 1 });
    expect(packets[2]).toMatchObject({ type: 'publish', topic: 'u', packetId: 2, dup: true });
    expect(h.refs()).toContain('MQTT-4.4.0-1');
  });

  test('max_queued_messages drops the newest message when the queue is full', () => {
    const h = new BrokerHarness({ maxQueuedMessages: 2 });
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 1);
    h.closed('s1');
    h.connect('p', 'pub');
    h.take();
    for (let i = 0; i < 3; i++) h.publish('p', 't', `m${i}`, 1, { packetId: i + 1 });
    expect(h.keys()).toContain('deliver.queue-full');
    expect(h.view().sessions.find((s) => s.clientId === 'sub')!.queuedCount).toBe(2);
  });

  test('a 5.0 session expires after its session expiry interval', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { protocolVersion: 5, clean: false, properties: { sessionExpiryIntervalSec: 30 } });
    h.closed('s1');
    h.advance(29_999);
    expect(h.view().sessions.map((s) => s.clientId)).toEqual(['sub']);
    h.advance(1);
    expect(h.view().sessions).toEqual([]);
    expect(h.keys()).toContain('session.expired');
  });

  test('a restart without persistence loses sessions and retained messages; with persistence keeps them', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 1);
    h.publish('s1', 'r', 'x', 0, { retain: true });
    h.send({ type: 'BROKER.RESTART', persistence: true });
    expect(h.closedConns()).toContain('s1');
    expect(h.view().sessions.map((s) => [s.clientId, s.connected])).toEqual([['sub', false]]);
    expect(h.view().retained).toHaveLength(1);
    h.send({ type: 'BROKER.RESTART', persistence: false });
    expect(h.view().sessions).toEqual([]);
    expect(h.view().retained).toEqual([]);
  });

  test('on shutdown the wills of connected clients are published, as Mosquitto does', () => {
    const h = new BrokerHarness();
    h.connect('w', 'watcher', { clean: false });
    h.subscribe('w', 'status/#', 1);
    h.connect('d', 'dev', { will: { topic: 'status/dev', payload: new TextEncoder().encode('x'), qos: 1, retain: false } });
    h.take();
    h.send({ type: 'BROKER.STOP', persistence: true });
    expect(h.keys()).toContain('will.published-shutdown');
    expect(h.view().state).toBe('down');
    expect(h.view().sessions.find((s) => s.clientId === 'watcher')!.queuedCount).toBe(1);
    h.open('x');
    expect(h.closedConns()).toContain('x');
    h.send({ type: 'BROKER.START' });
    expect(h.view().state).toBe('running');
  });

  test('a snapshot taken earlier is unchanged by later transitions', () => {
    const h = new BrokerHarness();
    h.connect('s1', 'sub', { clean: false });
    h.subscribe('s1', 't', 1);
    const early = h.snapshot;
    const json = JSON.stringify(h.view());
    const viewOf = () => JSON.stringify({ ...h.view() });
    h.connect('p', 'pub');
    h.publish('p', 't', 'x', 1);
    h.closed('s1');
    h.publish('p', 't', 'y', 1, { packetId: 2 });
    h.send({ type: 'BROKER.RESTART', persistence: false });
    expect(viewOf()).not.toBe(json);
    const current = h.snapshot;
    h.snapshot = early;
    expect(JSON.stringify(h.view())).toBe(json);
    h.snapshot = current;
  });
});
