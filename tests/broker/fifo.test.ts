/**
 * The session queue (src/core/broker/fifo.ts) shares one array between its versions; every
 * version must still read as it was, whatever its successors and forks push and shift.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fifo } from '../../src/core/broker/fifo.ts';

describe('Fifo', () => {
  it('pushes at the back and shifts at the front', () => {
    let q = Fifo.empty<number>().push(1).push(2).push(3);
    expect(q.size).toBe(3);
    expect(q.first()).toBe(1);
    q = q.shift();
    expect(q.toArray()).toEqual([2, 3]);
    expect(q.take(1)).toEqual([2]);
    expect(q.take(10)).toEqual([2, 3]);
    expect([...q]).toEqual([2, 3]);
    expect(JSON.stringify({ q })).toBe('{"q":[2,3]}');
    expect(q.shift().shift().size).toBe(0);
    expect(q.shift().shift().first()).toBeUndefined();
  });

  it('keeps every version as it was when a later one or a fork pushes onto the shared array', () => {
    const base = Fifo.of('a', 'b');
    const later = base.push('c'); // appended in place
    const fork = base.push('x'); // base no longer ends the array: copies
    const shifted = later.shift().push('d');
    expect(base.toArray()).toEqual(['a', 'b']);
    expect(later.toArray()).toEqual(['a', 'b', 'c']);
    expect(fork.toArray()).toEqual(['a', 'b', 'x']);
    expect(shifted.toArray()).toEqual(['b', 'c', 'd']);
    expect(JSON.stringify(base)).toBe('["a","b"]');
  });

  it('behaves as an array under any mix of pushes, shifts and forks from old versions', () => {
    type Op = { kind: 'push'; from: number; value: number } | { kind: 'shift'; from: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), from: fc.nat(), value: fc.integer() }),
      fc.record({ kind: fc.constant('shift' as const), from: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops: Op[]) => {
        const versions: Array<{ q: Fifo<number>; model: number[] }> = [{ q: Fifo.empty(), model: [] }];
        for (const o of ops) {
          // Mostly the newest version (a run), sometimes an old one (a fork from the history).
          const v = versions[o.from % 4 === 0 ? o.from % versions.length : versions.length - 1]!;
          versions.push(
            o.kind === 'push'
              ? { q: v.q.push(o.value), model: [...v.model, o.value] }
              : { q: v.q.shift(), model: v.model.slice(1) },
          );
        }
        for (const v of versions) {
          expect(v.q.toArray()).toEqual(v.model);
          expect(v.q.size).toBe(v.model.length);
          expect(v.q.first()).toBe(v.model[0]);
        }
      }),
    );
  });
});
