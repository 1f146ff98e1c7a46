/**
 * Packet -> bytes.
 *
 * Theory of operation: each packet type has one function that first computes the exact
 * remaining length (validating every field on the way), then allocates one Uint8Array of the
 * final size and writes each byte once. Nothing is concatenated or copied twice.
 *
 * Errors: `encode` throws `CodecEncodeError` (and only that) for a packet that cannot be put
 * on the wire: a missing or zero packet identifier for QoS > 0, a string over 65,535 bytes or
 * with a lone surrogate / U+0000, a property the packet may not carry, a reason code the
 * packet may not use, a 5.0-only packet in 3.1.1, a frame over 268,435,455 bytes of remaining
 * length. `tryEncode` returns the same information as a value.
 *
 * Fields that only exist in 5.0 (properties, reason codes of acknowledgements) are ignored
 * when encoding for 3.1.1 (types.ts). A 5.0 acknowledgement with reason code 0 and no
 * properties is written in its short form (remaining length 2; section 3.4.2.1).
 */
import { CodecEncodeError, RC, REFS, codecError } from './errors.ts';
import { binaryLength, propertiesLength, stringLength, writeProperties } from './properties.ts';
import { isReasonCodeAllowed, reasonCodeRef } from './reason-codes.ts';
import type {
  AckPacket, AuthPacket, CodecError, ConnackPacket, ConnectPacket, DisconnectPacket, Packet, ProtocolVersion,
  PublishPacket, SubackPacket, SubscribePacket, UnsubackPacket, UnsubscribePacket,
} from './types.ts';
import { writeUtf8 } from './utf8.ts';
import { VARINT_MAX, varintSize, writeVarint } from './varint.ts';
import type { CodecRef } from './spec-ref.ts';
import type { CodecDetailId, CodecDetailParams } from './error-details.ts';

function fail(reasonCode: number, ref: CodecRef, detail: CodecDetailId, params?: CodecDetailParams): never {
  throw new CodecEncodeError(codecError(reasonCode, ref, detail, params));
}

function checkReasonCode(code: number, type: Packet['type'], version: ProtocolVersion): number {
  if (!isReasonCodeAllowed(code, type, version)) {
    fail(RC.protocolError, reasonCodeRef(type, version), 'reason-code', { packet: type.toUpperCase(), code: `0x${code.toString(16)}` });
  }
  return code;
}

function checkPacketId(id: number | undefined, version: ProtocolVersion): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 65535) {
    fail(RC.protocolError, REFS.packetIdNonZero(version), 'packet-id');
  }
  return id;
}

/**
 * Room for encoded packets. A small packet gets a view into a shared 64 KiB block instead of an
 * ArrayBuffer of its own, as Node's `Buffer.allocUnsafe` takes small buffers from a pool: V8
 * gives every typed array of its own a buffer object and its bookkeeping besides the bytes
 * (about 200 bytes of heap for a 40-byte PUBLISH), and the world keeps every packet of a run in
 * its trace. As views they take about half the time and memory, and the `subarray`s a decoder
 * cuts from them (payloads) need no buffer of their own either. A view is handed out once and
 * nothing else is ever written into its range; only its `buffer` is shared, so readers go by
 * `byteOffset` (as every `DataView` here does).
 */
const BLOCK_BYTES = 65536;
const SHARED_MAX_BYTES = 2048;
let block = new ArrayBuffer(0);
let blockUsed = 0;

function newBytes(n: number): Uint8Array {
  if (n > SHARED_MAX_BYTES) return new Uint8Array(n);
  if (blockUsed + n > block.byteLength) {
    block = new ArrayBuffer(BLOCK_BYTES);
    blockUsed = 0;
  }
  const bytes = new Uint8Array(block, blockUsed, n);
  blockUsed += n;
  return bytes;
}

/** The length of a whole packet whose Remaining Length is `rem`: the fixed header's two parts and `rem`. */
function frameLength(rem: number): number {
  if (rem > VARINT_MAX) fail(RC.packetTooLarge, '2.1.4', 'packet-too-large.remaining', { length: rem });
  return 1 + varintSize(rem) + rem;
}

