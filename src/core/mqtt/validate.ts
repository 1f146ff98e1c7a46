/**
 * Validation of topic names and topic filters, exactly as MQTT 3.1.1 and 5.0 section 4.7
 * (and 4.8.2 for shared subscriptions in 5.0) say.
 *
 * Every problem is reported, not just the first, each with the character range it concerns,
 * the conformance ID of the protocol version in use, an i18n key and both texts. An empty
 * list means valid. Empty levels (`a//b`, a leading `/`) are valid: the linter, not the
 * validator, advises against them.
 */
import type { ProtocolVersion } from '../codec/types.ts';
import { bothLanguages, type MessageKey, type MessageParams, type MessageText } from './messages.ts';
import { parseSharedSubscription } from './shared.ts';
import { ruleRef } from './rules.ts';
import type { SpecRef, TopicRule } from './spec.ts';
import { findLoneSurrogate, utf8ByteLength } from './utf8.ts';

/** Topic names and filters MUST NOT encode to more than this many UTF-8 bytes (MQTT-4.7.3-3). */
export const MAX_TOPIC_BYTES = 65535;

/** What is wrong with a topic name or filter. */
export type TopicProblemCode =
  | 'empty'
  | 'wildcard-in-name'
  | 'plus-not-alone'
  | 'hash-not-alone'
  | 'hash-not-last'
  | 'null-char'
  | 'lone-surrogate'
  | 'too-long'
  | 'share-name-empty'
  | 'share-name-invalid'
  | 'share-filter-missing';

/** One violated rule, with where it is (`start`..`end`, UTF-16 offsets) and why. */
export interface TopicProblem extends MessageText {
  readonly code: TopicProblemCode;
  /** The conformance statement for the version validated against. */
  readonly ref: SpecRef;
  /** Further statements that say the same for a specific packet (e.g. PUBLISH: MQTT-3.3.2-2). */
  readonly seeAlso: readonly SpecRef[];
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly start: number;
  readonly end: number;
}

const CODES: Record<TopicProblemCode, { rule: TopicRule; key: MessageKey }> = {
  empty: { rule: 'minLength', key: 'mqtt.topic.empty' },
  'wildcard-in-name': { rule: 'noWildcardInName', key: 'mqtt.topic.wildcard-in-name' },
  'plus-not-alone': { rule: 'singleLevelWildcard', key: 'mqtt.topic.plus-not-alone' },
  'hash-not-alone': { rule: 'multiLevelWildcard', key: 'mqtt.topic.hash-not-alone' },
  'hash-not-last': { rule: 'multiLevelWildcard', key: 'mqtt.topic.hash-not-last' },
  'null-char': { rule: 'noNullChar', key: 'mqtt.topic.null-char' },
  'lone-surrogate': { rule: 'wellFormedUtf8', key: 'mqtt.topic.lone-surrogate' },
  'too-long': { rule: 'maxLength', key: 'mqtt.topic.too-long' },
  'share-name-empty': { rule: 'shareName', key: 'mqtt.share.name-empty' },
  'share-name-invalid': { rule: 'shareNameChars', key: 'mqtt.share.name-invalid' },
  'share-filter-missing': { rule: 'shareNameChars', key: 'mqtt.share.filter-missing' },
};

function problem(
  code: TopicProblemCode,
  version: ProtocolVersion,
  start: number,
  end: number,
  params: MessageParams = {},
  seeAlso: readonly SpecRef[] = [],
): TopicProblem {
  const { rule, key } = CODES[code];
  return { code, ref: ruleRef(rule, version), seeAlso, key, params, start, end, ...bothLanguages(key, params) };
}

/** Rules shared by names and filters: length, U+0000, well-formed UTF-8. */
function checkString(s: string, version: ProtocolVersion, out: TopicProblem[]): void {
  for (let i = s.indexOf('\u0000'); i >= 0; i = s.indexOf('\u0000', i + 1)) {
    out.push(problem('null-char', version, i, i + 1, { index: i })); // MQTT-4.7.3-2
  }
  const lone = findLoneSurrogate(s);
  if (lone >= 0) out.push(problem('lone-surrogate', version, lone, lone + 1, { index: lone })); // MQTT-1.5.4-1
  const bytes = utf8ByteLength(s);
  if (bytes > MAX_TOPIC_BYTES) {
    out.push(problem('too-long', version, 0, s.length, { bytes, max: MAX_TOPIC_BYTES })); // MQTT-4.7.3-3
  }
}

