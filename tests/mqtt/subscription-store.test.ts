import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matches, SubscriptionStore, type Subscription } from '../../src/core/mqtt/index.ts';
import { topicFilter, topicName } from './arbitraries.ts';

const ids = (subs: Subscription<unknown>[]) => subs.map((s) => `${s.subscriberId} ${s.filter}`).sort();

describe('SubscriptionStore', () => {
  const store = SubscriptionStore.from<number>([
    ['plant/+/temp', 'dash', 1],
    ['plant/hall1/#', 'dash', 2],
    ['plant/hall1/temp', 'logger', 3],
    ['#', 'logger', 4],
    ['$SYS/#', 'admin', 5],
    ['$share/workers/plant/+/temp', 'w1', 6],
    ['$share/workers/plant/+/temp', 'w2', 7],
    ['$share/other/plant/+/temp', 'w1', 8],
  ]);

  it('returns every matching subscription, overlapping ones of one subscriber included', () => {
    expect(ids(store.match('plant/hall1/temp'))).toEqual([
      'dash plant/+/temp',
      'dash plant/hall1/#',
      'logger #',
      'logger plant/hall1/temp',
      'w1 $share/other/plant/+/temp',
      'w1 $share/workers/plant/+/temp',
      'w2 $share/workers/plant/+/temp',
    ]);
  });

  it("returns the matches in Mosquitto's walk order: literal level, then +, then #; # before a filter ending there", () => {
    const order = (subs: Subscription<unknown>[]) => subs.map((s) => `${s.subscriberId} ${s.filter}`);
    expect(order(store.match('plant/hall1/temp'))).toEqual([
      'logger plant/hall1/temp',
      'dash plant/hall1/#',
      'dash plant/+/temp',
      'w1 $share/workers/plant/+/temp',
      'w2 $share/workers/plant/+/temp',
      'w1 $share/other/plant/+/temp',
      'logger #',
    ]);
    const parent = SubscriptionStore.from<number>([
      ['a', 'x', 1],
      ['a/#', 'y', 2],
    ]);
    expect(order(parent.match('a'))).toEqual(['y a/#', 'x a']);
  });

  it('matches a/# against a (the parent level)', () => {
    expect(ids(store.match('plant/hall1'))).toEqual(['dash plant/hall1/#', 'logger #']);
  });

  it('does not match $ topics with filters starting with a wildcard (MQTT-4.7.2-1)', () => {
    expect(ids(store.match('$SYS/broker/load'))).toEqual(['admin $SYS/#']);
  });

  it('describes shared subscriptions by ShareName and inner filter', () => {
    const w2 = store.get('$share/workers/plant/+/temp', 'w2');
    expect(w2).toEqual({ subscriberId: 'w2', filter: '$share/workers/plant/+/temp', topicFilter: 'plant/+/temp', shareName: 'workers', value: 7 });
    expect(store.get('plant/+/temp', 'dash')?.shareName).toBeNull();
  });

  it('can store $share/ filters as ordinary filters (MQTT 3.1.1)', () => {
    const s = SubscriptionStore.empty<number>().add('$share/g/a', 'c', 1, { sharedSubscriptions: false });
    expect(ids(s.match('a'))).toEqual([]);
    expect(ids(s.match('$share/g/a'))).toEqual(['c $share/g/a']);
  });

  it('replaces the subscription of one subscriber to an identical filter (MQTT-3.8.4-3)', () => {
    const s = store.add('plant/+/temp', 'dash', 99);
    expect(s.size).toBe(store.size);
    expect(s.get('plant/+/temp', 'dash')?.value).toBe(99);
    expect(s.match('plant/hall2/temp').filter((m) => m.subscriberId === 'dash').map((m) => m.value)).toEqual([99]);
  });

  it('returns the same store when nothing changes', () => {
    expect(store.add('plant/+/temp', 'dash', 1)).toBe(store);
    expect(store.remove('no/such', 'dash')).toBe(store);
    expect(store.remove('plant/+/temp', 'nobody')).toBe(store);
    expect(store.removeAll('nobody')).toBe(store);
  });

  it('removes one subscription, leaving the same filter of others', () => {
    const s = store.remove('$share/workers/plant/+/temp', 'w1');
    expect(s.size).toBe(store.size - 1);
    expect(ids(s.match('plant/x/temp')).filter((x) => x.includes('workers'))).toEqual(['w2 $share/workers/plant/+/temp']);
  });

  it('removes all subscriptions of a subscriber', () => {
    const s = store.removeAll('w1').removeAll('logger');
    expect(s.size).toBe(store.size - 4);
    expect(s.subscriptionsOf('w1')).toEqual([]);
    expect(ids(s.match('plant/hall1/temp'))).toEqual(['dash plant/+/temp', 'dash plant/hall1/#', 'w2 $share/workers/plant/+/temp']);
  });

  it('is persistent: updates leave earlier stores unchanged', () => {
    const before = ids(store.match('plant/hall1/temp'));
    const after = store.removeAll('dash').add('plant/hall1/temp', 'new', 0).remove('#', 'logger');
    expect(ids(store.match('plant/hall1/temp'))).toEqual(before);
    expect(store.size).toBe(8);
    expect(ids(after.match('plant/hall1/temp'))).not.toEqual(before);
  });

  it('prunes empty branches so an emptied store matches nothing and equals empty in size', () => {
    let s = store;
    for (const sub of store.all()) s = s.remove(sub.filter, sub.subscriberId);
    expect(s.size).toBe(0);
    expect(s.all()).toEqual([]);
    expect(s.match('plant/hall1/temp')).toEqual([]);
  });

  it('handles empty levels and levels that are prefixes of each other', () => {
    const s = SubscriptionStore.from<number>([
      ['a//b', 'x', 1],
      ['a/+/b', 'y', 2],
      ['/', 'z', 3],
      ['a/bc', 'p', 4],
      ['a/b', 'q', 5],
    ]);
    expect(ids(s.match('a//b'))).toEqual(['x a//b', 'y a/+/b']);
    expect(ids(s.match('/'))).toEqual(['z /']);
    expect(ids(s.match('a/b'))).toEqual(['q a/b']);
    expect(ids(s.match('a/bc'))).toEqual(['p a/bc']);
  });

  it('matches topics with many levels (beyond the initial scratch space)', () => {
    const deep = Array.from({ length: 100 }, (_, i) => `l${i}`).join('/');
    const s = SubscriptionStore.from<number>([[deep, 'a', 1], ['l0/#', 'b', 2], [`${deep}/+`, 'c', 3]]);
    expect(ids(s.match(deep))).toEqual([`a ${deep}`, 'b l0/#']);
  });
});

