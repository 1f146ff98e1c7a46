import { describe, expect, it } from 'vitest';
import { CodecEncodeError, decode, encode, tryEncode, type Packet, type ProtocolVersion } from '../../src/core/codec/index.ts';
import { utf8 } from './helpers.ts';

function encodeError(p: Packet, v: ProtocolVersion) {
  try {
    encode(p, v);
  } catch (e) {
    expect(e).toBeInstanceOf(CodecEncodeError);
    return (e as CodecEncodeError).error;
  }
  throw new Error('encode did not fail');
}

const publish = (extra: Partial<Extract<Packet, { type: 'publish' }>>): Packet =>
  ({ type: 'publish', topic: 't', payload: utf8('x'), qos: 0, retain: false, dup: false, ...extra }) as Packet;

describe('encoding invalid packets throws CodecEncodeError with a reason and a reference', () => {
  it('QoS 1 without a packet identifier', () => {
    expect(encodeError(publish({ qos: 1 }), 5)).toMatchObject({ reasonCode: 0x82, ref: 'MQTT-2.2.1-3' });
    expect(encodeError(publish({ qos: 1 }), 4)).toMatchObject({ reasonCode: 0x82, ref: 'MQTT-2.3.1-1' });
  });

  it('packet identifier 0 or 65536', () => {
    expect(encodeError(publish({ qos: 2, packetId: 0 }), 5).ref).toBe('MQTT-2.2.1-3');
    expect(encodeError({ type: 'puback', packetId: 65536 }, 4).ref).toBe('MQTT-2.3.1-1');
  });

  it('a packet identifier on QoS 0', () => {
    expect(encodeError(publish({ packetId: 4 }), 5)).toMatchObject({ ref: 'MQTT-2.2.1-2' });
  });

  it('QoS 3', () => {
    expect(encodeError(publish({ qos: 3 as 0 }), 4).ref).toBe('MQTT-3.3.1-4');
  });

  it('a string over 65,535 bytes', () => {
    const e = encodeError(publish({ topic: 'x'.repeat(65536) }), 4);
    expect(e).toMatchObject({ reasonCode: 0x81, key: 'codec.error.string-too-long' });
  });

  it('a lone surrogate or U+0000 in a string', () => {
    expect(encodeError(publish({ topic: 'a\ud800' }), 5).ref).toBe('MQTT-1.5.4-1');
    expect(encodeError(publish({ topic: 'a\u0000b' }), 5).ref).toBe('MQTT-1.5.4-2');
  });

  it('a property the packet may not carry', () => {
    expect(encodeError(publish({ properties: { sessionExpiryIntervalSec: 1 } }), 5)).toMatchObject({ reasonCode: 0x82, ref: '2.2.2.2' });
  });

  it('a property value out of range', () => {
    expect(encodeError(publish({ properties: { topicAlias: 0 } }), 5).key).toBe('codec.error.property-value');
  });

  it('a reason code the packet may not use', () => {
    expect(encodeError({ type: 'puback', packetId: 1, reasonCode: 0x04 }, 5)).toMatchObject({ reasonCode: 0x82, ref: 'MQTT-3.4.2-1' });
  });

  it('an empty SUBSCRIBE or UNSUBSCRIBE', () => {
    expect(encodeError({ type: 'subscribe', packetId: 1, subscriptions: [] }, 4).ref).toBe('MQTT-3.8.3-3');
    expect(encodeError({ type: 'unsubscribe', packetId: 1, topicFilters: [] }, 5).ref).toBe('MQTT-3.10.3-2');
  });

  it('AUTH in 3.1.1', () => {
    expect(encodeError({ type: 'auth', reasonCode: 0 }, 4).key).toBe('codec.error.auth-v311');
  });

  it('a 3.1.1 password without a user name', () => {
    const p: Packet = { type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 0, clientId: 'c', password: utf8('p') };
    expect(encodeError(p, 4).ref).toBe('MQTT-3.1.2-22');
  });

  it('a CONNECT whose level differs from the requested version', () => {
    const p: Packet = { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 0, clientId: 'c' };
    expect(encodeError(p, 4).ref).toBe('MQTT-3.1.2-2');
  });

  it('reports an object of the wrong shape as CodecEncodeError too', () => {
    const bad = { type: 'publish', topic: 't', payload: new Uint8Array(0), qos: 0, properties: { userProperties: 5 } } as unknown as Packet;
    expect(encodeError(bad, 5)).toMatchObject({ reasonCode: 0x81, key: 'codec.error.bad-packet' });
  });

  it('tryEncode returns the error as a value, also for a packet of the wrong shape', () => {
    expect(tryEncode(publish({ qos: 1 }), 5)).toMatchObject({ ok: false, error: { ref: 'MQTT-2.2.1-3' } });
    expect(tryEncode({ type: 'publish' } as Packet, 5)).toMatchObject({ ok: false, error: { reasonCode: 0x81 } });
    expect(tryEncode({ type: 'nonsense' } as unknown as Packet, 5)).toMatchObject({ ok: false, error: { key: 'codec.error.packet-type' } });
    expect(tryEncode({ type: 'pingreq' }, 4)).toEqual({ ok: true, bytes: Uint8Array.of(0xc0, 0) });
  });
});

describe('encoding details', () => {
  it('ignores 5.0-only fields for 3.1.1', () => {
    expect(Array.from(encode({ type: 'puback', packetId: 1, reasonCode: 0x10, properties: { reasonString: 'x' } }, 4))).toEqual([0x40, 2, 0, 1]);
  });

  it('writes a 2-byte remaining length at 128 bytes and more', () => {
    const b = encode(publish({ payload: new Uint8Array(200) }), 4);
    expect(Array.from(b.subarray(0, 3))).toEqual([0x30, 0xcb, 0x01]); // 203 = 0x4b + 1 * 128
    expect(b.length).toBe(206);
  });

  it('writes non-ASCII strings as UTF-8, with surrogate pairs as 4 bytes', () => {
    const b = encode(publish({ topic: 'é/😀' }), 4);
    expect(Array.from(b.subarray(2, 11))).toEqual([0, 7, 0xc3, 0xa9, 0x2f, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('gives every packet bytes of its own, small ones from a shared block, and a decoded payload stays valid', () => {
    const packets = Array.from({ length: 3000 }, (_, i) => encode(publish({ qos: 1, packetId: (i % 65535) + 1, payload: Uint8Array.of(i & 255, i >> 8) }), 4));
    const big = encode(publish({ payload: new Uint8Array(5000).fill(7) }), 4);
    // Writing into one packet's bytes changes no other packet (the ranges never overlap).
    for (const b of packets) b.fill(0xee);
    expect(big.subarray(big.length - 5000).every((x) => x === 7)).toBe(true);
    const again = encode(publish({ qos: 1, packetId: 9, payload: Uint8Array.of(1, 2) }), 4);
    expect(Array.from(again)).toEqual([0x32, 7, 0, 1, 0x74, 0, 9, 1, 2]);
    const r = decode(again, 4);
    expect(r.kind === 'packet' && r.packet.type === 'publish' && Array.from(r.packet.payload)).toEqual([1, 2]);
    // Several packets share an ArrayBuffer: readers must go by byteOffset.
    expect(new Set(packets.map((b) => b.buffer)).size).toBeLessThan(packets.length);
  });
});
