/**
 * Does a topic filter match a topic name? (MQTT 3.1.1 / 5.0 section 4.7)
 *
 * `+` matches exactly one level (which may be empty), `#` matches the rest of the levels
 * including none, so `a/#` matches `a`; a filter starting with a wildcard never matches a topic
 * starting with `$` (MQTT-4.7.2-1); levels compare code unit by code unit, case-sensitively and
 * without normalization (MQTT-4.7.3-4). Both strings are walked level by level with indices,
 * without splitting.
 */

const PLUS = 0x2b;
const HASH = 0x23;
const DOLLAR = 0x24;

/** True when `filter` contains `+` or `#`. */
export function hasWildcard(filter: string): boolean {
  return filter.includes('+') || filter.includes('#');
}

/**
 * True when the topic filter `filter` matches the topic name `topic`. Both are assumed valid
 * (see `validateTopicFilter`, `validateTopicName`); a shared subscription must be passed as
 * its inner filter (`parseSharedSubscription`).
 */
export function matches(filter: string, topic: string): boolean {
  const fl = filter.length;
  const tl = topic.length;
  // MQTT-4.7.2-1: `+...` and `#...` do not match `$SYS/...` and friends
  if (topic.charCodeAt(0) === DOLLAR) {
    const f0 = filter.charCodeAt(0);
    if (f0 === PLUS || f0 === HASH) return false;
  }
  let fi = 0;
  let ti = 0;
  let topicDone = false;
  for (;;) {
    let fe = filter.indexOf('/', fi);
    if (fe < 0) fe = fl;
    const single = fe - fi === 1;
    // `#` matches all remaining levels, including none (the parent level: `a/#` matches `a`)
    if (single && filter.charCodeAt(fi) === HASH) return true;
    if (topicDone) return false; // the filter has a level the topic has not
    let te = topic.indexOf('/', ti);
    if (te < 0) te = tl;
    if (!(single && filter.charCodeAt(fi) === PLUS)) {
      if (fe - fi !== te - ti) return false;
      for (let i = fi, j = ti; i < fe; i++, j++) if (filter.charCodeAt(i) !== topic.charCodeAt(j)) return false;
    }
    const filterLast = fe === fl;
    const topicLast = te === tl;
    if (filterLast) return topicLast;
    fi = fe + 1;
    if (topicLast) topicDone = true;
    else ti = te + 1;
  }
}

/** The levels of a topic or filter (`'a//b'` has three; `'/'` has two empty levels). */
export function topicLevels(topic: string): string[] {
  return topic.split('/');
}

