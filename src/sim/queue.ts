/**
 * A persistent (immutable) priority queue: a leftist heap ordered by `(atMs, seq)`.
 *
 * Theory of operation: every operation returns a new heap and shares the untouched subtrees
 * with the old one, so a world in the history keeps its queue exactly as it was, and stepping
 * from an old world (a fork) is as cheap as stepping from the newest one. Insert and pop are
 * O(log n) worst case, which, unlike a pairing heap's amortized bound, survives persistence.
 * Events due at the same time run in the order they were issued (FoundationDB's rule).
 */

export interface Queued {
  readonly atMs: number;
  readonly seq: number;
}

interface Node<T extends Queued> {
  readonly item: T;
  readonly rank: number;
  readonly left: Heap<T>;
  readonly right: Heap<T>;
  readonly size: number;
}

/** An immutable heap; `null` is the empty heap. */
export type Heap<T extends Queued> = Node<T> | null;

/** Does `a` come before `b`: earlier, or at the same time and issued first? */
export function before(a: Queued, b: Queued): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

function rank<T extends Queued>(h: Heap<T>): number {
  return h === null ? 0 : h.rank;
}

function node<T extends Queued>(item: T, a: Heap<T>, b: Heap<T>): Node<T> {
  const size = 1 + (a?.size ?? 0) + (b?.size ?? 0);
  return rank(a) >= rank(b) ? { item, rank: rank(b) + 1, left: a, right: b, size } : { item, rank: rank(a) + 1, left: b, right: a, size };
}

function merge<T extends Queued>(a: Heap<T>, b: Heap<T>): Heap<T> {
  if (a === null) return b;
  if (b === null) return a;
  if (before(b.item, a.item)) [a, b] = [b, a];
  return node(a.item, a.left, merge(a.right, b));
}

/** The heap with `item` added. */
export function push<T extends Queued>(heap: Heap<T>, item: T): Heap<T> {
  return merge(heap, { item, rank: 1, left: null, right: null, size: 1 });
}

/** The earliest item, or undefined for the empty heap. */
export function peek<T extends Queued>(heap: Heap<T>): T | undefined {
  return heap?.item;
}

/** The heap without its earliest item. */
export function pop<T extends Queued>(heap: Heap<T>): Heap<T> {
  return heap === null ? null : merge(heap.left, heap.right);
}

/** Number of items. */
export function size<T extends Queued>(heap: Heap<T>): number {
  return heap?.size ?? 0;
}

/** All items in (atMs, seq) order, for views and tests; O(n log n). */
export function toSortedArray<T extends Queued>(heap: Heap<T>): T[] {
  const out: T[] = [];
  const stack: Heap<T>[] = [heap];
  while (stack.length) {
    const h = stack.pop();
    if (!h) continue;
    out.push(h.item);
    stack.push(h.left, h.right);
  }
  return out.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
