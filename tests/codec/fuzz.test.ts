/**
 * Bounded fuzzing with a fixed seed: random bytes and mutated valid frames through the
 * streaming decoder (and the annotator). Nothing may throw; every result is a packet, an
 * error with a reason code >= 0x80 and a spec reference, or need-more.
 */
import { describe, expect, it } from 'vitest';
import { Decoder, annotate, decode, encode, type DecodeResult, type ProtocolVersion } from '../../src/core/codec/index.ts';
import { FIXTURES } from './fixtures.ts';
import { mulberry32 } from '../../src/sim/rng.ts';

const rand = mulberry32(0xc0dec);
const int = (n: number) => Math.floor(rand() * n);

function mutate(frame: Uint8Array): Uint8Array {
  const out = Uint8Array.from(frame);
  const kind = int(4);
  if (kind === 0) out[int(out.length)] = int(256); // overwrite a byte
  else if (kind === 1) out[int(out.length)]! ^= 1 << int(8); // flip a bit
  else if (kind === 2 && out.length > 2) return out.subarray(0, 2 + int(out.length - 2)); // truncate
  else out[1] = int(256); // break the remaining length
  return out;
}

function check(r: DecodeResult, v: ProtocolVersion): void {
  if (r.kind === 'error') {
    expect(r.error.reasonCode).toBeGreaterThanOrEqual(0x80);
    expect(r.error.ref).toMatch(/^(MQTT-[\d.-]+|MQTT-3-8\.3-4|[\d.]+|limit:\w+)$/);
    expect(r.error.key).not.toBe('codec.error.internal');
  } else if (r.kind === 'packet') {
    // Whatever decodes must encode again: the decoder accepts only what the encoder can write.
    expect(() => encode(r.packet, r.packet.type === 'connect' ? r.packet.protocolVersion : v)).not.toThrow();
  }
}

describe('fuzzing the decoder', () => {
  const frames = FIXTURES.map((f) => ({ v: f.version, bytes: Uint8Array.from(f.bytes) }));

  it('never throws on 3,000 mutated valid frames, whole and in chunks', () => {
    const counts = { packet: 0, error: 0, 'need-more': 0 };
    for (let i = 0; i < 3000; i++) {
      const f = frames[int(frames.length)]!;
      const bytes = mutate(f.bytes);
      const one = decode(bytes, f.v);
      counts[one.kind]++;
      check(one, f.v);
      const d = new Decoder({ version: f.v });
      for (let pos = 0; pos < bytes.length;) {
        const n = 1 + int(5);
        d.push(bytes.slice(pos, pos + n));
        pos += n;
        for (let guard = 0; guard < 10; guard++) {
          const r = d.next();
          check(r, f.v);
          if (r.kind !== 'packet') break;
        }
      }
      const a = annotate(bytes, f.v);
      expect(a.fields.length).toBeGreaterThan(0);
      expect(a.fields[a.fields.length - 1]!.end).toBe(bytes.length);
    }
    // The mutations must exercise all three outcomes, or this test proves little.
    expect(counts.packet).toBeGreaterThan(100);
    expect(counts.error).toBeGreaterThan(500);
    expect(counts['need-more']).toBeGreaterThan(50);
  });

  it('never throws on 2,000 random byte strings', () => {
    for (let i = 0; i < 2000; i++) {
      const v: ProtocolVersion = rand() < 0.5 ? 4 : 5;
      const bytes = new Uint8Array(int(40));
      for (let j = 0; j < bytes.length; j++) bytes[j] = int(256);
      if (bytes.length > 1) bytes[1] = Math.min(bytes[1]!, bytes.length - 2) & 0x7f; // mostly plausible lengths
      const d = new Decoder({ version: v });
      d.push(bytes);
      for (let guard = 0; guard < 50; guard++) {
        const r = d.next();
        check(r, v);
        if (r.kind !== 'packet') break;
      }
      annotate(bytes, v);
    }
  });
});
