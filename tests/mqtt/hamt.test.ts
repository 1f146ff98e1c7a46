import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, get, getRange, hashString, remove, set, type Hamt } from '../../src/core/mqtt/hamt.ts';

/** Two different keys with the same 32-bit hash, found by brute force (birthday bound). */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `k${i}`;
    const h = hashString(key);
    const other = seen.get(h);
    if (other !== undefined) return [other, key];
    seen.set(h, key);
  }
}

describe('hamt', () => {
  it('keeps keys with equal hashes apart (collision nodes)', () => {
    const [a, b] = collidingPair();
    expect(hashString(a)).toBe(hashString(b));
    let m: Hamt<number> = set(null, hashString(a), a, 1);
    m = set(m, hashString(b), b, 2);
    m = set(m, hashString('other'), 'other', 3);
    expect(get(m, hashString(a), a)).toBe(1);
    expect(get(m, hashString(b), b)).toBe(2);
    const removed = remove(m, hashString(a), a);
    expect(get(removed, hashString(a), a)).toBeUndefined();
    expect(get(removed, hashString(b), b)).toBe(2);
    expect(get(m, hashString(a), a)).toBe(1);
  });

  it('looks a key up by a slice of a longer string without creating it', () => {
    const m = set(null, hashString('hall1'), 'hall1', 'yes');
    expect(getRange(m, hashString('hall1'), 'plant/hall1/temp', 6, 11)).toBe('yes');
    expect(getRange(m, hashString('hall'), 'plant/hall/temp', 6, 10)).toBeUndefined();
  });

  it('behaves like a Map under any sequence of sets and removes, and old versions stay intact', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', '', 'hall1'), fc.string({ maxLength: 4 }), fc.nat(3000).map((n) => `k${n}`));
    const op = fc.tuple(fc.boolean(), key, fc.nat());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        let m: Hamt<number> = null;
        const model = new Map<string, number>();
        const versions: [Hamt<number>, Map<string, number>][] = [];
        for (const [isSet, k, v] of ops) {
          if (isSet) {
            m = set(m, hashString(k), k, v);
            model.set(k, v);
          } else {
            m = remove(m, hashString(k), k);
            model.delete(k);
          }
          versions.push([m, new Map(model)]);
        }
        for (const [version, snapshot] of versions) {
          const values: number[] = [];
          collect(version, values);
          expect(values.sort()).toEqual([...snapshot.values()].sort());
          for (const [k, v] of snapshot) expect(get(version, hashString(k), k)).toBe(v);
        }
      }),
      { numRuns: 200 },
    );
  });
});
