/**
 * The broker's subscription store: a persistent (immutable) topic trie.
 *
 * Theory of operation. A filter is a path of levels from the root; each node has
 *   - `children`: literal levels, a persistent hash map (hamt.ts) from level text to node,
 *   - `plus`: the node for a `+` level,
 *   - `hashSubs`: the subscriptions whose filter ends in `#` right below this node,
 *   - `subs`: the subscriptions whose filter ends at this node.
 * Subscriptions at a node are a flat immutable array (a "bucket"), one entry per subscriber
 * and filter, so adding again replaces (MQTT-3.8.4-3); a shared subscription `$share/g/f` sits
 * in the bucket of its inner filter `f`, told apart by its ShareName. Buckets are arrays, not
 * hash maps, because matching iterates them: contiguous pointers beat chasing tree nodes
 * (measured: 5-10x when many subscribers share a filter). The price is O(k) per update for the
 * k subscribers of that exact filter.
 *
 * Matching scans the topic once, recording where each level ends and its hash (into scratch
 * arrays reused across calls, so nothing is allocated but the result), then walks the trie
 * depth-first: at every node reached it takes `hashSubs` (`#` matches the rest, including
 * nothing, so `a/#` matches `a`), follows `plus` and the literal child for the next level, and
 * at the end of the topic takes `subs`. At the root a topic starting with `$` skips `+` and `#`
 * (MQTT-4.7.2-1). Work is proportional to the matching paths, not to the number of filters.
 *
 * Immutability. Every update copies only the path from the root to the changed node
 * (O(levels x log32 width)) and returns a new store; the old one is unchanged and shares
 * everything else. So a world can hold a store, and history can hold every world, without
 * copies, and a snapshot is just keeping the reference.
 */
import { collect, get, getRange, HASH_START, hashStep, hashString, remove, set, type Hamt } from './hamt.ts';
import { parseSharedSubscription } from './shared.ts';

/** One subscription as stored and as returned by `match`. */
export interface Subscription<V> {
  readonly subscriberId: string;
  /** The filter as subscribed, `$share/...` included. */
  readonly filter: string;
  /** The filter matched against topics (`filter` without `$share/{ShareName}/`). */
  readonly topicFilter: string;
  /** The ShareName of a shared subscription, null for a plain one. */
  readonly shareName: string | null;
  readonly value: V;
}

/** Options for `add`. */
export interface AddOptions {
  /** Treat `$share/{ShareName}/{filter}` as a shared subscription (MQTT 5.0). Default true. */
  readonly sharedSubscriptions?: boolean;
}

class TrieNode<V> {
  constructor(
    readonly children: Hamt<TrieNode<V>>,
    readonly plus: TrieNode<V> | null,
    readonly hashSubs: Bucket<V>,
    readonly subs: Bucket<V>,
  ) {}

  get isEmpty(): boolean {
    return this.children === null && this.plus === null && this.hashSubs === null && this.subs === null;
  }
}

const EMPTY_NODE = new TrieNode<never>(null, null, null, null);

function orNull<V>(node: TrieNode<V>): TrieNode<V> | null {
  return node.isEmpty ? null : node;
}

/**
 * The node with `update` applied to the bucket at the end of `levels`. Iterative (a filter may
 * have thousands of levels; the call stack would not): down the path first, remembering each
 * node passed, then back up, copying each node whose child changed.
 */
function updatePath<V>(root: TrieNode<V>, levels: readonly string[], update: (bucket: Bucket<V>) => Bucket<V>): TrieNode<V> {
  const path: TrieNode<V>[] = [];
  let node = root;
  let i = 0;
  let next: TrieNode<V>;
  for (;; i++) {
    if (i === levels.length) {
      const subs = update(node.subs);
      next = subs === node.subs ? node : new TrieNode(node.children, node.plus, node.hashSubs, subs);
      break;
    }
    const level = levels[i] as string;
    if (level === '#') {
      const hashSubs = update(node.hashSubs);
      next = hashSubs === node.hashSubs ? node : new TrieNode(node.children, node.plus, hashSubs, node.subs);
      break;
    }
    path.push(node);
    node = level === '+' ? (node.plus ?? (EMPTY_NODE as TrieNode<V>)) : (get(node.children, hashString(level), level) ?? (EMPTY_NODE as TrieNode<V>));
  }
  // `next` replaces `node`, the child of `path[i - 1]` at `levels[i - 1]`.
  for (let j = path.length - 1; j >= 0; j--) {
    const parent = path[j] as TrieNode<V>;
    const child = node;
    node = parent;
    if (next === child) return root;
    const level = levels[j] as string;
    if (level === '+') next = new TrieNode(parent.children, orNull(next), parent.hashSubs, parent.subs);
    else {
      const h = hashString(level);
      const children = next.isEmpty ? remove(parent.children, h, level) : set(parent.children, h, level, next);
      next = new TrieNode(children, parent.plus, parent.hashSubs, parent.subs);
    }
  }
  return next;
}

