/**
 * References to the MQTT standards, typed, and the codec's named rules.
 *
 * A rule is cited by name, and the name gives the conformance statement of each protocol
 * version: 3.1.1 (level 4) and 5.0 (level 5) number many rules differently, and a helper that
 * takes two bare ID strings invites the same ID twice or the versions swapped. Where a version
 * has no numbered statement for a rule, the entry is the section of that version's standard
 * (`SectionRef`), never an ID made up from a section number.
 *
 * These types live in the codec because the codec cites rules too and imports nothing from the
 * project; src/core/mqtt/rules.ts joins this table with the topic and client rules into one
 * table, and src/core/mqtt/spec-catalogue holds every statement the IDs are checked against.
 */
import type { ProtocolVersion } from './types.ts';

type Digits = `${bigint}`;

/** A conformance statement ID as the standards number them, e.g. `MQTT-3.1.2-8`. */
export type StatementId = `MQTT-${Digits}.${Digits}.${Digits}-${Digits}`;

/** A section of a standard, e.g. `3.1.2.10`, for a rule that has no numbered statement. */
export type SectionRef =
  | `${Digits}.${Digits}`
  | `${Digits}.${Digits}.${Digits}`
  | `${Digits}.${Digits}.${Digits}.${Digits}`
  | `${Digits}.${Digits}.${Digits}.${Digits}.${Digits}`;

/** Where a rule is written in the standard: its statement, or its section when it has none. */
export type SpecRef = StatementId | SectionRef;

/**
 * What a codec error cites: the standard, one of the codec's own limits where the standard sets
 * none (`limit:maxTopicFilters`, see `DEFAULT_DECODE_LIMITS`), or the Mosquitto behaviour the
 * broker's decoder follows where the standard leaves the choice (`mosquitto:server-only-packet`).
 */
export type CodecRef = SpecRef | `limit:${string}` | `mosquitto:${string}`;

/** The reference of one rule in MQTT 3.1.1 (protocol level 4) and in 5.0 (level 5). */
export type VersionedRef = Readonly<Record<ProtocolVersion, SpecRef>>;

/** The same statement ID in both versions. */
export const both = <R extends SpecRef>(ref: R): { readonly 4: R; readonly 5: R } => ({ 4: ref, 5: ref });

/** The rules the codec applies, by name. */
export const CODEC_RULES = {
  /** UTF-8 strings are well-formed, without surrogates. */
  utf8Invalid: { 4: 'MQTT-1.5.3-1', 5: 'MQTT-1.5.4-1' },
  /** UTF-8 strings contain no U+0000. */
  utf8Nul: { 4: 'MQTT-1.5.3-2', 5: 'MQTT-1.5.4-2' },
  /** Variable Byte Integer: at most four bytes, the fewest that hold the value (3.1.1: the Remaining Length, 2.2.3). */
  varint: { 4: '2.2.3', 5: 'MQTT-1.5.5-1' },
  /** Reserved fixed-header flags carry the listed values. */
  reservedFlags: { 4: 'MQTT-2.2.2-1', 5: 'MQTT-2.1.3-1' },
  /** The Remaining Length counts exactly the bytes that follow. */
  remainingLength: { 4: '2.2.3', 5: '2.1.4' },
  /** Packet identifiers are non-zero. */
  packetIdNonZero: { 4: 'MQTT-2.3.1-1', 5: 'MQTT-2.2.1-3' },
  /** A QoS 0 PUBLISH has no packet identifier. */
  packetIdQos0: { 4: 'MQTT-2.3.1-5', 5: 'MQTT-2.2.1-2' },
  /** Will Flag 0 requires Will QoS 0. */
  willQosWithoutWill: { 4: 'MQTT-3.1.2-13', 5: 'MQTT-3.1.2-11' },
  /** Will QoS is never 3. */
  willQos3: { 4: 'MQTT-3.1.2-14', 5: 'MQTT-3.1.2-12' },
  /** Will Flag 0 requires Will Retain 0. */
  willRetainWithoutWill: { 4: 'MQTT-3.1.2-15', 5: 'MQTT-3.1.2-13' },
  /** A SUBSCRIBE carries at least one filter. */
  subscribeEmpty: { 4: 'MQTT-3.8.3-3', 5: 'MQTT-3.8.3-2' },
  /** Reserved bits of the requested QoS / subscription options byte are 0 (3.1.1 misprints its tag with a dash for the first dot). */
  subscribeOptionsReserved: { 4: 'MQTT-3.8.3-4', 5: 'MQTT-3.8.3-5' },
  /** CONNACK's acknowledge flags 7-1 are reserved (3.1.1 has no statement for it). */
  connackReservedFlags: { 4: '3.2.2.1', 5: 'MQTT-3.2.2-1' },
  /**
   * "A Topic Alias of 0 is not permitted" (3.3.2.3.4, MQTT-3.3.2-8: a sender never sends it).
   * The packet parses, so a receiver meets a Protocol Error ("detected after the packet has been
   * parsed and found to contain data that is not allowed by the protocol", 1.2): DISCONNECT
   * 0x82. 0x94 Topic Alias invalid is defined for an alias "greater than the Maximum Topic
   * Alias" (3.14.2.1), and 0x81 Malformed Packet for a packet that "cannot be parsed"; Mosquitto
   * 2.0.11 sends 0x81. The decoder, the broker and the client cite it alike.
   */
  topicAliasZero: { 4: '3.3.2', 5: 'MQTT-3.3.2-8' },
} as const satisfies Record<string, VersionedRef>;

export type CodecRule = keyof typeof CODEC_RULES;
