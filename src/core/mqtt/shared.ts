/**
 * Shared subscriptions (MQTT 5.0 section 4.8.2): `$share/{ShareName}/{filter}`.
 *
 * The broker matches the inner filter and delivers each message to one member of the group.
 * In MQTT 3.1.1 a filter starting with `$share/` is an ordinary filter; callers decide by
 * protocol version whether to parse it (see `validateTopicFilter`).
 */

/** The prefix that marks a shared subscription (MQTT-4.8.2-1). */
export const SHARE_PREFIX = '$share/';

/** The parts of `$share/{ShareName}/{filter}`, not yet validated. */
export interface SharedFilter {
  /** The ShareName as written; may be empty or contain `+`/`#` (the validator reports that). */
  readonly shareName: string;
  /** The topic filter after the ShareName, or null when no `/` follows the ShareName. */
  readonly filter: string | null;
  /** Offset of `filter` in the full string (-1 when `filter` is null). */
  readonly filterStart: number;
}

/** True when `topicFilter` starts with `$share/`. */
export function isSharedFilter(topicFilter: string): boolean {
  return topicFilter.startsWith(SHARE_PREFIX);
}

/**
 * Splits a shared subscription into ShareName and filter; null when `topicFilter` does not
 * start with `$share/`. Does not validate: `$share//a` gives an empty ShareName.
 */
export function parseSharedSubscription(topicFilter: string): SharedFilter | null {
  if (!isSharedFilter(topicFilter)) return null;
  const nameStart = SHARE_PREFIX.length;
  const slash = topicFilter.indexOf('/', nameStart);
  if (slash < 0) return { shareName: topicFilter.slice(nameStart), filter: null, filterStart: -1 };
  return { shareName: topicFilter.slice(nameStart, slash), filter: topicFilter.slice(slash + 1), filterStart: slash + 1 };
}
