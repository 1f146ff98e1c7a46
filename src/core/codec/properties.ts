/**
 * MQTT 5.0 properties (section 2.2.2): a Variable Byte Integer length, then properties, each
 * an identifier (a VBI, in practice one byte) and a value of a fixed type.
 *
 * Theory of operation: one table (`PROPERTY_TABLE`) describes every property: identifier,
 * model key, wire type, the packets that may carry it (a bit mask over packet type numbers,
 * plus bit 16 for the Will Properties of CONNECT) and whether it may repeat. The encoder,
 * the decoder and the annotator all read this table, so they cannot disagree.
 * Decoding rules (all from 2.2.2.2 and the property sections of 3.x):
 * - an unknown identifier is a Malformed Packet (0x81);
 * - a property not allowed in the packet, or one that appears twice where it may not, is a
 *   Protocol Error (0x82);
 * - out-of-range values (a 0/1 byte that is 2, Receive Maximum 0, Topic Alias 0, ...) are a
 *   Protocol Error (0x82).
 */
import { DecodeFailure, RC, REFS, codecError, CodecEncodeError } from './errors.ts';
import type { CodecDetailId, CodecDetailParams } from './error-details.ts';
import { CODEC_RULES, type CodecRef, type SectionRef, type SpecRef } from './spec-ref.ts';
import {
  AUTH, CONNACK, CONNECT, DISCONNECT, PUBACK, PUBCOMP, PUBLISH, PUBREC, PUBREL, SUBACK, SUBSCRIBE, UNSUBACK, UNSUBSCRIBE,
} from './packet-type.ts';
import type { Properties, UserProperty } from './types.ts';
import { UTF8_NUL, decodeUtf8, utf8Length, writeUtf8 } from './utf8.ts';
import { VARINT_MAX, readVarint, varintSize, writeVarint } from './varint.ts';

/** Wire types of property values (section 1.5). */
export type PropertyType = 'byte' | 'u16' | 'u32' | 'varint' | 'utf8' | 'binary' | 'pair';

/** Pseudo packet number for the Will Properties inside CONNECT. */
export const WILL_PROPERTIES = 16;

/** One row of the property table. */
export interface PropertyDef {
  id: number;
  key: keyof Properties;
  /** Name as the spec writes it. */
  name: string;
  type: PropertyType;
  /** Bit n set = allowed in packet type n (1..15); bit 16 = Will Properties. */
  mask: number;
  /** May appear more than once (User Property; Subscription Identifier in PUBLISH). */
  repeat: boolean;
  /** Values 0 and 1 only (a "boolean" byte). */
  bool?: boolean;
  /** Zero is a Protocol Error. */
  nonZero?: boolean;
  /**
   * The statement a zero value breaks, where the standard numbers one (Topic Alias 0:
   * MQTT-3.3.2-8); otherwise a zero is cited by the property's `section`.
   */
  zeroRef?: SpecRef;
  /** Spec section. */
  section: SectionRef;
  meaning: string;
}

const B = (...types: number[]) => types.reduce((m, t) => m | (1 << t), 0);
const WILL = WILL_PROPERTIES;

