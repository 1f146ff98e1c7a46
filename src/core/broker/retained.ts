/**
 * Retained messages (section 3.3.1.3): one per topic, replaced by the next retained PUBLISH on
 * that topic, removed by a retained PUBLISH with an empty payload (MQTT-3.3.1-10/-11 in 3.1.1,
 * MQTT-3.3.1-6/-7 in 5.0). An immutable map: every old version stays valid.
 */
import { OrderedMap, OrderedSet } from 'immutable';
import type { Message } from './sessions.ts';
import { hasWildcard, matches } from '../mqtt/index.ts';

export type RetainedStore = OrderedMap<string, Message>;

export const emptyRetained: RetainedStore = OrderedMap();

/**
 * The nodes of Mosquitto 2.0.11's retained-message tree, in the order they were created: each
 * topic level prefix (`a`, `a/b`) that a retained PUBLISH went through, an empty one included
 * (src/retain.c, `retain__store`, builds the path before it looks at the payload), and never
 * removed while the broker runs (2.0.11 keeps the empty nodes). It decides the order of the
 * retained messages a new subscription gets (`matchRetained`).
 */
export type RetainedNodes = OrderedSet<string>;

export const emptyRetainedNodes: RetainedNodes = OrderedSet();

/** `nodes` with every level prefix of `topic` added (those it has keep their place). */
export function addRetainedNodes(nodes: RetainedNodes, topic: string): RetainedNodes {
  for (let i = topic.indexOf('/'); ; i = topic.indexOf('/', i + 1)) {
    const prefix = i < 0 ? topic : topic.slice(0, i);
    if (!nodes.has(prefix)) nodes = nodes.add(prefix);
    if (i < 0) return nodes;
  }
}

/** The nodes of a tree rebuilt from `store` alone (a broker that starts with persisted messages). */
export function retainedNodesOf(store: RetainedStore): RetainedNodes {
  let nodes = emptyRetainedNodes;
  for (const topic of store.keys()) nodes = addRetainedNodes(nodes, topic);
  return nodes;
}

/** What storing a retained message did: stored (new or replaced) or cleared. */
export type RetainOutcome = 'stored' | 'replaced' | 'cleared' | 'nothing-to-clear';

export function storeRetained(store: RetainedStore, message: Message): { store: RetainedStore; outcome: RetainOutcome } {
  if (message.payload.length === 0) {
    if (!store.has(message.topic)) return { store, outcome: 'nothing-to-clear' };
    return { store: store.delete(message.topic), outcome: 'cleared' };
  }
  const outcome: RetainOutcome = store.has(message.topic) ? 'replaced' : 'stored';
  return { store: store.set(message.topic, { ...message, retain: true }), outcome };
}

/**
 * Retained messages whose topic matches `filter` (the `$` rule applies), in the order Mosquitto
 * 2.0 sends them (src/retain.c, `retain__search`): its retained messages hang in a topic tree
 * whose nodes keep the order they were created in, and it walks that tree depth-first. Under a
 * `#` a parent comes before its children; the parent that `a/#` matches as `a` itself comes
 * after its children.
 */
export function matchRetained(store: RetainedStore, filter: string, nodes: RetainedNodes = retainedNodesOf(store)): Message[] {
  if (!hasWildcard(filter)) {
    const m = store.get(filter);
    return m ? [m] : [];
  }
  const out: Message[] = [];
  store.forEach((m, topic) => {
    if (matches(filter, topic)) out.push(m);
  });
  if (out.length > 1) sortInTreeOrder(nodes, filter, out);
  return out;
}

/** Sorts `matched` into Mosquitto's tree order (see `matchRetained`). Iterative: no recursion. */
function sortInTreeOrder(nodes: RetainedNodes, filter: string, matched: Message[]): void {
  // A node's rank is its place in the order the nodes were created.
  const rank = new Map<string, number>();
  for (const prefix of nodes) rank.set(prefix, rank.size);
  const filterLevels = filter.split('/');
  // The level count of the parent that `x/#` matches as `x`: it follows its children.
  const hashParent = filterLevels[filterLevels.length - 1] === '#' ? filterLevels.length - 1 : -1;
  matched.sort((a, b) => {
    const ta = a.topic;
    const tb = b.topic;
    // The first level where the topics differ, and how many levels they share.
    let i = 0;
    let levels = 0;
    const n = Math.min(ta.length, tb.length);
    while (i < n && ta.charCodeAt(i) === tb.charCodeAt(i)) {
      if (ta.charCodeAt(i) === 0x2f) levels++;
      i++;
    }
    const aEnds = i === ta.length && (i === tb.length || tb.charCodeAt(i) === 0x2f);
    const bEnds = i === tb.length && ta.charCodeAt(i) === 0x2f;
    if (aEnds || bEnds) {
      // One is the other's ancestor (`levels + 1` levels long).
      const ancestorFirst = levels + 1 !== hashParent;
      return aEnds === ancestorFirst ? -1 : 1;
    }
    // Siblings below a common node: in the order their nodes were created.
    const start = levels === 0 ? 0 : prefixEnd(ta, levels) + 1;
    const ea = ta.indexOf('/', start);
    const eb = tb.indexOf('/', start);
    return (rank.get(ea < 0 ? ta : ta.slice(0, ea)) ?? 0) - (rank.get(eb < 0 ? tb : tb.slice(0, eb)) ?? 0);
  });
}

/** The index of the `count`-th `/` in `topic`. */
function prefixEnd(topic: string, count: number): number {
  let i = -1;
  for (let k = 0; k < count; k++) i = topic.indexOf('/', i + 1);
  return i;
}

/** Removes retained messages whose 5.0 message expiry has passed. */
export function expireRetained(store: RetainedStore, nowMs: number): RetainedStore {
  return store.filter((m) => m.expiresAtMs === undefined || m.expiresAtMs > nowMs);
}
