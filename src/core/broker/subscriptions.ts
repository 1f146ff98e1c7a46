/**
 * The subscription index: an immutable trie of topic-filter levels.
 *
 * Theory of operation
 * -------------------
 * Each node holds its children by level (`+` and `#` are ordinary keys) and the subscriptions
 * that end at it: ordinary ones by client ID, shared ones by group (`$share/group/filter`, the
 * group's members in subscription order, which makes round-robin deterministic). Updates copy
 * only the path from the root to the changed node (structural sharing), so every old snapshot
 * stays valid. Matching walks the levels of the topic once and never visits `+`/`#` at the first
 * level for a `$` topic (MQTT-4.7.2-1).
 *
 * The world history keeps every version, so nodes are never mutated after construction.
 */
import { Map as IMap, OrderedMap } from 'immutable';
import type { QoS } from '../codec/types.ts';
import { splitTopic } from './topics.ts';

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

interface TrieNode {
  readonly children: IMap<string, TrieNode>;
  readonly subs: IMap<string, SubscriptionOptions>;
  readonly shared: IMap<string, OrderedMap<string, SubscriptionOptions>>;
}

const EMPTY_NODE: TrieNode = { children: IMap(), subs: IMap(), shared: IMap() };

/** An immutable subscription index. */
export interface SubscriptionIndex {
  readonly root: TrieNode;
  readonly count: number;
}

export const emptySubscriptionIndex: SubscriptionIndex = { root: EMPTY_NODE, count: 0 };

function isEmptyNode(n: TrieNode): boolean {
  return n.children.size === 0 && n.subs.size === 0 && n.shared.size === 0;
}

function updatePath(
  node: TrieNode,
  levels: readonly string[],
  i: number,
  leaf: (n: TrieNode) => TrieNode,
): TrieNode {
  if (i === levels.length) return leaf(node);
  const key = levels[i]!;
  const child = node.children.get(key) ?? EMPTY_NODE;
  const next = updatePath(child, levels, i + 1, leaf);
  if (next === child) return node;
  const children = isEmptyNode(next) ? node.children.delete(key) : node.children.set(key, next);
  return { ...node, children };
}

function findNode(node: TrieNode, levels: readonly string[]): TrieNode | undefined {
  let n: TrieNode | undefined = node;
  for (const l of levels) {
    n = n.children.get(l);
    if (!n) return undefined;
  }
  return n;
}

/** Adds or replaces a subscription. `filter` is the inner filter (without `$share/g/`). */
export function addSubscription(
  index: SubscriptionIndex,
  clientId: string,
  filter: string,
  options: SubscriptionOptions,
  shareGroup?: string,
): SubscriptionIndex {
  let added = 0;
  const root = updatePath(index.root, splitTopic(filter), 0, (n) => {
    if (shareGroup === undefined) {
      if (!n.subs.has(clientId)) added = 1;
      return { ...n, subs: n.subs.set(clientId, options) };
    }
    const members = n.shared.get(shareGroup) ?? OrderedMap<string, SubscriptionOptions>();
    if (!members.has(clientId)) added = 1;
    return { ...n, shared: n.shared.set(shareGroup, members.set(clientId, options)) };
  });
  return { root, count: index.count + added };
}

/** Removes a subscription; returns the same index when there was none. */
export function removeSubscription(
  index: SubscriptionIndex,
  clientId: string,
  filter: string,
  shareGroup?: string,
): SubscriptionIndex {
  const levels = splitTopic(filter);
  const node = findNode(index.root, levels);
  if (!node) return index;
  if (shareGroup === undefined ? !node.subs.has(clientId) : !node.shared.get(shareGroup)?.has(clientId)) return index;
  const root = updatePath(index.root, levels, 0, (n) => {
    if (shareGroup === undefined) return { ...n, subs: n.subs.delete(clientId) };
    const members = n.shared.get(shareGroup)!.delete(clientId);
    return { ...n, shared: members.size === 0 ? n.shared.delete(shareGroup) : n.shared.set(shareGroup, members) };
  });
  return { root, count: index.count - 1 };
}

/** A shared group that matched a topic: its name, filter and members in subscription order. */
export interface SharedMatch {
  group: string;
  filter: string;
  members: OrderedMap<string, SubscriptionOptions>;
}

/** Everything that matches `topic`: ordinary subscriptions one by one, shared groups whole. */
export interface MatchResult {
  subscriptions: SubscriptionMatch[];
  shared: SharedMatch[];
}

/** Finds every subscription whose filter matches `topic` (section 4.7, MQTT-4.7.2-1). */
export function matchTopic(index: SubscriptionIndex, topic: string): MatchResult {
  const levels = splitTopic(topic);
  const result: MatchResult = { subscriptions: [], shared: [] };
  const dollar = topic.startsWith('$');
  const path: string[] = [];
  const collect = (node: TrieNode) => {
    const filter = path.join('/');
    node.subs.forEach((options, clientId) => {
      result.subscriptions.push({ clientId, filter, options });
    });
    node.shared.forEach((members, group) => {
      result.shared.push({ group, filter, members });
    });
  };
  const walk = (node: TrieNode, i: number) => {
    const wildcardsAllowed = !(i === 0 && dollar);
    if (wildcardsAllowed) {
      const hash = node.children.get('#');
      if (hash) {
        path.push('#');
        collect(hash);
        path.pop();
      }
    }
    if (i === levels.length) {
      collect(node);
      return;
    }
    const exact = node.children.get(levels[i]!);
    if (exact) {
      path.push(levels[i]!);
      walk(exact, i + 1);
      path.pop();
    }
    if (wildcardsAllowed) {
      const plus = node.children.get('+');
      if (plus) {
        path.push('+');
        walk(plus, i + 1);
        path.pop();
      }
    }
  };
  walk(index.root, 0);
  return result;
}