/** Every MQTT 5.0 property, in identifier order. */
export const PROPERTY_TABLE: readonly PropertyDef[] = [
  { id: 0x01, key: 'payloadFormatIndicator', name: 'Payload Format Indicator', type: 'byte', mask: B(PUBLISH, WILL), repeat: false, bool: true, section: '3.3.2.3.2', meaning: '0 = unspecified bytes, 1 = UTF-8 text' },
  { id: 0x02, key: 'messageExpiryIntervalSec', name: 'Message Expiry Interval', type: 'u32', mask: B(PUBLISH, WILL), repeat: false, section: '3.3.2.3.3', meaning: 'seconds until the message expires' },
  { id: 0x03, key: 'contentType', name: 'Content Type', type: 'utf8', mask: B(PUBLISH, WILL), repeat: false, section: '3.3.2.3.9', meaning: 'the payload\'s content type (e.g. a MIME type)' },
  { id: 0x08, key: 'responseTopic', name: 'Response Topic', type: 'utf8', mask: B(PUBLISH, WILL), repeat: false, section: '3.3.2.3.5', meaning: 'topic for a response (request/response)' },
  { id: 0x09, key: 'correlationData', name: 'Correlation Data', type: 'binary', mask: B(PUBLISH, WILL), repeat: false, section: '3.3.2.3.6', meaning: 'ties a response to its request' },
  { id: 0x0b, key: 'subscriptionIdentifiers', name: 'Subscription Identifier', type: 'varint', mask: B(PUBLISH, SUBSCRIBE), repeat: true, nonZero: true, section: '3.3.2.3.8', meaning: 'identifies the subscription(s) that matched' },
  { id: 0x11, key: 'sessionExpiryIntervalSec', name: 'Session Expiry Interval', type: 'u32', mask: B(CONNECT, CONNACK, DISCONNECT), repeat: false, section: '3.1.2.11.2', meaning: 'seconds the session outlives the connection' },
  { id: 0x12, key: 'assignedClientIdentifier', name: 'Assigned Client Identifier', type: 'utf8', mask: B(CONNACK), repeat: false, section: '3.2.2.3.7', meaning: 'client ID chosen by the server' },
  { id: 0x13, key: 'serverKeepAliveSec', name: 'Server Keep Alive', type: 'u16', mask: B(CONNACK), repeat: false, section: '3.2.2.3.14', meaning: 'keep alive the server wants instead' },
  { id: 0x15, key: 'authenticationMethod', name: 'Authentication Method', type: 'utf8', mask: B(CONNECT, CONNACK, AUTH), repeat: false, section: '3.1.2.11.9', meaning: 'name of the extended authentication method' },
  { id: 0x16, key: 'authenticationData', name: 'Authentication Data', type: 'binary', mask: B(CONNECT, CONNACK, AUTH), repeat: false, section: '3.1.2.11.10', meaning: 'data of the authentication method' },
  { id: 0x17, key: 'requestProblemInformation', name: 'Request Problem Information', type: 'byte', mask: B(CONNECT), repeat: false, bool: true, section: '3.1.2.11.7', meaning: 'may the server send reason strings/user properties on failures' },
  { id: 0x18, key: 'willDelayIntervalSec', name: 'Will Delay Interval', type: 'u32', mask: B(WILL), repeat: false, section: '3.1.3.2.2', meaning: 'seconds to wait before publishing the will' },
  { id: 0x19, key: 'requestResponseInformation', name: 'Request Response Information', type: 'byte', mask: B(CONNECT), repeat: false, bool: true, section: '3.1.2.11.6', meaning: 'ask the server for Response Information' },
  { id: 0x1a, key: 'responseInformation', name: 'Response Information', type: 'utf8', mask: B(CONNACK), repeat: false, section: '3.2.2.3.15', meaning: 'basis for response topics' },
  { id: 0x1c, key: 'serverReference', name: 'Server Reference', type: 'utf8', mask: B(CONNACK, DISCONNECT), repeat: false, section: '3.2.2.3.16', meaning: 'another server to use' },
  { id: 0x1f, key: 'reasonString', name: 'Reason String', type: 'utf8', mask: B(CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH), repeat: false, section: '3.2.2.3.9', meaning: 'human-readable diagnostic' },
  { id: 0x21, key: 'receiveMaximum', name: 'Receive Maximum', type: 'u16', mask: B(CONNECT, CONNACK), repeat: false, nonZero: true, section: '3.1.2.11.3', meaning: 'most unacknowledged QoS 1/2 messages accepted at once' },
  { id: 0x22, key: 'topicAliasMaximum', name: 'Topic Alias Maximum', type: 'u16', mask: B(CONNECT, CONNACK), repeat: false, section: '3.1.2.11.5', meaning: 'highest topic alias accepted' },
  { id: 0x23, key: 'topicAlias', name: 'Topic Alias', type: 'u16', mask: B(PUBLISH), repeat: false, nonZero: true, zeroRef: CODEC_RULES.topicAliasZero[5], section: '3.3.2.3.4', meaning: 'number standing in for the topic name' },
  { id: 0x24, key: 'maximumQoS', name: 'Maximum QoS', type: 'byte', mask: B(CONNACK), repeat: false, bool: true, section: '3.2.2.3.4', meaning: 'highest QoS the server supports' },
  { id: 0x25, key: 'retainAvailable', name: 'Retain Available', type: 'byte', mask: B(CONNACK), repeat: false, bool: true, section: '3.2.2.3.5', meaning: 'whether the server supports retained messages' },
  { id: 0x26, key: 'userProperties', name: 'User Property', type: 'pair', mask: B(CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH, WILL), repeat: true, section: '3.1.2.11.8', meaning: 'application-defined name/value pair' },
  { id: 0x27, key: 'maximumPacketSize', name: 'Maximum Packet Size', type: 'u32', mask: B(CONNECT, CONNACK), repeat: false, nonZero: true, section: '3.1.2.11.4', meaning: 'largest packet the sender accepts' },
  { id: 0x28, key: 'wildcardSubscriptionAvailable', name: 'Wildcard Subscription Available', type: 'byte', mask: B(CONNACK), repeat: false, bool: true, section: '3.2.2.3.11', meaning: 'whether wildcard subscriptions are supported' },
  { id: 0x29, key: 'subscriptionIdentifiersAvailable', name: 'Subscription Identifiers Available', type: 'byte', mask: B(CONNACK), repeat: false, bool: true, section: '3.2.2.3.12', meaning: 'whether subscription identifiers are supported' },
  { id: 0x2a, key: 'sharedSubscriptionAvailable', name: 'Shared Subscription Available', type: 'byte', mask: B(CONNACK), repeat: false, bool: true, section: '3.2.2.3.13', meaning: 'whether shared subscriptions are supported' },
];

