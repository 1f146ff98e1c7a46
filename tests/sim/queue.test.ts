/**
 * The world's queue: the persistent heap, and the transient queue a run of steps uses in front
 * of it. Against a plain sorted list, over random pushes and pops: the same items come out in
 * `(atMs, seq)` order, `freeze` keeps everything still waiting, and the heap a run started from
 * is never changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { before, peek, pop, push, size, toSortedArray, TransientQueue, type Heap, type Queued } from '../../src/sim/queue.ts';

const order = (a: Queued, b: Queued) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);

describe('the transient queue', () => {
  it('gives items in (atMs, seq) order from the heap it started from and from what it added, and freezes what is left', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant('pop' as const)), { maxLength: 80 }),
        (baseTimes, ops) => {
          let seq = 0;
          let base: Heap<Queued> = null;
          for (const atMs of baseTimes) base = push(base, { atMs, seq: seq++ });
          const baseBefore = toSortedArray(base);
          const reference = [...baseBefore];
          const q = new TransientQueue(base);
          for (const op of ops) {
            if (op === 'pop') {
              expect(q.peek()).toEqual(reference[0]);
              if (reference.length > 0) {
                q.pop();
                reference.shift();
              }
            } else {
              const item = { atMs: op, seq: seq++ };
              q.push(item);
              reference.push(item);
              reference.sort(order);
            }
          }
          const frozen = q.freeze();
          expect(toSortedArray(frozen)).toEqual(reference);
          expect(size(frozen)).toBe(reference.length);
          expect(peek(frozen)).toEqual(reference[0]);
          // The heap the run started from is as it was.
          expect(toSortedArray(base)).toEqual(baseBefore);
          // And the frozen heap pops in order.
          let h = frozen;
          for (const item of reference) {
            expect(peek(h)).toEqual(item);
            h = pop(h);
          }
          expect(h).toBeNull();
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
