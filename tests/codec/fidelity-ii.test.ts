/**
 * Issue 20, codec side: a property not allowed in its packet type is a Malformed Packet in
 * every packet type (5.0 section 2.2.2.2); the number of properties is bounded only by the
 * packet's size (Mosquitto 2.0 accepts thousands of User Properties).
 */
import { describe, expect, test } from 'vitest';
import { decode, encode, type ConnectPacket } from '../../src/core/codec/index.ts';

const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (b) => parseInt(b, 16));

describe('a property not allowed in the packet type is malformed (0x81, 2.2.2.2)', () => {
  test.each([
    // PUBLISH "t", properties 05: Session Expiry Interval (0x11) = 1
    ['PUBLISH', '30 09 00 01 74 05 11 00 00 00 01'],
    // PUBACK id 1, reason 0, properties 02: Payload Format Indicator (0x01) = 0
    ['PUBACK', '40 06 00 01 00 02 01 00'],
    // PUBREL id 1, reason 0, properties 03: Topic Alias (0x23) = 1
    ['PUBREL', '62 07 00 01 00 03 23 00 01'],
    // SUBSCRIBE id 1, properties 05: Message Expiry Interval (0x02) = 1, filter "a" QoS 0
    ['SUBSCRIBE', '82 0c 00 01 05 02 00 00 00 01 00 01 61 00'],
    // UNSUBSCRIBE id 1, properties 02: Payload Format Indicator (0x01) = 0, filter "a"
    ['UNSUBSCRIBE', 'a2 07 00 01 02 01 00 00 01 61'],
    // DISCONNECT reason 0, properties 03: Topic Alias (0x23) = 1
    ['DISCONNECT', 'e0 05 00 03 23 00 01'],
  ])('in %s', (_type, bytes) => {
    const r = decode(hex(bytes), 5);
    expect(r).toMatchObject({ kind: 'error', error: { reasonCode: 0x81, ref: '2.2.2.2', key: 'codec.error.property-not-allowed' } });
  });
});

test('a CONNECT with 5,000 User Properties decodes, in the order they were sent', () => {
  const userProperties: Array<[string, string]> = Array.from({ length: 5000 }, (_, i) => [`k${i % 7}`, `${i}`]);
  const connect: ConnectPacket = { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 60, clientId: 'c', properties: { userProperties } };
  const r = decode(encode(connect, 5), 5);
  expect(r.kind).toBe('packet');
  expect((r as { packet: ConnectPacket }).packet.properties?.userProperties).toEqual(userProperties);
});
