import { describe, expect, it } from 'vitest';
import { encode, type AnnotatedField } from '../../../src/core/codec/index.ts';
import { findField } from '../../codec/helpers.ts';
import {
  annotateFrame, applyMask, clientFrame, frameBytes, headerSize, serverFrame, upgradeRequest,
} from '../../../src/lessons/widgets/websocket-frame.ts';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The masking key of the RFC 6455 section 5.7 example. */
const KEY = bytes(0x37, 0xfa, 0x21, 0x3d);

/** Top-level fields tile the frame with no gap; flag children share their byte. */
function expectTiling(fields: AnnotatedField[], length: number): void {
  let pos = 0;
  for (const f of fields) {
    expect(f.start).toBe(pos);
    expect(f.end).toBeGreaterThan(f.start);
    for (const c of f.children ?? []) expect([c.start, c.end, c.bits !== undefined]).toEqual([f.start, f.start + 1, true]);
    pos = f.end;
  }
  expect(pos).toBe(length);
}

describe('RFC 6455 section 5.7 examples', () => {
  it('an unmasked text frame "Hello" is 0x81 0x05 48 65 6c 6c 6f', () => {
    expect(frameBytes(text('Hello'), { opcode: 0x1 })).toEqual(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
  });

  it('a masked text frame "Hello" with key 37 fa 21 3d is 0x81 0x85 37 fa 21 3d 7f 9f 4d 51 58', () => {
    const frame = frameBytes(text('Hello'), { opcode: 0x1, mask: KEY });
    expect(frame).toEqual(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
    const { fields, payload } = annotateFrame(frame);
    expect(new TextDecoder().decode(payload)).toBe('Hello');
    expect(findField(fields, 'MASK')?.value).toBe(true);
    expect(findField(fields, 'Masking key')).toMatchObject({ start: 2, end: 6, value: '37 fa 21 3d' });
    expectTiling(fields, frame.length);
  });

  it('256 bytes of binary data use the 16-bit length: 0x82 0x7e 0x01 0x00', () => {
    const frame = frameBytes(new Uint8Array(256));
    expect(Array.from(frame.subarray(0, 4))).toEqual([0x82, 0x7e, 0x01, 0x00]);
    expect(frame.length).toBe(4 + 256);
    const { fields } = annotateFrame(frame);
    expect(findField(fields, 'Payload length (7 bits)')?.value).toBe(126);
    expect(findField(fields, 'Extended payload length (16 bits)')).toMatchObject({ start: 2, end: 4, value: 256 });
    expectTiling(fields, frame.length);
  });

  it('64 KiB of binary data use the 64-bit length: 0x82 0x7f 00 00 00 00 00 01 00 00', () => {
    const frame = frameBytes(new Uint8Array(65536));
    expect(Array.from(frame.subarray(0, 10))).toEqual([0x82, 0x7f, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00]);
    const { fields } = annotateFrame(frame);
    expect(findField(fields, 'Extended payload length (64 bits)')).toMatchObject({ start: 2, end: 10, value: 65536 });
    expectTiling(fields, frame.length);
  });
});

describe('length forms at their borders (shortest form, section 5.2)', () => {
  it.each([
    [0, 2], [125, 2], [126, 4], [65535, 4], [65536, 10],
  ])('a %i-byte payload has a %i-byte header unmasked, 4 more masked', (length, head) => {
    expect(headerSize(length, false)).toBe(head);
    expect(headerSize(length, true)).toBe(head + 4);
    expect(frameBytes(new Uint8Array(length)).length).toBe(head + length);
    expect(frameBytes(new Uint8Array(length), { mask: KEY }).length).toBe(head + 4 + length);
  });
});

describe('MQTT packets in frames', () => {
  it('PINGREQ from a browser: 82 82 37 fa 21 3d f7 fa (c0 00 masked)', () => {
    const f = clientFrame({ type: 'pingreq' }, 4, KEY);
    expect(f.bytes).toEqual(bytes(0x82, 0x82, 0x37, 0xfa, 0x21, 0x3d, 0xf7, 0xfa));
    expect(f.payload).toEqual(bytes(0xc0, 0x00));
    expect(f.overheadBytes).toBe(6);
  });

  it('PINGRESP to a browser: 82 02 d0 00, not masked', () => {
    const f = serverFrame({ type: 'pingresp' }, 4);
    expect(f.bytes).toEqual(bytes(0x82, 0x02, 0xd0, 0x00));
    expect(findField(f.fields, 'MASK')?.value).toBe(false);
    expect(findField(f.fields, 'Payload')?.value).toBe('d0 00');
    expect(f.overheadBytes).toBe(2);
  });

  it('a QoS 0 PUBLISH a/b "21.5" (3.1.1) masked by hand', () => {
    const packet = { type: 'publish', topic: 'a/b', payload: text('21.5'), qos: 0, retain: false, dup: false } as const;
    expect(encode(packet, 4)).toEqual(bytes(0x30, 0x09, 0x00, 0x03, 0x61, 0x2f, 0x62, 0x32, 0x31, 0x2e, 0x35));
    const f = clientFrame(packet, 4, KEY);
    expect(f.bytes).toEqual(
      bytes(0x82, 0x8b, 0x37, 0xfa, 0x21, 0x3d, 0x07, 0xf3, 0x21, 0x3e, 0x56, 0xd5, 0x43, 0x0f, 0x06, 0xd4, 0x14),
    );
    const fin = findField(f.fields, 'FIN');
    expect(fin).toMatchObject({ value: true, bits: [7] });
    expect(findField(f.fields, 'Opcode')?.value).toBe(2);
    expect(findField(f.fields, 'Masked payload')?.meaning).toContain('30 09 00 03 61 2f 62 32 31 2e 35');
    expectTiling(f.fields, f.bytes.length);
  });

  it('masking twice gives the original bytes back', () => {
    const data = text('plant/hall1/press3/temp');
    expect(applyMask(applyMask(data, KEY), KEY)).toEqual(data);
  });

  it('refuses a masking key that is not 4 bytes', () => {
    expect(() => frameBytes(text('x'), { mask: bytes(1, 2, 3) })).toThrow(RangeError);
  });

  it('refuses bytes that are not exactly one frame', () => {
    expect(() => annotateFrame(bytes(0x82, 0x05, 0x00))).toThrow(RangeError);
  });
});

describe('the upgrade request', () => {
  it('asks for the mqtt subprotocol', () => {
    const req = upgradeRequest('broker.example', '/mqtt', 'dGhlIHNhbXBsZSBub25jZQ==');
    expect(req.startsWith('GET /mqtt HTTP/1.1\r\n')).toBe(true);
    expect(req).toContain('\r\nSec-WebSocket-Protocol: mqtt\r\n');
    expect(req.endsWith('\r\n\r\n')).toBe(true);
  });
});