function alloc(first: number, rem: number): Uint8Array {
  const buf = newBytes(frameLength(rem));
  buf[0] = first;
  writeVarint(buf, 1, rem);
  return buf;
}

function writeU16(buf: Uint8Array, pos: number, v: number): number {
  buf[pos] = v >>> 8;
  buf[pos + 1] = v & 255;
  return pos + 2;
}

function writeStr(buf: Uint8Array, pos: number, s: string, n: number): number {
  buf[pos] = n >>> 8;
  buf[pos + 1] = n & 255;
  return writeUtf8(buf, pos + 2, s, n);
}

function writeBin(buf: Uint8Array, pos: number, b: Uint8Array): number {
  pos = writeU16(buf, pos, b.length);
  buf.set(b, pos);
  return pos + b.length;
}

function checkQos(q: unknown, what: string): number {
  if (q !== 0 && q !== 1 && q !== 2) fail(RC.malformed, 'MQTT-3.3.1-4', 'qos', { what });
  return q;
}

function encodeConnect(p: ConnectPacket, version: ProtocolVersion): Uint8Array {
  const v = p.protocolVersion;
  if (v !== 4 && v !== 5) fail(RC.unsupportedVersion, 'MQTT-3.1.2-2', 'protocol-version', { level: String(v) });
  if (v !== version) fail(RC.protocolError, 'MQTT-3.1.2-2', 'protocol-version.mismatch', { level: v, version });
  const k = p.keepAliveSec;
  if (!Number.isInteger(k) || k < 0 || k > 65535) fail(RC.malformed, '3.1.2.10', 'keep-alive.range');
  const v31 = p.protocolName === 'MQIsdp';
  if (v31 && v !== 4) fail(RC.unsupportedVersion, 'MQTT-3.1.2-2', 'protocol-version.mqisdp-encode');
  let rem = v31 ? 12 : 10;
  let pl = 0;
  if (v === 5) {
    pl = propertiesLength(p.properties, 1);
    rem += varintSize(pl) + pl;
  }
  const cid = stringLength(p.clientId, 'client identifier');
  rem += 2 + cid;
  let flags = p.clean ? 0x02 : 0;
  const w = p.will;
  let wpl = 0, wt = 0;
  if (w !== undefined) {
    flags |= 0x04 | (checkQos(w.qos, 'will QoS') << 3) | (w.retain ? 0x20 : 0);
    if (v === 5) {
      wpl = propertiesLength(w.properties, 16);
      rem += varintSize(wpl) + wpl;
    }
    wt = stringLength(w.topic, 'will topic');
    rem += 4 + wt + binaryLength(w.payload, 'will payload');
  }
  let un = 0;
  if (p.username !== undefined) {
    un = stringLength(p.username, 'user name');
    rem += 2 + un;
    flags |= 0x80;
  }
  if (p.password !== undefined) {
    if (v === 4 && p.username === undefined) fail(RC.protocolError, 'MQTT-3.1.2-22', 'password-without-username.encode');
    rem += 2 + binaryLength(p.password, 'password');
    flags |= 0x40;
  }
  const buf = alloc(0x10, rem);
  let pos = buf.length - rem;
  // Protocol name "MQTT" (MQTT-3.1.2-1), level, flags, keep alive; MQTT 3.1: "MQIsdp", level 3.
  if (v31) {
    pos = writeStr(buf, pos, 'MQIsdp', 6);
    buf[pos++] = 3;
  } else {
    buf[pos] = 0; buf[pos + 1] = 4; buf[pos + 2] = 0x4d; buf[pos + 3] = 0x51; buf[pos + 4] = 0x54; buf[pos + 5] = 0x54;
    buf[pos + 6] = v;
    pos += 7;
  }
  buf[pos] = flags;
  pos = writeU16(buf, pos + 1, k);
  if (v === 5) pos = writeProperties(buf, pos, p.properties, pl);
  pos = writeStr(buf, pos, p.clientId, cid);
  if (w !== undefined) {
    if (v === 5) pos = writeProperties(buf, pos, w.properties, wpl);
    pos = writeStr(buf, pos, w.topic, wt);
    pos = writeBin(buf, pos, w.payload);
  }
  if (p.username !== undefined) pos = writeStr(buf, pos, p.username, un);
  if (p.password !== undefined) writeBin(buf, pos, p.password);
  return buf;
}

