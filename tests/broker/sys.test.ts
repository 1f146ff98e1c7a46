import { describe, expect, test } from 'vitest';
import { BrokerHarness, dec } from './harness.ts';

describe('$SYS', () => {
  test('broker statistics are published as retained messages every sys interval', () => {
    const h = new BrokerHarness({ sysIntervalSec: 10 });
    h.connect('s', 'sub');
    h.subscribe('s', '$SYS/#');
    h.take();
    h.advance(10_000);
    const topics = new Map(h.publishesTo('s').map((p) => [p.topic, dec(p.payload)]));
    expect(topics.get('$SYS/broker/version')).toBe('mqtt-lab');
    expect(topics.get('$SYS/broker/uptime')).toBe('10 seconds');
    expect(topics.get('$SYS/broker/clients/connected')).toBe('1');
    expect(topics.get('$SYS/broker/subscriptions/count')).toBe('1');
    expect(h.view().retained.some((m) => m.topic === '$SYS/broker/uptime')).toBe(true);
    h.take();
    h.advance(10_000);
    // only changed values (and uptime) are published again
    expect(h.publishesTo('s').map((p) => p.topic)).not.toContain('$SYS/broker/version');
  });
});