// Scratch space for `match`: end offset and hash of each topic level. Reused (match is not
// re-entrant: it calls nothing outside this module), grown when a topic has more levels.
let levelEnd = new Int32Array(32);
let levelHash = new Int32Array(32);

/** Scans `topic` once; fills the scratch arrays and returns the number of levels. */
function scanLevels(topic: string): number {
  let n = 0;
  let h = HASH_START;
  const len = topic.length;
  for (let i = 0; i <= len; i++) {
    const c = i === len ? 0x2f : topic.charCodeAt(i);
    if (c === 0x2f) {
      if (n === levelEnd.length) {
        const bigger = new Int32Array(n * 2);
        bigger.set(levelEnd);
        levelEnd = bigger;
        const biggerHash = new Int32Array(n * 2);
        biggerHash.set(levelHash);
        levelHash = biggerHash;
      }
      levelEnd[n] = i;
      levelHash[n] = h;
      n++;
      h = HASH_START;
    } else h = hashStep(h, c);
  }
  return n;
}

function pushAll<V>(bucket: readonly Subscription<V>[], out: Subscription<V>[]): void {
  for (let i = 0; i < bucket.length; i++) out.push(bucket[i] as Subscription<V>);
}

// The explicit stack of `walk`: a node to visit at a level, or (level -1) a `#` bucket to take.
const walkNodes: unknown[] = [];
const walkLevels: number[] = [];

/**
 * Collects the matches below `node` for the topic's levels from `k` on, in Mosquitto's walk
 * order (src/subs.c, `sub__search`): the literal branch, then `+`, then a `#` here; where the
 * topic ends, the `#` below it before the filters ending here. Iterative, with an explicit
 * stack (pushed in reverse, so the literal branch is popped first): a topic may have thousands
 * of levels.
 */
function walk<V>(start: TrieNode<V>, topic: string, k0: number, n: number, out: Subscription<V>[]): void {
  const nodes = walkNodes;
  const ks = walkLevels;
  const base = nodes.length;
  nodes.push(start);
  ks.push(k0);
  while (nodes.length > base) {
    const item = nodes.pop();
    const k = ks.pop() as number;
    if (k < 0) {
      pushAll(item as readonly Subscription<V>[], out);
      continue;
    }
    const node = item as TrieNode<V>;
    if (k === n) {
      if (node.hashSubs !== null) pushAll(node.hashSubs, out);
      if (node.subs !== null) pushAll(node.subs, out);
      continue;
    }
    if (node.hashSubs !== null) {
      nodes.push(node.hashSubs);
      ks.push(-1);
    }
    if (node.plus !== null) {
      nodes.push(node.plus);
      ks.push(k + 1);
    }
    if (node.children !== null) {
      const from = k === 0 ? 0 : (levelEnd[k - 1] as number) + 1;
      const child = getRange(node.children, levelHash[k] as number, topic, from, levelEnd[k] as number);
      if (child !== undefined) {
        nodes.push(child);
        ks.push(k + 1);
      }
    }
  }
}

/** The subscriptions whose filter ends at one place in the trie; null when none. */
type Bucket<V> = readonly Subscription<V>[] | null;

function withSub<V>(bucket: Bucket<V>, sub: Subscription<V>): Bucket<V> {
  if (bucket === null) return [sub];
  const i = bucket.findIndex((s) => s.subscriberId === sub.subscriberId && s.shareName === sub.shareName);
  if (i < 0) return [...bucket, sub];
  const next = bucket.slice();
  next[i] = sub;
  return next;
}

function withoutSub<V>(bucket: Bucket<V>, subscriberId: string, shareName: string | null): Bucket<V> {
  if (bucket === null) return null;
  const i = bucket.findIndex((s) => s.subscriberId === subscriberId && s.shareName === shareName);
  if (i < 0) return bucket;
  if (bucket.length === 1) return null;
  return bucket.filter((_, j) => j !== i);
}

/**
 * An immutable set of subscriptions, one per (subscriber, filter). Every update returns a new
 * store and leaves this one as it was (structural sharing), so worlds can keep it in history.
 */
export class SubscriptionStore<V> {
  private static readonly EMPTY = new SubscriptionStore<never>(EMPTY_NODE, null, 0);

  private constructor(
    private readonly root: TrieNode<V>,
    /** subscriberId -> (filter -> subscription): for `get`, `remove` and `removeAll`. */
    private readonly bySubscriber: Hamt<Hamt<Subscription<V>>>,
    /** Number of subscriptions. */
    readonly size: number,
  ) {}

  /** The empty store. */
  static empty<V>(): SubscriptionStore<V> {
    return SubscriptionStore.EMPTY as SubscriptionStore<V>;
  }

