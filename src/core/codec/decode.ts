/**
 * Bytes -> packet, one complete frame at a time (the streaming `Decoder` finds the frames).
 *
 * Theory of operation: `decodeFrame` gets a buffer, the frame's first byte position and its
 * end. It walks the frame with a small cursor (`Reader`, frame-reader.ts) by direct index
 * arithmetic, one body decoder a packet type. Every rule of the spec that a receiver must check
 * is checked where the field is read, with its conformance ID inline. A violation throws an
 * internal `DecodeFailure`, which `decodeFrame` catches and returns as a `CodecError` value:
 * nothing escapes as an exception.
 *
 * Output is canonical: 5.0 acknowledgements, DISCONNECT and AUTH always carry `reasonCode`
 * (0 when the short form omitted it); `properties` is present only when the block has at
 * least one property; 5.0-only fields are never set for 3.1.1.
 *
 * Aliasing: `payload`, `password`, will payloads and binary properties are `subarray` views
 * of the input buffer (no copy). The streaming decoder never writes to memory it has handed
 * out, so the views stay valid; a caller that later overwrites its own input must copy.
 */
import { DecodeFailure, RC, REFS } from './errors.ts';
import { fail, Reader } from './frame-reader.ts';
import type { SpecRef } from './spec-ref.ts';
import {
  AUTH, CONNACK, CONNECT, DISCONNECT, PINGREQ, PINGRESP, PUBACK, PUBCOMP, PUBLISH, PUBREC, PUBREL, SUBACK, SUBSCRIBE, UNSUBACK, UNSUBSCRIBE,
} from './packet-type.ts';
import { WILL_PROPERTIES } from './properties.ts';
import type {
  CodecError, ConnectPacket, DecoderLimits, Packet, Properties, ProtocolVersion, QoS, Subscription, Will,
} from './types.ts';
import { VARINT_MAX } from './varint.ts';

/**
 * The protocol maxima; `Decoder` and `decode` use these unless told otherwise. The number of
 * properties is bounded only by the packet's size, as in Mosquitto 2.0 (a CONNECT with
 * thousands of User Properties is accepted).
 */
export const DEFAULT_LIMITS: Readonly<DecoderLimits> = {
  maxPacketSize: 1 + 4 + VARINT_MAX,
  maxProperties: VARINT_MAX,
  maxTopicFilters: 1024,
};

/** Required fixed-header flags (low nibble) by packet type; -1 = PUBLISH (flags carry data). */
const FIXED_FLAGS = [-2, 0, 0, -1, 0, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0];
const FLAG_REFS: Record<number, SpecRef> = { 6: 'MQTT-3.6.1-1', 8: 'MQTT-3.8.1-1', 10: 'MQTT-3.10.1-1' };

/** Spec reference for wrong fixed-header flags of packet type `type`. */
export function fixedFlagsRef(type: number, version: ProtocolVersion): SpecRef {
  return FLAG_REFS[type] ?? (type === 14 && version === 4 ? 'MQTT-3.14.1-1' : REFS.reservedFlags(version));
}

/**
 * Check the first byte of a frame; returns a CodecError or null. Packet type 0 is reserved,
 * 15 (AUTH) exists only in 5.0; the reserved flag bits must have their listed values.
 */
export function checkFirstByte(first: number, version: ProtocolVersion): CodecError | null {
  const type = first >> 4;
  const flags = first & 15;
  if (type === 0 || (type === 15 && version === 4)) {
    return new DecodeFailure(RC.malformed, version === 4 ? '2.2.1' : '2.1.2', 'packet-type', { type }, 0).toCodecError();
  }
  const want = FIXED_FLAGS[type]!;
  if (want >= 0 && flags !== want) {
    return new DecodeFailure(RC.malformed, fixedFlagsRef(type, version), 'reserved-flags', { type, flags: want.toString(2).padStart(4, '0') }, 0).toCodecError();
  }
  if (want === -1 && (flags & 6) === 6) {
    return new DecodeFailure(RC.malformed, 'MQTT-3.3.1-4', 'qos3', undefined, 0).toCodecError();
  }
  return null;
}

