/**
 * A transient view of an immutable map, for the run of one or many steps (Clojure's
 * transients, in spirit).
 *
 * Theory of operation: a step reads and writes a few keys of the world's maps (the actor it
 * delivers to, that actor's connection and timers), and a run of thousands of steps touches the
 * same keys again and again. Writing each change into the persistent map would copy a path of
 * its trie every time and hash the key on every read. The overlay keeps what the run has read
 * or written in a plain `Map` in front of the persistent one, and `freeze` writes the changed
 * keys into the persistent map once, in one batch of mutations, when the run ends. The map the
 * overlay started from is never changed, so the worlds before the run stay exactly as they were.
 *
 * A run's read cache outlives it: `freeze` hands the plain map on to the next overlay made from
 * the frozen map (the next run of a world run in slices, the next single step), which would
 * otherwise read every key it touches from the trie again: at 10,000 clients a run of a virtual
 * second touches each client's keys only a few times, so those first reads were most of them.
 * The plain map agrees with the frozen map on every key it holds, so any one overlay may take
 * it; only one does (it is taken out), because the taker writes into it.
 */
import type { Map as IMap } from 'immutable';

/** Marks a deleted key in the overlay. */
const GONE: unique symbol = Symbol('gone');

export class Overlay<K, V> {
  /** What the run has seen of each key: read through, written, or deleted (GONE). Made on first use. */
  private local: Map<K, V | typeof GONE> | undefined;
  /** The keys written or deleted since the last `freeze`. */
  private dirty: Set<K> | undefined;

  constructor(private base: IMap<K, V>) {
    this.local = handedOn.get(base) as Map<K, V | typeof GONE> | undefined;
    if (this.local !== undefined) handedOn.delete(base);
  }

  get(key: K): V | undefined {
    const local = (this.local ??= new Map());
    const seen = local.get(key);
    if (seen !== undefined) return seen === GONE ? undefined : seen;
    const value = this.base.get(key);
    if (value !== undefined) local.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    (this.local ??= new Map()).set(key, value);
    (this.dirty ??= new Set()).add(key);
  }

  delete(key: K): void {
    (this.local ??= new Map()).set(key, GONE);
    (this.dirty ??= new Set()).add(key);
  }

  /** Every entry, the overlay's changes included (freezes first: for rare, whole-map walks). */
  values(): IterableIterator<V> {
    return this.freeze().values();
  }

  /**
   * The persistent map with every change so far written into it. The read cache goes with it,
   * to the next overlay made from it; this one starts a new one if it goes on.
   */
  freeze(): IMap<K, V> {
    const dirty = this.dirty;
    const local = this.local;
    if (local === undefined) return this.base;
    if (dirty !== undefined && dirty.size > 0) {
      this.base = this.base.withMutations((m) => {
        for (const key of dirty) {
          const value = local.get(key)!;
          if (value === GONE) {
            m.delete(key);
            local.delete(key); // absent from both now: the cache does not grow with every key ever deleted
          } else m.set(key, value);
        }
      });
      dirty.clear();
    }
    handedOn.set(this.base, local);
    this.local = undefined;
    return this.base;
  }
}

/** A frozen map's read cache, for the next overlay made from it (`freeze`). */
const handedOn = new WeakMap<IMap<unknown, unknown>, Map<unknown, unknown>>();
