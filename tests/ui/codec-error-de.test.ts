/**
 * Codec errors in German: every detail the decoder (or the encoder) can report (src/core/codec/error-details.ts)
 * has a German sentence made from its values, the same one that the detail's English sentence
 * gives back when a trace of an older version kept only the English, and the trace's
 * explanations show it in the German UI.
 */
import { describe, expect, it } from 'vitest';
import { CODEC_DETAILS, decode, detailMessage, type CodecDetailId } from '../../src/core/codec/index.ts';
import { detailKey } from '../../src/core/codec/error-details.ts';
import { codecDetailText, codecMessage, codecNoteMessage, detailFromMessage } from '../../src/core/mqtt/codec-error-texts.ts';
import { explainText, provideExplanations } from '../../src/ui/format/explain.ts';
import { explanationTexts } from '../../src/sim/explain-text.ts';

/** A value for each name the codec's sentences use. */
const SAMPLE: Readonly<Record<string, string | number>> = {
  what: 'topic name', property: 'Topic Alias', packet: 'PUBACK', code: '0x87', type: 8, flags: '0010',
  level: 6, name: 'MQTS', count: 3, max: 10, size: 300, id: '0x7f', length: 70000, version: 4, error: 'TypeError: x',
};

function sampleParams(id: CodecDetailId): Record<string, string | number> | undefined {
  const names = [...(CODEC_DETAILS[id] as string).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.length === 0 ? undefined : Object.fromEntries(names.map((n) => [n, SAMPLE[n]!]));
}

const IDS = Object.keys(CODEC_DETAILS) as CodecDetailId[];

describe('decoder errors in German', () => {
  it.each(IDS)('%s: German from its values, and the same from an older trace\'s English sentence', (id) => {
    const params = sampleParams(id);
    const english = detailMessage(id, params);
    expect(english).not.toMatch(/\{\w+\}/);
    const german = codecDetailText({ id, ...(params ? { params } : {}) }, 'de');
    expect(german).not.toMatch(/\b(the|must|is|are|not|runs|past|contains|more than|bytes left|undefined)\b/);
    // An older trace has the English sentence and its key only: read back to the same detail;
    // one without the key reads the same German (two details may share an English sentence).
    expect(detailFromMessage(english, `codec.error.${detailKey(id)}`)?.id).toBe(id);
    expect(codecMessage(english, 'de', `codec.error.${detailKey(id)}`)).toBe(german);
    expect(codecMessage(english, 'de')).toBe(german);
    expect(codecMessage(english, 'en')).toBe(english);
  });

  it('says what is wrong with a real malformed packet in German, from the error\'s detail, in the trace explanation too', () => {
    // 32 PUBLISH QoS 1 · 05 remaining length · 00 01 61 topic "a" · 00 00 packet identifier 0 (WRONG)
    const result = decode(new Uint8Array([0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00]), 4);
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    expect(result.error.detail).toEqual({ id: 'packet-id-zero' });
    expect(result.error.message).toBe('packet identifier 0 is not allowed');
    expect(codecDetailText(result.error.detail!, 'de')).toBe('Paket-ID 0 ist nicht erlaubt');
    provideExplanations([explanationTexts], codecNoteMessage);
    const text = explainText({ key: 'net.malformed', params: { clientId: 'sensor', reasonCode: 0x82, message: result.error.message, codecKey: result.error.key, codecDetail: 'packet-id-zero' } }, 'de');
    expect(text).toContain('Paket-ID 0 ist nicht erlaubt');
    expect(text).not.toContain('packet identifier');
  });

  it('a field name in the detail reads German (the decoder names the field, not a sentence)', () => {
    // 30 PUBLISH QoS 0 · 04 remaining length · 00 03 topic length 3 · 61 62 only 2 bytes of it (WRONG)
    const result = decode(new Uint8Array([0x30, 0x04, 0x00, 0x03, 0x61, 0x62]), 4);
    if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
    expect(result.error.detail).toEqual({ id: 'truncated.remaining', params: { what: 'topic name' } });
    expect(codecDetailText(result.error.detail!, 'de')).toBe('Der Topic-Name reicht über die Restlänge hinaus');
  });
});