function encodeConnack(p: ConnackPacket, v: ProtocolVersion): Uint8Array {
  const code = checkReasonCode(p.reasonCode, 'connack', v);
  if (v === 4) {
    const buf = alloc(0x20, 2);
    buf[2] = p.sessionPresent ? 1 : 0;
    buf[3] = code;
    return buf;
  }
  const pl = propertiesLength(p.properties, 2);
  const rem = 2 + varintSize(pl) + pl;
  const buf = alloc(0x20, rem);
  let pos = buf.length - rem;
  buf[pos++] = p.sessionPresent ? 1 : 0;
  buf[pos++] = code;
  writeProperties(buf, pos, p.properties, pl);
  return buf;
}

/** What `publishRemaining` measured on the way, for the writer (one object, no allocation per packet). */
const publishLengths = { topic: 0, properties: 0 };

/** The Remaining Length of a PUBLISH; checks the packet and leaves its parts' lengths in `publishLengths`. */
function publishRemaining(p: PublishPacket, v: ProtocolVersion): number {
  const qos = checkQos(p.qos, 'QoS');
  if (qos === 0) {
    if (p.packetId !== undefined) fail(RC.protocolError, REFS.packetIdQos0(v), 'packet-id-qos0');
    if (p.dup) fail(RC.malformed, 'MQTT-3.3.1-2', 'dup-qos0');
  } else checkPacketId(p.packetId, v);
  const tl = stringLength(p.topic, 'topic name');
  const payload = p.payload;
  if (!(payload instanceof Uint8Array)) fail(RC.malformed, '3.3.3', 'not-binary.payload');
  let rem = 2 + tl + (qos > 0 ? 2 : 0) + payload.length;
  let pl = 0;
  if (v === 5) {
    const props = p.properties;
    if (tl === 0 && props?.topicAlias === undefined) fail(RC.protocolError, '3.3.2.1', 'topic-empty.alias');
    if (props !== undefined) pl = propertiesLength(props, 3);
    rem += varintSize(pl) + pl;
  } else if (tl === 0) fail(RC.protocolError, 'MQTT-4.7.3-1', 'topic-empty');
  publishLengths.topic = tl;
  publishLengths.properties = pl;
  return rem;
}

function encodePublish(p: PublishPacket, v: ProtocolVersion): Uint8Array {
  const rem = publishRemaining(p, v);
  const tl = publishLengths.topic;
  const pl = publishLengths.properties;
  const qos = p.qos;
  const topic = p.topic;
  const payload = p.payload;
  const buf = alloc(0x30 | (p.dup ? 8 : 0) | (qos << 1) | (p.retain ? 1 : 0), rem);
  let pos = writeStr(buf, buf.length - rem, topic, tl);
  if (qos > 0) {
    const id = p.packetId!;
    buf[pos] = id >>> 8;
    buf[pos + 1] = id & 255;
    pos += 2;
  }
  if (v === 5) pos = writeProperties(buf, pos, p.properties, pl);
  buf.set(payload, pos);
  return buf;
}

function encodeAck(first: number, p: AckPacket<'puback' | 'pubrec' | 'pubrel' | 'pubcomp'>, v: ProtocolVersion): Uint8Array {
  const id = checkPacketId(p.packetId, v);
  if (v === 4) {
    const buf = newBytes(4);
    buf[0] = first; buf[1] = 2; buf[2] = id >>> 8; buf[3] = id & 255;
    return buf;
  }
  const code = p.reasonCode === undefined ? 0 : checkReasonCode(p.reasonCode, p.type, v);
  const pl = p.properties === undefined ? 0 : propertiesLength(p.properties, first >> 4);
  const rem = pl > 0 ? 3 + varintSize(pl) + pl : code !== 0 ? 3 : 2;
  const buf = alloc(first, rem);
  let pos = writeU16(buf, buf.length - rem, id);
  if (rem > 2) buf[pos++] = code;
  if (pl > 0) writeProperties(buf, pos, p.properties, pl);
  return buf;
}

