import { describe, expect, it } from 'vitest';
import { clientView } from '../../src/core/client/index.ts';
import { ClientHarness, incoming } from './harness.ts';

describe('client incoming PUBLISH', () => {
  it('QoS 0 is delivered and not acknowledged', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.packet(incoming('t', 0));
    expect(c.delivered(a)).toHaveLength(1);
    expect(c.sent(a)).toEqual([]);
    expect(c.context.receivedCount).toBe(1);
  });

  it('QoS 1 is delivered and acknowledged with PUBACK', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.packet(incoming('t', 1, 7));
    expect(c.delivered(a)).toHaveLength(1);
    expect(c.sent(a)).toEqual([{ type: 'puback', packetId: 7 }]);
    expect(c.refs(a)).toContain('MQTT-4.3.2-2');
  });

  it('a redelivered QoS 1 duplicate (DUP=1) is delivered again: at least once', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.packet(incoming('t', 1, 7));
    const a = c.packet(incoming('t', 1, 7, { dup: true }));
    expect(c.delivered()).toHaveLength(2);
    expect(c.sent(a)).toEqual([{ type: 'puback', packetId: 7 }]);
    expect(c.keys(a)).toContain('client.receive.qos1-dup');
  });

  it('QoS 2 is stored and acknowledged with PUBREC, delivered on PUBREL, then PUBCOMP', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.packet(incoming('t', 2, 9));
    expect(c.sent(a)).toEqual([{ type: 'pubrec', packetId: 9 }]);
    expect(c.delivered(a)).toHaveLength(0);
    expect(clientView(c.snapshot).inFlightIn).toEqual([{ packetId: 9, topic: 't', stage: 'awaiting PUBREL' }]);
    const b = c.packet({ type: 'pubrel', packetId: 9 });
    expect(c.delivered(b)).toHaveLength(1);
    expect(c.sent(b)).toEqual([{ type: 'pubcomp', packetId: 9 }]);
    expect(clientView(c.snapshot).inFlightIn).toEqual([]);
  });

  it('a QoS 2 duplicate before PUBREL is not delivered to the application twice', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.packet(incoming('t', 2, 9));
    const dup = c.packet(incoming('t', 2, 9, { dup: true }));
    expect(c.sent(dup)).toEqual([{ type: 'pubrec', packetId: 9 }]);
    expect(c.refs(dup)).toContain('MQTT-4.3.3-2');
    c.packet({ type: 'pubrel', packetId: 9 });
    c.packet({ type: 'pubrel', packetId: 9 }); // a repeated PUBREL delivers nothing
    expect(c.delivered()).toHaveLength(1);
  });

  it('after PUBCOMP the same packet id is a new message', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.packet(incoming('t', 2, 9));
    c.packet({ type: 'pubrel', packetId: 9 });
    c.packet(incoming('t', 2, 9));
    c.packet({ type: 'pubrel', packetId: 9 });
    expect(c.delivered()).toHaveLength(2);
  });

  it('a 5.0 QoS 2 duplicate is explained with MQTT-4.3.3-10', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', protocolVersion: 5 });
    c.packet(incoming('t', 2, 9));
    const dup = c.packet(incoming('t', 2, 9, { dup: true }));
    expect(c.refs(dup)).toContain('MQTT-4.3.3-10');
  });
});
