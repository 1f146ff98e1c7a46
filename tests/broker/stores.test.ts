import { describe, expect, test } from 'vitest';
import { emptyRetained, matchRetained, storeRetained } from '../../src/core/broker/retained.ts';
import { addInflight, newSession, nextPacketId, removeInflight, setStage } from '../../src/core/broker/sessions.ts';
import { addSubscription, emptySubscriptionIndex, matchTopic, removeSubscription } from '../../src/core/broker/subscriptions.ts';

const opts = { qos: 1 as const, noLocal: false, retainAsPublished: false, retainHandling: 0 as const };
const msg = (topic: string, payload = 'x') => ({ topic, payload: new TextEncoder().encode(payload), qos: 0 as const, retain: true });

describe('pure stores', () => {
  test('the subscription index matches wildcards and leaves old versions unchanged', () => {
    const a = addSubscription(emptySubscriptionIndex, 'c1', 'a/+/c', opts);
    const b = addSubscription(a, 'c2', 'a/#', opts);
    expect(matchTopic(b, 'a/b/c').subscriptions.map((m) => m.clientId).sort()).toEqual(['c1', 'c2']);
    expect(matchTopic(a, 'a/b/c').subscriptions.map((m) => m.clientId)).toEqual(['c1']);
    const c = removeSubscription(b, 'c1', 'a/+/c');
    expect(c.count).toBe(1);
    expect(b.count).toBe(2);
  });

  test('retained store replaces and clears', () => {
    let s = storeRetained(emptyRetained, msg('a/b')).store;
    s = storeRetained(s, msg('a/b', 'y')).store;
    expect(matchRetained(s, 'a/#').map((m) => new TextDecoder().decode(m.payload))).toEqual(['y']);
    expect(storeRetained(s, msg('a/b', '')).store.size).toBe(0);
  });

  test('packet ids skip ids still in flight and wrap at 65535', () => {
    const s = newSession('c', 4, 0);
    const d = { message: msg('t'), qos: 1 as const, retain: false };
    const owned = new Set<object>();
    addInflight(s, 65535, d, owned);
    addInflight(s, 1, d, owned);
    s.lastPacketId = 65534;
    expect(nextPacketId(s)).toBe(2);
  });

  test('a run copies an in-flight list once and never edits one it did not copy', () => {
    const s = newSession('c', 4, 0);
    const d = { message: msg('t'), qos: 1 as const, retain: false };
    const run1 = new Set<object>();
    addInflight(s, 1, d, run1);
    const handedOver = s.inflightOut;
    addInflight(s, 2, d, run1);
    expect(s.inflightOut).toBe(handedOver); // the run's own copy, edited in place
    const run2 = new Set<object>();
    setStage(s, 1, 'awaiting-pubrec', run2);
    removeInflight(s, 2, run2);
    expect(handedOver.map((e) => [e.packetId, e.stage])).toEqual([
      [1, 'awaiting-puback'],
      [2, 'awaiting-puback'],
    ]);
    expect(s.inflightOut.map((e) => [e.packetId, e.stage])).toEqual([[1, 'awaiting-pubrec']]);
  });

  test('retained matching uses the topic layer: `#` matches the parent level, never a `$` topic', () => {
    let s = storeRetained(emptyRetained, msg('a')).store;
    s = storeRetained(s, msg('$SYS/x')).store;
    s = storeRetained(s, msg('a/b/c')).store;
    // Mosquitto 2.0's order (tests/fidelity/fidelity-ii.test.ts compares it with the real broker):
    // under `a/#` the children come first and `a` itself last; under `#` the tree from the top.
    expect(matchRetained(s, 'a/#').map((m) => m.topic)).toEqual(['a/b/c', 'a']);
    expect(matchRetained(s, '#').map((m) => m.topic)).toEqual(['a', 'a/b/c']);
    expect(matchRetained(s, '+/x')).toEqual([]);
    expect(matchRetained(s, '$SYS/#').map((m) => m.topic)).toEqual(['$SYS/x']);
  });
});