function encodeSubscribe(p: SubscribePacket, v: ProtocolVersion): Uint8Array {
  const id = checkPacketId(p.packetId, v);
  const subs = p.subscriptions;
  if (!Array.isArray(subs) || subs.length === 0) fail(RC.protocolError, REFS.subscribeEmpty(v), 'subscribe-empty.encode');
  let rem = 2;
  let pl = 0;
  if (v === 5) {
    pl = propertiesLength(p.properties, 8);
    rem += varintSize(pl) + pl;
  }
  const lens = new Array<number>(subs.length);
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    checkQos(s.qos, 'requested QoS');
    if (v === 5) {
      const rh = s.retainHandling ?? 0;
      if (rh !== 0 && rh !== 1 && rh !== 2) fail(RC.protocolError, '3.8.3.1', 'retain-handling.encode');
      if (s.noLocal && s.topicFilter.startsWith('$share/')) fail(RC.protocolError, 'MQTT-3.8.3-4', 'no-local-shared.encode');
    }
    const n = stringLength(s.topicFilter, 'topic filter');
    lens[i] = n;
    rem += 3 + n;
  }
  const buf = alloc(0x82, rem);
  let pos = writeU16(buf, buf.length - rem, id);
  if (v === 5) pos = writeProperties(buf, pos, p.properties, pl);
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i]!;
    pos = writeStr(buf, pos, s.topicFilter, lens[i]!);
    buf[pos++] = v === 4 ? s.qos
      : s.qos | (s.noLocal ? 4 : 0) | (s.retainAsPublished ? 8 : 0) | ((s.retainHandling ?? 0) << 4);
  }
  return buf;
}

function encodeSuback(p: SubackPacket, v: ProtocolVersion): Uint8Array {
  const id = checkPacketId(p.packetId, v);
  const codes = p.reasonCodes;
  if (!Array.isArray(codes) || codes.length === 0) fail(RC.protocolError, 'MQTT-3.8.4-6', 'suback-empty.encode');
  for (const c of codes) checkReasonCode(c, 'suback', v);
  let rem = 2 + codes.length;
  let pl = 0;
  if (v === 5) {
    pl = propertiesLength(p.properties, 9);
    rem += varintSize(pl) + pl;
  }
  const buf = alloc(0x90, rem);
  let pos = writeU16(buf, buf.length - rem, id);
  if (v === 5) pos = writeProperties(buf, pos, p.properties, pl);
  for (const c of codes) buf[pos++] = c;
  return buf;
}

function encodeUnsubscribe(p: UnsubscribePacket, v: ProtocolVersion): Uint8Array {
  const id = checkPacketId(p.packetId, v);
  const filters = p.topicFilters;
  if (!Array.isArray(filters) || filters.length === 0) fail(RC.protocolError, 'MQTT-3.10.3-2', 'unsubscribe-empty.encode');
  let rem = 2;
  let pl = 0;
  if (v === 5) {
    pl = propertiesLength(p.properties, 10);
    rem += varintSize(pl) + pl;
  }
  const lens = filters.map((f) => stringLength(f, 'topic filter'));
  for (const n of lens) rem += 2 + n;
  const buf = alloc(0xa2, rem);
  let pos = writeU16(buf, buf.length - rem, id);
  if (v === 5) pos = writeProperties(buf, pos, p.properties, pl);
  for (let i = 0; i < filters.length; i++) pos = writeStr(buf, pos, filters[i]!, lens[i]!);
  return buf;
}

function encodeUnsuback(p: UnsubackPacket, v: ProtocolVersion): Uint8Array {
  const id = checkPacketId(p.packetId, v);
  if (v === 4) {
    const buf = alloc(0xb0, 2);
    writeU16(buf, 2, id);
    return buf;
  }
  const codes = p.reasonCodes ?? [];
  if (codes.length === 0) fail(RC.protocolError, 'MQTT-3.11.3-1', 'unsuback-empty.encode');
  for (const c of codes) checkReasonCode(c, 'unsuback', v);
  const pl = propertiesLength(p.properties, 11);
  const rem = 2 + varintSize(pl) + pl + codes.length;
  const buf = alloc(0xb0, rem);
  let pos = writeU16(buf, buf.length - rem, id);
  pos = writeProperties(buf, pos, p.properties, pl);
  for (const c of codes) buf[pos++] = c;
  return buf;
}

