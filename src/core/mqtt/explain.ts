/**
 * Why a topic filter does or does not match a topic, for the learner.
 *
 * Walks both level by level like `matches` and stops at the first level that decides, so the
 * answer names it: "`#` at the first level does not match `$SYS/...` (MQTT-4.7.2-1)", "`+`
 * matches exactly one level: `plant/+` vs `plant/hall1/temp` has one level too many". The
 * verdict always equals `matches(filter, topic)` for a valid filter and topic name.
 */
import type { ProtocolVersion } from '../codec/types.ts';
import { bothLanguages, formatMessage, type MessageKey, type MessageParams, type MessageText } from './messages.ts';
import { parseSharedSubscription } from './shared.ts';
import { ruleRef } from './rules.ts';
import type { SpecRef } from './spec.ts';
import { validateTopicFilter, validateTopicName, type TopicProblem } from './validate.ts';

/** The verdict and its reason, as an i18n key with params and both texts. */
export interface MatchExplanation extends MessageText {
  readonly matches: boolean;
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** The conformance statement behind the verdict, where there is one. */
  readonly ref?: SpecRef;
  /** The 1-based level that decided, where one level did. */
  readonly level?: number;
  /** For an invalid filter or topic: the first validation problem (its texts fill `{reason}`). */
  readonly cause?: TopicProblem;
  /** For a 5.0 shared subscription: a note that the inner filter was matched. */
  readonly shared?: MessageText & { readonly key: MessageKey; readonly params: MessageParams };
}

interface Verdict {
  matches: boolean;
  key: MessageKey;
  params: MessageParams;
  ref?: SpecRef;
  level?: number;
}

/** Decide level by level; `filter` is the plain (inner) filter, both are valid. */
function decide(filter: string, topic: string, version: ProtocolVersion): Verdict {
  const f0 = filter[0];
  if (topic.startsWith('$') && (f0 === '+' || f0 === '#')) {
    const first = topic.split('/')[0] ?? topic;
    return {
      matches: false,
      key: 'mqtt.match.dollar',
      params: { wildcard: f0, topic, filter, suggestion: `${first}/#` },
      ref: ruleRef('dollarTopics', version), // MQTT-4.7.2-1
      level: 1,
    };
  }
  const fl = filter.split('/');
  const tl = topic.split('/');
  const covered: string[] = [];
  for (let i = 0; ; i++) {
    const f = fl[i];
    const t = tl[i];
    if (f === '#') {
      if (t === undefined) {
        return {
          matches: true,
          key: 'mqtt.match.hash-parent',
          params: { filter, topic },
          ref: ruleRef('multiLevelWildcard', version),
          level: i + 1,
        };
      }
      covered.push(`# → ${tl.slice(i).join('/')}`);
      return { matches: true, key: 'mqtt.match.wildcards', params: { filter, topic, covered: covered.join('; ') } };
    }
    if (f === undefined && t === undefined) {
      if (covered.length === 0) return { matches: true, key: 'mqtt.match.exact', params: { filter, topic } };
      return { matches: true, key: 'mqtt.match.wildcards', params: { filter, topic, covered: covered.join('; ') } };
    }
    if (f === undefined) {
      const params = { filter, topic, extra: tl.length - fl.length, filterLevels: fl.length };
      if (fl[fl.length - 1] === '+') {
        return {
          matches: false,
          key: 'mqtt.match.too-many-levels-plus',
          params,
          ref: ruleRef('singleLevelWildcard', version),
          level: i + 1,
        };
      }
      return { matches: false, key: 'mqtt.match.too-many-levels', params, level: i + 1 };
    }
    if (t === undefined) {
      const verdict: Verdict = {
        matches: false,
        key: 'mqtt.match.too-few-levels',
        params: { filter, topic, filterLevels: fl.length, topicLevels: tl.length },
        level: i + 1,
      };
      if (f === '+') verdict.ref = ruleRef('singleLevelWildcard', version);
      return verdict;
    }
    if (f === '+') {
      covered.push(`+ → ${t === '' ? '""' : t}`);
      continue;
    }
    if (f !== t) {
      const params = { level: i + 1, filterLevel: f, topicLevel: t, filter, topic };
      if (f.toLowerCase() === t.toLowerCase()) {
        // no case folding: MQTT-4.7.3-4 forbids normalization when matching
        return { matches: false, key: 'mqtt.match.case-differs', params, ref: ruleRef('noNormalization', version), level: i + 1 };
      }
      return { matches: false, key: 'mqtt.match.level-differs', params, level: i + 1 };
    }
  }
}

function invalid(key: MessageKey, params: MessageParams, cause: TopicProblem): MatchExplanation {
  return {
    matches: false,
    key,
    params,
    ref: cause.ref,
    cause,
    en: formatMessage(key, { ...params, reason: cause.en }, 'en'),
    de: formatMessage(key, { ...params, reason: cause.de }, 'de'),
  };
}

/**
 * Explains whether `filter` matches `topic` under `version`. In 5.0, `$share/{name}/{filter}`
 * is explained by its inner filter, with a note in `shared`. An invalid filter or topic name
 * never matches; `cause` says why.
 */
export function explainMatch(filter: string, topic: string, version: ProtocolVersion = 5): MatchExplanation {
  const filterProblem = validateTopicFilter(filter, version)[0];
  if (filterProblem) return invalid('mqtt.match.invalid-filter', { filter, topic }, filterProblem);
  const topicProblem = validateTopicName(topic, version)[0];
  if (topicProblem) return invalid('mqtt.match.invalid-topic', { filter, topic }, topicProblem);
  const share = version === 5 ? parseSharedSubscription(filter) : null;
  const inner = share?.filter ?? filter;
  const verdict = decide(inner, topic, version);
  const out: MatchExplanation = { ...verdict, ...bothLanguages(verdict.key, verdict.params) };
  if (share === null) return out;
  const params = { share: share.shareName, filter: inner };
  return { ...out, shared: { key: 'mqtt.match.shared', params, ...bothLanguages('mqtt.match.shared', params) } };
}