  /** A store holding `entries`, added in order. */
  static from<V>(entries: Iterable<readonly [filter: string, subscriberId: string, value: V]>): SubscriptionStore<V> {
    let store = SubscriptionStore.empty<V>();
    for (const [filter, subscriberId, value] of entries) store = store.add(filter, subscriberId, value);
    return store;
  }

  /**
   * A store with `subscriberId` subscribed to `filter` (assumed valid) with `value`; an
   * existing subscription of that subscriber to the identical filter is replaced
   * (MQTT-3.8.4-3). Returns this store when the same value is already there.
   */
  add(filter: string, subscriberId: string, value: V, options: AddOptions = {}): SubscriptionStore<V> {
    const share = options.sharedSubscriptions === false ? null : parseSharedSubscription(filter);
    const topicFilter = share?.filter ?? filter;
    const shareName = share === null ? null : share.shareName;
    const sub: Subscription<V> = { subscriberId, filter, topicFilter, shareName, value };
    const idHash = hashString(subscriberId);
    const filterHash = hashString(filter);
    const own = get(this.bySubscriber, idHash, subscriberId) ?? null;
    const previous = get(own, filterHash, filter);
    if (previous !== undefined && previous.value === value && previous.topicFilter === topicFilter) return this;
    // a re-add with other options may move the subscription; take the old one out first
    const base = previous !== undefined && previous.topicFilter !== topicFilter ? this.remove(filter, subscriberId) : this;
    const root = updatePath(base.root, topicFilter.split('/'), (bucket) => withSub(bucket, sub));
    const baseOwn = base === this ? own : (get(base.bySubscriber, idHash, subscriberId) ?? null);
    const bySubscriber = set(base.bySubscriber, idHash, subscriberId, set(baseOwn, filterHash, filter, sub));
    return new SubscriptionStore(root, bySubscriber, base.size + (base === this && previous !== undefined ? 0 : 1));
  }

  /** A store without `subscriberId`'s subscription to `filter`; this store when there is none. */
  remove(filter: string, subscriberId: string): SubscriptionStore<V> {
    const idHash = hashString(subscriberId);
    const own = get(this.bySubscriber, idHash, subscriberId) ?? null;
    const filterHash = hashString(filter);
    const sub = get(own, filterHash, filter);
    if (sub === undefined) return this;
    const root = updatePath(this.root, sub.topicFilter.split('/'), (bucket) => withoutSub(bucket, subscriberId, sub.shareName));
    const rest = remove(own, filterHash, filter);
    const bySubscriber = rest === null ? remove(this.bySubscriber, idHash, subscriberId) : set(this.bySubscriber, idHash, subscriberId, rest);
    return new SubscriptionStore(root, bySubscriber, this.size - 1);
  }

  /** A store without any subscription of `subscriberId` (a session ends). */
  removeAll(subscriberId: string): SubscriptionStore<V> {
    return this.subscriptionsOf(subscriberId).reduce<SubscriptionStore<V>>(
      (store, sub) => store.remove(sub.filter, subscriberId),
      this,
    );
  }

  /** `subscriberId`'s subscription to exactly `filter`, if any. */
  get(filter: string, subscriberId: string): Subscription<V> | undefined {
    const own = get(this.bySubscriber, hashString(subscriberId), subscriberId) ?? null;
    return get(own, hashString(filter), filter);
  }

  /** Every subscription of `subscriberId` (in no particular order). */
  subscriptionsOf(subscriberId: string): Subscription<V>[] {
    const out: Subscription<V>[] = [];
    collect(get(this.bySubscriber, hashString(subscriberId), subscriberId) ?? null, out);
    return out;
  }

  /** Every subscription in the store (in no particular order). */
  all(): Subscription<V>[] {
    const owners: Hamt<Subscription<V>>[] = [];
    collect(this.bySubscriber, owners);
    const out: Subscription<V>[] = [];
    for (const own of owners) collect(own, out);
    return out;
  }

  /**
   * Every subscription whose filter matches the topic name `topic`, each once, in Mosquitto's
   * walk order of filters (see `walk`; the subscriptions of one filter in the order they were
   * made): overlapping subscriptions of one subscriber all appear, and so does every member of
   * a shared group (the broker picks one member per `filter`).
   */
  match(topic: string): Subscription<V>[] {
    const out: Subscription<V>[] = [];
    const n = scanLevels(topic);
    const root = this.root;
    if (topic.charCodeAt(0) === 0x24) {
      // MQTT-4.7.2-1: `#` and `+` at the first level do not match topics starting with `$`
      if (root.children === null) return out;
      const child = getRange(root.children, levelHash[0] as number, topic, 0, levelEnd[0] as number);
      if (child !== undefined) walk(child, topic, 1, n, out);
      return out;
    }
    walk(root, topic, 0, n, out);
    return out;
  }
}
