import { describe, expect, test } from 'vitest';
import { BrokerHarness } from './harness.ts';

describe('CONNECT', () => {
  test('a 3.1.1 client is accepted with return code 0 and session present 0', () => {
    const h = new BrokerHarness();
    const connack = h.connect('c1', 'sensor');
    expect(connack).toEqual({ type: 'connack', sessionPresent: false, reasonCode: 0 });
    expect(h.sentTo('c1')[0]!.version).toBe(4);
    expect(h.refs()).toContain('MQTT-3.2.2-1');
  });

  test('the first packet must be CONNECT, otherwise the connection is closed', () => {
    const h = new BrokerHarness();
    h.open('c1').packet('c1', { type: 'pingreq' });
    expect(h.sent()).toEqual([]);
    expect(h.closedConns()).toEqual(['c1']);
    expect(h.refs()).toContain('MQTT-3.1.0-1');
  });

  test('a second CONNECT is a protocol error: 5.0 DISCONNECT 0x82, then close', () => {
    const h = new BrokerHarness();
    h.connect('c1', 'a', { protocolVersion: 5 });
    h.take();
    h.packet('c1', { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 60, clientId: 'a' });
    expect(h.packetsTo('c1')).toEqual([{ type: 'disconnect', reasonCode: 0x82 }]);
    expect(h.closedConns()).toEqual(['c1']);
    expect(h.refs()).toContain('MQTT-3.1.0-2');
  });

  test('an unsupported protocol level is refused with 0x01 (3.1.1) and 0x84 (5.0)', () => {
    const h = new BrokerHarness({ protocolVersions: [5] });
    expect(h.connect('c1', 'a').reasonCode).toBe(0x01);
    const h5 = new BrokerHarness({ protocolVersions: [4] });
    expect(h5.connect('c1', 'a', { protocolVersion: 5 }).reasonCode).toBe(0x84);
    expect(h5.closedConns()).toEqual(['c1']);
    expect(h5.refs()).toContain('MQTT-3.1.2-2');
  });

  test('an empty client ID with clean session 0 is rejected in 3.1.1 with 0x02', () => {
    const h = new BrokerHarness();
    expect(h.connect('c1', '', { clean: false }).reasonCode).toBe(0x02);
    expect(h.refs()).toContain('MQTT-3.1.3-8');
  });

  test('an empty client ID gets a deterministic assigned ID in 5.0', () => {
    const h = new BrokerHarness();
    const a = h.connect('c1', '', { protocolVersion: 5 });
    const b = h.connect('c2', '', { protocolVersion: 5 });
    expect(a.properties?.assignedClientIdentifier).toBe('auto-00000000-0000-0000-0000-000000000001');
    expect(b.properties?.assignedClientIdentifier).toBe('auto-00000000-0000-0000-0000-000000000002');
    expect(h.refs()).toContain('MQTT-3.1.3-6');
  });

  test('5.0 CONNACK carries the broker properties Mosquitto sends', () => {
    const h = new BrokerHarness();
    const c = h.connect('c1', 'a', { protocolVersion: 5 });
    expect(c.properties).toEqual({ topicAliasMaximum: 10, receiveMaximum: 20 });
  });

  test('anonymous clients are refused with 0x05 / 0x87 when anonymous access is off', () => {
    const h = new BrokerHarness({ allowAnonymous: false });
    expect(h.connect('c1', 'a').reasonCode).toBe(0x05);
    expect(h.connect('c2', 'b', { protocolVersion: 5 }).reasonCode).toBe(0x87);
    expect(h.keys()).toContain('connect.anonymous-denied');
    expect(h.refs()).toContain('mosquitto:allow_anonymous');
    expect(h.refs()).not.toContain('mosquitto:password_file');
  });

  test('a wrong password or an unknown user is explained by the password_file check (0x05 / 0x87)', () => {
    const h = new BrokerHarness({ allowAnonymous: false, users: { alice: 'secret' } });
    const wrong = new TextEncoder().encode('nope');
    const explained = () =>
      h
        .take()
        .filter((x) => x.type === 'trace.explain')
        .map((x) => x.params as { ref: string; key: string });
    expect(h.connect('c1', 'a', { username: 'alice', password: wrong }).reasonCode).toBe(0x05);
    expect(explained()).toContainEqual(expect.objectContaining({ ref: 'mosquitto:password_file', key: 'connect.bad-credentials' }));
    expect(h.connect('c2', 'b', { username: 'alice', password: wrong, protocolVersion: 5 }).reasonCode).toBe(0x87);
    expect(explained()).toContainEqual(expect.objectContaining({ ref: 'mosquitto:password_file', key: 'connect.bad-credentials' }));
    expect(h.connect('c3', 'c', { username: 'mallory', password: wrong }).reasonCode).toBe(0x05);
    const last = explained();
    expect(last).toContainEqual(expect.objectContaining({ ref: 'mosquitto:password_file', key: 'connect.bad-credentials' }));
    expect(last.map((e) => e.ref)).not.toContain('mosquitto:allow_anonymous');
  });

  test('a wrong password is refused with "not authorized", as Mosquitto does', () => {
    const h = new BrokerHarness({ allowAnonymous: false, users: { alice: 'secret' } });
    expect(h.connect('c1', 'a', { username: 'alice', password: new TextEncoder().encode('nope') }).reasonCode).toBe(0x05);
    expect(h.connect('c2', 'a', { username: 'alice', password: new TextEncoder().encode('secret') }).reasonCode).toBe(0);
  });

  test('a keep alive above the maximum becomes a 5.0 Server Keep Alive and refuses a 3.1.1 client', () => {
    const h = new BrokerHarness({ maxKeepAliveSec: 30 });
    const c = h.connect('c1', 'a', { protocolVersion: 5, keepAliveSec: 100 });
    expect(c.properties?.serverKeepAliveSec).toBe(30);
    expect(h.refs()).toContain('MQTT-3.2.2-21');
    expect(h.connect('c2', 'b', { keepAliveSec: 100 }).reasonCode).toBe(0x02);
  });

  test('takeover closes the old connection (5.0 DISCONNECT 0x8E) and publishes its will', () => {
    const h = new BrokerHarness();
    h.connect('w', 'watcher');
    h.subscribe('w', 'status/#', 1);
    h.connect('c1', 'dev', {
      protocolVersion: 5,
      will: { topic: 'status/dev', payload: new TextEncoder().encode('gone'), qos: 1, retain: false },
    });
    h.take();
    h.connect('c2', 'dev', { protocolVersion: 5 });
    expect(h.packetsTo('c1')).toEqual([{ type: 'disconnect', reasonCode: 0x8e }]);
    expect(h.closedConns()).toContain('c1');
    expect(h.publishesTo('w').map((p) => p.topic)).toEqual(['status/dev']);
    expect(h.refs()).toEqual(expect.arrayContaining(['MQTT-3.1.4-3', 'MQTT-3.1.2-8']));
  });
});