/** Property definitions by identifier (undefined for unknown identifiers). */
export const PROPERTY_BY_ID: readonly (PropertyDef | undefined)[] = (() => {
  const a: (PropertyDef | undefined)[] = new Array(0x2b).fill(undefined);
  for (const d of PROPERTY_TABLE) a[d.id] = d;
  return a;
})();

const PACKET_NAMES = ['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH', 'Will Properties'];

/** Name of a packet type number (or 16 = Will Properties), for messages. */
export function packetName(type: number): string {
  return PACKET_NAMES[type] ?? `type ${type}`;
}

// ---------------------------------------------------------------- encoding

function encodeFail(reasonCode: number, ref: CodecRef, detail: CodecDetailId, params?: CodecDetailParams): never {
  throw new CodecEncodeError(codecError(reasonCode, ref, detail, params));
}

/** Byte length of a UTF-8 string field's content; throws CodecEncodeError when invalid. */
export function stringLength(s: string, what: string): number {
  if (typeof s !== 'string') encodeFail(RC.malformed, '1.5.4', 'not-a-string', { what });
  const n = utf8Length(s);
  if (n < 0) {
    if (n === UTF8_NUL) encodeFail(RC.malformed, REFS.utf8Nul(5), 'utf8-nul', { what });
    encodeFail(RC.malformed, REFS.utf8Invalid(5), 'utf8-invalid.surrogate', { what });
  }
  if (n > 65535) encodeFail(RC.malformed, '1.5.4', 'string-too-long', { what, length: n });
  return n;
}

/** Checks a binary field's length; throws CodecEncodeError when too long. */
export function binaryLength(b: Uint8Array, what: string): number {
  if (!(b instanceof Uint8Array)) encodeFail(RC.malformed, '1.5.6', 'not-binary', { what });
  if (b.length > 65535) encodeFail(RC.malformed, '1.5.6', 'binary-too-long', { what, length: b.length });
  return b.length;
}

function checkInt(v: unknown, max: number, d: PropertyDef): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    encodeFail(RC.protocolError, d.section, 'property-value.range', { property: d.name, max });
  }
  if (d.bool && v > 1) encodeFail(RC.protocolError, d.section, 'property-value.bool', { property: d.name });
  if (d.nonZero && v === 0) encodeFail(RC.protocolError, d.zeroRef ?? d.section, 'property-value.zero', { property: d.name });
  return v;
}

/**
 * Byte length of the property block content (without its length prefix) for packet type
 * `packet`; validates every value. Throws CodecEncodeError for a property the packet may
 * not carry or an invalid value.
 */
export function propertiesLength(props: Properties | undefined, packet: number): number {
  if (props === undefined) return 0;
  let len = 0;
  const bit = 1 << packet;
  for (const key in props) {
    const v = props[key as keyof Properties];
    if (v === undefined) continue;
    const d = PROPERTY_BY_KEY.get(key);
    if (d === undefined) encodeFail(RC.malformed, '2.2.2.2', 'property-unknown.name', { name: key });
    if ((d.mask & bit) === 0) encodeFail(RC.protocolError, '2.2.2.2', 'property-not-allowed', { property: d.name, packet: packetName(packet) });
    switch (d.type) {
      case 'byte': checkInt(v, 255, d); len += 2; break;
      case 'u16': checkInt(v, 65535, d); len += 3; break;
      case 'u32': checkInt(v, 0xffffffff, d); len += 5; break;
      case 'utf8': len += 3 + stringLength(v as string, d.name); break;
      case 'binary': len += 3 + binaryLength(v as Uint8Array, d.name); break;
      case 'varint': {
        const ids = v as number[];
        if (packet === SUBSCRIBE && ids.length > 1) encodeFail(RC.protocolError, '3.8.2.1.2', 'property-duplicate.subscription-id');
        for (const id of ids) len += 1 + varintSize(checkInt(id, VARINT_MAX, d));
        break;
      }
      case 'pair':
        for (const pair of v as UserProperty[]) len += 5 + stringLength(pair[0], 'user property name') + stringLength(pair[1], 'user property value');
        break;
    }
  }
  return len;
}

