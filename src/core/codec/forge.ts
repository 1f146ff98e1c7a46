/**
 * The forge: MQTT packets with chosen fields, valid or not, for the scenario language's
 * `CLIENT send PACKET ...` (a learner asks "what does a broker do when ...?").
 *
 * Theory of operation: `encode` refuses what the standard forbids; the forge writes whatever it
 * is given, field by field, in the layout of the packet type and protocol version, and checks
 * nothing but what bytes cannot hold (a number is cut to its field's width, a string longer
 * than 65,535 bytes is cut). Every field has a default that makes a valid packet, so
 * `forge({ type: 3, version: 4, topic: 'a', payload })` is an ordinary PUBLISH and each chosen
 * field changes exactly its own bytes: the fixed-header flags (`flags`, or the PUBLISH flags),
 * the protocol name and level, each CONNECT flag on its own (a password flag without a user
 * name), packet identifiers (also on QoS 0), reason codes, and properties that the packet type
 * does not allow. The Remaining Length is always computed, so the frame is well delimited;
 * malformed length fields are what `send-hex` is for. Whether the result breaks a rule is the
 * decoder's verdict (and the broker's), not the forge's.
 */
import { PROPERTY_TABLE, type PropertyDef } from './properties.ts';
import type { ProtocolVersion } from './types.ts';

/** A property to write: its identifier and a value of its wire type (a pair for User Property). */
export interface ForgedProperty {
  id: number;
  value: number | string | Uint8Array | readonly [string, string];
}

/** The chosen fields of a packet; everything left out gets the value of a valid packet. */
export interface ForgeFields {
  /** Packet type number, 0 to 15 (0 is reserved: a deliberate error). */
  type: number;
  /** Layout of the variable header: 3.1.1 (4) or 5.0 (5, with property blocks). */
  version: ProtocolVersion;
  /** The fixed header's low four bits, replacing what the type (or the PUBLISH flags) gives. */
  flags?: number;
  // CONNECT
  protocolName?: string;
  /** Protocol Level byte (default: `version`). */
  protocolLevel?: number;
  clientId?: string;
  clean?: boolean;
  keepAliveSec?: number;
  /** Set the reserved bit 0 of the Connect Flags. */
  reservedConnectFlag?: boolean;
  will?: { topic: string; payload: Uint8Array; qos: number; retain: boolean; properties?: readonly ForgedProperty[] };
  username?: string;
  password?: Uint8Array;
  /** Override the User Name / Password flags (default: whether the field is given). */
  usernameFlag?: boolean;
  passwordFlag?: boolean;
  // PUBLISH
  topic?: string;
  payload?: Uint8Array;
  qos?: number;
  retain?: boolean;
  dup?: boolean;
  /** Packet identifier; written for PUBLISH whenever given, QoS 0 included. */
  packetId?: number;
  // SUBSCRIBE / UNSUBSCRIBE
  filters?: readonly { filter: string; options: number }[];
  // CONNACK, acknowledgements, DISCONNECT, AUTH
  sessionPresent?: boolean;
  reasonCode?: number;
  /** SUBACK / UNSUBACK codes. */
  codes?: readonly number[];
  properties?: readonly ForgedProperty[];
}

/** Growable byte list. */
class Bytes {
  readonly out: number[] = [];
  u8(n: number): this {
    this.out.push(n & 0xff);
    return this;
  }
  u16(n: number): this {
    return this.u8(n >>> 8).u8(n);
  }
  u32(n: number): this {
    return this.u16(Math.floor(n / 65536)).u16(n % 65536);
  }
  varint(n: number): this {
    let v = Math.max(0, Math.min(Math.floor(n), 268_435_455));
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 128;
      this.out.push(b);
    } while (v > 0);
    return this;
  }
  raw(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.out.push(b[i]! & 0xff);
    return this;
  }
  binary(b: Uint8Array): this {
    const cut = b.subarray(0, 65535);
    return this.u16(cut.length).raw(cut);
  }
  string(s: string): this {
    return this.binary(UTF8.encode(s));
  }
}

const UTF8 = new TextEncoder();

const PROPERTY_BY_ID = new Map<number, PropertyDef>(PROPERTY_TABLE.map((d) => [d.id, d]));

/** The property names the forge knows, kebab-case (`topic-alias`, `maximum-qos`), to identifier. */
export const FORGE_PROPERTY_IDS: ReadonlyMap<string, PropertyDef> = new Map(
  PROPERTY_TABLE.map((d) => [d.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), d]),
);