/**
 * ASCII without NUL and wildcards: then no check below can fail (one byte per character, no
 * surrogates), which is what nearly every PUBLISH carries.
 */
function isPlainAsciiName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0 || c > 0x7f || c === 0x2b || c === 0x23) return false;
  }
  return true;
}

/**
 * Problems of a topic name (PUBLISH, will topic) under `version`; empty when valid.
 * Wildcards are not allowed anywhere in a name (MQTT-4.7.0-1 in 5.0, MQTT-4.7.1-1 in 3.1.1).
 */
export function validateTopicName(name: string, version: ProtocolVersion = 5): TopicProblem[] {
  if (name.length > 0 && name.length <= MAX_TOPIC_BYTES && isPlainAsciiName(name)) return []; // the usual topic, one pass
  const out: TopicProblem[] = [];
  if (name.length === 0) return [problem('empty', version, 0, 0)]; // MQTT-4.7.3-1
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2b || c === 0x23) {
      const char = c === 0x2b ? '+' : '#';
      out.push(problem('wildcard-in-name', version, i, i + 1, { char }, ['MQTT-3.3.2-2']));
    }
  }
  checkString(name, version, out);
  return out;
}

/** Wildcard placement in the levels of `s` from offset `from` on (MQTT-4.7.1-*). */
function checkFilterLevels(s: string, from: number, version: ProtocolVersion, out: TopicProblem[]): void {
  let start = from;
  for (;;) {
    const slash = s.indexOf('/', start);
    const last = slash < 0;
    const end = last ? s.length : slash;
    let plus = false;
    let hash = false;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x2b) plus = true;
      else if (c === 0x23) hash = true;
    }
    const alone = end - start === 1;
    const level = s.slice(start, end);
    // `+` MUST occupy an entire level (MQTT-4.7.1-2 in 5.0, MQTT-4.7.1-3 in 3.1.1)
    if (plus && !alone) out.push(problem('plus-not-alone', version, start, end, { level }));
    // `#` alone after a `/` and last (MQTT-4.7.1-1 in 5.0, MQTT-4.7.1-2 in 3.1.1)
    if (hash && !alone) out.push(problem('hash-not-alone', version, start, end, { level }));
    else if (hash && !last) {
      let after = 1;
      for (let i = s.indexOf('/', end + 1); i >= 0; i = s.indexOf('/', i + 1)) after++;
      out.push(problem('hash-not-last', version, start, s.length, { after }));
    }
    if (last) return;
    start = end + 1;
  }
}

/**
 * Problems of a topic filter (SUBSCRIBE, UNSUBSCRIBE) under `version`; empty when valid.
 * In 5.0 a filter starting with `$share/` is a shared subscription: its ShareName is checked
 * (MQTT-4.8.2-1, MQTT-4.8.2-2) and the rest is checked as a filter.
 */
export function validateTopicFilter(filter: string, version: ProtocolVersion = 5): TopicProblem[] {
  if (filter.length === 0) return [problem('empty', version, 0, 0)]; // MQTT-4.7.3-1
  const out: TopicProblem[] = [];
  const shared = version === 5 ? parseSharedSubscription(filter) : null;
  if (shared === null) checkFilterLevels(filter, 0, version, out);
  else {
    const nameStart = 7; // '$share/'.length
    const nameEnd = nameStart + shared.shareName.length;
    const name = shared.shareName;
    if (name.length === 0) out.push(problem('share-name-empty', version, 0, nameStart)); // MQTT-4.8.2-1
    else if (/[+#]/.test(name)) {
      out.push(problem('share-name-invalid', version, nameStart, nameEnd, { name })); // MQTT-4.8.2-2
    }
    if (shared.filter === null || shared.filter.length === 0) {
      out.push(problem('share-filter-missing', version, nameStart, filter.length, { name })); // MQTT-4.8.2-2
    } else checkFilterLevels(filter, shared.filterStart, version, out);
  }
  checkString(filter, version, out);
  return out;
}

/** True when `name` is a valid topic name under `version`. */
export function isValidTopicName(name: string, version: ProtocolVersion = 5): boolean {
  return validateTopicName(name, version).length === 0;
}

/** True when `filter` is a valid topic filter under `version`. */
export function isValidTopicFilter(filter: string, version: ProtocolVersion = 5): boolean {
  return validateTopicFilter(filter, version).length === 0;
}
