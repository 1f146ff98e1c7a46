import { describe, expect, it } from 'vitest';
import { clientView } from '../../src/core/client/index.ts';
import { ClientHarness, incoming } from './harness.ts';

/** A 3.1.1 persistent-session client with two QoS 1 messages and one QoS 2 past PUBREC in flight. */
function clientWithUnfinishedMessages(): ClientHarness {
  const c = new ClientHarness();
  c.connect({ clientId: 'a', clean: false, keepAliveSec: 0 });
  c.publish('t/1', 1); // id 1
  c.publish('t/2', 2); // id 2
  c.publish('t/3', 1); // id 3
  c.packet({ type: 'pubrec', packetId: 2 }); // id 2 now awaiting PUBCOMP
  c.send({ type: 'NET.CLOSED', reason: 'reset' });
  return c;
}

describe('client reconnect with a persistent session', () => {
  it('keeps unfinished messages when the network dies', () => {
    const c = clientWithUnfinishedMessages();
    expect(c.state).toBe('disconnected');
    expect(c.context.outgoing.size).toBe(3);
    expect(c.keys()).toContain('client.session.kept');
  });

  it('on session present re-sends every unacknowledged PUBLISH with DUP=1 and every PUBREL, in original order', () => {
    const c = clientWithUnfinishedMessages();
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a', clean: false, keepAliveSec: 0 } });
    c.send({ type: 'NET.OPENED' });
    const a = c.packet({ type: 'connack', sessionPresent: true, reasonCode: 0 });
    expect(c.sent(a).map((p) => [p.type, 'packetId' in p ? p.packetId : null, 'dup' in p ? p.dup : null])).toEqual([
      ['publish', 1, true],
      ['pubrel', 2, null],
      ['publish', 3, true],
    ]);
    expect(c.refs(a)).toEqual(expect.arrayContaining(['MQTT-4.4.0-1', 'MQTT-3.3.1-1']));
    expect(c.keys(a)).toContain('client.session.resend');
  });

  it('on session present = 0 drops the in-flight state', () => {
    const c = clientWithUnfinishedMessages();
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a', clean: false, keepAliveSec: 0 } });
    c.send({ type: 'NET.OPENED' });
    const a = c.packet({ type: 'connack', sessionPresent: false, reasonCode: 0 });
    expect(c.sent(a)).toEqual([]);
    expect(c.context.outgoing.size).toBe(0);
    expect(c.refs(a)).toContain('3.2.2.2');
  });

  it('a clean reconnect discards the session', () => {
    const c = clientWithUnfinishedMessages();
    const a = c.send({ type: 'APP.CONNECT', options: { clientId: 'a', clean: true } });
    expect(c.context.outgoing.size).toBe(0);
    expect(c.refs(a)).toContain('MQTT-3.1.2-6');
  });

  it('QoS 1 publishes made while offline are kept and sent after reconnect; QoS 0 are not', () => {
    const c = clientWithUnfinishedMessages();
    expect(c.keys(c.publish('q/1', 1))).toEqual(['client.publish.queued-offline']);
    expect(c.keys(c.publish('q/0', 0))).toEqual(['client.publish.dropped-offline-qos0']);
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a', clean: false, keepAliveSec: 0 } });
    c.send({ type: 'NET.OPENED' });
    const a = c.packet({ type: 'connack', sessionPresent: true, reasonCode: 0 });
    const last = c.sent(a).at(-1);
    expect(last).toMatchObject({ type: 'publish', topic: 'q/1', dup: false, packetId: 4 });
  });

  it('an incoming QoS 2 awaiting PUBREL survives the reconnect and is delivered once on PUBREL', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', clean: false, keepAliveSec: 0 });
    c.packet(incoming('t', 2, 5));
    c.send({ type: 'NET.CLOSED', reason: 'reset' });
    c.connect({ clientId: 'a', clean: false, keepAliveSec: 0 }, { sessionPresent: true });
    c.packet(incoming('t', 2, 5, { dup: true })); // the broker re-sends: not delivered
    c.packet({ type: 'pubrel', packetId: 5 });
    expect(c.delivered()).toHaveLength(1);
    expect(clientView(c.snapshot).inFlightIn).toEqual([]);
  });

  it('5.0 receive maximum is honoured when re-sending', () => {
    const c = new ClientHarness();
    const opts = { clientId: 'a', clean: false, protocolVersion: 5 as const, sessionExpiryIntervalSec: 300, keepAliveSec: 0 };
    c.connect(opts);
    c.publish('t/1', 1);
    c.publish('t/2', 1);
    c.publish('t/3', 1);
    c.send({ type: 'NET.CLOSED', reason: 'reset' });
    c.send({ type: 'APP.CONNECT', options: opts });
    c.send({ type: 'NET.OPENED' });
    const a = c.packet({ type: 'connack', sessionPresent: true, reasonCode: 0, properties: { receiveMaximum: 2 } });
    expect(c.sent(a).map((p) => ('packetId' in p ? p.packetId : 0))).toEqual([1, 2]);
    expect(clientView(c.snapshot).pending).toEqual([
      { kind: 'publish', what: 't/3', qos: 1, packetId: 3, reason: 're-send waits for receive maximum' },
    ]);
    const b = c.packet({ type: 'puback', packetId: 1 });
    expect(c.sent(b)).toEqual([expect.objectContaining({ type: 'publish', packetId: 3, dup: true })]);
  });

  it('5.0 session present for a client that lost its state (crash) closes the connection', () => {
    const c = new ClientHarness();
    const opts = { clientId: 'a', clean: false, protocolVersion: 5 as const, sessionExpiryIntervalSec: 300 };
    c.connect(opts);
    c.send({ type: 'SYS.CRASH' });
    const a = c.connect(opts, { sessionPresent: true });
    expect(c.state).toBe('disconnected');
    expect(c.count('net.close', a)).toBe(1);
    expect(c.refs(a)).toContain('MQTT-3.2.2-4');
  });
  // Found by the delivery-guarantee fuzzer (tests/sim/guarantees.test.ts, property 10): a 5.0
  // session outlives its connection when the Session Expiry Interval is > 0, whatever Clean Start
  // was (MQTT-3.1.2-4/-5 and 3.1.2.11.2); Clean Start only decides whether an old session is
  // resumed. A 5.0 app that restarted after a crash connects with Clean Start = 1 and an expiry;
  // the client then dropped QoS 1/2 messages published offline, and its queue after a refused
  // connection, as if it had a clean session.
  it('5.0 Clean Start = 1 with a session expiry keeps QoS 1/2 messages published offline and sends them on reconnect', () => {
    const c = new ClientHarness();
    const opts = { clientId: 'a', clean: true, protocolVersion: 5 as const, sessionExpiryIntervalSec: 300, keepAliveSec: 0 };
    c.connect(opts);
    c.send({ type: 'NET.CLOSED', reason: 'reset' });
    const offline = c.publish('q/1', 1);
    expect(c.keys(offline)).toEqual(['client.publish.queued-offline']);
    // A refused attempt keeps it too.
    c.send({ type: 'APP.CONNECT', options: { ...opts, clean: false } });
    c.publish('q/2', 2);
    const refused = c.send({ type: 'NET.CLOSED', reason: 'refused' });
    expect(c.keys(refused)).not.toContain('client.pending.dropped');
    const a = c.connect({ ...opts, clean: false }, { sessionPresent: true });
    expect(c.sent(a).map((p) => [p.type, 'topic' in p ? p.topic : null])).toEqual([
      ['publish', 'q/1'],
      ['publish', 'q/2'],
    ]);
  });
});
