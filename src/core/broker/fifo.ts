/**
 * A persistent first-in-first-out queue: a session's messages waiting for room in the in-flight
 * window or for their client to come back (sessions.ts). Push at the back and shift at the
 * front take O(1) amortized, and every version stays exactly as it was, as the world's history
 * needs (step back, fork).
 *
 * Theory of operation: versions share one backing array, and each sees only its own window
 * `[start, end)` of it. A push appends to the array in place when this version's window ends
 * where the array does, that is, when no other version has appended after it; otherwise it
 * copies its window first. A version never reads past its own end, so what a newer version
 * appended stays invisible to it (Go's slices share arrays the same way). A shift only moves
 * `start`. A push that finds more dead slots in front than live ones copies the window, so the
 * array stays within twice the queue (plus 32 slots). Immutable's List, used before, copied a
 * 32-slot tail on every push and a path on every shift, and a busy subscriber's queue takes
 * hundreds of each per second.
 */
const SLACK = 32;

/**
 * What the versions of a queue share: the backing array and, for `Fifo.sum`, the running totals
 * of one weight function over it (`totals[k]` = the first k items). Kept beside the array, not
 * in a WeakMap keyed by it: a lookup per `sum` less, and a WeakMap entry would keep the totals
 * (and the array) alive through young-generation collections.
 */
interface Backing<T> {
  readonly items: T[];
  weight?: (item: T) => number;
  totals?: number[];
}

/** Running totals for weight functions other than a backing's first one (none in the broker). */
const OTHER_TOTALS = new WeakMap<object, WeakMap<object, number[]>>();

export class Fifo<T> implements Iterable<T> {
  /** The empty queue of any type: its backing never gets an item (a push makes a new one). */
  private static readonly EMPTY: Fifo<unknown> = new Fifo<unknown>({ items: [] }, 0, 0);

  private constructor(
    /** Shared with other versions: slots outside `[start, end)` are none of this version's business. */
    private readonly backing: Backing<T>,
    private readonly start: number,
    private readonly end: number,
  ) {}

  private get items(): T[] {
    return this.backing.items;
  }

  static empty<T>(): Fifo<T> {
    return Fifo.EMPTY as Fifo<T>;
  }

  static of<T>(...items: T[]): Fifo<T> {
    return items.length === 0 ? (Fifo.EMPTY as Fifo<T>) : new Fifo({ items }, 0, items.length);
  }

  get size(): number {
    return this.end - this.start;
  }

  /**
   * The sum of `weight` over this queue's items in O(1) amortized: a backing array only ever
   * grows at its end, so running totals kept per array weigh each item once. `weight` must be
   * pure and one function (not a new closure per call), or nothing is reused.
   */
  sum(weight: (item: T) => number): number {
    const backing = this.backing;
    let totals: number[];
    if (backing.weight === weight || backing.weight === undefined) {
      backing.weight = weight;
      totals = backing.totals ??= [0];
    } else {
      let byArray = OTHER_TOTALS.get(weight);
      if (!byArray) OTHER_TOTALS.set(weight, (byArray = new WeakMap()));
      let other = byArray.get(backing.items);
      if (!other) byArray.set(backing.items, (other = [0]));
      totals = other;
    }
    const items = backing.items;
    while (totals.length <= this.end) totals.push(totals[totals.length - 1]! + weight(items[totals.length - 1]!));
    return totals[this.end]! - totals[this.start]!;
  }

  /** The oldest item, or undefined when empty. */
  first(): T | undefined {
    return this.start < this.end ? this.items[this.start] : undefined;
  }

  /** This queue with `item` added at the back. */
  push(item: T): Fifo<T> {
    if (this.start === this.end) return new Fifo({ items: [item] }, 0, 1);
    const shared = this.items;
    if (this.end === shared.length && (this.start <= SLACK || this.start <= this.size)) {
      shared.push(item); // beyond every other version's end: invisible to them
      return new Fifo(this.backing, this.start, this.end + 1);
    }
    const items = shared.slice(this.start, this.end);
    items.push(item);
    return new Fifo({ items }, 0, items.length);
  }

  /** This queue without its oldest item. */
  shift(): Fifo<T> {
    if (this.size <= 1) return Fifo.EMPTY as Fifo<T>;
    return new Fifo(this.backing, this.start + 1, this.end);
  }

  /** The oldest `n` items (fewer when the queue is shorter), oldest first. */
  take(n: number): T[] {
    return this.items.slice(this.start, Math.min(this.end, this.start + Math.max(0, n)));
  }

  toArray(): T[] {
    return this.items.slice(this.start, this.end);
  }

  /** As JSON, the items in order (like an Immutable List). */
  toJSON(): T[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.start; i < this.end; i++) yield this.items[i]!;
  }
}
