/**
 * The citations and texts issue #20 found wrong ("Spec IDs that are exactly right"), one test
 * each: the rule the broker or client applies is cited with the statement of the version in
 * use, the broker's own choices are said to be choices, and the texts say what happens.
 */
import { describe, expect, test } from 'vitest';
import { formatBrokerMessage } from '../../src/core/broker/index.ts';
import { formatClientMessage } from '../../src/core/client/messages.ts';
import { statementOf } from '../../src/core/mqtt/spec-catalogue/index.ts';
import { BrokerHarness, enc } from '../broker/harness.ts';
import { ClientHarness, incoming } from '../client/harness.ts';

type Explained = { ref: string; key: string; params?: Record<string, unknown> };
const explained = (h: BrokerHarness): Explained[] =>
  h.actions.filter((a) => a.type === 'trace.explain').map((a) => a.params as Explained);
const withKey = (h: BrokerHarness, key: string): Explained[] => explained(h).filter((e) => e.key === key);

describe('the broker cites the statement of the version in use', () => {
  test.each([
    [4, 'MQTT-4.3.3-2'],
    [5, 'MQTT-4.3.3-10'],
  ] as const)('a QoS 2 duplicate before PUBREL (%i): %s, the receiver\'s rule', (version, id) => {
    const h = new BrokerHarness();
    h.connect('p', 'pub', { protocolVersion: version });
    h.publish('p', 't', 'x', 2, { packetId: 9 });
    h.take();
    h.publish('p', 't', 'x', 2, { packetId: 9, dup: true });
    expect(withKey(h, 'publish.qos2-duplicate').map((e) => e.ref)).toEqual([id]);
    expect(statementOf(id, version)!.summary).toMatch(/receiver/);
  });

  /** Two QoS 1 messages for a subscriber whose window holds one. */
  function overfill(config: ConstructorParameters<typeof BrokerHarness>[0], subscriber: Parameters<BrokerHarness['connect']>[2]): BrokerHarness {
    const h = new BrokerHarness(config);
    h.connect('s', 'sub', subscriber);
    h.subscribe('s', 't', 1);
    h.connect('p', 'pub');
    h.take();
    for (const id of [1, 2]) h.publish('p', 't', `m${id}`, 1, { packetId: id });
    return h;
  }

  test('a full in-flight window: max_inflight_messages is the broker\'s choice (3.1.1 has no statement)', () => {
    const h = overfill({ maxInflightMessages: 1 }, {});
    const [full] = withKey(h, 'deliver.queued-window-full');
    expect(full?.ref).toBe('mosquitto:max_inflight_messages');
    expect(formatBrokerMessage('deliver.queued-window-full', 'en', full!.params as Record<string, string>)).toMatch(/broker's choice/);
  });

  test('a full in-flight window of a 5.0 client: its Receive Maximum, MQTT-3.3.4-9', () => {
    const h = overfill({}, { protocolVersion: 5, properties: { receiveMaximum: 1 } });
    expect(withKey(h, 'deliver.queued-receive-maximum').map((e) => e.ref)).toEqual(['MQTT-3.3.4-9']);
    expect(withKey(h, 'deliver.queued-window-full')).toEqual([]);
  });

  test('a delayed will published after the delay or at session end: MQTT-3.1.2-8', () => {
    const will = { topic: 'status/dev', payload: enc('offline'), qos: 1 as const, retain: false, properties: { willDelayIntervalSec: 5 } };
    const h = new BrokerHarness();
    h.connect('w', 'watcher');
    h.subscribe('w', 'status/#', 1);
    h.connect('d', 'dev', { protocolVersion: 5, clean: false, will, properties: { sessionExpiryIntervalSec: 60 } });
    h.take();
    h.closed('d');
    expect(withKey(h, 'will.delayed').map((e) => e.ref)).toEqual(['MQTT-3.1.3-9']);
    h.advance(5_000);
    expect(withKey(h, 'will.published-after-delay').map((e) => e.ref)).toEqual(['MQTT-3.1.2-8']);

    const end = new BrokerHarness();
    end.connect('d', 'dev', { protocolVersion: 5, will });
    end.take();
    end.closed('d'); // session expiry 0: the session ends with the connection, before the delay
    expect(withKey(end, 'will.published-session-end').map((e) => e.ref)).toEqual(['MQTT-3.1.2-8']);
  });

  test.each([4, 5] as const)('UNSUBSCRIBE of a filter never subscribed (%i): UNSUBACK anyway, MQTT-3.10.4-5', (version) => {
    const h = new BrokerHarness();
    h.connect('c', 'c', { protocolVersion: version });
    h.take();
    h.packet('c', { type: 'unsubscribe', packetId: 3, topicFilters: ['never/subscribed'] });
    expect(withKey(h, 'unsubscribe.none').map((e) => e.ref)).toEqual(['MQTT-3.10.4-5']);
  });

  test('overlapping subscriptions of a 3.1.1 client: one copy is the broker\'s choice, the rule is the QoS', () => {
    const h = new BrokerHarness();
    h.connect('s', 'sub');
    h.subscribe('s', 'a/#', 0, 1);
    h.subscribe('s', 'a/+', 1, 2);
    h.connect('p', 'pub');
    h.take();
    h.publish('p', 'a/b', 'x', 1);
    const [e] = withKey(h, 'deliver.overlap-one-copy');
    expect(e?.ref).toBe('MQTT-3.3.5-1');
    const text = formatBrokerMessage('deliver.overlap-one-copy', 'en', e!.params as Record<string, string>);
    expect(text).toMatch(/allows one more copy/);
    expect(text).toMatch(/like Mosquitto/);
  });

  test('keep alive 0 is "off", never "not allowed"', () => {
    const h = new BrokerHarness({ maxKeepAliveSec: 60 });
    h.connect('c', 'c', { protocolVersion: 5, keepAliveSec: 0 });
    const [e] = withKey(h, 'connect.server-keep-alive');
    expect(e?.ref).toBe('MQTT-3.2.2-21');
    for (const lang of ['en', 'de'] as const) {
      const text = formatBrokerMessage('connect.server-keep-alive', lang, e!.params as Record<string, string>);
      expect(text).not.toMatch(/not allowed|nicht erlaubt/);
      expect(text).toMatch(/„aus“|"off"/);
    }
    expect(formatBrokerMessage('connect.keep-alive-off', 'en')).toMatch(/Server Keep Alive/);
  });

  test('message expiry: the interval forwarded counts down (MQTT-3.3.2-6); an expired retained message is not sent', () => {
    const h = new BrokerHarness();
    h.connect('p', 'pub', { protocolVersion: 5 });
    h.publish('p', 'm/1', 'x', 0, { retain: true, properties: { messageExpiryIntervalSec: 10 } });
    h.advance(4_000);
    h.connect('s', 'sub', { protocolVersion: 5 });
    h.take();
    h.subscribe('s', 'm/#', 0);
    expect(h.publishesTo('s').map((p) => p.properties?.messageExpiryIntervalSec)).toEqual([6]);
    expect(withKey(h, 'deliver.expiry-remaining')).toEqual([
      { ref: 'MQTT-3.3.2-6', key: 'deliver.expiry-remaining', params: { clientId: 'sub', topic: 'm/1', remainingSec: 6 } },
    ]);
    h.advance(7_000);
    h.connect('s2', 'sub2', { protocolVersion: 5 });
    h.take();
    h.subscribe('s2', 'm/#', 0);
    expect(h.publishesTo('s2')).toEqual([]);
    expect(withKey(h, 'subscribe.retained-expired').map((e) => e.ref)).toEqual(['MQTT-3.3.2-5']);
  });
});

describe('the client cites the statement of the version in use', () => {
  test('a QoS 1 PUBLISH received: PUBACK is MQTT-4.3.2-4 in 5.0 (MQTT-4.3.2-5 is the next PUBLISH with that id)', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', protocolVersion: 5 });
    const a = c.packet(incoming('t', 1, 7));
    expect(c.explains(a).find((e) => e.key === 'client.receive.qos1')?.ref).toBe('MQTT-4.3.2-4');
    const dup = c.packet(incoming('t', 1, 7, { dup: true }));
    expect(c.explains(dup).find((e) => e.key === 'client.receive.qos1-dup')?.ref).toBe('MQTT-4.3.2-5');
  });

  test('a 3.1.1 DISCONNECT has no reason code to show', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.send({ type: 'APP.DISCONNECT' });
    expect(c.keys(a)).toContain('client.disconnect.sent-311');
    expect(formatClientMessage('client.disconnect.sent-311', 'en', {})).not.toMatch(/0x/);
  });

  test('a DISCONNECT asks the broker to delete the will; the text does not claim the broker already did', () => {
    for (const lang of ['en', 'de'] as const) {
      expect(formatClientMessage('client.disconnect.will-discarded', lang, { topic: 't' })).toMatch(/lost|verloren/);
    }
  });
});
