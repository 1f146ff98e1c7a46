/**
 * Topic names and filters as the broker needs them: validation, shared-subscription parsing and
 * matching (with the `$` rule, MQTT-4.7.2-1).
 *
 * This is the broker's own small, correct matcher. The topic-rules layer (`src/core/mqtt`) is
 * being written in parallel; when it lands these functions can delegate to it. Everything here
 * is pure and allocation-light, because the subscription trie calls `splitTopic` on every
 * PUBLISH.
 */

/** Splits a topic name or filter into its levels (`a//b` has an empty middle level). */
export function splitTopic(topic: string): string[] {
  return topic.split('/');
}

/** A valid topic name: non-empty, no wildcards, no NUL (MQTT-3.3.2-2, MQTT-4.7.3-1/-2). */
export function isValidTopicName(topic: string): boolean {
  if (topic.length === 0) return false;
  for (let i = 0; i < topic.length; i++) {
    const c = topic.charCodeAt(i);
    if (c === 0x2b /* + */ || c === 0x23 /* # */ || c === 0) return false;
  }
  return true;
}

/** A valid topic filter: non-empty; `#` only as the whole last level; `+` only as a whole level (4.7.1). */
export function isValidTopicFilter(filter: string): boolean {
  if (filter.length === 0) return false;
  if (filter.includes('\u0000')) return false;
  const levels = splitTopic(filter);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return false;
    if (level.includes('+') && level !== '+') return false;
  }
  return true;
}

/** `$share/{group}/{filter}` taken apart (section 4.8.2), or null for a normal filter. */
export interface SharedFilter {
  group: string;
  filter: string;
}

/**
 * Parses a shared subscription. Returns `'invalid'` for a `$share/` filter that breaks the rules
 * (empty group, wildcard in the group, no filter), null for an ordinary filter.
 */
export function parseSharedFilter(filter: string): SharedFilter | 'invalid' | null {
  if (!filter.startsWith('$share/')) return null;
  const rest = filter.slice('$share/'.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return 'invalid';
  const group = rest.slice(0, slash);
  const inner = rest.slice(slash + 1);
  if (group.includes('+') || group.includes('#')) return 'invalid';
  if (!isValidTopicFilter(inner)) return 'invalid';
  return { group, filter: inner };
}

/** Does `filter` match `topic`? Wildcards never match a leading `$` level (MQTT-4.7.2-1). */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = splitTopic(filter);
  const t = splitTopic(topic);
  for (let i = 0; i < f.length; i++) {
    const level = f[i]!;
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}