function decodeConnect(r: Reader): ConnectPacket {
  const at = r.pos;
  // MQTT-3.1.2-1: the protocol name is the UTF-8 string "MQTT".
  const name = r.str('protocol name');
  const level = r.u8('protocol level');
  // MQTT 3.1 ("MQIsdp", level 3) is decoded as 3.1.1, as Mosquitto 2.0 accepts it; its packets
  // after CONNECT are the same. A known name with another level is answered with CONNACK 0x01
  // by the broker (MQTT-3.1.2-2); another name closes the connection (MQTT-3.1.2-1).
  const v31 = name === 'MQIsdp' && level === 3;
  if (name !== 'MQTT' && !v31) {
    if (name === 'MQIsdp') fail(RC.unsupportedVersion, 'MQTT-3.1.2-2', 'protocol-version.mqisdp', { level }, r.pos - 1);
    fail(RC.unsupportedVersion, 'MQTT-3.1.2-1', 'protocol-name', { name }, at);
  }
  // MQTT-3.1.2-2: an unsupported level is answered with 0x84 (3.1.1: return code 1).
  if (!v31 && level !== 4 && level !== 5) fail(RC.unsupportedVersion, 'MQTT-3.1.2-2', 'protocol-version', { level }, r.pos - 1);
  const v: ProtocolVersion = v31 ? 4 : (level as ProtocolVersion);
  r.version = v; // CONNECT carries its own version.
  const flags = r.u8('connect flags');
  const fa = r.pos - 1;
  if (flags & 1 && !v31) fail(RC.malformed, 'MQTT-3.1.2-3', 'connect-reserved', undefined, fa);
  const willFlag = (flags & 4) !== 0;
  const willQos = (flags >> 3) & 3;
  const willRetain = (flags & 0x20) !== 0;
  if (!willFlag && willQos !== 0) fail(RC.malformed, REFS.willQosWithoutWill(v), 'will-qos.without-will', undefined, fa);
  if (willQos === 3) fail(RC.malformed, REFS.willQos3(v), 'will-qos', undefined, fa);
  if (!willFlag && willRetain) fail(RC.malformed, REFS.willRetainWithoutWill(v), 'will-retain', undefined, fa);
  const hasUser = (flags & 0x80) !== 0;
  const hasPass = (flags & 0x40) !== 0;
  if (v === 4 && hasPass && !hasUser) fail(RC.malformed, 'MQTT-3.1.2-22', 'password-without-username', undefined, fa);
  const keepAliveSec = r.u16('keep alive');
  const properties = v === 5 ? r.props(CONNECT) : undefined;
  // MQTT-3.1.3-3: the client identifier is the first payload field.
  const clientId = r.str('client identifier');
  const p: ConnectPacket = { type: 'connect', protocolVersion: v, clean: (flags & 2) !== 0, keepAliveSec, clientId };
  if (v31) p.protocolName = 'MQIsdp';
  if (willFlag) {
    // MQTT-3.1.2-9: will properties, topic and payload are present.
    const wprops = v === 5 ? r.props(WILL_PROPERTIES) : undefined;
    const will: Will = { topic: r.str('will topic'), payload: r.bin('will payload'), qos: willQos as QoS, retain: willRetain };
    if (wprops !== undefined) will.properties = wprops;
    p.will = will;
  }
  if (hasUser) p.username = r.str('user name'); // MQTT-3.1.2-17
  if (hasPass) p.password = r.bin('password'); // MQTT-3.1.2-19
  if (properties !== undefined) p.properties = properties;
  r.done('CONNECT payload');
  return p;
}

/** Decodes the variable header and payload of one packet kind; `first` is the fixed header's first byte. */
type BodyDecoder = (r: Reader, first: number) => Packet;

function decodePublish(r: Reader, first: number): Packet {
  const v = r.version;
  const qos = ((first >> 1) & 3) as QoS;
  const dup = (first & 8) !== 0;
  if (qos === 0 && dup) fail(RC.malformed, 'MQTT-3.3.1-2', 'dup-qos0', undefined, r.start);
  const at = r.pos;
  const topic = r.str('topic name');
  let packetId: number | undefined;
  if (qos > 0) packetId = r.packetId();
  let properties: Properties | undefined;
  if (v === 5) {
    properties = r.props(PUBLISH);
    if (topic.length === 0 && properties?.topicAlias === undefined) fail(RC.protocolError, '3.3.2.1', 'topic-empty.alias', undefined, at);
  } else if (topic.length === 0) fail(RC.protocolError, 'MQTT-4.7.3-1', 'topic-empty', undefined, at);
  const payload = r.buf.subarray(r.pos, r.end);
  const retain = (first & 1) !== 0;
  // The packet ID inside the literal: added afterwards it costs the object a separate
  // property store (V8 sizes a literal's object for the literal's own fields).
  const p: Packet = packetId === undefined ? { type: 'publish', topic, payload, qos, retain, dup } : { type: 'publish', topic, payload, qos, retain, dup, packetId };
  if (properties !== undefined) p.properties = properties;
  return p;
}

