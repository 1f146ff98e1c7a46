import { describe, expect, it } from 'vitest';
import { summarize, summarizePayload, type Packet } from '../../src/core/codec/index.ts';
import { utf8 } from './helpers.ts';

const pub = (extra: Partial<Extract<Packet, { type: 'publish' }>>): Packet =>
  ({ type: 'publish', topic: 'plant/hall1/temp', payload: utf8('21.5'), qos: 0, retain: false, dup: false, ...extra }) as Packet;

describe('summarize', () => {
  it.each<[Packet, string]>([
    [{ type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 10, clientId: 'sensor-17', will: { topic: 'plant/s17/status', payload: utf8('offline'), qos: 1, retain: true } },
      'CONNECT id=sensor-17 clean k=10 will=plant/s17/status'],
    [{ type: 'connect', protocolVersion: 5, clean: false, keepAliveSec: 60, clientId: 'a', username: 'alice' }, 'CONNECT id=a k=60 user=alice'],
    [pub({ qos: 1, packetId: 3 }), 'PUBLISH q1 id=3 plant/hall1/temp "21.5"'],
    [pub({ qos: 1, packetId: 3, dup: true, retain: true }), 'PUBLISH q1 dup retain id=3 plant/hall1/temp "21.5"'],
    [pub({ topic: '', properties: { topicAlias: 4 } }), 'PUBLISH q0 alias:4 "21.5"'],
    [{ type: 'puback', packetId: 3 }, 'PUBACK id=3'],
    [{ type: 'pubrec', packetId: 3, reasonCode: 0x10 }, 'PUBREC id=3 rc=16'],
    [{ type: 'pubrel', packetId: 3, reasonCode: 0x92 }, 'PUBREL id=3 rc=0x92'],
    [{ type: 'suback', packetId: 1, reasonCodes: [1, 0x80] }, 'SUBACK id=1 [1, 0x80]'],
    [{ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 1 }, { topicFilter: 'b', qos: 0 }] }, 'SUBSCRIBE id=1 a/# q1, b q0'],
    [{ type: 'unsubscribe', packetId: 2, topicFilters: ['a/#'] }, 'UNSUBSCRIBE id=2 a/#'],
    [{ type: 'unsuback', packetId: 2, reasonCodes: [0, 0x11] }, 'UNSUBACK id=2 [0, 17]'],
    [{ type: 'connack', sessionPresent: true, reasonCode: 0 }, 'CONNACK rc=0 sp=1'],
    [{ type: 'connack', sessionPresent: false, reasonCode: 0x86 }, 'CONNACK rc=0x86 sp=0'],
    [{ type: 'pingreq' }, 'PINGREQ'],
    [{ type: 'pingresp' }, 'PINGRESP'],
    [{ type: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'taken over' } }, 'DISCONNECT rc=0x8E "taken over"'],
    [{ type: 'auth', reasonCode: 0x18 }, 'AUTH rc=24'],
  ])('%j', (packet, line) => {
    expect(summarize(packet)).toBe(line);
  });
});

describe('summarizePayload', () => {
  it('quotes printable text and truncates it to 24 characters', () => {
    expect(summarizePayload(utf8(''))).toBe('""');
    expect(summarizePayload(utf8('Grüße, 21.5 °C'))).toBe('"Grüße, 21.5 °C"');
    expect(summarizePayload(utf8('abcdefghijklmnopqrstuvwxyz'))).toBe('"abcdefghijklmnopqrstuvwx…"');
    expect(summarizePayload(utf8('ä'.repeat(100)))).toBe(`"${'ä'.repeat(24)}…"`);
  });

  it('shows binary and control characters as a byte count', () => {
    expect(summarizePayload(Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7))).toBe('<8 bytes>');
    expect(summarizePayload(Uint8Array.of(0xff, 0xfe))).toBe('<2 bytes>');
    expect(summarizePayload(utf8('line1\nline2'))).toBe('<11 bytes>');
  });
});

describe('summaries with deceiving characters', () => {
  it('shows a bidi override or a control character in a topic, client id, filter or payload escaped, so the row cannot be reordered', () => {
    expect(summarize(pub({ topic: 'x/\u202Egnp.exe', payload: utf8('\u202Ekcatta') }))).toBe('PUBLISH q0 x/\\u{202e}gnp.exe "\\u{202e}kcatta"');
    expect(summarize({ type: 'connect', protocolVersion: 4, clean: true, keepAliveSec: 10, clientId: 'evil\u202E01', username: 'a\u2066b',
      will: { topic: 'w\u001b[31m', payload: utf8(''), qos: 0, retain: false } }))
      .toBe('CONNECT id=evil\\u{202e}01 clean k=10 will=w\\x1b[31m user=a\\u{2066}b');
    expect(summarize({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/\u202E#', qos: 0 }] })).toBe('SUBSCRIBE id=1 a/\\u{202e}# q0');
    expect(summarize({ type: 'unsubscribe', packetId: 2, topicFilters: ['a/\u200F'] })).toBe('UNSUBSCRIBE id=2 a/\\u{200f}');
    expect(summarize({ type: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'by\u202Eeyb' } })).toBe('DISCONNECT rc=0x8E "by\\u{202e}eyb"');
  });

  it('leaves ordinary topics and emoji as they are', () => {
    expect(summarize(pub({ topic: 'fam/👨‍👩‍👧', payload: utf8('Grüße 👍🏽') }))).toBe('PUBLISH q0 fam/👨‍👩‍👧 "Grüße 👍🏽"');
  });
});
