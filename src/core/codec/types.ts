/**
 * The packet model shared by the codec, the clients, the broker and every view.
 *
 * Packets are plain, immutable-by-convention objects tagged by `type` (as mqtt-packet tags them
 * by `cmd`). One model serves MQTT 3.1.1 (protocol level 4) and 5.0 (level 5): fields that only
 * exist in 5.0 (`properties`, most reason codes) are optional and are neither encoded nor
 * decoded for 3.1.1. Binary fields (payloads, passwords, correlation data) are `Uint8Array`;
 * text fields are JavaScript strings (UTF-8 on the wire).
 */

import type { CodecRef } from './spec-ref.ts';
import type { CodecDetail } from './error-details.ts';

/** Protocol level byte of CONNECT: 4 = MQTT 3.1.1, 5 = MQTT 5.0. */
export type ProtocolVersion = 4 | 5;

export type QoS = 0 | 1 | 2;

/** A 5.0 user property: a name/value pair, order and duplicates preserved (MQTT-3.1.3-10). */
export type UserProperty = readonly [name: string, value: string];

/**
 * Every MQTT 5.0 property (section 2.2.2.2), by name. The codec checks that a property is
 * allowed in the packet it appears in and appears at most once where the spec says so.
 */
export interface Properties {
  payloadFormatIndicator?: 0 | 1; // 0x01
  messageExpiryIntervalSec?: number; // 0x02
  contentType?: string; // 0x03
  responseTopic?: string; // 0x08
  correlationData?: Uint8Array; // 0x09
  /** 0x0B; SUBSCRIBE carries at most one, a PUBLISH from the broker may carry several. */
  subscriptionIdentifiers?: number[];
  sessionExpiryIntervalSec?: number; // 0x11
  assignedClientIdentifier?: string; // 0x12
  serverKeepAliveSec?: number; // 0x13
  authenticationMethod?: string; // 0x15
  authenticationData?: Uint8Array; // 0x16
  requestProblemInformation?: 0 | 1; // 0x17
  willDelayIntervalSec?: number; // 0x18
  requestResponseInformation?: 0 | 1; // 0x19
  responseInformation?: string; // 0x1A
  serverReference?: string; // 0x1C
  reasonString?: string; // 0x1F
  receiveMaximum?: number; // 0x21
  topicAliasMaximum?: number; // 0x22
  topicAlias?: number; // 0x23
  maximumQoS?: 0 | 1; // 0x24
  retainAvailable?: 0 | 1; // 0x25
  userProperties?: UserProperty[]; // 0x26
  maximumPacketSize?: number; // 0x27
  wildcardSubscriptionAvailable?: 0 | 1; // 0x28
  subscriptionIdentifiersAvailable?: 0 | 1; // 0x29
  sharedSubscriptionAvailable?: 0 | 1; // 0x2A
}

export interface Will {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** 5.0 will properties (will delay, message expiry, content type, ...). */
  properties?: Properties;
}

export interface ConnectPacket {
  type: 'connect';
  /**
   * Protocol level: 4 (3.1.1) or 5 (5.0), with the protocol name "MQTT". An MQTT 3.1 CONNECT
   * (name "MQIsdp", level 3) is decoded as level 4 with `protocolName: 'MQIsdp'`: its packets
   * are 3.1.1's, as Mosquitto treats them.
   */
  protocolVersion: ProtocolVersion;
  /** Set only for MQTT 3.1 (then `protocolVersion` is 4 and the level on the wire is 3). */
  protocolName?: 'MQIsdp';
  /** Clean Session (3.1.1) / Clean Start (5.0). */
  clean: boolean;
  keepAliveSec: number;
  clientId: string;
  will?: Will;
  username?: string;
  password?: Uint8Array;
  properties?: Properties;
}

export interface ConnackPacket {
  type: 'connack';
  sessionPresent: boolean;
  /** 3.1.1 return code (0..5) or 5.0 reason code. */
  reasonCode: number;
  properties?: Properties;
}

export interface PublishPacket {
  type: 'publish';
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  /** Present exactly when qos > 0 (MQTT-2.2.1-2). */
  packetId?: number;
  properties?: Properties;
}

/** PUBACK, PUBREC, PUBREL and PUBCOMP share one shape. */
export interface AckPacket<T extends 'puback' | 'pubrec' | 'pubrel' | 'pubcomp'> {
  type: T;
  packetId: number;
  /** 5.0 only; 0 (success) when absent. */
  reasonCode?: number;
  properties?: Properties;
}
export type PubackPacket = AckPacket<'puback'>;
export type PubrecPacket = AckPacket<'pubrec'>;
export type PubrelPacket = AckPacket<'pubrel'>;
export type PubcompPacket = AckPacket<'pubcomp'>;

