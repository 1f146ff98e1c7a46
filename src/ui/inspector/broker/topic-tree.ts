/**
 * Subscriptions as a topic tree: filters split at `/` into nested levels, each level knowing
 * which sessions subscribe exactly there (with their QoS). `+` and `#` levels are marked as
 * wildcards. Children keep first-seen order, so the tree does not jump around between steps.
 */

export interface TopicSubscriber {
  clientId: string;
  qos: number;
}

export interface TopicNode {
  /** This level's text (`plant`, `+`, `#`, or `` for an empty level). */
  level: string;
  /** The filter up to and including this level. */
  path: string;
  wildcard: 'single' | 'multi' | null;
  subscribers: TopicSubscriber[];
  children: TopicNode[];
}

/** The tree of `subscriptions` (one entry per session and filter). */
export function topicTree(subscriptions: ReadonlyArray<{ clientId: string; filter: string; qos: number }>): TopicNode[] {
  const root: TopicNode = { level: '', path: '', wildcard: null, subscribers: [], children: [] };
  for (const s of subscriptions) {
    let node = root;
    const levels = s.filter.split('/');
    levels.forEach((level, i) => {
      let child = node.children.find((c) => c.level === level);
      if (!child) {
        child = {
          level,
          path: levels.slice(0, i + 1).join('/'),
          wildcard: level === '+' ? 'single' : level === '#' ? 'multi' : null,
          subscribers: [],
          children: [],
        };
        node.children.push(child);
      }
      node = child;
    });
    node.subscribers.push({ clientId: s.clientId, qos: s.qos });
  }
  return root.children;
}
