/**
 * MQTT over WebSockets, byte by byte: an MQTT packet's bytes wrapped in one RFC 6455 frame, and
 * the frame header annotated field by field, the way the codec's `annotate` explains MQTT bytes.
 *
 * Theory of operation: a browser cannot open a raw TCP socket, but it can open a WebSocket
 * (subprotocol `mqtt`, `Sec-WebSocket-Protocol: mqtt`). After the HTTP upgrade handshake every
 * MQTT packet travels as the payload of binary data frames (opcode 0x2; MQTT-6.0.0-1 requires
 * binary frames). The frame header (RFC 6455 section 5.2) is
 *
 *   byte 0: FIN (bit 7), RSV1-3 (bits 6-4, 0), opcode (bits 3-0)
 *   byte 1: MASK (bit 7), payload length (bits 6-0): 0-125 itself, 126 = a 16-bit length
 *           follows, 127 = a 64-bit length follows (shortest form, section 5.2)
 *   then:   the extended length (2 or 8 bytes, network byte order), if any
 *   then:   the 4-byte masking key, only in frames from the client (MASK = 1, section 5.3)
 *   then:   the payload; masked byte i = original byte i XOR key[i mod 4]
 *
 * Frames from the server are never masked. Here one MQTT packet is one frame (FIN = 1), as
 * MQTT.js and Mosquitto send them; the spec would also allow splitting or joining packets
 * (MQTT-6.0.0-2). The masking key must be unpredictable in a real client (section 10.3); the
 * caller passes it in so that the sandbox stays deterministic.
 *
 * Pure: no I/O, no Node APIs; `encode` from the codec makes the MQTT bytes.
 */
import { encode } from '../../core/codec/index.ts';
import type { AnnotatedField, Packet, ProtocolVersion } from '../../core/codec/index.ts';

/** The WebSocket subprotocol name a client asks for in the upgrade request (MQTT 3.1.1 and 5.0, section 6). */
export const MQTT_WEBSOCKET_SUBPROTOCOL = 'mqtt';

/** Opcodes of RFC 6455 section 5.2 that the widget names. */
export const OPCODES: Readonly<Record<number, string>> = {
  0x0: 'continuation',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};

export interface FrameOptions {
  /** Opcode; default 0x2 (binary), the only one MQTT uses for data. */
  opcode?: number;
  /** FIN bit; default true (the frame carries the whole message). */
  fin?: boolean;
  /** 4-byte masking key: given = a client-to-server frame (MASK = 1); absent = server-to-client. */
  mask?: Uint8Array;
}

/** A framed MQTT packet for the widget: the frame bytes, the MQTT bytes inside, the fields. */
export interface WebSocketFrame {
  /** The whole frame as it goes on the TCP connection. */
  bytes: Uint8Array;
  /** The unmasked payload (the MQTT packet's bytes). */
  payload: Uint8Array;
  /** Header fields and payload, tiling `bytes` exactly, with the flag bits as children. */
  fields: AnnotatedField[];
  /** Bytes the WebSocket frame adds to the MQTT packet. */
  overheadBytes: number;
}

const SECTION = 'RFC6455-5.2';

function hex(b: Uint8Array, max = 16): string {
  const parts: string[] = [];
  for (let i = 0; i < b.length && i < max; i++) parts.push(b[i]!.toString(16).padStart(2, '0'));
  return parts.join(' ') + (b.length > max ? ' …' : '');
}