export interface Subscription {
  topicFilter: string;
  /** Maximum QoS requested. */
  qos: QoS;
  /** 5.0 subscription options (section 3.8.3.1). */
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

export interface SubscribePacket {
  type: 'subscribe';
  packetId: number;
  subscriptions: Subscription[];
  properties?: Properties;
}

export interface SubackPacket {
  type: 'suback';
  packetId: number;
  /** One per subscription: the granted QoS (0..2) or a failure code (0x80, 5.0 codes). */
  reasonCodes: number[];
  properties?: Properties;
}

export interface UnsubscribePacket {
  type: 'unsubscribe';
  packetId: number;
  topicFilters: string[];
  properties?: Properties;
}

export interface UnsubackPacket {
  type: 'unsuback';
  packetId: number;
  /** 5.0 only: one reason code per topic filter. */
  reasonCodes?: number[];
  properties?: Properties;
}

export interface PingreqPacket {
  type: 'pingreq';
}
export interface PingrespPacket {
  type: 'pingresp';
}

export interface DisconnectPacket {
  type: 'disconnect';
  /** 5.0 only; 0 (normal disconnection) when absent. */
  reasonCode?: number;
  properties?: Properties;
}

/** 5.0 only. */
export interface AuthPacket {
  type: 'auth';
  reasonCode?: number;
  properties?: Properties;
}

export type Packet =
  | ConnectPacket
  | ConnackPacket
  | PublishPacket
  | PubackPacket
  | PubrecPacket
  | PubrelPacket
  | PubcompPacket
  | SubscribePacket
  | SubackPacket
  | UnsubscribePacket
  | UnsubackPacket
  | PingreqPacket
  | PingrespPacket
  | DisconnectPacket
  | AuthPacket;

export type PacketType = Packet['type'];

/** Fixed-header packet type numbers (section 2.1.2). */
export const PACKET_TYPE_NUMBER: Readonly<Record<PacketType, number>> = {
  connect: 1,
  connack: 2,
  publish: 3,
  puback: 4,
  pubrec: 5,
  pubrel: 6,
  pubcomp: 7,
  subscribe: 8,
  suback: 9,
  unsubscribe: 10,
  unsuback: 11,
  pingreq: 12,
  pingresp: 13,
  disconnect: 14,
  auth: 15,
};

/**
 * Why bytes could not be decoded (or a packet not encoded): the reason code a broker would use
 * (0x81 malformed packet, 0x82 protocol error, 0x95 packet too large, ...), the conformance
 * statement that was violated, and where in the input it was found.
 */
export interface CodecError {
  reasonCode: number;
  /** Conformance ID such as `MQTT-2.2.2-2`, or a section such as `2.2.2.2` where there is none. */
  ref: CodecRef;
  /** One English sentence for logs and tests; the UI translates by `key`. */
  message: string;
  /** Stable i18n key, e.g. `codec.error.reserved-flags`. */
  key: string;
  /** Byte offset into the frame where the problem was found. */
  offset: number;
  /** What exactly the decoder found, as an id and values (error-details.ts); `message` is its English sentence. */
  detail?: CodecDetail;
}

/** The result of decoding: one packet, not enough bytes yet, or an error value (never a throw). */
export type DecodeResult =
  | { kind: 'packet'; packet: Packet; /** the exact bytes of this frame */ bytes: Uint8Array }
  | { kind: 'need-more' }
  | { kind: 'error'; error: CodecError };

/** Limits on everything the decoder accepts (TigerBeetle: "put a limit on everything"). */
export interface DecoderLimits {
  /** Largest frame accepted, fixed header included. Default 268,435,460 (the protocol maximum). */
  maxPacketSize: number;
  /** Most properties in one property block. Default: no limit but the packet's size. */
  maxProperties: number;
  /** Most subscriptions/topic filters in one SUBSCRIBE/UNSUBSCRIBE. Default 1,024. */
  maxTopicFilters: number;
  /**
   * `'server'`: the packets only a server sends (CONNACK, SUBACK, UNSUBACK, PINGRESP) are a
   * Protocol Error (0x82) as soon as their first byte arrives, as in Mosquitto 2.0. Default:
   * every type is decoded.
   */
  receiver?: 'server';
}

/**
 * One annotated field for the hex inspector: its byte range `[start, end)` in the frame, a
 * name, the decoded value, a one-line meaning and the spec section; fields nest (the fixed
 * header holds its flag bits; a property block holds its properties). Bit fields give `bits`.
 */
export interface AnnotatedField {
  name: string;
  start: number;
  end: number;
  value: string | number | boolean | null;
  /** One line of explanation in English; `key` selects the translated text. */
  meaning: string;
  key: string;
  /** Spec section, e.g. `3.1.2.4`. */
  section: string;
  /** For flag bits: the bit positions in the byte at `start`, high to low, e.g. [3] or [2, 1]. */
  bits?: number[];
  children?: AnnotatedField[];
}

export interface AnnotatedPacket {
  packet: Packet | null;
  fields: AnnotatedField[];
  /** Set when decoding failed; fields then cover what was read before the error. */
  error?: CodecError;
}
