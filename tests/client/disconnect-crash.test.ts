import { describe, expect, it } from 'vitest';
import { closeReasonText } from '../../src/core/client/index.ts';
import { ClientHarness } from './harness.ts';

const will = { topic: 'plant/s17/status', payload: new TextEncoder().encode('offline'), qos: 1 as const, retain: true };

describe('client disconnect, dead network and crash', () => {
  it('a clean DISCONNECT is sent, then the connection closed; the will is discarded by the broker', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', will });
    const a = c.send({ type: 'APP.DISCONNECT' });
    expect(a.filter((x) => x.type === 'net.send' || x.type === 'net.close').map((x) => x.type)).toEqual(['net.send', 'net.close']);
    expect(c.sent(a)).toEqual([{ type: 'disconnect' }]);
    expect(c.refs(a)).toEqual(expect.arrayContaining(['MQTT-3.14.4-1', 'MQTT-3.1.2-10']));
    expect(c.state).toBe('disconnected');
    expect(c.timers.size).toBe(0);
  });

  it('a dead network is only noticed by the keep-alive timeout', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 5 });
    // the cable is cut: nothing arrives any more
    c.advance(9_999);
    expect(c.state).toBe('connected.awaitingPingresp');
    c.advance(1);
    expect(c.state).toBe('disconnected');
    expect(closeReasonText(c.context.lastCloseReason!)).toBe('keep-alive timeout');
  });

  it('NET.CLOSED from the driver ends the connection without a DISCONNECT', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.send({ type: 'NET.CLOSED', reason: 'peer-closed' });
    expect(c.sent(a)).toEqual([]);
    expect(c.state).toBe('disconnected');
    expect(closeReasonText(c.context.lastCloseReason!)).toBe('network closed (peer-closed)');
  });

  it('a crash sends no DISCONNECT, loses all in-memory state and stops the timers', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', clean: false, will });
    c.publish('t', 1);
    const a = c.send({ type: 'SYS.CRASH' });
    expect(c.state).toBe('crashed');
    expect(c.sent(a)).toEqual([]);
    expect(c.count('net.close', a)).toBe(0);
    expect(c.context.outgoing.size).toBe(0);
    expect(c.timers.size).toBe(0);
    c.connect({ clientId: 'a', clean: false });
    expect(c.state).toBe('connected.idle');
  });

  it('a malformed packet in 3.1.1 closes the connection', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.send({
      type: 'NET.MALFORMED',
      error: { reasonCode: 0x81, ref: 'MQTT-2.2.2-2', message: 'invalid flags', key: 'codec.error.reserved-flags', offset: 0 },
    });
    expect(c.sent(a)).toEqual([]);
    expect(c.count('net.close', a)).toBe(1);
    expect(c.refs(a)).toEqual(expect.arrayContaining(['MQTT-2.2.2-2', 'MQTT-4.8.0-1']));
  });

  it('a malformed packet in 5.0 is answered with DISCONNECT carrying the reason code', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', protocolVersion: 5 });
    const a = c.send({
      type: 'NET.MALFORMED',
      error: { reasonCode: 0x81, ref: 'MQTT-1.5.4-1', message: 'bad UTF-8', key: 'codec.error.utf8', offset: 4 },
    });
    expect(c.sent(a)).toEqual([{ type: 'disconnect', reasonCode: 0x81 }]);
    expect(c.count('net.close', a)).toBe(1);
    expect(c.state).toBe('disconnected');
  });
});

describe('client snapshots', () => {
  it('an earlier snapshot is unchanged after later transitions (no in-place mutation)', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', clean: false, keepAliveSec: 10 });
    c.send({ type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 't', qos: 2 }] });
    c.publish('t', 2);
    const early = c.snapshot;
    const json = (s: typeof early) => JSON.stringify({ value: s.value, context: s.context });
    const before = json(early);
    c.packet({ type: 'suback', packetId: 1, reasonCodes: [2] });
    c.packet({ type: 'pubrec', packetId: 2 });
    c.packet({ type: 'publish', topic: 't', payload: new Uint8Array([1]), qos: 2, retain: false, dup: false, packetId: 3 });
    c.advance(30_000);
    c.send({ type: 'SYS.CRASH' });
    expect(json(early)).toBe(before);
  });
});
