import { describe, expect, it } from 'vitest';
import { closeReasonText } from '../../src/core/client/index.ts';
import { ClientHarness } from './harness.ts';

describe('client connect', () => {
  it('opens the network first, then sends CONNECT built from the options', () => {
    const c = new ClientHarness();
    const a = c.send({ type: 'APP.CONNECT', options: { clientId: 'sensor-17', keepAliveSec: 10, clean: false } });
    expect(a.map((x) => x.type)).toContain('net.open');
    expect(c.state).toBe('opening');
    const b = c.send({ type: 'NET.OPENED' });
    expect(c.state).toBe('connecting');
    expect(c.sent(b)).toEqual([
      { type: 'connect', protocolVersion: 4, clean: false, keepAliveSec: 10, clientId: 'sensor-17' },
    ]);
    expect(c.refs(b)).toContain('MQTT-3.1.0-1');
  });

  it('a CONNACK with return code 0 connects and records session present', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', clean: false }, { sessionPresent: false });
    expect(c.state).toBe('connected.idle');
    expect(c.context.sessionPresent).toBe(false);
    expect(c.context.lastConnack).toEqual({ reasonCode: 0, sessionPresent: false });
  });

  it('a refused 3.1.1 CONNACK records the return code and closes the connection', () => {
    const c = new ClientHarness();
    const a = c.connect({ clientId: 'a' }, { reasonCode: 5 });
    expect(c.state).toBe('refused');
    expect(c.count('net.close', a)).toBe(1);
    expect(c.context.lastConnack?.reasonCode).toBe(5);
    expect(closeReasonText(c.context.lastCloseReason!)).toBe('refused: not authorized');
    expect(c.refs(a)).toContain('MQTT-3.2.2-5');
  });

  it('a refused 5.0 CONNACK (0x87) is explained with its name', () => {
    const c = new ClientHarness();
    const a = c.connect({ clientId: 'a', protocolVersion: 5 }, { reasonCode: 0x87 });
    expect(c.state).toBe('refused');
    expect(c.explains(a).find((e) => e.key === 'client.connack.refused')?.params).toMatchObject({ code: '0x87', name: 'not authorized' });
    expect(c.refs(a)).toContain('MQTT-3.2.2-7');
  });

  it('APP.CONNECT while opening, connecting or connected is ignored and explained (client.connect.already, 3.1)', () => {
    const c = new ClientHarness();
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a' } });
    const whileOpening = c.send({ type: 'APP.CONNECT', options: { clientId: 'a' } });
    expect(c.state).toBe('opening');
    c.send({ type: 'NET.OPENED' });
    const whileConnecting = c.send({ type: 'APP.CONNECT', options: { clientId: 'a' } });
    expect(c.state).toBe('connecting');
    c.packet({ type: 'connack', sessionPresent: false, reasonCode: 0 });
    expect(c.state).toBe('connected.idle');
    const whileConnected = c.send({ type: 'APP.CONNECT', options: { clientId: 'a', protocolVersion: 5 } });
    expect(c.state).toBe('connected.idle');
    for (const a of [whileOpening, whileConnecting, whileConnected]) {
      expect(c.explains(a)).toEqual([{ ref: '3.1', key: 'client.connect.already', params: { name: 'sensor' } }]);
      expect(a.map((x) => x.type)).toEqual(['trace.explain']);
    }
    expect(c.context.options?.protocolVersion).toBe(4);
  });

  it('a 3.1.1 client with an empty client id and clean=false does not connect', () => {
    const c = new ClientHarness();
    const a = c.send({ type: 'APP.CONNECT', options: { clientId: '', clean: false } });
    expect(c.state).toBe('disconnected');
    expect(c.count('net.open', a)).toBe(0);
    expect(c.refs(a)).toContain('MQTT-3.1.3-7');
  });

  it('a packet other than CONNACK before CONNACK closes the connection', () => {
    const c = new ClientHarness();
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a' } });
    c.send({ type: 'NET.OPENED' });
    const a = c.packet({ type: 'pingresp' });
    expect(c.state).toBe('disconnected');
    expect(c.count('net.close', a)).toBe(1);
    expect(c.refs(a)).toContain('MQTT-3.2.0-1');
  });

  it('NET.CLOSED while opening returns to disconnected with the reason kept', () => {
    const c = new ClientHarness();
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a' } });
    c.send({ type: 'NET.CLOSED', reason: 'refused' });
    expect(c.state).toBe('disconnected');
    expect(closeReasonText(c.context.lastCloseReason!)).toBe('connection refused');
  });

  it('publishes made while connecting are sent after CONNACK', () => {
    const c = new ClientHarness();
    c.send({ type: 'APP.CONNECT', options: { clientId: 'a' } });
    c.publish('t', 0);
    c.send({ type: 'NET.OPENED' });
    const a = c.packet({ type: 'connack', sessionPresent: false, reasonCode: 0 });
    expect(c.sentTypes(a)).toEqual(['publish']);
  });
});
