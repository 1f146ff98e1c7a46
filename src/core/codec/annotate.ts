/**
 * Annotated decoding for the hex inspector: every field of a frame with its byte range,
 * name, value, a one-line meaning and the spec section, down to single flag bits.
 *
 * Theory of operation: this is a separate, slower walk over the frame, so the plain decoder
 * stays fast. The packet itself comes from `decode` (one source of truth for the model);
 * the walker only records where each field is. Rules of the layout:
 * - the top-level fields tile the frame exactly (no gaps, no overlaps);
 * - a field's children either tile it (byte fields) or all carry `bits` (a flag byte);
 * - on malformed input the walker stops where the structure breaks and `error` says why.
 */
import { decode } from './decoder.ts';
import { PROPERTY_BY_ID, WILL_PROPERTIES, packetName } from './properties.ts';
import { describeReasonCode, reasonCodeInfo } from './reason-codes.ts';
import { summarizePayload } from './summary.ts';
import type { AnnotatedField, AnnotatedPacket, DecoderLimits, PacketType, ProtocolVersion } from './types.ts';
import { decodeUtf8 } from './utf8.ts';
import { readVarint, varintSize } from './varint.ts';

const TYPE_NAMES: readonly PacketType[] = ['connect', 'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth'];
const TYPE_MEANING = [
  'reserved', 'client asks to connect', 'server answers CONNECT', 'an application message', 'QoS 1 acknowledgement',
  'QoS 2, step 1: received', 'QoS 2, step 2: release', 'QoS 2, step 3: complete', 'client subscribes', 'server answers SUBSCRIBE',
  'client unsubscribes', 'server answers UNSUBSCRIBE', 'are you there?', 'yes, I am here', 'the connection ends', 'authentication exchange',
];
/** 5.0 section of each packet type (3.1.1 uses the same numbers up to 3.14). */
const SECTION = ['2.1.2', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'];

/** Thrown by the walker when a field runs past the frame. */
class Stop {}

const keys = new Map<string, string>();

/** `codec.field.will-qos` for "Will QoS" (memoized: field names repeat). */
function keyOf(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = `codec.field.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    if (keys.size < 1000) keys.set(name, key);
  }
  return key;
}

function f(name: string, start: number, end: number, value: AnnotatedField['value'], meaning: string, section: string, extra?: Partial<AnnotatedField>): AnnotatedField {
  const field: AnnotatedField = { name, start, end, value, meaning, key: keyOf(name), section };
  if (extra?.bits !== undefined) field.bits = extra.bits;
  if (extra?.children !== undefined) field.children = extra.children;
  return field;
}

function bit(name: string, at: number, bits: number[], value: AnnotatedField['value'], meaning: string, section: string): AnnotatedField {
  return f(name, at, at + 1, value, meaning, section, { bits });
}

function hex(b: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < b.length && i < 16; i++) parts.push(b[i]!.toString(16).padStart(2, '0'));
  return parts.join(' ') + (b.length > 16 ? ' …' : '');
}

class Walker {
  pos: number;
  constructor(readonly buf: Uint8Array, pos: number, readonly end: number, public v: ProtocolVersion) {
    this.pos = pos;
  }

  need(n: number): number {
    if (this.pos + n > this.end) throw new Stop();
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(name: string, meaning: string, section: string): AnnotatedField {
    const at = this.need(1);
    return f(name, at, at + 1, this.buf[at]!, meaning, section);
  }

  u16(name: string, meaning: string, section: string): AnnotatedField {
    const at = this.need(2);
    return f(name, at, at + 2, (this.buf[at]! << 8) | this.buf[at + 1]!, meaning, section);
  }

  u32(at: number): number {
    return this.buf[at]! * 0x1000000 + ((this.buf[at + 1]! << 16) | (this.buf[at + 2]! << 8) | this.buf[at + 3]!);
  }

  /** A length-prefixed string or binary field with two children: the length and the bytes. */
  lengthPrefixed(name: string, meaning: string, section: string, text: boolean): AnnotatedField {
    const at = this.need(2);
    const n = (this.buf[at]! << 8) | this.buf[at + 1]!;
    const data = this.need(n);
    const bytes = this.buf.subarray(data, data + n);
    const s = text ? decodeUtf8(this.buf, data, data + n) : null;
    let value: string | null = typeof s === 'string' ? s : null;
    if (!text) {
      const summary = summarizePayload(bytes);
      value = summary.startsWith('"') ? summary : hex(bytes);
    }
    const children = [f(`${name} length`, at, at + 2, n, `${n} bytes follow`, text ? '1.5.4' : '1.5.6')];
    if (n > 0) children.push(f(`${name} bytes`, data, data + n, text ? (typeof s === 'string' ? s : null) : hex(bytes), text ? (typeof s === 'string' ? 'UTF-8 text' : 'not valid MQTT UTF-8') : 'binary data', text ? '1.5.4' : '1.5.6'));
    return f(name, at, data + n, value, meaning, section, { children });
  }

  str(name: string, meaning: string, section: string): AnnotatedField {
    return this.lengthPrefixed(name, meaning, section, true);
  }

  bin(name: string, meaning: string, section: string): AnnotatedField {
    return this.lengthPrefixed(name, meaning, section, false);
  }

  varint(name: string, meaning: (n: number) => string, section: string): AnnotatedField {
    const n = readVarint(this.buf, this.pos, this.end);
    if (n < 0) throw new Stop();
    const at = this.need(varintSize(n));
    return f(name, at, this.pos, n, meaning(n), section);
  }

  packetId(): AnnotatedField {
    return this.u16('Packet Identifier', 'pairs this packet with its acknowledgement', this.v === 5 ? '2.2.1' : '2.3.1');
  }

  reasonCode(type: PacketType, section: string): AnnotatedField {
    const at = this.need(1);
    const c = this.buf[at]!;
    const info = reasonCodeInfo(c, type, this.v);
    return f(this.v === 4 && type === 'connack' ? 'Return Code' : 'Reason Code', at, at + 1, c, info ? `${describeReasonCode(c, type, this.v)}: ${info.meaning.en}` : `0x${c.toString(16)} is not a valid code for ${type.toUpperCase()}`, section);
  }

  /** A 5.0 property block: its length, then one child group per property. */
  props(packet: number, section: string, name = 'Properties'): AnnotatedField {
    const start = this.pos;
    const len = this.varint('Property Length', (n) => `${n} bytes of properties follow`, '2.2.2.1');
    const stop = this.pos + (len.value as number);
    if (stop > this.end) throw new Stop();
    const children: AnnotatedField[] = [len];
    const inner = new Walker(this.buf, this.pos, stop, this.v);
    while (inner.pos < stop) {
      const at = inner.pos;
      const id = this.buf[inner.need(1)]!;
      const d = PROPERTY_BY_ID[id];
      const idField = f('Property Identifier', at, at + 1, id, d ? `0x${id.toString(16).padStart(2, '0')} = ${d.name}` : `0x${id.toString(16)} is not a property`, '2.2.2.2');
      if (d === undefined) {
        children.push(idField);
        break;
      }
      let value: AnnotatedField;
      switch (d.type) {
        case 'byte': value = inner.u8('Value', d.meaning, d.section); break;
        case 'u16': value = inner.u16('Value', d.meaning, d.section); break;
        case 'u32': { const p = inner.need(4); value = f('Value', p, p + 4, this.u32(p), d.meaning, d.section); break; }
        case 'varint': value = inner.varint('Value', () => d.meaning, d.section); break;
        case 'utf8': value = inner.str('Value', d.meaning, d.section); break;
        case 'binary': value = inner.bin('Value', d.meaning, d.section); break;
        case 'pair': {
          const k = inner.str('Name', 'user property name', '1.5.7');
          const v = inner.str('Value', 'user property value', '1.5.7');
          value = f('Value', k.start, v.end, `${String(k.value)}=${String(v.value)}`, d.meaning, d.section, { children: [k, v] });
          break;
        }
      }
      children.push(f(d.name, at, inner.pos, value.value, d.meaning, d.section, { children: [idField, value] }));
    }
    this.pos = stop;
    const count = children.length - 1;
    return f(name, start, stop, count, count === 0 ? 'no properties' : `${count} ${count === 1 ? 'property' : 'properties'}`, section, { children });
  }
}

function fixedHeader(buf: Uint8Array, v: ProtocolVersion): { field: AnnotatedField; bodyStart: number; end: number } | null {
  const first = buf[0]!;
  const type = first >> 4;
  const flags = first & 15;
  const sec = v === 5 ? '2.1' : '2.2';
  const bits: AnnotatedField[] = [
    bit('Packet type', 0, [7, 6, 5, 4], packetName(type) || 'reserved', `${type} = ${packetName(type) || 'reserved'}: ${TYPE_MEANING[type]}`, v === 5 ? '2.1.2' : '2.2.1'),
  ];
  if (type === 3) {
    bits.push(bit('DUP', 0, [3], (flags & 8) !== 0, (flags & 8) ? 'a re-delivery of an earlier attempt' : 'first delivery attempt', '3.3.1.1'));
    bits.push(bit('QoS', 0, [2, 1], (flags >> 1) & 3, ['at most once', 'at least once', 'exactly once', 'invalid (MQTT-3.3.1-4)'][(flags >> 1) & 3]!, '3.3.1.2'));
    bits.push(bit('RETAIN', 0, [0], (flags & 1) !== 0, (flags & 1) ? 'the broker keeps this as the retained message' : 'not retained', '3.3.1.3'));
  } else {
    const want = type === 6 || type === 8 || type === 10 ? 2 : 0;
    bits.push(bit('Reserved flags', 0, [3, 2, 1, 0], flags.toString(2).padStart(4, '0'), `must be ${want.toString(2).padStart(4, '0')}${flags === want ? '' : ' — wrong!'}`, v === 5 ? '2.1.3' : '2.2.2'));
  }
  const children: AnnotatedField[] = [f('Packet type and flags', 0, 1, `0x${first.toString(16).padStart(2, '0')}`, `${packetName(type)} with flags ${flags.toString(2).padStart(4, '0')}`, v === 5 ? '2.1.1' : '2.2', { children: bits })];
  const rem = readVarint(buf, 1, buf.length);
  if (rem < 0) return { field: f('Fixed header', 0, 1, packetName(type), 'packet type and flags', sec, { children }), bodyStart: 1, end: 1 };
  const hl = 1 + varintSize(rem);
  children.push(f('Remaining Length', 1, hl, rem, `${rem} bytes follow (Variable Byte Integer, ${hl - 1} byte${hl > 2 ? 's' : ''})`, v === 5 ? '2.1.4' : '2.2.3'));
  return { field: f('Fixed header', 0, hl, packetName(type), TYPE_MEANING[type]!, sec, { children }), bodyStart: hl, end: Math.min(buf.length, hl + rem) };
}

function connectFlags(w: Walker, at: number): AnnotatedField {
  const b = w.buf[at]!;
  const s = '3.1.2';
  const v5 = w.v === 5;
  return f('Connect Flags', at, at + 1, `0x${b.toString(16).padStart(2, '0')}`, 'which optional fields follow and how the session starts', '3.1.2.3', {
    children: [
      bit('User Name Flag', at, [7], (b & 0x80) !== 0, (b & 0x80) ? 'a user name is in the payload' : 'no user name', `${s}.8`),
      bit('Password Flag', at, [6], (b & 0x40) !== 0, (b & 0x40) ? 'a password is in the payload' : 'no password', `${s}.9`),
      bit('Will Retain', at, [5], (b & 0x20) !== 0, (b & 0x20) ? 'the will is published as retained' : 'the will is not retained', `${s}.7`),
      bit('Will QoS', at, [4, 3], (b >> 3) & 3, 'QoS of the will message', `${s}.6`),
      bit('Will Flag', at, [2], (b & 4) !== 0, (b & 4) ? 'a will message is in the payload' : 'no will message', `${s}.5`),
      bit(v5 ? 'Clean Start' : 'Clean Session', at, [1], (b & 2) !== 0, (b & 2) ? 'discard any existing session' : 'resume an existing session if there is one', `${s}.4`),
      bit('Reserved', at, [0], b & 1, (b & 1) ? 'must be 0 — wrong! (MQTT-3.1.2-3)' : 'must be 0 (MQTT-3.1.2-3)', `${s}.3`),
    ],
  });
}

function subscriptionOptions(w: Walker, at: number): AnnotatedField {
  const o = w.buf[at]!;
  if (w.v === 4) {
    return f('Requested QoS', at, at + 1, o & 3, 'the highest QoS the client wants', '3.8.3', {
      children: [bit('Reserved', at, [7, 6, 5, 4, 3, 2], o >> 2, 'must be 0', '3.8.3'), bit('QoS', at, [1, 0], o & 3, 'requested maximum QoS', '3.8.3')],
    });
  }
  return f('Subscription Options', at, at + 1, `0x${o.toString(16).padStart(2, '0')}`, 'QoS and delivery options of this subscription', '3.8.3.1', {
    children: [
      bit('Reserved', at, [7, 6], o >> 6, 'must be 0 (MQTT-3.8.3-5)', '3.8.3.1'),
      bit('Retain Handling', at, [5, 4], (o >> 4) & 3, ['send retained messages on subscribe', 'send retained messages only for a new subscription', 'do not send retained messages', 'invalid'][(o >> 4) & 3]!, '3.8.3.1'),
      bit('Retain As Published', at, [3], (o & 8) !== 0, (o & 8) ? 'keep the RETAIN flag when forwarding' : 'clear the RETAIN flag when forwarding', '3.8.3.1'),
      bit('No Local', at, [2], (o & 4) !== 0, (o & 4) ? 'do not send my own messages back to me' : 'my own messages may come back', '3.8.3.1'),
      bit('Maximum QoS', at, [1, 0], o & 3, 'the highest QoS the client wants', '3.8.3.1'),
    ],
  });
}

function body(w: Walker, type: number, first: number, out: AnnotatedField[]): void {
  const v5 = () => w.v === 5;
  const tn = TYPE_NAMES[type]!;
  switch (type) {
    case 1: {
      const name = w.str('Protocol Name', 'always "MQTT" (MQTT-3.1.2-1)', '3.1.2.1');
      out.push(name);
      const lv = w.u8('Protocol Version', '', '3.1.2.2');
      const level = lv.value as number;
      const v31 = level === 3 && name.value === 'MQIsdp';
      lv.meaning = level === 5 ? '5 = MQTT 5.0' : level === 4 ? '4 = MQTT 3.1.1' : v31 ? '3 = MQTT 3.1 (with "MQIsdp"; served as 3.1.1, as by Mosquitto)' : `${level}: not supported (MQTT-3.1.2-2)`;
      out.push(lv);
      if (level === 4 || level === 5) w.v = level;
      const fa = w.need(1);
      out.push(connectFlags(w, fa));
      const flags = w.buf[fa]!;
      const ka = w.u16('Keep Alive', '', '3.1.2.10');
      ka.meaning = ka.value === 0 ? 'keep alive is off' : `at most ${String(ka.value)} s between packets from the client`;
      out.push(ka);
      if (v5()) out.push(w.props(1, '3.1.2.11'));
      out.push(w.str('Client Identifier', 'identifies the client\'s session', '3.1.3.1'));
      if (flags & 4) {
        if (v5()) out.push(w.props(WILL_PROPERTIES, '3.1.3.2', 'Will Properties'));
        out.push(w.str('Will Topic', 'topic of the will message', '3.1.3.3'));
        out.push(w.bin('Will Payload', 'payload of the will message', '3.1.3.4'));
      }
      if (flags & 0x80) out.push(w.str('User Name', 'for authentication', '3.1.3.5'));
      if (flags & 0x40) out.push(w.bin('Password', 'for authentication (shown here: the sandbox hides nothing)', '3.1.3.6'));
      return;
    }
    case 2: {
      const at = w.need(1);
      const b = w.buf[at]!;
      out.push(f('Connect Acknowledge Flags', at, at + 1, `0x${b.toString(16).padStart(2, '0')}`, 'session state', '3.2.2.1', {
        children: [
          bit('Reserved', at, [7, 6, 5, 4, 3, 2, 1], b >> 1, 'must be 0', '3.2.2.1'),
          bit('Session Present', at, [0], (b & 1) !== 0, (b & 1) ? 'the server still had a session for this client' : 'a new session', '3.2.2.1.1'),
        ],
      }));
      out.push(w.reasonCode('connack', v5() ? '3.2.2.2' : '3.2.2.3'));
      if (v5()) out.push(w.props(2, '3.2.2.3'));
      return;
    }
    case 3: {
      out.push(w.str('Topic Name', 'where the message is published', '3.3.2.1'));
      if ((first >> 1) & 3) out.push(w.packetId());
      if (v5()) out.push(w.props(3, '3.3.2.3'));
      const at = w.pos;
      w.pos = w.end;
      if (w.end > at) out.push(f('Payload', at, w.end, summarizePayload(w.buf.subarray(at, w.end)), 'the application message', '3.3.3'));
      return;
    }
    case 4: case 5: case 6: case 7: {
      out.push(w.packetId());
      if (v5() && w.pos < w.end) out.push(w.reasonCode(tn, `${SECTION[type]}.2.1`));
      if (v5() && w.pos < w.end) out.push(w.props(type, `${SECTION[type]}.2.2`));
      return;
    }
    case 8: {
      out.push(w.packetId());
      if (v5()) out.push(w.props(8, '3.8.2.1'));
      for (let i = 1; w.pos < w.end; i++) {
        const start = w.pos;
        const topic = w.str('Topic Filter', 'which topics to subscribe to', '3.8.3');
        const o = subscriptionOptions(w, w.need(1));
        out.push(f(`Subscription ${i}`, start, w.pos, `${String(topic.value)} q${(w.buf[w.pos - 1]! & 3)}`, 'a topic filter and its options', '3.8.3', { children: [topic, o] }));
      }
      return;
    }
    case 9: case 11: {
      out.push(w.packetId());
      if (v5()) out.push(w.props(type, `${SECTION[type]}.2.1`));
      for (let i = 1; w.pos < w.end; i++) {
        const rc = w.reasonCode(tn, `${SECTION[type]}.3`);
        rc.name = `${rc.name} ${i}`;
        out.push(rc);
      }
      return;
    }
    case 10: {
      out.push(w.packetId());
      if (v5()) out.push(w.props(10, '3.10.2.1'));
      for (let i = 1; w.pos < w.end; i++) {
        const t = w.str(`Topic Filter ${i}`, 'subscription to remove', '3.10.3');
        out.push(t);
      }
      return;
    }
    case 14: case 15: {
      if (v5() && w.pos < w.end) out.push(w.reasonCode(tn, `${SECTION[type]}.2.1`));
      if (v5() && w.pos < w.end) out.push(w.props(type, `${SECTION[type]}.2.2`));
      return;
    }
    default:
      return;
  }
}

/**
 * Decode one frame with annotations. `packet` is exactly what `decode` returns (null on an
 * error or an incomplete frame); `fields` tile the frame; `error` is decode's error.
 * Never throws.
 */
export function annotate(bytes: Uint8Array, version: ProtocolVersion, limits?: Partial<DecoderLimits>): AnnotatedPacket {
  const result = decode(bytes, version, limits);
  const out: AnnotatedPacket = { packet: result.kind === 'packet' ? result.packet : null, fields: [] };
  if (result.kind === 'error') out.error = result.error;
  if (bytes.length === 0) return out;
  const head = fixedHeader(bytes, version);
  if (head === null) return out;
  out.fields.push(head.field);
  const w = new Walker(bytes, head.bodyStart, head.end, version);
  try {
    body(w, bytes[0]! >> 4, bytes[0]!, out.fields);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  // Whatever the walk could not explain (trailing or truncated bytes) is still shown.
  const last = out.fields[out.fields.length - 1]!.end;
  if (last < bytes.length) {
    out.fields.push(f('Unexplained bytes', last, bytes.length, hex(bytes.subarray(last)), out.error ? `not decoded: ${out.error.message}` : 'bytes after the frame', '2.1.4'));
  }
  return out;
}
