/**
 * Malformed input: every case gives the reason code a broker would use and the conformance
 * statement that was violated, as a value (never a throw).
 */
import { describe, expect, it } from 'vitest';
import { Decoder, decode, type DecoderLimits, type ProtocolVersion } from '../../src/core/codec/index.ts';
import { hex } from './helpers.ts';

interface ErrorCase {
  name: string;
  version: ProtocolVersion;
  bytes: string;
  reasonCode: number;
  ref: string;
  limits?: Partial<DecoderLimits>;
}

/** CONNECT prefix: "MQTT", level, then the given flags; keep alive 0, client id "c". */
function connect(level: number, flags: number, tail = '00 01 63'): string {
  const body = `00 04 4d 51 54 54 ${level.toString(16).padStart(2, '0')} ${flags.toString(16).padStart(2, '0')} 00 00 ${level === 5 ? '00 ' : ''}${tail}`;
  const n = hex(body).length;
  return `10 ${n.toString(16).padStart(2, '0')} ${body}`;
}

const CASES: ErrorCase[] = [
  // Fixed header
  { name: 'packet type 0 is reserved', version: 4, bytes: '00 00', reasonCode: 0x81, ref: '2.2.1' },
  { name: 'AUTH does not exist in 3.1.1', version: 4, bytes: 'f0 00', reasonCode: 0x81, ref: '2.2.1' },
  { name: 'PUBREL flags must be 0010', version: 5, bytes: '60 02 00 01', reasonCode: 0x81, ref: 'MQTT-3.6.1-1' },
  { name: 'SUBSCRIBE flags must be 0010', version: 4, bytes: '80 06 00 01 00 01 61 00', reasonCode: 0x81, ref: 'MQTT-3.8.1-1' },
  { name: 'UNSUBSCRIBE flags must be 0010', version: 5, bytes: 'a0 06 00 01 00 00 01 61', reasonCode: 0x81, ref: 'MQTT-3.10.1-1' },
  { name: 'PUBACK reserved flags (5.0)', version: 5, bytes: '41 02 00 01', reasonCode: 0x81, ref: 'MQTT-2.1.3-1' },
  { name: 'PUBACK reserved flags (3.1.1)', version: 4, bytes: '41 02 00 01', reasonCode: 0x81, ref: 'MQTT-2.2.2-1' },
  { name: 'DISCONNECT reserved flags (3.1.1)', version: 4, bytes: 'e1 00', reasonCode: 0x81, ref: 'MQTT-3.14.1-1' },
  { name: 'PUBLISH with QoS 3', version: 4, bytes: '36 05 00 01 74 00 01', reasonCode: 0x81, ref: 'MQTT-3.3.1-4' },
  { name: 'DUP set on QoS 0', version: 4, bytes: '38 03 00 01 74', reasonCode: 0x81, ref: 'MQTT-3.3.1-2' },
  { name: 'remaining length over 4 bytes (5.0)', version: 5, bytes: '30 ff ff ff ff 7f', reasonCode: 0x81, ref: 'MQTT-1.5.5-1' },
  { name: 'remaining length over 4 bytes (3.1.1)', version: 4, bytes: '30 ff ff ff ff 7f', reasonCode: 0x81, ref: '2.2.3' },
  { name: 'remaining length not minimal', version: 5, bytes: 'c0 80 00', reasonCode: 0x81, ref: 'MQTT-1.5.5-1' },
  { name: 'remaining length shorter than the fields', version: 4, bytes: '32 03 00 01 74', reasonCode: 0x81, ref: '2.2.3' },
  { name: 'trailing bytes in PUBACK', version: 4, bytes: '40 03 00 01 00', reasonCode: 0x81, ref: '2.2.3' },
  { name: 'PINGREQ with a body', version: 5, bytes: 'c0 01 00', reasonCode: 0x81, ref: '2.1.4' },
  // UTF-8
  { name: 'ill-formed UTF-8 in a topic (5.0)', version: 5, bytes: '30 05 00 02 c3 28 00', reasonCode: 0x81, ref: 'MQTT-1.5.4-1' },
  { name: 'ill-formed UTF-8 in a topic (3.1.1)', version: 4, bytes: '30 04 00 02 c3 28', reasonCode: 0x81, ref: 'MQTT-1.5.3-1' },
  { name: 'an encoded surrogate U+D800', version: 5, bytes: '30 06 00 03 ed a0 80 00', reasonCode: 0x81, ref: 'MQTT-1.5.4-1' },
  { name: 'an overlong encoding of "/"', version: 5, bytes: '30 05 00 02 c0 af 00', reasonCode: 0x81, ref: 'MQTT-1.5.4-1' },
  { name: 'U+0000 in a topic (5.0)', version: 5, bytes: '30 06 00 03 61 00 62 00', reasonCode: 0x81, ref: 'MQTT-1.5.4-2' },
  { name: 'U+0000 in a topic (3.1.1)', version: 4, bytes: '30 05 00 03 61 00 62', reasonCode: 0x81, ref: 'MQTT-1.5.3-2' },
  // Packet identifiers
  { name: 'QoS 1 PUBLISH with packet id 0 (5.0)', version: 5, bytes: '32 06 00 01 74 00 00 00', reasonCode: 0x82, ref: 'MQTT-2.2.1-3' },
  { name: 'QoS 1 PUBLISH with packet id 0 (3.1.1)', version: 4, bytes: '32 05 00 01 74 00 00', reasonCode: 0x82, ref: 'MQTT-2.3.1-1' },
  { name: 'SUBSCRIBE with packet id 0', version: 4, bytes: '82 06 00 00 00 01 61 00', reasonCode: 0x82, ref: 'MQTT-2.3.1-1' },
  // CONNECT
  { name: 'bad protocol name', version: 4, bytes: '10 0d 00 04 4d 51 54 58 04 02 00 00 00 01 63', reasonCode: 0x84, ref: 'MQTT-3.1.2-1' },
  { name: 'unsupported protocol level 6', version: 4, bytes: connect(6, 0x02), reasonCode: 0x84, ref: 'MQTT-3.1.2-2' },
  { name: 'MQIsdp with level 4 (MQTT 3.1 is level 3)', version: 4, bytes: '10 0f 00 06 4d 51 49 73 64 70 04 02 00 00 00 01 63', reasonCode: 0x84, ref: 'MQTT-3.1.2-2' },
  { name: 'reserved connect flag', version: 4, bytes: connect(4, 0x03), reasonCode: 0x81, ref: 'MQTT-3.1.2-3' },
  { name: 'will QoS without will flag (3.1.1)', version: 4, bytes: connect(4, 0x0a), reasonCode: 0x81, ref: 'MQTT-3.1.2-13' },
  { name: 'will QoS without will flag (5.0)', version: 5, bytes: connect(5, 0x0a), reasonCode: 0x81, ref: 'MQTT-3.1.2-11' },
  { name: 'will QoS 3 (3.1.1)', version: 4, bytes: connect(4, 0x1e), reasonCode: 0x81, ref: 'MQTT-3.1.2-14' },
  { name: 'will QoS 3 (5.0)', version: 5, bytes: connect(5, 0x1e), reasonCode: 0x81, ref: 'MQTT-3.1.2-12' },
  { name: 'will retain without will flag (3.1.1)', version: 4, bytes: connect(4, 0x22), reasonCode: 0x81, ref: 'MQTT-3.1.2-15' },
  { name: 'will retain without will flag (5.0)', version: 5, bytes: connect(5, 0x22), reasonCode: 0x81, ref: 'MQTT-3.1.2-13' },
  { name: 'password without user name (3.1.1)', version: 4, bytes: connect(4, 0x42, '00 01 63 00 01 70'), reasonCode: 0x81, ref: 'MQTT-3.1.2-22' },
  { name: 'user name flag set but no user name', version: 4, bytes: connect(4, 0x82), reasonCode: 0x81, ref: '2.2.3' },
  // CONNACK
  { name: 'CONNACK reserved flag bits (5.0)', version: 5, bytes: '20 03 02 00 00', reasonCode: 0x81, ref: 'MQTT-3.2.2-1' },
  { name: 'CONNACK return code 6 (3.1.1)', version: 4, bytes: '20 02 00 06', reasonCode: 0x82, ref: '3.2.2.3' },
  { name: 'CONNACK reason code not for CONNACK (5.0)', version: 5, bytes: '20 03 00 10 00', reasonCode: 0x82, ref: 'MQTT-3.2.2-8' },
  // Acknowledgements
  { name: 'PUBACK with a reason code PUBACK may not use', version: 5, bytes: '40 03 00 01 05', reasonCode: 0x82, ref: 'MQTT-3.4.2-1' },
  { name: 'SUBACK 3.1.1 return code 3', version: 4, bytes: '90 03 00 01 03', reasonCode: 0x82, ref: 'MQTT-3.9.3-2' },
  // SUBSCRIBE / UNSUBSCRIBE
  { name: 'SUBSCRIBE without filters (3.1.1)', version: 4, bytes: '82 02 00 01', reasonCode: 0x82, ref: 'MQTT-3.8.3-3' },
  { name: 'SUBSCRIBE without filters (5.0)', version: 5, bytes: '82 03 00 01 00', reasonCode: 0x82, ref: 'MQTT-3.8.3-2' },
  { name: 'UNSUBSCRIBE without filters', version: 4, bytes: 'a2 02 00 01', reasonCode: 0x82, ref: 'MQTT-3.10.3-2' },
  { name: 'SUBSCRIBE 3.1.1 reserved bits in the QoS byte', version: 4, bytes: '82 06 00 01 00 01 61 04', reasonCode: 0x81, ref: 'MQTT-3.8.3-4' },
  { name: 'SUBSCRIBE 3.1.1 requested QoS 3', version: 4, bytes: '82 06 00 01 00 01 61 03', reasonCode: 0x81, ref: 'MQTT-3.8.3-4' },
  { name: 'SUBSCRIBE 5.0 reserved option bits', version: 5, bytes: '82 07 00 01 00 00 01 61 40', reasonCode: 0x81, ref: 'MQTT-3.8.3-5' },
  { name: 'SUBSCRIBE 5.0 retain handling 3', version: 5, bytes: '82 07 00 01 00 00 01 61 30', reasonCode: 0x82, ref: '3.8.3.1' },
  { name: 'No Local on a shared subscription', version: 5, bytes: '82 10 00 01 00 00 0a 24 73 68 61 72 65 2f 67 2f 61 04', reasonCode: 0x82, ref: 'MQTT-3.8.3-4' },
  // Properties
  { name: 'duplicate property', version: 5, bytes: '30 0e 00 01 74 08 03 00 01 61 03 00 01 62 78 78', reasonCode: 0x82, ref: '2.2.2.2' },
  { name: 'property not allowed in PUBLISH', version: 5, bytes: '30 09 00 01 74 05 11 00 00 00 01', reasonCode: 0x81, ref: '2.2.2.2' },
  { name: 'unknown property identifier', version: 5, bytes: '30 06 00 01 74 01 05 00', reasonCode: 0x81, ref: '2.2.2.2' },
  { name: 'topic alias 0', version: 5, bytes: '30 07 00 01 74 03 23 00 00', reasonCode: 0x82, ref: '3.3.2.3.4' },
  { name: 'payload format indicator 2', version: 5, bytes: '30 06 00 01 74 02 01 02', reasonCode: 0x82, ref: '3.3.2.3.2' },
  { name: 'two subscription identifiers in SUBSCRIBE', version: 5, bytes: '82 0b 00 01 04 0b 01 0b 02 00 01 61 00', reasonCode: 0x82, ref: '3.8.2.1.2' },
  { name: 'empty topic without topic alias (5.0)', version: 5, bytes: '30 03 00 00 00', reasonCode: 0x82, ref: '3.3.2.1' },
  { name: 'empty topic (3.1.1)', version: 4, bytes: '30 02 00 00', reasonCode: 0x82, ref: 'MQTT-4.7.3-1' },
  { name: 'property block longer than the packet', version: 5, bytes: '30 05 00 01 74 09 01', reasonCode: 0x81, ref: '2.2.2.1' },
  // Limits
  { name: 'packet larger than maxPacketSize', version: 4, bytes: '30 12 00 01 74 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f', reasonCode: 0x95, ref: '3.1.2.11.4', limits: { maxPacketSize: 10 } },
  { name: 'more topic filters than maxTopicFilters', version: 4, bytes: '82 0a 00 01 00 01 61 00 00 01 62 00', reasonCode: 0x97, ref: 'limit:maxTopicFilters', limits: { maxTopicFilters: 1 } },
  { name: 'more properties than maxProperties', version: 5, bytes: '30 0a 00 01 74 04 01 01 02 00 00 00', reasonCode: 0x97, ref: 'limit:maxProperties', limits: { maxProperties: 1 } },
];

describe('malformed frames', () => {
  for (const c of CASES) {
    it(`${c.name} -> 0x${c.reasonCode.toString(16)} ${c.ref}`, () => {
      const r = decode(hex(c.bytes), c.version, c.limits);
      expect(r.kind).toBe('error');
      if (r.kind !== 'error') return;
      expect({ reasonCode: r.error.reasonCode, ref: r.error.ref }).toEqual({ reasonCode: c.reasonCode, ref: c.ref });
      expect(r.error.key).toMatch(/^codec\.error\.[a-z0-9-]+$/);
      expect(r.error.message.length).toBeGreaterThan(5);
      expect(r.error.offset).toBeGreaterThanOrEqual(0);
      expect(r.error.offset).toBeLessThanOrEqual(hex(c.bytes).length);
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
