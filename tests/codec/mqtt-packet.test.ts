/**
 * Cross-check against mqtt-packet both ways on a generated corpus: our bytes parse to the
 * same packet there, and its bytes decode to the same packet here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, type ProtocolVersion } from '../../src/core/codec/index.ts';
import { packet } from './arbitraries.ts';
import { plain, toHex } from './helpers.ts';
import { fromMqttPacket, mqttPacket, parseWithMqttPacket, toMqttPacket } from './mqtt-packet-bridge.ts';

const RUNS = Number(process.env.CODEC_FC_RUNS ?? 400);

for (const v of [4, 5] as ProtocolVersion[]) {
  const label = v === 4 ? '3.1.1' : '5.0';
  describe(`mqtt-packet cross-check, MQTT ${label}`, () => {
    it('our bytes parse to the same packet in mqtt-packet', () => {
      fc.assert(fc.property(packet(v, { mqttPacket: true }), (p) => {
        const bytes = encode(p, v);
        const theirs = parseWithMqttPacket(bytes, v);
        expect(theirs.errors, toHex(bytes)).toEqual([]);
        expect(theirs.packets).toHaveLength(1);
        expect(plain(fromMqttPacket(theirs.packets[0]!, v))).toEqual(plain(p));
      }), { numRuns: RUNS, seed: process.env.CODEC_FC_RUNS ? undefined : 17 });
    });

    it('mqtt-packet bytes decode to the same packet here', () => {
      fc.assert(fc.property(packet(v, { mqttPacket: true }), (p) => {
        const bytes = mqttPacket.generate(toMqttPacket(p, v), { protocolVersion: v });
        const r = decode(Uint8Array.from(bytes), v);
        expect(r.kind === 'error' ? r.error : r.kind, bytes.toString('hex')).toBe('packet');
        if (r.kind === 'packet') expect(plain(r.packet)).toEqual(plain(p));
      }), { numRuns: RUNS, seed: process.env.CODEC_FC_RUNS ? undefined : 42 });
    });

    it('round-trips every generated packet through our codec alone', () => {
      fc.assert(fc.property(packet(v), (p) => {
        const r = decode(encode(p, v), v);
        expect(r.kind === 'packet' && plain(r.packet)).toEqual(plain(p));
      }), { numRuns: RUNS, seed: process.env.CODEC_FC_RUNS ? undefined : 7 });
    });
  });
}
