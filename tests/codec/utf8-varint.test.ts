import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8, utf8Length } from '../../src/core/codec/index.ts';
import { UTF8_INVALID, UTF8_NUL } from '../../src/core/codec/utf8.ts';
import { readVarint, varintSize, writeVarint } from '../../src/core/codec/varint.ts';
import { mqttString } from './arbitraries.ts';
import { hex } from './helpers.ts';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('utf8', () => {
  // mqttString: code points from each UTF-8 length class, the domain of fast-check's `unit:
  // 'binary'`, which this used before and which builds its Unicode tables on first use (0.96 s of
  // CPU, 3-8 s wall under load, over the 5 s timeout once at load 20). Each run compares with
  // plain loops (no expect().toEqual on 800-byte arrays); fast-check reports a counterexample.
  it('agrees with TextEncoder/TextDecoder on valid strings without U+0000', () => {
    const reference = new TextEncoder();
    fc.assert(fc.property(mqttString(200), (s) => {
      const ours = encodeUtf8(s)!;
      return sameBytes(ours, reference.encode(s)) && utf8Length(s) === ours.length && decodeUtf8(ours, 0, ours.length) === s;
    }), { seed: 3, numRuns: 500 });
  });

  it('decodes repeated and colliding short ASCII strings exactly (the cache of recent strings)', () => {
    // Two different topics of one length whose bytes have the same FNV-1a hash must each come
    // back as themselves, one after the other and again. The pair was found by a birthday search
    // (75,000 pseudo-random `plant/` + 8 letters, about 0.3 s of CPU, seconds under load; it ran
    // in every test run until it timed out once at load 20): checked here to collide.
    const fnv = (t: string) => {
      let h = 0x811c9dc5;
      for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
      return h;
    };
    const pair = ['plant/xkdw935s', 'plant/fp76hn7j'] as const;
    expect(fnv(pair[0])).toBe(fnv(pair[1]));
    for (const t of [...pair, ...pair, pair[0]]) {
      const b = encodeUtf8(t)!;
      expect(decodeUtf8(b, 0, b.length)).toBe(t);
    }
    // More distinct strings than the cache holds, each decoded twice, inside a larger buffer
    // (the wrong ones collected, one expect: 40,000 expect calls cost seconds under load).
    const wrong: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const t = `s${k}/temperature`;
      const b = new Uint8Array([0x41, ...encodeUtf8(t)!, 0x42]);
      if (decodeUtf8(b, 1, b.length - 1) !== t || decodeUtf8(b, 1, b.length - 1) !== t) wrong.push(t);
    }
    expect(wrong).toEqual([]);
  });

  it('decodes long strings (over the 4096-unit chunk size)', () => {
    const s = 'ab€'.repeat(5000);
    const b = encodeUtf8(s)!;
    expect(decodeUtf8(b, 0, b.length)).toBe(s);
    expect(decodeUtf8(encodeUtf8('x'.repeat(9000))!, 0, 9000)).toBe('x'.repeat(9000));
  });

  it.each([
    ['c3 28', 'a bad continuation byte'], ['c0 af', 'an overlong "/"'], ['e0 80 af', 'an overlong 3-byte form'],
    ['ed a0 80', 'a surrogate U+D800'], ['ed bf bf', 'a surrogate U+DFFF'], ['f4 90 80 80', 'a code point above U+10FFFF'],
    ['80', 'a lone continuation byte'], ['e2 82', 'a truncated sequence'], ['ff', 'byte 0xFF'],
  ])('rejects %s (%s) as MQTT-1.5.4-1', (bytes) => {
    const b = hex(bytes);
    expect(decodeUtf8(b, 0, b.length)).toBe(UTF8_INVALID);
  });

  it('rejects U+0000 (MQTT-1.5.4-2) in both directions', () => {
    expect(decodeUtf8(hex('61 00'), 0, 2)).toBe(UTF8_NUL);
    expect(decodeUtf8(hex('c3 a4 00'), 0, 3)).toBe(UTF8_NUL);
    expect(utf8Length('a\u0000')).toBe(UTF8_NUL);
  });

  it('rejects lone surrogates when encoding', () => {
    expect(utf8Length('\ud800')).toBe(UTF8_INVALID);
    expect(utf8Length('\udc00x')).toBe(UTF8_INVALID);
    expect(utf8Length('x\ud800y')).toBe(UTF8_INVALID);
    expect(utf8Length('😀')).toBe(4);
  });

  it('keeps U+FEFF (MQTT-1.5.4-3)', () => {
    expect(decodeUtf8(hex('ef bb bf 61'), 0, 4)).toBe('\ufeffa');
  });
});

describe('variable byte integer', () => {
  it.each([[0, '00'], [127, '7f'], [128, '80 01'], [16383, 'ff 7f'], [16384, '80 80 01'], [2097151, 'ff ff 7f'], [2097152, '80 80 80 01'], [268435455, 'ff ff ff 7f']])(
    '%i <-> %s (spec table 1.5.5)', (n, bytes) => {
      const buf = new Uint8Array(4);
      const end = writeVarint(buf, 0, n);
      expect(Array.from(buf.subarray(0, end))).toEqual(Array.from(hex(bytes)));
      expect(varintSize(n)).toBe(end);
      expect(readVarint(hex(bytes), 0, end)).toBe(n);
    });

  it('needs more, runs over 4 bytes, or is not minimal', () => {
    expect(readVarint(hex('80 80'), 0, 2)).toBe(-1);
    expect(readVarint(hex('80 80 80 80 01'), 0, 5)).toBe(-2);
    expect(readVarint(hex('80 00'), 0, 2)).toBe(-3);
  });
});
