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

/** A heap of `items` in O(k): single-item heaps merged in pairs, round after round. */
function heapOf<T extends Queued>(items: readonly T[]): Heap<T> {
  let round: Heap<T>[] = items.map((item) => ({ item, rank: 1, left: null, right: null, size: 1 }));
  while (round.length > 1) {
    const next: Heap<T>[] = [];
    for (let i = 0; i + 1 < round.length; i += 2) next.push(merge(round[i]!, round[i + 1]!));
    if (round.length % 2 === 1) next.push(round[round.length - 1]!);
    round = next;
  }
  return round[0] ?? null;
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

/**
 * The queue during a run of steps: the persistent heap the run started from, and in front of it
 * a plain binary heap (an array) for what the run adds. Most events of a run are born and
 * consumed within it (a packet arrives one latency after it was sent), so they never cost a
 * persistent node; `freeze` pushes the ones still waiting into the persistent heap when the run
 * ends. The heap the run started from is never changed. Items come out in `(atMs, seq)` order
 * whichever of the two holds them, so a run gives the same order as single steps.
 */
export class TransientQueue<T extends Queued> {
  private readonly added: T[] = [];

  constructor(private base: Heap<T>) {}

  /** The earliest item, or undefined when both are empty. */
  peek(): T | undefined {
    const a = this.base?.item;
    const b = this.added[0];
    if (a === undefined) return b;
    return b !== undefined && before(b, a) ? b : a;
  }

  /** Remove the earliest item. */
  pop(): void {
    const a = this.base?.item;
    const b = this.added[0];
    if (b === undefined || (a !== undefined && before(a, b))) this.base = pop(this.base);
    else this.popAdded();
  }

  push(item: T): void {
    const h = this.added;
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  /**
   * The persistent heap with everything still waiting: what the run added becomes a heap of its
   * own, built in O(k) (`heapOf`), merged with the base in O(log n), instead of k pushes at
   * O(log n) each (at 10,000 clients a run leaves some 20,000 keep-alive timers waiting).
   */
  freeze(): Heap<T> {
    if (this.added.length > 0) this.base = merge(this.base, heapOf(this.added));
    this.added.length = 0;
    return this.base;
  }

  private popAdded(): void {
    const h = this.added;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[child]!, last)) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
  }
}
