import { describe, expect, test } from 'vitest';
import { BrokerHarness, enc } from './harness.ts';

describe('keep alive', () => {
  test('the broker closes a silent client after 1.5 × keep alive and publishes its will', () => {
    const h = new BrokerHarness();
    h.connect('w', 'watcher', { keepAliveSec: 1000 });
    h.subscribe('w', 'status/#');
    h.connect('d', 'dev', { keepAliveSec: 10, will: { topic: 'status/dev', payload: enc('x'), qos: 0, retain: false } });
    h.take();
    h.advance(14_999);
    expect(h.closedConns()).toEqual([]);
    h.advance(1);
    expect(h.closedConns()).toEqual(['d']);
    expect(h.publishesTo('w')).toHaveLength(1);
    expect(h.refs()).toContain('MQTT-3.1.2-24');
  });

  test('any packet restarts the keep-alive period; PINGREQ gets PINGRESP', () => {
    const h = new BrokerHarness();
    h.connect('d', 'dev', { keepAliveSec: 10 });
    h.advance(10_000);
    h.take();
    h.packet('d', { type: 'pingreq' });
    expect(h.packetsTo('d')).toEqual([{ type: 'pingresp' }]);
    h.advance(14_000);
    expect(h.closedConns()).toEqual([]);
    h.advance(1_000);
    expect(h.closedConns()).toEqual(['d']);
  });
});