const PROPERTY_BY_KEY = new Map<string, PropertyDef>(PROPERTY_TABLE.map((d) => [d.key, d]));

function writeU16(buf: Uint8Array, pos: number, v: number): number {
  buf[pos] = v >>> 8;
  buf[pos + 1] = v & 255;
  return pos + 2;
}

function writeString(buf: Uint8Array, pos: number, s: string): number {
  const n = utf8Length(s);
  pos = writeU16(buf, pos, n);
  return writeUtf8(buf, pos, s, n);
}

/**
 * Write the property block (length prefix included) at `pos`; `len` is what
 * `propertiesLength` returned. Properties are written in the order of the object's keys.
 */
export function writeProperties(buf: Uint8Array, pos: number, props: Properties | undefined, len: number): number {
  pos = writeVarint(buf, pos, len);
  if (props === undefined || len === 0) return pos;
  for (const key in props) {
    const v = props[key as keyof Properties];
    if (v === undefined) continue;
    const d = PROPERTY_BY_KEY.get(key)!;
    switch (d.type) {
      case 'byte': buf[pos++] = d.id; buf[pos++] = v as number; break;
      case 'u16': buf[pos++] = d.id; pos = writeU16(buf, pos, v as number); break;
      case 'u32': {
        const n = v as number;
        buf[pos] = d.id;
        buf[pos + 1] = n >>> 24;
        buf[pos + 2] = (n >>> 16) & 255;
        buf[pos + 3] = (n >>> 8) & 255;
        buf[pos + 4] = n & 255;
        pos += 5;
        break;
      }
      case 'utf8': buf[pos++] = d.id; pos = writeString(buf, pos, v as string); break;
      case 'binary': {
        const b = v as Uint8Array;
        buf[pos++] = d.id;
        pos = writeU16(buf, pos, b.length);
        buf.set(b, pos);
        pos += b.length;
        break;
      }
      case 'varint':
        for (const id of v as number[]) {
          buf[pos++] = d.id;
          pos = writeVarint(buf, pos, id);
        }
        break;
      case 'pair':
        for (const pair of v as UserProperty[]) {
          buf[pos++] = d.id;
          pos = writeString(buf, pos, pair[0]);
          pos = writeString(buf, pos, pair[1]);
        }
        break;
    }
  }
  return pos;
}

// ---------------------------------------------------------------- decoding

/** What the property decoder needs from the packet decoder. */
export interface PropertyContext {
  maxProperties: number;
}

function fail(reasonCode: number, ref: CodecRef, detail: CodecDetailId, params: CodecDetailParams | undefined, offset: number): never {
  throw new DecodeFailure(reasonCode, ref, detail, params, offset);
}

/** Read a UTF-8 string field in a property; throws DecodeFailure. */
function readStringAt(buf: Uint8Array, pos: number, end: number, what: string): string {
  if (pos + 2 > end) fail(RC.malformed, '2.2.2', 'truncated.property', { what }, pos);
  const n = (buf[pos]! << 8) | buf[pos + 1]!;
  if (pos + 2 + n > end) fail(RC.malformed, '2.2.2', 'truncated.property', { what }, pos);
  const s = decodeUtf8(buf, pos + 2, pos + 2 + n);
  if (typeof s === 'number') {
    if (s === UTF8_NUL) fail(RC.malformed, REFS.utf8Nul(5), 'utf8-nul', { what }, pos);
    fail(RC.malformed, REFS.utf8Invalid(5), 'utf8-invalid', { what }, pos);
  }
  return s;
}

/**
 * Decode a property block (length prefix included) at `pos` for packet type `packet`.
 * Returns the properties (undefined when the block is empty) and sets `out.pos` to the first
 * byte after the block. Throws DecodeFailure; the caller turns it into an error value.
 */
