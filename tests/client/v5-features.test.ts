import { describe, expect, it } from 'vitest';
import { clientView, closeReasonText } from '../../src/core/client/index.ts';
import { ClientHarness, incoming } from './harness.ts';

const v5 = { protocolVersion: 5 as const, clientId: 'a', keepAliveSec: 0 };

describe('client MQTT 5.0 features', () => {
  it('CONNECT carries session expiry, receive maximum, topic alias maximum and user properties', () => {
    const c = new ClientHarness();
    c.send({
      type: 'APP.CONNECT',
      options: { ...v5, clean: false, sessionExpiryIntervalSec: 300, receiveMaximum: 10, topicAliasMaximum: 5, userProperties: [['room', '1']] },
    });
    const [connect] = c.sent(c.send({ type: 'NET.OPENED' }));
    expect(connect).toMatchObject({
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryIntervalSec: 300, receiveMaximum: 10, topicAliasMaximum: 5, userProperties: [['room', '1']] },
    });
  });

  it('an empty client id gets the assigned client identifier from CONNACK', () => {
    const c = new ClientHarness();
    const a = c.connect({ ...v5, clientId: '' }, { properties: { assignedClientIdentifier: 'auto-1' } });
    expect(c.context.clientId).toBe('auto-1');
    expect(clientView(c.snapshot)).toMatchObject({ clientId: 'auto-1', clientIdAssigned: true });
    expect(c.refs(a)).toContain('MQTT-3.2.2-16');
  });

  it('PUBACK 0x87 ends the flow as not authorized; 0x10 no matching subscribers is a success', () => {
    const c = new ClientHarness();
    c.connect(v5);
    c.publish('a', 1);
    c.publish('b', 1);
    const denied = c.packet({ type: 'puback', packetId: 1, reasonCode: 0x87 });
    expect(c.explains(denied)[0]).toMatchObject({ ref: 'MQTT-4.4.0-2', key: 'client.ack.failed', params: { name: 'not authorized' } });
    const none = c.packet({ type: 'puback', packetId: 2, reasonCode: 0x10 });
    expect(c.keys(none)).toEqual(['client.ack.no-subscribers']);
    expect(c.context.outgoing.size).toBe(0);
  });

  it('PUBREC >= 0x80 ends a QoS 2 flow without PUBREL', () => {
    const c = new ClientHarness();
    c.connect(v5);
    c.publish('a', 2);
    const a = c.packet({ type: 'pubrec', packetId: 1, reasonCode: 0x97 });
    expect(c.sent(a)).toEqual([]);
    expect(c.context.outgoing.size).toBe(0);
  });

  it('receive maximum limits outgoing QoS 1/2 in flight; the rest waits and follows on acknowledgement', () => {
    const c = new ClientHarness();
    c.connect(v5, { properties: { receiveMaximum: 1 } });
    c.publish('a', 1);
    const waits = c.publish('b', 2);
    expect(c.sent(waits)).toEqual([]);
    expect(c.refs(waits)).toContain('MQTT-3.3.4-7');
    expect(c.sent(c.publish('c', 0))).toHaveLength(1); // QoS 0 is not limited
    expect(clientView(c.snapshot).pending).toEqual([{ kind: 'publish', what: 'b', qos: 2, reason: 'receive-maximum' }]);
    const a = c.packet({ type: 'puback', packetId: 1 });
    expect(c.sent(a)).toEqual([expect.objectContaining({ topic: 'b', qos: 2, packetId: 2 })]);
  });

  it('maximum QoS and retain available from CONNACK are respected', () => {
    const c = new ClientHarness();
    c.connect(v5, { properties: { maximumQoS: 1, retainAvailable: 0 } });
    const q = c.publish('a', 2);
    expect(c.sent(q)).toEqual([]);
    expect(c.refs(q)).toEqual(['MQTT-3.2.2-11']);
    const r = c.publish('a', 0, 'x', { retain: true });
    expect(c.sent(r)).toEqual([]);
    expect(c.refs(r)).toEqual(['MQTT-3.2.2-14']);
  });

  it('incoming topic aliases are resolved', () => {
    const c = new ClientHarness();
    c.connect({ ...v5, topicAliasMaximum: 4 });
    c.packet(incoming('plant/hall1/temp', 0, undefined, { properties: { topicAlias: 2 } }));
    c.packet(incoming('', 0, undefined, { properties: { topicAlias: 2 } }));
    expect(c.delivered().map((p) => p.topic)).toEqual(['plant/hall1/temp', 'plant/hall1/temp']);
  });

  it('an unknown topic alias is a protocol error: DISCONNECT 0x82, then close', () => {
    const c = new ClientHarness();
    c.connect({ ...v5, topicAliasMaximum: 4 });
    const a = c.packet(incoming('', 0, undefined, { properties: { topicAlias: 3 } }));
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    expect(c.count('net.close', a)).toBe(1);
    expect(c.delivered(a)).toHaveLength(0);
    expect(c.state).toBe('disconnected');
  });

  it('a topic alias above our topic alias maximum is answered with DISCONNECT 0x94', () => {
    const c = new ClientHarness();
    c.connect(v5); // topic alias maximum 0: none accepted
    const a = c.packet(incoming('t', 0, undefined, { properties: { topicAlias: 1 } }));
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x94 }]);
  });

  it('topic alias 0 from the broker is a Protocol Error: DISCONNECT 0x82 citing MQTT-3.3.2-8, as the codec answers the bytes', () => {
    const c = new ClientHarness();
    c.connect({ ...v5, topicAliasMaximum: 4 });
    const a = c.packet(incoming('t', 0, undefined, { properties: { topicAlias: 0 } }));
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    expect(c.delivered(a)).toHaveLength(0);
    expect(c.keys(a)).toContain('client.alias.zero');
  });

  it('topic aliases do not carry over to the next connection', () => {
    const c = new ClientHarness();
    const opts = { ...v5, topicAliasMaximum: 4 };
    c.connect(opts);
    c.packet(incoming('t', 0, undefined, { properties: { topicAlias: 1 } }));
    c.send({ type: 'NET.CLOSED', reason: 'reset' });
    c.connect(opts);
    const a = c.packet(incoming('', 0, undefined, { properties: { topicAlias: 1 } }));
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
  });

  it('a DISCONNECT from the broker ends the connection with its reason kept', () => {
    const c = new ClientHarness();
    c.connect(v5);
    const a = c.packet({ type: 'disconnect', reasonCode: 0x8e });
    expect(c.sent(a)).toEqual([]);
    expect(c.state).toBe('disconnected');
    expect(closeReasonText(c.context.lastCloseReason!)).toBe('disconnected by the broker: session taken over');
  });

  it('DISCONNECT 0x04 keeps the will and says so', () => {
    const c = new ClientHarness();
    c.connect({ ...v5, will: { topic: 'w', payload: new Uint8Array(), qos: 0, retain: false } });
    const a = c.send({ type: 'APP.DISCONNECT', reasonCode: 0x04 });
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x04 }]);
    expect(c.keys(a)).toContain('client.disconnect.will-kept');
  });

  it('more incoming QoS 2 messages than our receive maximum is answered with DISCONNECT 0x93', () => {
    const c = new ClientHarness();
    c.connect({ ...v5, receiveMaximum: 1 });
    c.packet(incoming('t', 2, 1));
    const a = c.packet(incoming('t', 2, 2));
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x93 }]);
  });
});
