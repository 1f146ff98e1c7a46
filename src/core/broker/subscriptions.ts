/**
 * The subscription index: a thin adapter over the topic layer's persistent subscription trie
 * (`SubscriptionStore` in src/core/mqtt), which applies MQTT-4.7.2-1 and replaces a
 * subscription to the identical filter (MQTT-3.8.4-3).
 *
 * Ordinary matches come in Mosquitto's order (`walkKey`). Matching groups shared subscriptions (`$share/group/filter`) by group and filter; the members
 * of a group are ordered by client ID, so the round-robin choice is deterministic and easy to
 * follow in the trace. Every update returns a new index; old snapshots stay valid.
 */
import { OrderedMap } from 'immutable';
import type { QoS } from '../codec/types.ts';
import { SubscriptionStore } from '../mqtt/index.ts';

/** What the broker stores for one subscription (the options of section 3.8.3.1). */
export interface SubscriptionOptions {
  /** Granted QoS. */
  qos: QoS;
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
  /** 5.0 subscription identifier, if the SUBSCRIBE carried one. */
  subscriptionId?: number;
}

/** One match for a topic: who, by which filter (as the client wrote it), with which options. */
export interface SubscriptionMatch {
  clientId: string;
  /** The filter as subscribed, including `$share/group/` for shared subscriptions. */
  filter: string;
  options: SubscriptionOptions;
  /** Set for shared subscriptions: the group name. */
  shareGroup?: string;
}

/** An immutable subscription index. */
export interface SubscriptionIndex {
  readonly store: SubscriptionStore<SubscriptionOptions>;
  readonly count: number;
}

export const emptySubscriptionIndex: SubscriptionIndex = { store: SubscriptionStore.empty(), count: 0 };

function fullFilter(filter: string, shareGroup: string | undefined): string {
  return shareGroup === undefined ? filter : `$share/${shareGroup}/${filter}`;
}

/** Adds or replaces a subscription. `filter` is the inner filter (without `$share/g/`). */
export function addSubscription(
  index: SubscriptionIndex,
  clientId: string,
  filter: string,
  options: SubscriptionOptions,
  shareGroup?: string,
): SubscriptionIndex {
  const store = index.store.add(fullFilter(filter, shareGroup), clientId, options);
  return { store, count: store.size };
}

/** Removes a subscription; returns the same index when there was none. */
export function removeSubscription(
  index: SubscriptionIndex,
  clientId: string,
  filter: string,
  shareGroup?: string,
): SubscriptionIndex {
  const store = index.store.remove(fullFilter(filter, shareGroup), clientId);
  return store === index.store ? index : { store, count: store.size };
}

/** A shared group that matched a topic: its name, filter and members (ordered by client ID). */
export interface SharedMatch {
  group: string;
  filter: string;
  members: OrderedMap<string, SubscriptionOptions>;
}

/**
 * Everything that matches `topic`: ordinary subscriptions one by one, shared groups whole.
 * Shared by every publish on the topic while the index stays the same (`matchTopic`): read only.
 */
export interface MatchResult {
  readonly subscriptions: readonly SubscriptionMatch[];
  readonly shared: readonly SharedMatch[];
  /** Some client has more than one of `subscriptions` (overlapping filters). */
  readonly overlapping: boolean;
}

/**
 * The position of a matching filter in Mosquitto's walk of its subscription tree
 * (src/subs.c, `sub__search`): at each level the literal branch first (deeper levels, then a
 * `#` below, then the filter ending here), then `+`, then `#`. As a key: per level 0 for a
 * literal, 1 for `+`, 2 for `#`; 3 after the last level of a filter without `#`. Comparing keys
 * element by element gives Mosquitto's order, in which a client gets its copies (MQTT leaves
 * the order of copies for overlapping subscriptions open).
 */
function walkKey(filter: string): readonly number[] {
  let key = walkKeys.get(filter);
  if (key === undefined) {
    if (walkKeys.size >= 10_000) walkKeys.clear();
    walkKeys.set(filter, (key = computeWalkKey(filter)));
  }
  return key;
}

/** `walkKey` per filter: a pure function's results, kept because every publish sorts by them. */
const walkKeys = new Map<string, readonly number[]>();

