/** `Fifo.sum`: the total weight of a queue version, right for every version however they share arrays. */
import { describe, expect, it } from 'vitest';
import { Fifo } from '../../src/core/broker/fifo.ts';

const weight = (n: number) => n;
const naive = (q: Fifo<number>) => q.toArray().reduce((a, b) => a + b, 0);

describe('Fifo.sum', () => {
  it('matches a plain sum for every version after pushes, shifts and forks', () => {
    const versions: Fifo<number>[] = [Fifo.empty()];
    let q = Fifo.empty<number>();
    for (let i = 1; i <= 300; i++) {
      q = q.push(i);
      if (i % 3 === 0) q = q.shift();
      if (i % 50 === 0) versions.push(q.push(1000 + i)); // a fork that appends past q's end
      versions.push(q);
    }
    for (const v of versions) expect(v.sum(weight)).toBe(naive(v));
  });

  it('weighs each item once per backing array', () => {
    let calls = 0;
    const counted = (n: number) => (calls++, n);
    let q = Fifo.empty<number>();
    for (let i = 0; i < 1000; i++) {
      q = q.push(i);
      q.sum(counted);
    }
    expect(calls).toBeLessThan(3000);
  });
});