export function readProperties(buf: Uint8Array, pos: number, end: number, packet: number, limits: PropertyContext, out: { pos: number }): Properties | undefined {
  const len = readVarint(buf, pos, end);
  if (len < 0) {
    if (len === -1) fail(RC.malformed, '2.2.2.1', 'truncated.property-length', undefined, pos);
    fail(RC.malformed, REFS.varint(5), 'varint.property-length', undefined, pos);
  }
  pos += varintSize(len);
  const stop = pos + len;
  if (stop > end) fail(RC.malformed, '2.2.2.1', 'truncated.property-block', undefined, pos);
  out.pos = stop;
  if (len === 0) return undefined;
  const props: Properties = {};
  const bit = 1 << packet;
  let count = 0;
  while (pos < stop) {
    if (++count > limits.maxProperties) fail(RC.quotaExceeded, 'limit:maxProperties', 'too-many-properties', { max: limits.maxProperties }, pos);
    const at = pos;
    const id = buf[pos++]!;
    const d = id < PROPERTY_BY_ID.length ? PROPERTY_BY_ID[id] : undefined;
    if (d === undefined) fail(RC.malformed, '2.2.2.2', 'property-unknown', { id: `0x${id.toString(16)}` }, at);
    // 2.2.2.2: an identifier not valid for its packet type makes a Malformed Packet (0x81), in
    // every packet type (Mosquitto 2.0 answers 0x82 for some; see the README's deviation table).
    if ((d.mask & bit) === 0) fail(RC.malformed, '2.2.2.2', 'property-not-allowed', { property: d.name, packet: packetName(packet) }, at);
    const key = d.key;
    if (!d.repeat && props[key] !== undefined) fail(RC.protocolError, '2.2.2.2', 'property-duplicate', { property: d.name }, at);
    let value: number;
    switch (d.type) {
      case 'byte':
        if (pos + 1 > stop) fail(RC.malformed, '2.2.2', 'truncated.property', { what: d.name }, at);
        value = buf[pos++]!;
        break;
      case 'u16':
        if (pos + 2 > stop) fail(RC.malformed, '2.2.2', 'truncated.property', { what: d.name }, at);
        value = (buf[pos]! << 8) | buf[pos + 1]!;
        pos += 2;
        break;
      case 'u32':
        if (pos + 4 > stop) fail(RC.malformed, '2.2.2', 'truncated.property', { what: d.name }, at);
        value = buf[pos]! * 0x1000000 + ((buf[pos + 1]! << 16) | (buf[pos + 2]! << 8) | buf[pos + 3]!);
        pos += 4;
        break;
      case 'varint': {
        value = readVarint(buf, pos, stop);
        if (value < 0) fail(RC.malformed, REFS.varint(5), 'varint', { what: d.name }, at);
        pos += varintSize(value);
        if (value === 0) fail(RC.protocolError, d.section, 'property-value.zero', { property: d.name }, at);
        const ids = props.subscriptionIdentifiers;
        if (ids === undefined) props.subscriptionIdentifiers = [value];
        else if (packet === SUBSCRIBE) fail(RC.protocolError, '3.8.2.1.2', 'property-duplicate', { property: d.name }, at);
        else ids.push(value);
        continue;
      }
      case 'utf8': {
        const s = readStringAt(buf, pos, stop, d.name);
        pos += 2 + ((buf[pos]! << 8) | buf[pos + 1]!);
        (props as Record<string, unknown>)[key] = s;
        continue;
      }
      case 'binary': {
        if (pos + 2 > stop) fail(RC.malformed, '2.2.2', 'truncated.property', { what: d.name }, at);
        const n = (buf[pos]! << 8) | buf[pos + 1]!;
        if (pos + 2 + n > stop) fail(RC.malformed, '2.2.2', 'truncated.property', { what: d.name }, at);
        (props as Record<string, unknown>)[key] = buf.subarray(pos + 2, pos + 2 + n);
        pos += 2 + n;
        continue;
      }
      case 'pair': {
        const name = readStringAt(buf, pos, stop, 'User Property name');
        pos += 2 + ((buf[pos]! << 8) | buf[pos + 1]!);
        const val = readStringAt(buf, pos, stop, 'User Property value');
        pos += 2 + ((buf[pos]! << 8) | buf[pos + 1]!);
        const list = props.userProperties;
        if (list === undefined) props.userProperties = [[name, val]];
        else list.push([name, val]);
        continue;
      }
    }
    if (d.bool && value > 1) fail(RC.protocolError, d.section, 'property-value.bool', { property: d.name }, at);
    if (d.nonZero && value === 0) fail(RC.protocolError, d.zeroRef ?? d.section, 'property-value.zero', { property: d.name }, at);
    (props as Record<string, unknown>)[key] = value;
  }
  return props;
}