/** PUBACK, PUBREC, PUBREL, PUBCOMP: a packet identifier, and in 5.0 a reason code and properties. */
function decodeAck(r: Reader, first: number): Packet {
  const type = first >> 4;
  const v = r.version;
  const t = type === PUBACK ? 'puback' : type === PUBREC ? 'pubrec' : type === PUBREL ? 'pubrel' : 'pubcomp';
  const packetId = r.packetId();
  if (v === 4) {
    r.done(t.toUpperCase());
    return { type: t, packetId };
  }
  // 3.4.2.1: remaining length 2 = success without properties; 3 = reason code only.
  const reasonCode = r.pos < r.end ? r.reasonCode(t) : 0;
  const properties = r.pos < r.end ? r.props(type) : undefined;
  r.done(t.toUpperCase());
  return properties === undefined ? { type: t, packetId, reasonCode } : { type: t, packetId, reasonCode, properties };
}

function decodeConnack(r: Reader): Packet {
  const v = r.version;
  const at = r.pos;
  const ack = r.u8('connect acknowledge flags');
  // Bits 7-1 are reserved.
  if (ack & 0xfe) fail(RC.malformed, REFS.connackReservedFlags(v), 'connack-reserved', undefined, at);
  const reasonCode = r.reasonCode('connack');
  const properties = v === 5 ? r.props(CONNACK) : undefined;
  r.done('CONNACK');
  return properties === undefined ? { type: 'connack', sessionPresent: ack === 1, reasonCode }
    : { type: 'connack', sessionPresent: ack === 1, reasonCode, properties };
}

function decodeSubscribe(r: Reader): Packet {
  const v = r.version;
  const packetId = r.packetId();
  const properties = v === 5 ? r.props(SUBSCRIBE) : undefined;
  const subscriptions: Subscription[] = [];
  while (r.pos < r.end) {
    if (subscriptions.length >= r.limits.maxTopicFilters) fail(RC.quotaExceeded, 'limit:maxTopicFilters', 'too-many-filters', { max: r.limits.maxTopicFilters }, r.pos);
    const topicFilter = r.str('topic filter'); // MQTT-3.8.3-1
    const at = r.pos;
    const o = r.u8('subscription options');
    const qos = o & 3;
    if (v === 4) {
      // MQTT-3.8.3-4 (3.1.1 misprints its tag): reserved bits 7-2 are 0 and QoS is not 3.
      if (o & 0xfc || qos === 3) fail(RC.malformed, REFS.subscribeOptionsReserved(4), 'subscribe-options.v311', undefined, at);
      subscriptions.push({ topicFilter, qos: qos as QoS });
      continue;
    }
    if (o & 0xc0) fail(RC.malformed, REFS.subscribeOptionsReserved(5), 'subscribe-options', undefined, at);
    if (qos === 3) fail(RC.protocolError, '3.8.3.1', 'subscribe-qos3', undefined, at);
    const retainHandling = (o >> 4) & 3;
    if (retainHandling === 3) fail(RC.protocolError, '3.8.3.1', 'retain-handling', undefined, at);
    const noLocal = (o & 4) !== 0;
    if (noLocal && topicFilter.startsWith('$share/')) fail(RC.protocolError, 'MQTT-3.8.3-4', 'no-local-shared', undefined, at);
    subscriptions.push({ topicFilter, qos: qos as QoS, noLocal, retainAsPublished: (o & 8) !== 0, retainHandling: retainHandling as 0 | 1 | 2 });
  }
  if (subscriptions.length === 0) fail(RC.protocolError, REFS.subscribeEmpty(v), 'subscribe-empty', undefined, r.pos);
  return properties === undefined ? { type: 'subscribe', packetId, subscriptions } : { type: 'subscribe', packetId, subscriptions, properties };
}

function decodeSuback(r: Reader): Packet {
  const v = r.version;
  const packetId = r.packetId();
  const properties = v === 5 ? r.props(SUBACK) : undefined;
  const reasonCodes = r.reasonCodeList('suback', 'MQTT-3.8.4-6');
  return properties === undefined ? { type: 'suback', packetId, reasonCodes } : { type: 'suback', packetId, reasonCodes, properties };
}

