/**
 * One table of named rules for codec, topics, client and broker: each name gives the rule's
 * conformance statement in MQTT 3.1.1 and in 5.0 (or, where a version has no numbered
 * statement, its section). Code cites a rule by name (`ruleRef('qos2Duplicate', version)`),
 * never by two bare strings; tests/mqtt/spec-catalogue.test.ts checks every entry against the
 * statement catalogue of its version.
 *
 * The codec's part lives in the codec (it may import nothing from here): CODEC_RULES in
 * src/core/codec/spec-ref.ts; the topic rules are TOPIC_RULES in spec.ts. The client's rules
 * (and the ones both sides apply) are CLIENT_RULES, the broker's own BROKER_RULES, below.
 */
import { both, CODEC_RULES, type SpecRef, type VersionedRef } from '../codec/spec-ref.ts';
import type { ProtocolVersion } from '../codec/types.ts';
import { TOPIC_RULES } from './spec.ts';

/**
 * The rules the client applies, by name; the broker cites the same names where it applies the
 * same rule from the other side (qos1Receive, qos2Duplicate, sessionKept, ...).
 */
export const CLIENT_RULES = {
  /** The first packet on a connection is CONNECT. */
  firstPacketConnect: { 4: 'MQTT-3.1.0-1', 5: 'MQTT-3.1.0-1' },
  /** A client sends CONNECT only once per network connection (3.1; the server's side is MQTT-3.1.0-2). */
  connectOnce: { 4: '3.1', 5: '3.1' },
  /** Clean Session / Clean Start = 1: both sides discard the previous session. */
  cleanDiscards: { 4: 'MQTT-3.1.2-6', 5: 'MQTT-3.1.2-4' },
  /** 3.1.1: a zero-byte ClientId requires CleanSession = 1. */
  emptyIdNeedsClean: { 4: 'MQTT-3.1.3-7', 5: 'MQTT-3.1.3-6' },
  /** Send PINGREQ when nothing else was sent for Keep Alive seconds. */
  keepAlive: { 4: 'MQTT-3.1.2-23', 5: 'MQTT-3.1.2-20' },
  /** Keep-alive section (the PINGRESP wait is the client's choice). */
  keepAliveSection: { 4: '3.1.2.10', 5: '3.1.2.10' },
  /** Server Keep Alive replaces ours (5.0). */
  serverKeepAlive: { 4: '3.1.2.10', 5: 'MQTT-3.2.2-21' },
  /** CONNACK refused: the server closes; the client closes too. */
  connackRefused: { 4: 'MQTT-3.2.2-5', 5: 'MQTT-3.2.2-7' },
  /** Session Present = 0 while the client holds session state: discard it. */
  sessionLost: { 4: '3.2.2.2', 5: 'MQTT-3.2.2-5' },
  /** Session Present = 1 while the client holds no session state: close (5.0). */
  sessionUnexpected: { 4: '3.2.2.2', 5: 'MQTT-3.2.2-4' },
  /** Session Present = 1 and the session continues. */
  sessionResumed: { 4: 'MQTT-3.2.2-2', 5: 'MQTT-3.2.2-3' },
  /** Assigned Client Identifier (5.0). */
  assignedId: { 4: '3.1.3.1', 5: 'MQTT-3.2.2-16' },
  /** The server sends nothing before CONNACK (the client closes when it does). */
  connackFirst: both('MQTT-3.2.0-1'),
  /** Only one CONNACK per connection. */
  oneConnack: { 4: 'MQTT-3.2.0-1', 5: 'MQTT-3.2.0-2' },
  /** Packet identifiers: non-zero and currently unused. */
  packetId: { 4: 'MQTT-2.3.1-2', 5: 'MQTT-2.2.1-3' },
  /** QoS 0: fire and forget, DUP = 0. */
  qos0Send: { 4: 'MQTT-4.3.1-1', 5: 'MQTT-4.3.1-1' },
  /** QoS 1 sender: unacknowledged until PUBACK. */
  qos1Send: { 4: 'MQTT-4.3.2-1', 5: 'MQTT-4.3.2-3' },
  /** QoS 1 receiver: PUBACK after taking ownership of the message. */
  qos1Receive: { 4: 'MQTT-4.3.2-2', 5: 'MQTT-4.3.2-4' },
  /** QoS 1 receiver: after its PUBACK a PUBLISH with the same id is a new message, whatever DUP says. */
  qos1NewAfterPuback: { 4: 'MQTT-4.3.2-2', 5: 'MQTT-4.3.2-5' },
  /** QoS 2 sender: unacknowledged until PUBREC. */
  qos2Send: { 4: 'MQTT-4.3.3-1', 5: 'MQTT-4.3.3-3' },
  /** QoS 2 sender: PUBREL on PUBREC, then unacknowledged until PUBCOMP. */
  qos2Pubrel: { 4: 'MQTT-4.3.3-1', 5: 'MQTT-4.3.3-4' },
  /** QoS 2 receiver: PUBREC; duplicates before PUBREL acknowledged but not delivered twice. */
  qos2Receive: { 4: 'MQTT-4.3.3-2', 5: 'MQTT-4.3.3-8' },
  qos2Duplicate: { 4: 'MQTT-4.3.3-2', 5: 'MQTT-4.3.3-10' },
  qos2Pubcomp: { 4: 'MQTT-4.3.3-2', 5: 'MQTT-4.3.3-11' },
  /**
   * PUBREL for a packet identifier the receiver (broker or client) does not hold: PUBCOMP all
   * the same (3.1.1 MQTT-4.3.3-2), in 5.0 with 0x92 Packet Identifier not found, the PUBCOMP
   * code for it (MQTT-3.7.2-1; Mosquitto sends 0).
   */
  pubrelUnknownId: { 4: 'MQTT-4.3.3-2', 5: 'MQTT-3.7.2-1' },
  /**
   * PUBREC for a packet identifier the sender (broker or client) is not waiting for: PUBREL all
   * the same (3.1.1 MQTT-4.3.3-1), in 5.0 with 0x92 Packet Identifier not found, the PUBREL
   * code for it (MQTT-3.6.2-1; Mosquitto sends 0).
   */
  pubrecUnknownId: { 4: 'MQTT-4.3.3-1', 5: 'MQTT-3.6.2-1' },
  /** PUBACK/PUBREC with a reason code >= 0x80: acknowledged, never retransmitted (5.0). */
  negativeAck: { 4: '3.4', 5: 'MQTT-4.4.0-2' },
  /** Re-send unacknowledged PUBLISH and PUBREL on reconnect with a session, only then. */
  resend: { 4: 'MQTT-4.4.0-1', 5: 'MQTT-4.4.0-1' },
  /** DUP = 1 on a re-delivery. */
  dup: { 4: 'MQTT-3.3.1-1', 5: 'MQTT-3.3.1-1' },
  /** Re-send in the original order. */
  order: { 4: 'MQTT-4.6.0-1', 5: 'MQTT-4.6.0-1' },
  /** Receive Maximum limits our unacknowledged QoS 1/2 PUBLISHes (5.0; in 3.1.1 only the packet IDs do). */
  receiveMaximum: { 4: '2.3.1', 5: 'MQTT-3.3.4-7' },
  /** The broker sent more unacknowledged QoS 2 PUBLISHes than our Receive Maximum (5.0). */
  receiveMaximumExceeded: { 4: '3.3.4', 5: 'MQTT-3.3.4-9' },
  maximumQoS: { 4: '3.2.2', 5: 'MQTT-3.2.2-11' },
  retainAvailable: { 4: '3.2.2', 5: 'MQTT-3.2.2-14' },
  /** Topic names carry no wildcards and are at least one character long. */
  topicName: { 4: 'MQTT-3.3.2-2', 5: 'MQTT-3.3.2-2' },
  topicEmpty: { 4: 'MQTT-4.7.3-1', 5: 'MQTT-4.7.3-1' },
  /** Topic aliases (5.0): per connection, 1..Topic Alias Maximum, unknown alias = protocol error. */
  topicAliasPerConnection: { 4: '3.3.2', 5: 'MQTT-3.3.2-7' },
  topicAliasAccepted: { 4: '3.3.2', 5: 'MQTT-3.3.2-10' },
  topicAliasUnknown: { 4: '3.3.2', 5: '3.3.2.3.4' },
  // topicAliasZero (MQTT-3.3.2-8) is a codec rule: CODEC_RULES, src/core/codec/spec-ref.ts.
  /** SUBACK: one code per filter, granted QoS or failure. */
  suback: { 4: 'MQTT-3.8.4-5', 5: 'MQTT-3.8.4-7' },
  subackOrder: { 4: 'MQTT-3.9.3-1', 5: 'MQTT-3.9.3-1' },
  unsuback: { 4: 'MQTT-3.10.4-4', 5: 'MQTT-3.11.3-1' },
  /** The client closes the connection after DISCONNECT and sends nothing more. */
  disconnectClose: { 4: 'MQTT-3.14.4-1', 5: 'MQTT-3.14.4-2' },
  /** A clean DISCONNECT makes the broker discard the will. */
  disconnectWill: { 4: 'MQTT-3.1.2-10', 5: 'MQTT-3.14.4-3' },
  /** Server-sent DISCONNECT (5.0). */
  serverDisconnect: { 4: '3.14', 5: '3.14.2.1' },
  /** Protocol errors and malformed packets: close (3.1.1), DISCONNECT with a reason code first (5.0). */
  protocolError: { 4: 'MQTT-4.8.0-1', 5: 'MQTT-4.13.2-1' },
  /** Session state kept after the connection closes. */
  sessionKept: { 4: 'MQTT-3.1.2-4', 5: 'MQTT-3.1.2-23' },
  /** The client does not send packets above the server's Maximum Packet Size (5.0 CONNACK). */
  maximumPacketSize: { 4: '3.2.2', 5: 'MQTT-3.2.2-15' },
  /** The client does not send a Topic Alias above the server's Topic Alias Maximum (5.0). */
  topicAliasMaximum: { 4: '3.3.2', 5: 'MQTT-3.3.2-9' },
  /**
   * After a CONNECT with Session Expiry 0, a non-zero one at DISCONNECT is a Protocol Error
   * (5.0 section 3.14.2.2.2; a sentence without a statement ID: MQTT-3.14.2-2 is the server's
   * rule never to send the property).
   */
  disconnectExpiryFromZero: { 4: '3.14', 5: '3.14.2.2.2' },
  /** A second CONNECT on one network connection is a protocol violation: the server closes (the server's side of `connectOnce`). */
  secondConnect: { 4: 'MQTT-3.1.0-2', 5: 'MQTT-3.1.0-2' },
  /** Payload Format Indicator 1: the payload is UTF-8 Encoded Character Data (5.0; 3.1.1 has no such indicator). */
  payloadFormatUtf8: { 4: '3.3.3', 5: '3.3.2.3.2' },
  /** A PUBLISH from client to server carries no Subscription Identifier (5.0). */
  subscriptionIdFromClient: { 4: '3.3.2', 5: 'MQTT-3.3.4-6' },
} as const satisfies Record<string, VersionedRef>;