function computeWalkKey(filter: string): number[] {
  const key: number[] = [];
  let start = 0;
  for (;;) {
    const slash = filter.indexOf('/', start);
    const end = slash < 0 ? filter.length : slash;
    const one = end - start === 1;
    const c = filter.charCodeAt(start);
    key.push(one && c === 0x2b ? 1 : one && c === 0x23 ? 2 : 0);
    if (slash < 0) break;
    start = slash + 1;
  }
  if (key[key.length - 1] !== 2) key.push(3);
  return key;
}

/** Two matches in Mosquitto's walk order (subscriptions of one filter compare equal). */
function walkOrder(a: SubscriptionMatch, b: SubscriptionMatch): number {
  return a.filter === b.filter ? 0 : compareWalk(walkKey(a.filter), walkKey(b.filter));
}

function compareWalk(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const NO_MATCH: MatchResult = { subscriptions: [], shared: [], overlapping: false };

/**
 * What `matchTopic` found, per store and topic. A store never changes, so its answer for a topic
 * never does either; a broker publishes on the same topics over and over (a sensor on its own,
 * the loopback load on four) and subscribes far less often, so most publishes skip the walk of
 * the trie and its result objects. Bounded: a store's table starts afresh at `MATCHES_PER_STORE`
 * topics (above a fleet of 10,000 sensors with a topic each: a few MB).
 */
const matchCache = new WeakMap<SubscriptionStore<SubscriptionOptions>, Map<string, MatchResult>>();
const MATCHES_PER_STORE = 16_384;

/** Finds every subscription whose filter matches `topic` (section 4.7, MQTT-4.7.2-1). */
export function matchTopic(index: SubscriptionIndex, topic: string): MatchResult {
  if (index.count === 0) return NO_MATCH;
  let byTopic = matchCache.get(index.store);
  if (byTopic === undefined) matchCache.set(index.store, (byTopic = new Map()));
  let result = byTopic.get(topic);
  if (result === undefined) {
    if (byTopic.size >= MATCHES_PER_STORE) byTopic.clear();
    byTopic.set(topic, (result = computeMatch(index, topic)));
  }
  return result;
}

function computeMatch(index: SubscriptionIndex, topic: string): MatchResult {
  const result = { subscriptions: [] as SubscriptionMatch[], shared: [] as SharedMatch[], overlapping: false };
  let groups: Map<string, { group: string; filter: string; members: Array<[string, SubscriptionOptions]> }> | undefined;
  for (const m of index.store.match(topic)) {
    if (m.shareName === null) {
      result.subscriptions.push({ clientId: m.subscriberId, filter: m.filter, options: m.value });
      continue;
    }
    groups ??= new Map();
    const key = `${m.shareName} ${m.topicFilter}`;
    let g = groups.get(key);
    if (!g) {
      g = { group: m.shareName, filter: m.topicFilter, members: [] };
      groups.set(key, g);
    }
    g.members.push([m.subscriberId, m.value]);
  }
  if (result.subscriptions.length > 1) {
    // The store walks its trie in this order already (subscription-store.ts, `walk`); checking
    // costs a few comparisons, and sorting (stable, so one filter's subscribers keep the
    // store's order) would only run should the two ever disagree.
    const subs = result.subscriptions;
    let sorted = true;
    for (let i = 1; i < subs.length && sorted; i++) sorted = walkOrder(subs[i - 1]!, subs[i]!) <= 0;
    if (!sorted) subs.sort(walkOrder);
    result.overlapping = hasRepeatedClient(subs);
  }
  if (groups) {
    // Groups in the walk order of their filters, as Mosquitto visits them (random seed 7060:
    // `$share/g/a/#` before `$share/g/+/b` for `a/b`); one filter's groups by name.
    const byName = (a: { group: string }, b: { group: string }) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
    const sorted = [...groups.values()].sort((a, b) => (a.filter === b.filter ? 0 : compareWalk(walkKey(a.filter), walkKey(b.filter))) || byName(a, b));
    for (const g of sorted) {
      g.members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      result.shared.push({ group: g.group, filter: g.filter, members: OrderedMap(g.members) });
    }
  }
  return result;
}

function hasRepeatedClient(subs: readonly SubscriptionMatch[]): boolean {
  const seen = new Set<string>();
  for (const m of subs) {
    if (seen.has(m.clientId)) return true;
    seen.add(m.clientId);
  }
  return false;
}
