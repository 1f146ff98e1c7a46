/**
 * The inspector's "Payload as text": a payload that is not text (not valid UTF-8, or with
 * control characters) is shown as its bytes in hex, never as U+FFFD replacement characters.
 */
import { describe, expect, it } from 'vitest';
import { payloadShown } from '../../src/ui/inspector/packet-view.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('payloadShown', () => {
  it('shows text as text, line breaks, umlauts and emoji included', () => {
    expect(payloadShown(utf8('64.8 °C\nHalle 1 ✓ 🌡'))).toEqual({ kind: 'text', text: '64.8 °C\nHalle 1 ✓ 🌡' });
  });

  it('shows bytes that are not UTF-8 as hex', () => {
    expect(payloadShown(new Uint8Array([0x00, 0xff, 0x1a]))).toEqual({ kind: 'bytes', count: 3, hex: '00 ff 1a' });
    expect(payloadShown(new Uint8Array([0x68, 0x69, 0xc3]))).toEqual({ kind: 'bytes', count: 3, hex: '68 69 c3' });
  });

  it('shows valid UTF-8 with control characters as hex', () => {
    expect(payloadShown(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({ kind: 'bytes', count: 3, hex: '41 00 42' });
    expect(payloadShown(utf8('a\u001bb'))).toMatchObject({ kind: 'bytes', hex: '61 1b 62' });
  });

  it('shortens a long binary payload (the hex dump has every byte)', () => {
    const shown = payloadShown(new Uint8Array(200).fill(0xff));
    expect(shown).toMatchObject({ kind: 'bytes', count: 200 });
    expect(shown.kind === 'bytes' && shown.hex.split(' ').length).toBe(65);
    expect(shown.kind === 'bytes' && shown.hex.endsWith(' …')).toBe(true);
  });
});
