/**
 * Publishes on a topic reuse the subscriptions found for it while the subscriptions stay the
 * same (`matchTopic`, src/core/broker/subscriptions.ts). A subscribe or unsubscribe in between,
 * or a step from an older snapshot (step back, fork), must see its own subscriptions.
 */
import { describe, expect, test } from 'vitest';
import { BrokerHarness, dec } from './harness.ts';

const receivers = (h: BrokerHarness, connIds: string[]): string[] => connIds.filter((c) => h.publishesTo(c).length > 0);

describe('subscriptions found for a topic', () => {
  test('a subscriber who joins or leaves between two publishes on the same topic is counted in the second', () => {
    const h = new BrokerHarness();
    h.connect('a', 'alice');
    h.connect('b', 'bob');
    h.connect('p', 'pub');
    h.subscribe('a', 'plant/+/temp', 1);
    h.take();
    h.publish('p', 'plant/hall1/temp', 'one', 1);
    expect(receivers(h, ['a', 'b'])).toEqual(['a']);

    h.subscribe('b', 'plant/#', 1);
    h.take();
    h.publish('p', 'plant/hall1/temp', 'two', 1, { packetId: 2 });
    expect(receivers(h, ['a', 'b'])).toEqual(['a', 'b']);

    h.packet('a', { type: 'unsubscribe', packetId: 3, topicFilters: ['plant/+/temp'] });
    h.take();
    h.publish('p', 'plant/hall1/temp', 'three', 1, { packetId: 3 });
    expect(receivers(h, ['a', 'b'])).toEqual(['b']);
  });

  test('a publish from an older snapshot reaches the subscribers of that snapshot, not those added later', () => {
    const h = new BrokerHarness();
    h.connect('a', 'alice');
    h.connect('b', 'bob');
    h.connect('p', 'pub');
    h.subscribe('a', 'x/y', 0);
    const before = h.snapshot;
    h.subscribe('b', 'x/+', 0);
    h.take();
    h.publish('p', 'x/y', 'now');
    expect(receivers(h, ['a', 'b'])).toEqual(['a', 'b']);

    h.snapshot = before;
    h.take();
    h.publish('p', 'x/y', 'then');
    expect(receivers(h, ['a', 'b'])).toEqual(['a']);
    expect(h.publishesTo('a').map((p) => dec(p.payload))).toEqual(['then']);
  });
});
