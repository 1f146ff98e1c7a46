import { describe, expect, it } from 'vitest';
import { Decoder, decode, encode, type DecodeResult } from '../../src/core/codec/index.ts';
import { FIXTURES } from './fixtures.ts';
import { concat, plain, toHex } from './helpers.ts';

function packets(results: DecodeResult[]): unknown[] {
  return results.map((r) => {
    if (r.kind !== 'packet') throw new Error(`expected a packet, got ${JSON.stringify(r)}`);
    return plain(r.packet);
  });
}

/** Push every chunk, draining packets after each push. */
function feed(version: 4 | 5, chunks: Uint8Array[]): DecodeResult[] {
  const d = new Decoder({ version });
  const out: DecodeResult[] = [];
  for (const c of chunks) {
    d.push(c);
    for (let guard = 0; guard < 1000; guard++) {
      const r = d.next();
      if (r.kind === 'need-more') break;
      out.push(r);
      if (r.kind === 'error') return out;
    }
  }
  return out;
}

describe('fixtures', () => {
  for (const fx of FIXTURES) {
    describe(fx.name, () => {
      const bytes = Uint8Array.from(fx.bytes);

      it('decodes to the packet', () => {
        const r = decode(bytes, fx.version);
        expect(r.kind).toBe('packet');
        if (r.kind === 'packet') {
          expect(plain(r.packet)).toEqual(plain(fx.packet));
          expect(toHex(r.bytes)).toBe(toHex(bytes));
        }
      });

      it('encodes to the bytes', () => {
        expect(toHex(encode(fx.packet, fx.version))).toBe(toHex(bytes));
      });

      it('round-trips decode(encode(packet))', () => {
        const r = decode(encode(fx.packet, fx.version), fx.version);
        expect(r.kind === 'packet' && plain(r.packet)).toEqual(plain(fx.packet));
      });

      it('decodes when split at every byte offset', () => {
        for (let cut = 0; cut <= bytes.length; cut++) {
          const got = feed(fx.version, [bytes.slice(0, cut), bytes.slice(cut)]);
          expect(packets(got), `cut at ${cut}`).toEqual([plain(fx.packet)]);
        }
      });

      it('decodes when fed one byte at a time', () => {
        const got = feed(fx.version, Array.from(bytes, (b) => Uint8Array.of(b)));
        expect(packets(got)).toEqual([plain(fx.packet)]);
      });

      it('says need-more for every proper prefix', () => {
        for (let n = 0; n < bytes.length; n++) {
          expect(decode(bytes.subarray(0, n), fx.version).kind, `prefix ${n}`).toBe('need-more');
        }
      });
    });
  }

  for (const version of [4, 5] as const) {
    const mine = FIXTURES.filter((f) => f.version === version);
    const all = concat(...mine.map((f) => Uint8Array.from(f.bytes)));
    const expected = mine.map((f) => plain(f.packet));

    it(`decodes all ${version === 4 ? '3.1.1' : '5.0'} fixtures from one chunk`, () => {
      expect(packets(feed(version, [all]))).toEqual(expected);
    });

    it(`decodes all ${version === 4 ? '3.1.1' : '5.0'} fixtures in chunks of 1..13 bytes`, () => {
      for (let size = 1; size <= 13; size++) {
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < all.length; i += size) chunks.push(all.slice(i, i + size));
        expect(packets(feed(version, chunks)), `chunk size ${size}`).toEqual(expected);
      }
    });

    it(`keeps earlier packets intact while later chunks arrive (${version})`, () => {
      // The decoder must never write into memory it has handed out as a payload view.
      const d = new Decoder({ version });
      const got: DecodeResult[] = [];
      for (let i = 0; i < all.length; i += 3) {
        d.push(all.slice(i, i + 3));
        for (let r = d.next(); r.kind === 'packet'; r = d.next()) got.push(r);
      }
      expect(packets(got)).toEqual(expected);
    });
  }
});