function encodeReasonOnly(first: number, p: DisconnectPacket | AuthPacket, v: ProtocolVersion): Uint8Array {
  if (v === 4) return new Uint8Array([first, 0]);
  const code = p.reasonCode === undefined ? 0 : checkReasonCode(p.reasonCode, p.type, v);
  const pl = p.properties === undefined ? 0 : propertiesLength(p.properties, first >> 4);
  // Section 3.14.2.1 / 3.15.2.1: reason code 0 with no properties may be omitted entirely.
  const rem = pl > 0 ? 1 + varintSize(pl) + pl : code !== 0 ? 1 : 0;
  const buf = alloc(first, rem);
  const pos = buf.length - rem;
  if (rem > 0) buf[pos] = code;
  if (pl > 0) writeProperties(buf, pos + 1, p.properties, pl);
  return buf;
}

function encodeAny(packet: Packet, version: ProtocolVersion): Uint8Array {
  switch (packet.type) {
    case 'publish': return encodePublish(packet, version);
    case 'puback': return encodeAck(0x40, packet, version);
    case 'pubrec': return encodeAck(0x50, packet, version);
    case 'pubrel': return encodeAck(0x62, packet, version);
    case 'pubcomp': return encodeAck(0x70, packet, version);
    case 'connect': return encodeConnect(packet, version);
    case 'connack': return encodeConnack(packet, version);
    case 'subscribe': return encodeSubscribe(packet, version);
    case 'suback': return encodeSuback(packet, version);
    case 'unsubscribe': return encodeUnsubscribe(packet, version);
    case 'unsuback': return encodeUnsuback(packet, version);
    case 'pingreq': return new Uint8Array([0xc0, 0]);
    case 'pingresp': return new Uint8Array([0xd0, 0]);
    case 'disconnect': return encodeReasonOnly(0xe0, packet, version);
    case 'auth':
      if (version === 4) fail(RC.protocolError, '3.15', 'auth-v311');
      return encodeReasonOnly(0xf0, packet, version);
    default:
      return fail(RC.malformed, '2.1.2', 'packet-type.unknown', { type: String((packet as { type: unknown }).type) });
  }
}

/**
 * Encode `packet` for protocol `version` (4 = 3.1.1, 5 = 5.0) into new bytes (a Uint8Array of
 * its own or, for a small packet, a view of its own range in a shared block: `newBytes`).
 * Throws `CodecEncodeError` (carrying a `CodecError`), and nothing else, when the packet
 * cannot be encoded; an object that does not even have the packet's shape (possible from
 * untyped JavaScript) is reported the same way, with key `codec.error.bad-packet`.
 * A CONNECT is encoded at its own `protocolVersion`, which must equal `version`.
 */
export function encode(packet: Packet, version: ProtocolVersion): Uint8Array {
  try {
    return encodeAny(packet, version);
  } catch (e) {
    return asEncodeError(e);
  }
}

/** Rethrows a `CodecEncodeError`; anything else thrown (an object without a packet's shape) becomes one. */
function asEncodeError(e: unknown): never {
  if (e instanceof CodecEncodeError) throw e;
  throw new CodecEncodeError(codecError(RC.malformed, '2.1', 'bad-packet', { error: String(e) }));
}

/**
 * The number of bytes `encode(packet, version)` gives, checked as `encode` checks it (throws
 * `CodecEncodeError` where `encode` would). A PUBLISH, which the broker sizes against a
 * client's Maximum Packet Size for every delivery, is measured without being written; the
 * other kinds are encoded and counted.
 */
export function encodedLength(packet: Packet, version: ProtocolVersion): number {
  if (packet.type !== 'publish') return encode(packet, version).length;
  try {
    return frameLength(publishRemaining(packet, version));
  } catch (e) {
    return asEncodeError(e);
  }
}

/** `encode` as a result value: `{ ok: true, bytes }` or `{ ok: false, error }`. Never throws. */
export function tryEncode(packet: Packet, version: ProtocolVersion): { ok: true; bytes: Uint8Array } | { ok: false; error: CodecError } {
  try {
    return { ok: true, bytes: encode(packet, version) };
  } catch (e) {
    return { ok: false, error: (e as CodecEncodeError).error };
  }
}
