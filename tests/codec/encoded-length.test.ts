/**
 * `encodedLength(packet, version)` is what the broker measures a PUBLISH by before it sends it
 * to a client with a Maximum Packet Size (MQTT-3.1.2-25): it must give exactly the number of
 * bytes `encode` writes, for every packet, and refuse what `encode` refuses.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CodecEncodeError, encode, encodedLength, type Packet, type ProtocolVersion } from '../../src/core/codec/index.ts';
import { packet } from './arbitraries.ts';

const VERSIONS: readonly ProtocolVersion[] = [4, 5];

describe('encodedLength', () => {
  for (const v of VERSIONS) {
    test(`equals encode(...).length for every kind of packet in ${v === 5 ? '5.0' : '3.1.1'}`, () => {
      fc.assert(fc.property(packet(v), (p) => {
        expect(encodedLength(p, v)).toBe(encode(p, v).length);
      }), { numRuns: 2000, seed: 0x1e46 + v });
    });
  }

  test('counts a topic in UTF-8 bytes, the forwarded 5.0 properties and a Remaining Length of two bytes', () => {
    const p: Packet = {
      type: 'publish', topic: 'häuser/küche/temp', payload: new Uint8Array(200), qos: 1, retain: false, dup: false, packetId: 7,
      properties: { messageExpiryIntervalSec: 60, contentType: 'text/plain', userProperties: [['ort', 'Küche']], subscriptionIdentifiers: [1, 300] },
    };
    // 1 header byte + 2 bytes of Remaining Length (261 > 127) + topic 2 + 19 (ä and ü take two
    // bytes each) + packet id 2 + properties 1 + 37 (expiry 5, content type 3 + 10, user property
    // 5 + 3 + 6, subscription identifiers 1 + 1 and 1 + 2) + payload 200.
    expect(encodedLength(p, 5)).toBe(264);
    expect(encode(p, 5).length).toBe(264);
  });

  test('refuses what encode refuses, with the same error', () => {
    const bad: Packet = { type: 'publish', topic: 'a/#', payload: new Uint8Array(0), qos: 0, retain: false, dup: true };
    expect(() => encode(bad, 4)).toThrow(CodecEncodeError);
    expect(() => encodedLength(bad, 4)).toThrow(/DUP flag must be 0/);
  });
});
