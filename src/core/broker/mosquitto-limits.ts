/**
 * Checks where the spec leaves the choice to the server and the broker does what Mosquitto 2.0
 * does (lib/util_topic.c, lib/utf8_mosq.c), kept apart from the spec's own topic rules
 * (src/core/mqtt/validate.ts).
 */

/** Mosquitto's TOPIC_HIERARCHY_LIMIT: a topic name or filter with more `/` than this is invalid. */
export const TOPIC_HIERARCHY_LIMIT = 200;

/** True when `s` has more than `TOPIC_HIERARCHY_LIMIT` separators (Mosquitto refuses it). */
export function exceedsTopicLevels(s: string): boolean {
  let slashes = 0;
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) if (++slashes > TOPIC_HIERARCHY_LIMIT) return true;
  return false;
}

/**
 * The index of the first control character U+0001..U+001F or U+007F..U+009F in `s`, or -1.
 * MQTT says a string SHOULD NOT contain them and a receiver MAY close the connection (5.0
 * section 1.5.4, 3.1.1 section 1.5.3); Mosquitto 2.0 does, as for malformed UTF-8.
 */
export function controlCharIndex(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x01 && c <= 0x1f) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}
