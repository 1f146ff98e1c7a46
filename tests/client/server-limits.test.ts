/**
 * The client obeys the limits the broker announced in CONNACK (5.0) and says in the trace what
 * it refused to send, instead of sending what the spec forbids (#20 item 8).
 */
import { describe, expect, it } from 'vitest';
import { ClientHarness } from './harness.ts';

const V5 = { clientId: 'a', protocolVersion: 5 as const };

describe('client refuses what the broker\'s limits forbid', () => {
  it('a topic alias above the broker\'s Topic Alias Maximum is not sent (MQTT-3.3.2-9); one within it is', () => {
    const c = new ClientHarness();
    c.connect(V5, { properties: { topicAliasMaximum: 2 } });
    const over = c.publish('plant/temp', 1, '21', { properties: { topicAlias: 3 } });
    expect(c.sent(over)).toEqual([]);
    expect(c.explains(over)).toContainEqual({ ref: 'MQTT-3.3.2-9', key: 'client.refuse.topic-alias', params: { alias: 3, topic: 'plant/temp', max: 2 } });
    const within = c.publish('plant/temp', 1, '21', { properties: { topicAlias: 2 } });
    expect(c.sent(within)).toMatchObject([{ type: 'publish', packetId: 1, properties: { topicAlias: 2 } }]);
  });

  it('without a Topic Alias Maximum in CONNACK the broker takes no aliases at all', () => {
    const c = new ClientHarness();
    c.connect(V5);
    const a = c.publish('t', 0, 'x', { properties: { topicAlias: 1 } });
    expect(c.sent(a)).toEqual([]);
    expect(c.refs(a)).toEqual(['MQTT-3.3.2-9']);
  });

  it('a publish queued before CONNACK is checked against the limits when it goes out', () => {
    const c = new ClientHarness();
    c.send({ type: 'APP.CONNECT', options: V5 });
    c.send({ type: 'NET.OPENED' });
    c.publish('t', 1, 'x', { properties: { topicAlias: 5 } });
    c.publish('t', 1, 'y', { retain: true });
    c.publish('t', 1, 'z');
    const a = c.packet({ type: 'connack', sessionPresent: false, reasonCode: 0, properties: { topicAliasMaximum: 4, retainAvailable: 0 } });
    expect(c.sent(a).map((p) => p.type === 'publish' && new TextDecoder().decode(p.payload))).toEqual(['z']);
    expect(c.keys(a)).toContain('client.refuse.topic-alias');
    expect(c.keys(a)).toContain('client.publish.retain-not-available');
  });

  it('a packet above the broker\'s Maximum Packet Size is not sent (MQTT-3.2.2-15) and takes no packet id', () => {
    const c = new ClientHarness();
    c.connect(V5, { properties: { maximumPacketSize: 40 } });
    const big = c.publish('plant/hall1/temp', 1, 'x'.repeat(30));
    expect(c.sent(big)).toEqual([]);
    expect(c.explains(big)).toContainEqual({ ref: 'MQTT-3.2.2-15', key: 'client.refuse.too-large', params: { packet: 'PUBLISH', size: 53, max: 40 } });
    const small = c.publish('plant/hall1/temp', 1, '21.5');
    expect(c.sent(small)).toMatchObject([{ type: 'publish', packetId: 1 }]);
    const sub = c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/' + 'x'.repeat(40), qos: 1 }] });
    expect(c.sent(sub)).toEqual([]);
    expect(c.refs(sub)).toContain('MQTT-3.2.2-15');
    expect(c.context.subscriptions.size).toBe(0);
  });

  it('a packet exactly at the Maximum Packet Size is sent', () => {
    const c = new ClientHarness();
    c.connect(V5, { properties: { maximumPacketSize: 53 } });
    expect(c.sent(c.publish('plant/hall1/temp', 1, 'x'.repeat(30)))).toHaveLength(1);
  });

  it('DISCONNECT leaves out a Session Expiry Interval after a CONNECT with 0 (section 3.14.2.2.2)', () => {
    const c = new ClientHarness();
    c.connect(V5);
    const a = c.send({ type: 'APP.DISCONNECT', properties: { sessionExpiryIntervalSec: 100, reasonString: 'bye' } });
    expect(c.sent(a)).toEqual([{ type: 'disconnect', properties: { reasonString: 'bye' } }]);
    expect(c.explains(a)).toContainEqual({ ref: '3.14.2.2.2', key: 'client.refuse.disconnect-expiry', params: { expirySec: 100 } });
    expect(c.context.hasSessionState).toBe(false);
  });

  it('DISCONNECT may change a non-zero Session Expiry Interval', () => {
    const c = new ClientHarness();
    c.connect({ ...V5, sessionExpiryIntervalSec: 10 });
    const a = c.send({ type: 'APP.DISCONNECT', properties: { sessionExpiryIntervalSec: 100 } });
    expect(c.sent(a)).toEqual([{ type: 'disconnect', properties: { sessionExpiryIntervalSec: 100 } }]);
    expect(c.keys(a)).not.toContain('client.refuse.disconnect-expiry');
  });

  it('a DISCONNECT too large for the broker goes out plain', () => {
    const c = new ClientHarness();
    c.connect(V5, { properties: { maximumPacketSize: 20 } });
    const a = c.send({ type: 'APP.DISCONNECT', reasonCode: 0x04, properties: { reasonString: 'a reason far too long for twenty bytes' } });
    expect(c.sent(a)).toEqual([{ type: 'disconnect' }]);
    expect(c.keys(a)).toEqual(expect.arrayContaining(['client.refuse.too-large', 'client.disconnect.plain']));
  });

  it('a CONNECT the protocol forbids is not attempted: 3.1.1 password without user name (MQTT-3.1.2-22)', () => {
    const c = new ClientHarness();
    const a = c.send({ type: 'APP.CONNECT', options: { clientId: 'a', password: new TextEncoder().encode('pw') } });
    expect(c.count('net.open', a)).toBe(0);
    expect(c.explains(a)).toMatchObject([{ ref: 'MQTT-3.1.2-22', key: 'client.connect.cannot-encode' }]);
    expect(c.state).toBe('disconnected');
  });

  it('a SUBSCRIBE with No Local on a shared subscription is not sent (MQTT-3.8.3-4)', () => {
    const c = new ClientHarness();
    c.connect(V5);
    const a = c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: '$share/g/t', qos: 0, noLocal: true }] });
    expect(c.sent(a)).toEqual([]);
    expect(c.explains(a)).toMatchObject([{ ref: 'MQTT-3.8.3-4', key: 'client.refuse.cannot-encode', params: { packet: 'SUBSCRIBE' } }]);
  });
});
