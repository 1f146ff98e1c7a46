/**
 * Malformed input: every case (error-fixtures.ts, bytes commented) gives the reason code a broker
 * would use and the conformance statement that was violated, as a value (never a throw).
 */
import { describe, expect, it } from 'vitest';
import { Decoder, decode } from '../../src/core/codec/index.ts';
import { ERROR_FIXTURES } from './error-fixtures.ts';
import { hex } from './helpers.ts';

describe('malformed frames', () => {
  for (const c of ERROR_FIXTURES) {
    it(`${c.name} -> 0x${c.reasonCode.toString(16)} ${c.ref}`, () => {
      const r = decode(Uint8Array.from(c.bytes), c.version, c.limits);
      expect(r.kind).toBe('error');
      if (r.kind !== 'error') return;
      expect({ reasonCode: r.error.reasonCode, ref: r.error.ref }).toEqual({ reasonCode: c.reasonCode, ref: c.ref });
      expect(r.error.key).toMatch(/^codec\.error\.[a-z0-9-]+$/);
      expect(r.error.message.length).toBeGreaterThan(5);
      expect(r.error.offset).toBeGreaterThanOrEqual(0);
      expect(r.error.offset).toBeLessThanOrEqual(c.bytes.length);
    });
  }

  it('reports an oversize frame from its header, before the body arrives', () => {
    const d = new Decoder({ version: 5, limits: { maxPacketSize: 100 } });
    d.push(hex('30 e8 07')); // PUBLISH with remaining length 1000
    const r = d.next();
    expect(r.kind === 'error' && r.error.reasonCode).toBe(0x95);
  });

  it('reports bad fixed-header flags from the first byte alone', () => {
    const d = new Decoder({ version: 4 });
    d.push(hex('60'));
    const r = d.next();
    expect(r.kind === 'error' && r.error.ref).toBe('MQTT-3.6.1-1');
  });

  it('keeps returning the error until reset, then decodes again', () => {
    const d = new Decoder({ version: 4 });
    d.push(hex('36 05 00 01 74 00 01'));
    const first = d.next();
    expect(first.kind).toBe('error');
    d.push(hex('c0 00'));
    expect(d.next()).toEqual(first);
    d.reset();
    d.push(hex('c0 00'));
    expect(d.next()).toMatchObject({ kind: 'packet', packet: { type: 'pingreq' } });
  });

  it('rejects bytes after the frame in the one-shot decode', () => {
    const r = decode(hex('c0 00 c0'), 4);
    expect(r.kind === 'error' && r.error.key).toBe('codec.error.trailing-bytes');
  });

  it('gives the error offset relative to the frame, not the stream', () => {
    const d = new Decoder({ version: 5 });
    d.push(hex('c0 00 c0 00 30 06 00 03 61 00 62 00')); // two PINGREQs, then U+0000 at frame offset 2
    d.next();
    d.next();
    const r = d.next();
    expect(r.kind === 'error' && [r.error.ref, r.error.offset]).toEqual(['MQTT-1.5.4-2', 2]);
  });
});