function writeProperties(b: Bytes, props: readonly ForgedProperty[] | undefined): void {
  const block = new Bytes();
  for (const p of props ?? []) {
    block.varint(p.id);
    const type = PROPERTY_BY_ID.get(p.id)?.type ?? 'byte';
    const v = p.value;
    if (Array.isArray(v)) {
      block.string(String(v[0])).string(String(v[1]));
      continue;
    }
    if (v instanceof Uint8Array) {
      if (type === 'utf8' || type === 'binary' || type === 'pair') block.binary(v);
      else block.raw(v);
      continue;
    }
    if (typeof v === 'string') {
      block.string(v);
      continue;
    }
    const n = Number(v);
    if (type === 'u16') block.u16(n);
    else if (type === 'u32') block.u32(n);
    else if (type === 'varint') block.varint(n);
    else if (type === 'utf8' || type === 'binary') block.string(String(n));
    else block.u8(n);
  }
  b.varint(block.out.length).raw(block.out);
}

/** Default fixed-header flags: PUBLISH's from its fields; 0b0010 for PUBREL, SUBSCRIBE, UNSUBSCRIBE. */
function defaultFlags(f: ForgeFields): number {
  if (f.type === 3) return ((f.dup ? 1 : 0) << 3) | (((f.qos ?? 0) & 3) << 1) | (f.retain ? 1 : 0);
  return f.type === 6 || f.type === 8 || f.type === 10 ? 2 : 0;
}

function connectBody(b: Bytes, f: ForgeFields): void {
  const level = f.protocolLevel ?? f.version;
  b.string(f.protocolName ?? (level === 3 ? 'MQIsdp' : 'MQTT')).u8(level);
  const will = f.will;
  const userFlag = f.usernameFlag ?? f.username !== undefined;
  const passFlag = f.passwordFlag ?? f.password !== undefined;
  const flags =
    (userFlag ? 0x80 : 0) | (passFlag ? 0x40 : 0) | (will?.retain ? 0x20 : 0) | (((will?.qos ?? 0) & 3) << 3) |
    (will ? 0x04 : 0) | ((f.clean ?? true) ? 0x02 : 0) | (f.reservedConnectFlag ? 0x01 : 0);
  b.u8(flags).u16(f.keepAliveSec ?? 60);
  if (f.version === 5) writeProperties(b, f.properties);
  b.string(f.clientId ?? '');
  if (will) {
    if (f.version === 5) writeProperties(b, will.properties);
    b.string(will.topic).binary(will.payload);
  }
  if (f.username !== undefined) b.string(f.username);
  if (f.password !== undefined) b.binary(f.password);
}

/** The short 5.0 form of an acknowledgement, DISCONNECT or AUTH: reason code and properties only when given. */
function reasonAndProperties(b: Bytes, f: ForgeFields, always = false): void {
  if (f.version !== 5) return;
  if (!always && f.reasonCode === undefined && (f.properties ?? []).length === 0) return;
  b.u8(f.reasonCode ?? 0);
  if (f.properties !== undefined || always) writeProperties(b, f.properties);
}

function body(b: Bytes, f: ForgeFields): void {
  const v5 = f.version === 5;
  switch (f.type) {
    case 1:
      return connectBody(b, f);
    case 2:
      b.u8(f.sessionPresent ? 1 : 0).u8(f.reasonCode ?? 0);
      if (v5) writeProperties(b, f.properties);
      return;
    case 3: {
      b.string(f.topic ?? '');
      const qos = f.flags !== undefined ? (f.flags >> 1) & 3 : (f.qos ?? 0);
      if (f.packetId !== undefined || qos > 0) b.u16(f.packetId ?? 1);
      if (v5) writeProperties(b, f.properties);
      b.raw(f.payload ?? new Uint8Array(0));
      return;
    }
    case 4:
    case 5:
    case 6:
    case 7:
      b.u16(f.packetId ?? 1);
      return reasonAndProperties(b, f);
    case 8:
    case 10:
      b.u16(f.packetId ?? 1);
      if (v5) writeProperties(b, f.properties);
      for (const x of f.filters ?? []) {
        b.string(x.filter);
        if (f.type === 8) b.u8(x.options);
      }
      return;
    case 9:
    case 11:
      b.u16(f.packetId ?? 1);
      if (v5) writeProperties(b, f.properties);
      if (f.type === 9 || v5) b.raw(f.codes ?? [0]);
      return;
    case 14:
      return reasonAndProperties(b, f);
    case 15:
      return reasonAndProperties(b, f, true);
    default:
      return; // 0 (reserved), PINGREQ, PINGRESP: no body
  }
}

/** The packet's bytes with exactly the chosen fields. Never throws. */
export function forge(f: ForgeFields): Uint8Array {
  const b = new Bytes();
  body(b, f);
  const frame = new Bytes();
  frame.u8(((f.type & 15) << 4) | ((f.flags ?? defaultFlags(f)) & 15));
  frame.varint(b.out.length).raw(b.out);
  return Uint8Array.from(frame.out);
}
