import { describe, expect, it } from 'vitest';
import { closeReasonText } from '../../src/core/client/index.ts';
import { ClientHarness } from './harness.ts';

describe('client keep-alive', () => {
  it('sends PINGREQ when keepAliveSec passes without any packet sent', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 10 }); // CONNECT sent at t=0
    expect(c.sentTypes(c.advance(9_999))).toEqual([]);
    const a = c.advance(1);
    expect(c.sentTypes(a)).toEqual(['pingreq']);
    expect(c.state).toBe('connected.awaitingPingresp');
    expect(c.refs(a)).toContain('MQTT-3.1.2-23');
  });

  it('any sent packet restarts the keep-alive timer', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 10 });
    c.advance(6_000);
    c.publish('t', 0); // t=6s
    expect(c.sentTypes(c.advance(9_999))).toEqual([]);
    expect(c.sentTypes(c.advance(1))).toEqual(['pingreq']); // t=16s
    expect(c.nowMs).toBe(16_000);
  });

  it('a PINGRESP in time keeps the connection and re-arms the timer', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 10 });
    c.advance(10_000);
    c.advance(50);
    c.packet({ type: 'pingresp' });
    expect(c.state).toBe('connected.idle');
    // next PINGREQ 10 s after the last one (sent at t=10s)
    expect(c.sentTypes(c.advance(9_949))).toEqual([]);
    expect(c.sentTypes(c.advance(1))).toEqual(['pingreq']);
  });

  it('no PINGRESP within keepAliveSec closes the connection with reason keep-alive timeout', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 10 });
    c.advance(10_000); // PINGREQ
    const a = c.advance(10_000);
    expect(c.state).toBe('disconnected');
    expect(c.count('net.close', a)).toBe(1);
    expect(c.sentTypes(a)).toEqual([]); // a dead link: no DISCONNECT
    expect(closeReasonText(c.context.lastCloseReason!)).toBe('keep-alive timeout');
    expect(c.keys(a)).toContain('client.keepalive.timeout');
    expect(c.timers.size).toBe(0);
  });

  it('keep-alive 0 disables PINGREQ', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 0 });
    expect(c.sentTypes(c.advance(3_600_000))).toEqual([]);
    expect(c.timers.size).toBe(0);
  });

  it('a 5.0 Server Keep Alive replaces the requested keep-alive', () => {
    const c = new ClientHarness();
    const a = c.connect({ clientId: 'a', protocolVersion: 5, keepAliveSec: 60 }, { properties: { serverKeepAliveSec: 5 } });
    expect(c.refs(a)).toContain('MQTT-3.2.2-21');
    expect(c.sentTypes(c.advance(5_000))).toEqual(['pingreq']);
  });

  it('leaving the connection cancels the keep-alive timers', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 10 });
    c.send({ type: 'NET.CLOSED', reason: 'reset' });
    expect(c.timers.size).toBe(0);
    expect(c.sentTypes(c.advance(60_000))).toEqual([]);
  });
});