/** The rules only the broker applies, by name (the ones both sides apply are in CLIENT_RULES). */
export const BROKER_RULES = {
  /** Will Retain = 1 while the server does not support retained messages (5.0: refuse with 0x9A). */
  willRetainUnavailable: { 4: '3.1.2.7', 5: 'MQTT-3.2.2-13' },
  /** A second connection with the same Client Identifier takes the session over. */
  takeover: { 4: 'MQTT-3.1.4-2', 5: 'MQTT-3.1.4-3' },
  /** A new session: CONNACK with Session Present = 0. */
  sessionClean: { 4: 'MQTT-3.2.2-1', 5: 'MQTT-3.2.2-2' },
  /** A session without expiry ends with its network connection. */
  sessionEndsAtClose: { 4: 'MQTT-3.1.2-6', 5: 'MQTT-3.1.2-23' },
  /** Messages for a client that is offline wait in its session. */
  queueOffline: { 4: 'MQTT-3.1.2-5', 5: 'MQTT-3.1.2-23' },
  /** The server discards the will on a DISCONNECT. */
  disconnectDiscardsWill: both('MQTT-3.14.4-3'),
  /** Nothing received for 1.5 times the Keep Alive: the server closes the connection. */
  keepAliveExpired: { 4: 'MQTT-3.1.2-24', 5: 'MQTT-3.1.2-22' },
  /** SUBSCRIBE is answered with SUBACK. */
  subscribeAck: both('MQTT-3.8.4-1'),
  /** Retained messages matching a new subscription are sent with RETAIN = 1. */
  retainedOnSubscribe: { 4: 'MQTT-3.3.1-6', 5: 'MQTT-3.3.1-9' },
  /** An empty retained PUBLISH removes the retained message of its topic. */
  retainEmptyClears: { 4: 'MQTT-3.3.1-10', 5: 'MQTT-3.3.1-6' },
  /** A forwarded message carries RETAIN = 0 (unless Retain As Published, 5.0). */
  retainClearedOnForward: { 4: 'MQTT-3.3.1-9', 5: 'MQTT-3.3.1-12' },
  /** A message is delivered at the lower of its QoS and the subscription's granted QoS. */
  qosDowngrade: { 4: 'MQTT-3.8.4-6', 5: 'MQTT-3.8.4-8' },
  /** UNSUBSCRIBE removes the subscription whose filter is the same, character for character. */
  unsubscribeRemoves: both('MQTT-3.10.4-1'),
} as const satisfies Record<string, VersionedRef>;

/** Every named rule. A name appears in one part only (a test checks it). */
export const RULES = { ...CODEC_RULES, ...TOPIC_RULES, ...CLIENT_RULES, ...BROKER_RULES } as const satisfies Record<string, VersionedRef>;

export type RuleName = keyof typeof RULES;

/** The reference of a rule in the protocol version in use. */
export function ruleRef(name: RuleName, version: ProtocolVersion): SpecRef {
  return RULES[name][version];
}
