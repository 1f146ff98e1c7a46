import { describe, expect, it } from 'vitest';
import { clientView } from '../../src/core/client/index.ts';
import { ClientHarness } from './harness.ts';

describe('client outgoing PUBLISH', () => {
  it('QoS 0 is fire and forget: no packet id, DUP 0, nothing in flight', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.publish('t', 0);
    expect(c.sent(a)).toEqual([{ type: 'publish', topic: 't', payload: new TextEncoder().encode('x'), qos: 0, retain: false, dup: false }]);
    expect(c.refs(a)).toContain('MQTT-4.3.1-1');
    expect(clientView(c.snapshot).inFlightOut).toEqual([]);
  });

  it('QoS 1 stays awaiting PUBACK until PUBACK frees the id', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.publish('t', 1);
    expect(c.sent(a)[0]).toMatchObject({ qos: 1, packetId: 1, dup: false });
    expect(c.refs(a)).toContain('MQTT-4.3.2-1');
    expect(clientView(c.snapshot).inFlightOut).toEqual([{ packetId: 1, topic: 't', qos: 1, stage: 'awaiting PUBACK' }]);
    c.packet({ type: 'puback', packetId: 1 });
    expect(clientView(c.snapshot).inFlightOut).toEqual([]);
  });

  it('QoS 2 goes awaiting PUBREC, sends PUBREL on PUBREC, then awaiting PUBCOMP until PUBCOMP', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    c.publish('t', 2);
    expect(clientView(c.snapshot).inFlightOut[0]?.stage).toBe('awaiting PUBREC');
    const a = c.packet({ type: 'pubrec', packetId: 1 });
    expect(c.sent(a)).toEqual([{ type: 'pubrel', packetId: 1 }]);
    expect(clientView(c.snapshot).inFlightOut[0]?.stage).toBe('awaiting PUBCOMP');
    c.packet({ type: 'pubcomp', packetId: 1 });
    expect(clientView(c.snapshot).inFlightOut).toEqual([]);
  });

  it('no time-based retransmission while connected: an unanswered QoS 1 PUBLISH is not re-sent', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', keepAliveSec: 0 });
    c.publish('t', 1);
    expect(c.sent(c.advance(600_000))).toEqual([]);
  });

  it('a QoS 1 publish while disconnected with a clean session is explained and not sent', () => {
    const c = new ClientHarness();
    const a = c.publish('t', 1);
    expect(c.sent(a)).toEqual([]);
    expect(c.keys(a)).toEqual(['client.publish.dropped-offline-clean']);
  });

  it('a topic name with a wildcard is not published', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a' });
    const a = c.publish('plant/+/temp', 0);
    expect(c.sent(a)).toEqual([]);
    expect(c.keys(a)).toEqual(['mqtt.topic.wildcard-in-name', 'client.publish.topic-invalid']);
    expect(c.refs(a)[0]).toMatch(/^MQTT-4.7.1-1$/);
  });
  // Found by the delivery-guarantee fuzzer (tests/sim/guarantees.test.ts, scenario seed 26: a
  // duplicated PUBACK, then a lost PUBLISH never re-sent). Immutable's List.get(-1) is the last
  // element, so an acknowledgement for a packet id not in flight completed the newest message.
  it('an acknowledgement for a packet id not in flight leaves the other messages alone', () => {
    const c = new ClientHarness();
    c.connect({ clientId: 'a', clean: false, keepAliveSec: 0 });
    c.publish('t/1', 1); // id 1
    c.publish('t/2', 1); // id 2
    c.publish('t/3', 2); // id 3
    c.packet({ type: 'puback', packetId: 1 });
    const dup = c.packet({ type: 'puback', packetId: 1 }); // a duplicate
    const pubrec = c.packet({ type: 'pubrec', packetId: 9 });
    const pubcomp = c.packet({ type: 'pubcomp', packetId: 9 });
    expect(c.keys(dup)).toEqual(['client.ack.unknown']);
    // PUBREL all the same, so the broker can let go of the id (3.1.1: no reason code).
    expect(c.sent(pubrec)).toEqual([{ type: 'pubrel', packetId: 9 }]);
    expect(c.keys(pubrec)).toEqual(['client.ack.pubrec-unknown']);
    expect(c.keys(pubcomp)).toEqual(['client.ack.unknown']);
    expect(clientView(c.snapshot).inFlightOut.map((m) => [m.packetId, m.stage])).toEqual([
      [2, 'awaiting PUBACK'],
      [3, 'awaiting PUBREC'],
    ]);
  });
});
