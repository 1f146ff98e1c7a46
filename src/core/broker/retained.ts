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

/** Retained messages whose topic matches `filter` (the `$` rule applies), in store order. */
export function matchRetained(store: RetainedStore, filter: string): Message[] {
  if (!hasWildcard(filter)) {
    const m = store.get(filter);
    return m ? [m] : [];
  }
  const out: Message[] = [];
  store.forEach((m, topic) => {
    if (matches(filter, topic)) out.push(m);
  });
  return out;
}

/** Removes retained messages whose 5.0 message expiry has passed. */
export function expireRetained(store: RetainedStore, nowMs: number): RetainedStore {
  return store.filter((m) => m.expiresAtMs === undefined || m.expiresAtMs > nowMs);
}
