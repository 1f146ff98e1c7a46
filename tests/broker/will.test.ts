import { describe, expect, test } from 'vitest';
import { BrokerHarness, enc } from './harness.ts';

const will = { topic: 'status/dev', payload: enc('offline'), qos: 1 as const, retain: true };

function setup(version: 4 | 5 = 4, willProps?: Record<string, number>) {
  const h = new BrokerHarness();
  h.connect('w', 'watcher');
  h.subscribe('w', 'status/#', 1);
  h.connect('d', 'dev', { protocolVersion: version, will: willProps ? { ...will, properties: willProps } : will });
  h.take();
  return h;
}

describe('wills', () => {
  test('the will is published when the network closes without DISCONNECT', () => {
    const h = setup();
    h.closed('d');
    expect(h.publishesTo('w')).toEqual([expect.objectContaining({ topic: 'status/dev', qos: 1 })]);
    expect(h.view().retained.map((m) => m.topic)).toEqual(['status/dev']);
    expect(h.refs()).toContain('MQTT-3.1.2-8');
  });

  test('a normal DISCONNECT deletes the will', () => {
    const h = setup();
    h.packet('d', { type: 'disconnect' });
    h.closed('d');
    expect(h.publishesTo('w')).toEqual([]);
    expect(h.refs()).toContain('MQTT-3.14.4-3');
  });

  test('5.0 DISCONNECT with reason 0x04 publishes the will', () => {
    const h = setup(5);
    h.packet('d', { type: 'disconnect', reasonCode: 0x04 });
    expect(h.publishesTo('w')).toHaveLength(1);
  });

  test('a protocol error publishes the will', () => {
    const h = setup();
    h.publish('d', 'bad/#', 'x');
    expect(h.publishesTo('w')).toHaveLength(1);
  });

  test('a 5.0 will delay ends early when the session ends with the connection (expiry 0)', () => {
    const h = setup(5, { willDelayIntervalSec: 10 });
    h.closed('d');
    expect(h.publishesTo('w')).toHaveLength(1);
    expect(h.refs()).toContain('MQTT-3.1.3-9');
    expect(h.keys()).toContain('will.published-session-end');
  });

  test('a 5.0 will delay with a kept session publishes after the delay unless the client reconnects', () => {
    const h = new BrokerHarness();
    h.connect('w', 'watcher');
    h.subscribe('w', 'status/#', 1);
    const props = { sessionExpiryIntervalSec: 100 };
    h.connect('d', 'dev', { protocolVersion: 5, clean: false, properties: props, will: { ...will, properties: { willDelayIntervalSec: 10 } } });
    h.take();
    h.closed('d');
    h.advance(9000);
    expect(h.publishesTo('w')).toEqual([]);
    h.advance(1000);
    expect(h.publishesTo('w')).toHaveLength(1);
    expect(h.keys()).toContain('will.published-after-delay');

    const h2 = new BrokerHarness();
    h2.connect('w', 'watcher');
    h2.subscribe('w', 'status/#', 1);
    h2.connect('d', 'dev', { protocolVersion: 5, clean: false, properties: props, will: { ...will, properties: { willDelayIntervalSec: 10 } } });
    h2.take();
    h2.closed('d');
    h2.advance(5000);
    h2.connect('d2', 'dev', { protocolVersion: 5, clean: false, properties: props });
    h2.advance(20000);
    expect(h2.publishesTo('w')).toEqual([]);
    expect(h2.keys()).toContain('will.cancelled-reconnect');
  });

  test('a 5.0 will with a delay is deleted by any new connection for the client ID in time: clean start, takeover, session expiry 0 (MQTT-3.1.2-8)', () => {
    const withDelay = { ...will, properties: { willDelayIntervalSec: 10 } };
    const kept = { sessionExpiryIntervalSec: 100 };
    const h = new BrokerHarness();
    h.connect('w', 'watcher');
    h.subscribe('w', 'status/#', 1);
    // Gone 5 s, back with Clean Start: the old session ends, but the client came back in time.
    h.connect('a', 'cut-then-clean', { protocolVersion: 5, clean: false, properties: kept, will: withDelay });
    h.closed('a');
    h.advance(5000);
    h.connect('a2', 'cut-then-clean', { protocolVersion: 5, clean: true });
    // Still connected, taken over by a clean connect; and one whose session ends with the connection.
    h.connect('b', 'open-taken-clean', { protocolVersion: 5, clean: false, properties: kept, will: withDelay });
    h.connect('b2', 'open-taken-clean', { protocolVersion: 5, clean: true });
    h.connect('c', 'session-0', { protocolVersion: 5, clean: true, will: withDelay });
    h.connect('c2', 'session-0', { protocolVersion: 5, clean: true });
    h.advance(20000);
    expect(h.publishesTo('w')).toEqual([]);
    expect(h.refs()).toContain('MQTT-3.1.2-8');
    expect(h.keys().filter((k) => k === 'will.cancelled-reconnect')).toHaveLength(3);
  });
});