function field(name: string, start: number, end: number, value: AnnotatedField['value'], meaning: string, section = SECTION, extra?: Partial<AnnotatedField>): AnnotatedField {
  const key = `ws.field.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  const f: AnnotatedField = { name, start, end, value, meaning, key, section };
  if (extra?.bits !== undefined) f.bits = extra.bits;
  if (extra?.children !== undefined) f.children = extra.children;
  return f;
}

/** Size of the header for a payload of `length` bytes (2, 4 or 10 bytes, plus 4 when masked). */
export function headerSize(length: number, masked: boolean): number {
  return (length <= 125 ? 2 : length <= 0xffff ? 4 : 10) + (masked ? 4 : 0);
}

/** XOR each byte with key[i mod 4] (section 5.3); the same call unmasks. */
export function applyMask(data: Uint8Array, mask: Uint8Array): Uint8Array {
  if (mask.length !== 4) throw new RangeError('a WebSocket masking key has exactly 4 bytes');
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ mask[i & 3]!;
  return out;
}

/** Wrap `payload` in one WebSocket frame (RFC 6455 section 5.2), masked when `mask` is given. */
export function frameBytes(payload: Uint8Array, options: FrameOptions = {}): Uint8Array {
  const { opcode = 0x2, fin = true, mask } = options;
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) throw new RangeError('an opcode has 4 bits');
  if (mask !== undefined && mask.length !== 4) throw new RangeError('a WebSocket masking key has exactly 4 bytes');
  const length = payload.length;
  const head = headerSize(length, mask !== undefined);
  const out = new Uint8Array(head + length);
  out[0] = (fin ? 0x80 : 0) | opcode;
  let pos = 2;
  if (length <= 125) {
    out[1] = length;
  } else if (length <= 0xffff) {
    out[1] = 126;
    out[2] = length >> 8;
    out[3] = length & 0xff;
    pos = 4;
  } else {
    out[1] = 127;
    const view = new DataView(out.buffer, out.byteOffset + 2, 8);
    view.setUint32(0, Math.floor(length / 0x1_0000_0000));
    view.setUint32(4, length >>> 0);
    pos = 10;
  }
  if (mask !== undefined) {
    out[1] = out[1]! | 0x80;
    out.set(mask, pos);
    pos += 4;
    out.set(applyMask(payload, mask), pos);
  } else {
    out.set(payload, pos);
  }
  return out;
}

/**
 * Annotate the header and payload of one complete frame. Throws a RangeError when the bytes
 * are not exactly one frame (the widget only shows frames this module made or RFC examples).
 */
export function annotateFrame(frame: Uint8Array): { fields: AnnotatedField[]; payload: Uint8Array } {
  if (frame.length < 2) throw new RangeError('a WebSocket frame has at least 2 bytes');
  const b0 = frame[0]!;
  const b1 = frame[1]!;
  const fin = (b0 & 0x80) !== 0;
  const rsv = (b0 >> 4) & 0x7;
  const opcode = b0 & 0xf;
  const masked = (b1 & 0x80) !== 0;
  const len7 = b1 & 0x7f;
  const fields: AnnotatedField[] = [];
  fields.push(
    field('FIN and opcode', 0, 1, `0x${b0.toString(16).padStart(2, '0')}`, 'first header byte', SECTION, {
      children: [
        field('FIN', 0, 1, fin, fin ? 'this is the final (here: the only) frame of the message' : 'more frames of this message follow', SECTION, { bits: [7] }),
        field('RSV1-3', 0, 1, rsv, 'reserved for extensions; 0 without one', SECTION, { bits: [6, 5, 4] }),
        field('Opcode', 0, 1, opcode, `${OPCODES[opcode] ?? 'reserved'} frame${opcode === 0x2 ? ': MQTT packets travel in binary frames' : ''}`, SECTION, { bits: [3, 2, 1, 0] }),
      ],
    }),
  );
  let length = len7;
  let pos = 2;
  const lengthMeaning =
    len7 <= 125 ? `payload length ${len7} fits in 7 bits` : len7 === 126 ? 'payload length is in the next 2 bytes (16-bit form)' : 'payload length is in the next 8 bytes (64-bit form)';
  fields.push(
    field('MASK and payload length', 1, 2, `0x${b1.toString(16).padStart(2, '0')}`, 'second header byte', SECTION, {
      children: [
        field('MASK', 1, 2, masked, masked ? 'masked: every frame from a client is masked' : 'not masked: frames from the server are never masked', masked ? 'RFC6455-5.3' : SECTION, { bits: [7] }),
        field('Payload length (7 bits)', 1, 2, len7, lengthMeaning, SECTION, { bits: [6, 5, 4, 3, 2, 1, 0] }),
      ],
    }),
  );
  if (len7 === 126) {
    if (frame.length < 4) throw new RangeError('frame ends inside the 16-bit length');
    length = (frame[2]! << 8) | frame[3]!;
    fields.push(field('Extended payload length (16 bits)', 2, 4, length, `${length} bytes of payload`));
    pos = 4;
  } else if (len7 === 127) {
    if (frame.length < 10) throw new RangeError('frame ends inside the 64-bit length');
    const view = new DataView(frame.buffer, frame.byteOffset + 2, 8);
    length = view.getUint32(0) * 0x1_0000_0000 + view.getUint32(4);
    fields.push(field('Extended payload length (64 bits)', 2, 10, length, `${length} bytes of payload`));
    pos = 10;
  }
  let mask: Uint8Array | undefined;
  if (masked) {
    if (frame.length < pos + 4) throw new RangeError('frame ends inside the masking key');
    mask = frame.subarray(pos, pos + 4);
    fields.push(field('Masking key', pos, pos + 4, hex(mask), 'chosen at random by the client for each frame; the payload is XORed with it', 'RFC6455-5.3'));
    pos += 4;
  }
  if (frame.length !== pos + length) throw new RangeError(`expected ${pos + length} bytes for this frame, got ${frame.length}`);
  const raw = frame.subarray(pos);
  const payload = mask ? applyMask(raw, mask) : raw.slice();
  if (length > 0) {
    fields.push(
      mask
        ? field('Masked payload', pos, frame.length, hex(raw), `the MQTT packet XOR the masking key; unmasked: ${hex(payload)}`, 'RFC6455-5.3')
        : field('Payload', pos, frame.length, hex(raw), 'the MQTT packet, byte for byte', SECTION),
    );
  }
  return { fields, payload };
}

/**
 * The masking key the sandbox uses for every client frame: the example key of RFC 6455 section
 * 5.7 (`37 fa 21 3d`). Fixed so that the same scenario shows the same bytes; a real client picks
 * a new unpredictable key for every frame (section 10.3).
 */
export const DEMO_MASKING_KEY: Uint8Array = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

/**
 * Already encoded MQTT bytes in one binary frame: masked with `mask` when given (client to
 * server), unmasked otherwise (server to client). The packet inspector's WebSocket view.
 */
export function frameOf(payload: Uint8Array, mask: Uint8Array | undefined): WebSocketFrame {
  const bytes = frameBytes(payload, mask ? { mask } : {});
  return { bytes, payload, fields: annotateFrame(bytes).fields, overheadBytes: bytes.length - payload.length };
}

/** An MQTT packet sent by a browser client: one masked binary frame (client to server). */
export function clientFrame(packet: Packet, version: ProtocolVersion, mask: Uint8Array): WebSocketFrame {
  return frameOf(encode(packet, version), mask);
}

/** An MQTT packet sent by the broker to a browser: one unmasked binary frame (server to client). */
export function serverFrame(packet: Packet, version: ProtocolVersion): WebSocketFrame {
  return frameOf(encode(packet, version), undefined);
}

/**
 * The HTTP upgrade request a browser sends before the first MQTT packet (RFC 6455 section 4.1,
 * with the MQTT subprotocol). `key` is the base64 of 16 random bytes in real life; given here.
 */
export function upgradeRequest(host: string, path: string, key: string): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Protocol: ${MQTT_WEBSOCKET_SUBPROTOCOL}`,
    '',
    '',
  ].join('\r\n');
}