describe('SubscriptionStore cross-checked against matches()', () => {
  const op = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), filter: topicFilter, id: fc.constantFrom('s1', 's2', 's3'), shared: fc.constantFrom(null, 'g1', 'g2') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), index: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeAll' as const), id: fc.constantFrom('s1', 's2', 's3') }) },
  );

  it('match(topic) equals the subscriptions whose filter matches(), after any adds and removes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(topicName, { minLength: 1, maxLength: 10 }), (ops, topics) => {
        let store = SubscriptionStore.empty<number>();
        const model = new Map<string, { filter: string; inner: string; id: string; value: number }>();
        ops.forEach((o, value) => {
          if (o.kind === 'add') {
            const filter = o.shared === null ? o.filter : `$share/${o.shared}/${o.filter}`;
            store = store.add(filter, o.id, value);
            model.set(`${o.id} ${filter}`, { filter, inner: o.filter, id: o.id, value });
          } else if (o.kind === 'remove') {
            const all = [...model.values()];
            const victim = all[o.index % Math.max(1, all.length)];
            if (victim === undefined) return;
            store = store.remove(victim.filter, victim.id);
            model.delete(`${victim.id} ${victim.filter}`);
          } else {
            store = store.removeAll(o.id);
            for (const [k, v] of model) if (v.id === o.id) model.delete(k);
          }
        });
        expect(store.size).toBe(model.size);
        for (const topic of topics) {
          const expected = [...model.values()].filter((m) => matches(m.inner, topic)).map((m) => `${m.id} ${m.filter} ${m.value}`).sort();
          const actual = store.match(topic).map((s) => `${s.subscriberId} ${s.filter} ${s.value}`).sort();
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