function decodeUnsubscribe(r: Reader): Packet {
  const v = r.version;
  const packetId = r.packetId();
  const properties = v === 5 ? r.props(UNSUBSCRIBE) : undefined;
  const topicFilters: string[] = [];
  while (r.pos < r.end) {
    if (topicFilters.length >= r.limits.maxTopicFilters) fail(RC.quotaExceeded, 'limit:maxTopicFilters', 'too-many-filters', { max: r.limits.maxTopicFilters }, r.pos);
    topicFilters.push(r.str('topic filter')); // MQTT-3.10.3-1
  }
  if (topicFilters.length === 0) fail(RC.protocolError, 'MQTT-3.10.3-2', 'unsubscribe-empty', undefined, r.pos);
  return properties === undefined ? { type: 'unsubscribe', packetId, topicFilters } : { type: 'unsubscribe', packetId, topicFilters, properties };
}

function decodeUnsuback(r: Reader): Packet {
  const v = r.version;
  const packetId = r.packetId();
  if (v === 4) {
    r.done('UNSUBACK');
    return { type: 'unsuback', packetId };
  }
  const properties = r.props(UNSUBACK);
  const reasonCodes = r.reasonCodeList('unsuback', 'MQTT-3.11.3-1');
  return properties === undefined ? { type: 'unsuback', packetId, reasonCodes } : { type: 'unsuback', packetId, reasonCodes, properties };
}

/** DISCONNECT and AUTH: in 5.0 a reason code and properties, both optional. */
function decodeReasonOnly(r: Reader, first: number): Packet {
  const type = first >> 4;
  const v = r.version;
  const t = type === DISCONNECT ? 'disconnect' : 'auth';
  if (v === 4) {
    r.done('DISCONNECT');
    return { type: 'disconnect' };
  }
  // 3.14.2.1 / 3.15.2.1: remaining length 0 means reason code 0 and no properties.
  const reasonCode = r.pos < r.end ? r.reasonCode(t) : 0;
  const properties = r.pos < r.end ? r.props(type) : undefined;
  r.done(t.toUpperCase());
  return properties === undefined ? { type: t, reasonCode } : { type: t, reasonCode, properties };
}

function decodePingreq(r: Reader): Packet {
  r.done('PINGREQ');
  return { type: 'pingreq' };
}

function decodePingresp(r: Reader): Packet {
  r.done('PINGRESP');
  return { type: 'pingresp' };
}

function decodeReserved(r: Reader, first: number): Packet {
  return fail(RC.malformed, '2.1.2', 'packet-type', { type: first >> 4 }, r.start);
}

/** One decoder per packet kind, by the type number of the fixed header (`checkFirstByte` has refused 0, and 15 in 3.1.1). */
const DECODERS: readonly BodyDecoder[] = (() => {
  const table: BodyDecoder[] = new Array<BodyDecoder>(16).fill(decodeReserved);
  table[CONNECT] = decodeConnect;
  table[CONNACK] = decodeConnack;
  table[PUBLISH] = decodePublish;
  table[PUBACK] = decodeAck;
  table[PUBREC] = decodeAck;
  table[PUBREL] = decodeAck;
  table[PUBCOMP] = decodeAck;
  table[SUBSCRIBE] = decodeSubscribe;
  table[SUBACK] = decodeSuback;
  table[UNSUBSCRIBE] = decodeUnsubscribe;
  table[UNSUBACK] = decodeUnsuback;
  table[PINGREQ] = decodePingreq;
  table[PINGRESP] = decodePingresp;
  table[DISCONNECT] = decodeReasonOnly;
  table[AUTH] = decodeReasonOnly;
  return table;
})();

function decodeBody(r: Reader, first: number): Packet {
  return DECODERS[first >> 4]!(r, first);
}

/**
 * Decode the complete frame `buf[start, end)` (fixed header included; the caller has found
 * the frame and checked its first byte with `checkFirstByte`). `bodyStart` is the first byte
 * after the remaining-length field. Returns the packet, or a CodecError whose offset is
 * relative to `start`. Never throws.
 */
/** The one reader `decodeFrame` uses, frame after frame (a frame is decoded to its end before the next). */
const reader = new Reader(new Uint8Array(0), 0, 0, 0, 4, DEFAULT_LIMITS);

export function decodeFrame(
  buf: Uint8Array, start: number, bodyStart: number, end: number, version: ProtocolVersion, limits: DecoderLimits,
): Packet | CodecError {
  try {
    return decodeBody(reader.reset(buf, start, bodyStart, end, version, limits), buf[start]!);
  } catch (e) {
    if (e instanceof DecodeFailure) return e.toCodecError(start);
    // A bug, not bad input: still an error value (the fuzz tests look for this key).
    return { reasonCode: RC.malformed, ref: '2.1', key: 'codec.error.internal', message: `internal decoder error: ${String(e)}`, offset: 0 };
  }
}
