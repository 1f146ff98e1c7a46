import { describe, expect, it } from 'vitest';
import {
  REASON_CODES_V5, describeReasonCode, isReasonCodeAllowed, reasonCodeInfo, toConnackReturnCodeV311,
} from '../../src/core/codec/index.ts';

describe('reason codes', () => {
  it('has all 43 distinct 5.0 codes from Table 2-6', () => {
    const codes = new Set(REASON_CODES_V5.map((r) => r.code));
    expect(codes.size).toBe(43);
    for (const r of REASON_CODES_V5) {
      expect(r.meaning.en.length).toBeGreaterThan(5);
      expect(r.meaning.de.length).toBeGreaterThan(5);
      expect(r.packets.length).toBeGreaterThan(0);
    }
  });

  it('names a code by the packet it appears in', () => {
    expect(reasonCodeInfo(0, 'disconnect')?.name).toBe('Normal disconnection');
    expect(reasonCodeInfo(0, 'suback')?.name).toBe('Granted QoS 0');
    expect(reasonCodeInfo(0, 'puback')?.name).toBe('Success');
    expect(describeReasonCode(0x86, 'connack')).toBe('0x86 Bad User Name or Password');
    expect(describeReasonCode(4, 'connack', 4)).toBe('0x04 Bad user name or password');
  });

  it('knows which packet may use which code', () => {
    expect(isReasonCodeAllowed(0x10, 'puback')).toBe(true);
    expect(isReasonCodeAllowed(0x10, 'pubrel')).toBe(false);
    expect(isReasonCodeAllowed(0x92, 'pubrel')).toBe(true);
    expect(isReasonCodeAllowed(0x8c, 'disconnect')).toBe(true);
    expect(isReasonCodeAllowed(0x84, 'disconnect')).toBe(false);
    expect(isReasonCodeAllowed(6, 'connack', 4)).toBe(false);
    expect(isReasonCodeAllowed(0x80, 'suback', 4)).toBe(true);
  });

  it('maps 5.0 CONNACK refusals to 3.1.1 return codes', () => {
    expect([0x84, 0x85, 0x88, 0x86, 0x87, 0x95].map(toConnackReturnCodeV311)).toEqual([1, 2, 3, 4, 5, undefined]);
  });
});
