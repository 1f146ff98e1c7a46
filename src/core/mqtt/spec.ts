/**
 * Conformance statement IDs of the topic rules, per protocol version.
 *
 * MQTT 3.1.1 and 5.0 number some of the same rules differently (5.0 inserted MQTT-4.7.0-1, so
 * the wildcard rules moved down by one): a rule is therefore a pair of IDs, and every finding
 * quotes the ID of the version in use.
 */
import { both, type SpecRef, type VersionedRef } from '../codec/spec-ref.ts';

export type { SectionRef, SpecRef, StatementId, VersionedRef } from '../codec/spec-ref.ts';

/**
 * What an explanation cites: a statement or section of the standard, or, where the standard
 * leaves the choice, the Mosquitto behaviour the broker follows (`mosquitto:max_inflight_messages`),
 * or a decision of this broker's own where neither speaks (`broker:internal-error`).
 */
export type RuleRef = SpecRef | `mosquitto:${string}` | `limit:${string}` | `broker:${string}`;

/** Every topic rule this module applies, by name. */
export const TOPIC_RULES = {
  /** All Topic Names and Topic Filters MUST be at least one character long. */
  minLength: both('MQTT-4.7.3-1'),
  /** Wildcards can be used in Topic Filters, but MUST NOT be used within a Topic Name. */
  noWildcardInName: { 4: 'MQTT-4.7.1-1', 5: 'MQTT-4.7.0-1' },
  /** The Topic Name in the PUBLISH packet MUST NOT contain wildcard characters. */
  publishNoWildcard: both('MQTT-3.3.2-2'),
  /** `#` on its own or after a `/`, and the last character of the filter. */
  multiLevelWildcard: { 4: 'MQTT-4.7.1-2', 5: 'MQTT-4.7.1-1' },
  /** `+` MUST occupy an entire level of the filter. */
  singleLevelWildcard: { 4: 'MQTT-4.7.1-3', 5: 'MQTT-4.7.1-2' },
  /** Filters starting with a wildcard MUST NOT match Topic Names beginning with `$`. */
  dollarTopics: both('MQTT-4.7.2-1'),
  /** No null character U+0000. */
  noNullChar: both('MQTT-4.7.3-2'),
  /** At most 65535 bytes of UTF-8. */
  maxLength: both('MQTT-4.7.3-3'),
  /** No normalization (case folding included) when matching. */
  noNormalization: both('MQTT-4.7.3-4'),
  /** Well-formed UTF-8: no code points U+D800..U+DFFF (lone surrogates in a JS string). */
  wellFormedUtf8: { 4: 'MQTT-1.5.3-1', 5: 'MQTT-1.5.4-1' },
  /** `$share/` and a ShareName of at least one character (5.0; in 3.1.1 `$share/…` is a plain filter, 4.7). */
  shareName: { 4: '4.7', 5: 'MQTT-4.8.2-1' },
  /** ShareName without `/`, `+`, `#`, followed by `/` and a Topic Filter (5.0 only). */
  shareNameChars: { 4: '4.7', 5: 'MQTT-4.8.2-2' },
  /** A SUBSCRIBE with an identical filter replaces the existing subscription. */
  replaceSubscription: both('MQTT-3.8.4-3'),
} as const satisfies Record<string, VersionedRef>;

export type TopicRule = keyof typeof TOPIC_RULES;
