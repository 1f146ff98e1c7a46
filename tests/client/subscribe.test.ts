import { describe, expect, it } from 'vitest';
import { clientView } from '../../src/core/client/index.ts';
import { ClientHarness } from './harness.ts';

describe('client subscribe and unsubscribe', () => {
  it('SUBSCRIBE gets a packet id and SUBACK records granted QoS per filter', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.send({
      type: 'APP.SUBSCRIBE',
      subscriptions: [
        { topicFilter: 'plant/+/temp', qos: 2 },
        { topicFilter: 'secret/#', qos: 1 },
      ],
    });
    const [sub] = c.sent(a);
    expect(sub).toMatchObject({ type: 'subscribe', packetId: 1 });
    const b = c.packet({ type: 'suback', packetId: 1, reasonCodes: [1, 0x80] });
    expect(c.keys(b)).toEqual(['client.suback.downgraded', 'client.suback.failed']);
    expect(c.refs(b)).toContain('MQTT-3.8.4-5');
    const view = clientView(c.snapshot);
    expect(view.subscriptions).toEqual([{ topicFilter: 'plant/+/temp', requestedQoS: 2, granted: 1, failed: false }]);
    expect(view.lastSubackCodes).toEqual([1, 0x80]);
  });

  it('UNSUBSCRIBE and UNSUBACK remove the subscription', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 't', qos: 0 }] });
    c.packet({ type: 'suback', packetId: 1, reasonCodes: [0] });
    const a = c.send({ type: 'APP.UNSUBSCRIBE', topicFilters: ['t'] });
    expect(c.sent(a)).toEqual([{ type: 'unsubscribe', packetId: 2, topicFilters: ['t'] }]);
    c.packet({ type: 'unsuback', packetId: 2 });
    expect(c.context.subscriptions.size).toBe(0);
  });

  it('a subscribe while disconnected is explained and not sent', () => {
    const c = new ClientHarness();
    const a = c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 't', qos: 0 }] });
    expect(c.sent(a)).toEqual([]);
    expect(c.keys(a)).toEqual(['client.subscribe.offline']);
  });

  it('5.0 SUBACK failure codes are named', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', protocolVersion: 5 });
    c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: '$share/g/t', qos: 1 }] });
    const a = c.packet({ type: 'suback', packetId: 1, reasonCodes: [0x9e] });
    expect(c.explains(a)[0]?.params).toMatchObject({ code: '0x9E', name: 'shared subscriptions not supported' });
  });
});

describe('client packet identifiers', () => {
  it('are never 0, skip ids in use and wrap around after 65535', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.publish('t', 1); // id 1 stays in flight
    // jump the counter close to the end
    c.snapshot = { ...c.snapshot, context: { ...c.snapshot.context, lastPacketId: 65534 } } as typeof c.snapshot;
    const ids = [0, 1, 2].map(() => (c.sent(c.publish('t', 1))[0] as { packetId: number }).packetId);
    expect(ids).toEqual([65535, 2, 3]);
  });

  it('an id used by a pending SUBSCRIBE is not reused for a PUBLISH', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 't', qos: 0 }] });
    const [p] = c.sent(c.publish('t', 1));
    expect(p).toMatchObject({ packetId: 2 });
  });
});

describe('client topic filter validation', () => {
  it('an invalid topic filter is explained with the topic rule and not sent', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/#/temp', qos: 0 }] });
    expect(c.sent(a)).toEqual([]);
    expect(c.keys(a)).toEqual(['mqtt.topic.hash-not-last', 'client.subscribe.filter-invalid']);
    expect(c.refs(a)[0]).toMatch(/^MQTT-4\.7\.1-/);
  });
});
