import { describe, expect, it } from 'vitest';
import { annotate, decode, type AnnotatedField } from '../../src/core/codec/index.ts';
import { FIXTURES } from './fixtures.ts';
import { findField, hex, plain } from './helpers.ts';

/** Byte-ranged fields must tile [start, end) exactly; bit fields share their byte. */
function expectTiling(fields: AnnotatedField[], start: number, end: number, path: string): void {
  let pos = start;
  for (const f of fields) {
    expect(f.start, `${path} > ${f.name} starts where the previous field ended`).toBe(pos);
    expect(f.end, `${path} > ${f.name} is not empty`).toBeGreaterThan(f.start);
    pos = f.end;
    const kids = f.children ?? [];
    if (kids.length > 0 && kids.every((k) => k.bits !== undefined)) {
      for (const k of kids) expect([k.start, k.end], `${path} > ${f.name} > ${k.name}`).toEqual([f.start, f.start + 1]);
    } else if (kids.length > 0) {
      expectTiling(kids, f.start, f.end, `${path} > ${f.name}`);
    }
  }
  expect(pos, `${path} ends at the frame end`).toBe(end);
}

describe('annotate', () => {
  for (const fx of FIXTURES) {
    it(`tiles the frame and agrees with decode: ${fx.name}`, () => {
      const bytes = Uint8Array.from(fx.bytes);
      const a = annotate(bytes, fx.version);
      expect(a.error).toBeUndefined();
      const d = decode(bytes, fx.version);
      expect(plain(a.packet)).toEqual(plain(d.kind === 'packet' ? d.packet : null));
      expectTiling(a.fields, 0, bytes.length, fx.name);
      for (const f of a.fields) {
        expect(f.meaning.length, f.name).toBeGreaterThan(0);
        expect(f.section, f.name).toMatch(/^\d+(\.\d+)*$/);
        expect(f.key).toMatch(/^codec\.field\.[a-z0-9-]+$/);
      }
    });
  }

  it('shows the fixed-header flag bits of a PUBLISH', () => {
    const a = annotate(hex('3b 09 00 01 74 00 03 32 31 2e 35'), 4);
    expect(findField(a.fields, 'Packet type')).toMatchObject({ bits: [7, 6, 5, 4], value: 'PUBLISH' });
    expect(findField(a.fields, 'DUP')).toMatchObject({ bits: [3], value: true });
    expect(findField(a.fields, 'QoS')).toMatchObject({ bits: [2, 1], value: 1 });
    expect(findField(a.fields, 'RETAIN')).toMatchObject({ bits: [0], value: true });
    expect(findField(a.fields, 'Remaining Length')).toMatchObject({ start: 1, end: 2, value: 9 });
    expect(findField(a.fields, 'Payload')).toMatchObject({ start: 7, end: 11, value: '"21.5"' });
  });

  it('shows the reserved flag bits of a SUBSCRIBE', () => {
    const a = annotate(hex('82 06 00 01 00 01 61 00'), 4);
    expect(findField(a.fields, 'Reserved flags')).toMatchObject({ bits: [3, 2, 1, 0], value: '0010' });
  });

  it('shows the connect flags bit by bit and the password with its bytes', () => {
    const fx = FIXTURES.find((f) => f.name === 'CONNECT 3.1.1 with will, user name and password')!;
    const a = annotate(Uint8Array.from(fx.bytes), 4);
    const flags = findField(a.fields, 'Connect Flags')!;
    expect(flags.children!.map((c) => [c.name, c.bits, c.value])).toEqual([
      ['User Name Flag', [7], true], ['Password Flag', [6], true], ['Will Retain', [5], true], ['Will QoS', [4, 3], 1],
      ['Will Flag', [2], true], ['Clean Session', [1], true], ['Reserved', [0], 0],
    ]);
    const password = findField(a.fields, 'Password')!;
    expect([password.start, password.end]).toEqual([fx.bytes.length - 4, fx.bytes.length]);
    expect(password.value).toBe('"pw"');
    expect(findField(password.children!, 'Password bytes')).toMatchObject({ start: fx.bytes.length - 2, end: fx.bytes.length, value: '70 77' });
  });

  it('lists each property of a property block', () => {
    const fx = FIXTURES.find((f) => f.name === 'PUBLISH 5.0 QoS 1 with properties')!;
    const a = annotate(Uint8Array.from(fx.bytes), 5);
    const props = findField(a.fields, 'Properties')!;
    expect(props.children!.map((c) => c.name)).toEqual(['Property Length', 'Payload Format Indicator', 'Content Type', 'User Property']);
    expect(findField(props.children!, 'Content Type')!.value).toBe('text');
  });

  it('explains reason codes in words', () => {
    const a = annotate(hex('20 03 00 86 00'), 5);
    expect(findField(a.fields, 'Reason Code')!.meaning).toMatch(/^0x86 Bad User Name or Password/);
  });

  it('keeps the fields read before an error and says why', () => {
    const bytes = hex('10 0d 00 04 4d 51 54 54 04 03 00 00 00 01 63'); // reserved connect flag set
    const a = annotate(bytes, 4);
    expect(a.packet).toBeNull();
    expect(a.error?.ref).toBe('MQTT-3.1.2-3');
    expect(findField(a.fields, 'Reserved')).toMatchObject({ bits: [0], value: 1 });
    expectTiling(a.fields, 0, bytes.length, 'error');
  });

  it('shows a truncated frame as far as it goes', () => {
    const bytes = hex('30 07 00 03 61');
    const a = annotate(bytes, 4);
    expect(a.packet).toBeNull();
    expect(a.fields[a.fields.length - 1]!.name).toBe('Unexplained bytes');
    expectTiling(a.fields, 0, bytes.length, 'truncated');
  });
});
