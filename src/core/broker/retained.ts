/**
 * Retained messages (section 3.3.1.3): one per topic, replaced by the next retained PUBLISH on
 * that topic, removed by a retained PUBLISH with an empty payload (MQTT-3.3.1-10/-11 in 3.1.1,
 * MQTT-3.3.1-6/-7 in 5.0). An immutable map: every old version stays valid.
 */
import { OrderedMap } from 'immutable';
import type { Message } from './sessions.ts';
import { hasWildcard, matches } from '../mqtt/index.ts';

export type RetainedStore = OrderedMap<string, Message>;

export const emptyRetained: RetainedStore = OrderedMap();

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
export function matchRetained(store: RetainedStore, filter: string): Message[] {
  if (!hasWildcard(filter)) {
    const m = store.get(filter);
    return m ? [m] : [];
  }
  const out: Message[] = [];
  store.forEach((m, topic) => {
    if (matches(filter, topic)) out.push(m);
  });
  if (out.length > 1) sortInTreeOrder(store, filter, out);
  return out;
}

/** Sorts `matched` into Mosquitto's tree order (see `matchRetained`). Iterative: no recursion. */
function sortInTreeOrder(store: RetainedStore, filter: string, matched: Message[]): void {
  // A tree node is created with the first topic through it: its rank is that topic's place.
  const rank = new Map<string, number>();
  store.forEach((_m, topic) => {
    for (let i = topic.indexOf('/'); ; i = topic.indexOf('/', i + 1)) {
      const prefix = i < 0 ? topic : topic.slice(0, i);
      if (!rank.has(prefix)) rank.set(prefix, rank.size);
      if (i < 0) break;
    }
  });
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
