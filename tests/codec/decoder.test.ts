import { describe, expect, it } from 'vitest';
import { Decoder, decode, encode, type Packet } from '../../src/core/codec/index.ts';
import { concat, hex, utf8 } from './helpers.ts';

describe('Decoder', () => {
  it('lets a server learn the version from CONNECT and switch to it', () => {
    const connect: Packet = { type: 'connect', protocolVersion: 5, clean: true, keepAliveSec: 5, clientId: 'c', properties: { receiveMaximum: 5 } };
    const publish: Packet = { type: 'publish', topic: 't', payload: utf8('x'), qos: 1, retain: false, dup: false, packetId: 1, properties: { contentType: 'a' } };
    const d = new Decoder({ version: 4 }); // the server does not know yet
    d.push(concat(encode(connect, 5), encode(publish, 5)));
    const first = d.next();
    expect(first.kind === 'packet' && first.packet).toMatchObject({ type: 'connect', protocolVersion: 5 });
    d.version = 5; // learned from CONNECT
    const second = d.next();
    expect(second.kind === 'packet' && second.packet).toMatchObject({ type: 'publish', properties: { contentType: 'a' } });
  });

  it('decodes the same bytes differently per version (5.0 PUBACK reason code)', () => {
    expect(decode(hex('40 03 00 01 10'), 5)).toMatchObject({ kind: 'packet', packet: { reasonCode: 0x10 } });
    expect(decode(hex('40 03 00 01 10'), 4).kind).toBe('error');
  });

  it('payloads are views into the pushed chunk (no copy) when a frame arrives whole', () => {
    const bytes = encode({ type: 'publish', topic: 't', payload: utf8('hello'), qos: 0, retain: false, dup: false }, 4);
    const d = new Decoder({ version: 4 });
    d.push(bytes);
    const r = d.next();
    expect(r.kind === 'packet' && r.packet.type === 'publish' && r.packet.payload.buffer).toBe(bytes.buffer);
  });

  it('accepts a large frame in small chunks in linear time', () => {
    const payload = new Uint8Array(200_000).map((_, i) => i & 255);
    const bytes = encode({ type: 'publish', topic: 't', payload, qos: 0, retain: false, dup: false }, 5);
    const d = new Decoder({ version: 5 });
    for (let i = 0; i < bytes.length; i += 100) {
      d.push(bytes.subarray(i, i + 100));
      if (i + 100 < bytes.length) expect(d.next().kind).toBe('need-more');
    }
    const r = d.next();
    expect(r.kind === 'packet' && r.packet.type === 'publish' && r.packet.payload).toEqual(payload);
    expect(d.buffered).toBe(0);
  });

  it('ignores empty chunks', () => {
    const d = new Decoder({ version: 4 });
    d.push(hex('c0'));
    d.push(new Uint8Array(0));
    d.push(hex('00'));
    expect(d.next()).toMatchObject({ kind: 'packet', packet: { type: 'pingreq' } });
    expect(d.next().kind).toBe('need-more');
  });
});
