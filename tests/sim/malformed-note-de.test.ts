/**
 * The broker's note about a malformed packet (`net.malformed`), the client's
 * (`client.protocol.malformed`) and the unsupported-level note carry the decoder's English
 * message, its key (`codecKey`) and what exactly it found (`codecDetail` and its values). In
 * German they read German for every codec error key, in the CLI's words
 * (src/sim/explain-text.ts) and in the UI's (src/ui/format/explain.ts): from the detail; for a
 * note of an older trace without it, by the message's shape, else by the key's general text,
 * never the English detail. In English the detail stays as the decoder wrote it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODEC_DETAILS, codecNoteParams, decode, tryEncode } from '../../src/core/codec/index.ts';
import { detailKey } from '../../src/core/codec/error-details.ts';
import { CODEC_ERROR_TEXTS, codecErrorText, codecNoteMessage } from '../../src/core/mqtt/codec-error-texts.ts';
import { explainText as cliText, explanationTexts } from '../../src/sim/explain-text.ts';
import { readTrace, writeTrace } from '../../src/sim/trace-json.ts';
import { runScenario } from '../../src/scenario/index.ts';
import { explainText as uiText, provideExplanations } from '../../src/ui/format/explain.ts';

const KEYS = Object.keys(CODEC_ERROR_TEXTS);

/** Words of the decoder's English that a German sentence never has (spec terms such as "Packet Identifier" aside). */
const ENGLISH = /\b(the|must|is|are|not|runs|past|contains|more|than|left|over|only|sent|allowed|unknown|appears|once|when|may|carry|carries|does|needs|requires|invalid|longer|larger|without)\b/;

/** A message no pattern knows: what a new decoder check would say before anyone translated it. */
const UNTRANSLATED = 'the frobnication field must not be frobnicated';

/** Every key a decoder failure can have: the keys of the codec's details (`fail(rc, ref, 'detail-id', ...)`). */
function decoderKeys(): string[] {
  return [...new Set(Object.keys(CODEC_DETAILS).map(detailKey))].sort();
}

const NOTES = [
  { key: 'net.malformed', params: (message: string, codecKey: string) => ({ clientId: 'sensor', reasonCode: 0x82, message, codecKey }) },
  { key: 'net.malformed-unnamed', params: (message: string, codecKey: string) => ({ connId: 'sensor#1', reasonCode: 0x82, message, codecKey }) },
  { key: 'client.protocol.malformed', params: (message: string, codecKey: string) => ({ message, codecKey, code: '0x82' }) },
];

beforeAll(() => provideExplanations([explanationTexts], codecNoteMessage));

describe('the malformed-packet note in German, for every codec error key', () => {
  it('every key the decoder can fail with has a text in both languages', () => {
    const keys = decoderKeys();
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !CODEC_ERROR_TEXTS[`codec.error.${k}`])).toEqual([]);
  });

  for (const note of NOTES) {
    it.each(KEYS)(`${note.key}, %s: a detail no pattern knows reads as the key's German text, in the CLI and the UI`, (codecKey) => {
      const explain = { key: note.key, params: note.params(UNTRANSLATED, codecKey) };
      for (const text of [cliText(explain, 'de'), uiText(explain, 'de')]) {
        expect(text).not.toContain(UNTRANSLATED);
        expect(text).not.toMatch(ENGLISH);
        expect(text.toLowerCase()).toContain(CODEC_ERROR_TEXTS[codecKey]!.de.toLowerCase());
      }
      for (const text of [cliText(explain, 'en'), uiText(explain, 'en')]) expect(text).toContain(UNTRANSLATED);
    });
  }

  it('a real detail reads from its values, not from the English words: PUBLISH with Topic Alias 0 (MQTT 5.0)', () => {
    // 30 PUBLISH QoS 0 · 08 remaining length · 00 01 61 topic "a" · 03 property length ·
    // 23 00 00 Topic Alias = 0 (MQTT-3.3.2-8) · 78 payload "x"
    const result = decode(new Uint8Array([0x30, 0x08, 0x00, 0x01, 0x61, 0x03, 0x23, 0x00, 0x00, 0x78]), 5);
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    const params = { clientId: 'sensor', reasonCode: 0x82, message: result.error.message, ...codecNoteParams(result.error) };
    expect(params).toMatchObject({ codecKey: 'codec.error.property-value', codecDetail: 'property-value.zero', 'codec.property': 'Topic Alias' });
    const explain = { key: 'net.malformed', params };
    expect(cliText(explain, 'de')).toBe('Ein fehlerhaftes Paket von sensor: Topic Alias darf nicht 0 sein. Der Broker schließt die Verbindung (Grund 130).');
    expect(uiText(explain, 'de')).toBe(cliText(explain, 'de'));
    expect(cliText(explain, 'en')).toBe('A malformed packet from sensor: Topic Alias must not be 0. The broker closes the connection (reason 130).');
    // The German comes from the detail: an English message no pattern knows changes nothing.
    const reworded = { key: 'net.malformed', params: { ...params, message: UNTRANSLATED } };
    expect(cliText(reworded, 'de')).toBe(cliText(explain, 'de'));
    expect(uiText(reworded, 'de')).toBe(cliText(explain, 'de'));
  });

  it('a detail this version does not know (a newer file) falls back to the message and the key', () => {
    const newer = { key: 'net.malformed', params: { clientId: 'sensor', reasonCode: 0x81, message: UNTRANSLATED, codecKey: 'codec.error.truncated', codecDetail: 'truncated.frobnicated' } };
    expect(cliText(newer, 'de')).toContain(CODEC_ERROR_TEXTS['codec.error.truncated']!.de.slice(1));
    expect(cliText(newer, 'de')).not.toContain(UNTRANSLATED);
  });

  it('a note from an older trace (no codecKey, no codecDetail) still reads by the message shape, and an unknown one as it was', () => {
    const old = { key: 'net.malformed', params: { clientId: 'sensor', reasonCode: 0x82, message: 'packet identifier 0 is not allowed' } };
    expect(cliText(old, 'de')).toContain('Paket-ID 0 ist nicht erlaubt.');
    const unknown = { key: 'net.malformed', params: { clientId: 'sensor', reasonCode: 0x82, message: UNTRANSLATED } };
    expect(cliText(unknown, 'de')).toContain(UNTRANSLATED);
  });
});

describe('the verdict on a packet sent on purpose (codecErrorText) in German', () => {
  it('gives the detail in German, in brackets, as English does in English', () => {
    const error = { key: 'codec.error.reserved-flags', message: 'the fixed-header flags of packet type 8 must be 0010' };
    expect(codecErrorText(error, 'en')).toBe('the reserved flag bits of the fixed header are wrong (the fixed-header flags of packet type 8 must be 0010)');
    expect(codecErrorText(error, 'de')).toBe('Die reservierten Flag-Bits des festen Headers sind falsch (die Flags im festen Header von Pakettyp 8 müssen 0010 sein)');
  });

  it.each(KEYS)('%s: a detail no pattern knows is left out, never shown in English', (key) => {
    expect(codecErrorText({ key, message: UNTRANSLATED }, 'de')).toBe(CODEC_ERROR_TEXTS[key]!.de);
  });
});

describe('the malformed-packet note in a trace file (src/sim/trace-json.ts)', () => {
  it('a trace written now carries the detail, and the file read back says it in German from it', () => {
    const run = runScenario(readFileSync(path.resolve(import.meta.dirname, '../../src/scenario/examples/raw-reserved-flags.mqtts'), 'utf8'));
    const read = readTrace(writeTrace(run.trace, { source: 'simulation' }));
    expect(read.errors).toEqual([]);
    const note = read.entries.find((e) => e.explain?.key === 'net.malformed')!;
    expect(note.explain!.params).toMatchObject({ codecKey: 'codec.error.reserved-flags', codecDetail: 'reserved-flags', 'codec.type': 8, 'codec.flags': '0010' });
    expect(cliText(note.explain!, 'de')).toBe('Ein fehlerhaftes Paket von dash: Die Flags im festen Header von Pakettyp 8 müssen 0010 sein. Der Broker schließt die Verbindung (Grund 129).');
    expect(cliText(note.explain!, 'en')).toBe('A malformed packet from dash: the fixed-header flags of packet type 8 must be 0010. The broker closes the connection (reason 129).');
  });

  it.each([
    ['with its key', { codecKey: 'codec.error.truncated' }],
    ['without a key', {}],
  ])('a trace file written before the detail was kept (the English message %s) still reads German', (_how, key) => {
    const file = [
      JSON.stringify({ format: 'mqtt-lab-trace/1', source: 'broker' }),
      JSON.stringify({ e: { seq: 0, step: 0, atMs: 20, kind: 'note', from: 'broker', explain: { ref: 'MQTT-1.5.4-1', key: 'net.malformed', params: { clientId: 'sensor', reasonCode: 129, message: 'topic name runs past the remaining length', ...key } } } }),
    ].join('\n');
    const read = readTrace(file);
    expect(read.errors).toEqual([]);
    const explain = read.entries[0]!.explain!;
    expect(cliText(explain, 'de')).toBe('Ein fehlerhaftes Paket von sensor: Der Topic-Name reicht über die Restlänge hinaus. Der Broker schließt die Verbindung (Grund 129).');
    expect(uiText(explain, 'de')).toBe(cliText(explain, 'de'));
    expect(cliText(explain, 'en')).toBe('A malformed packet from sensor: topic name runs past the remaining length. The broker closes the connection (reason 129).');
  });
});

describe('the client\'s note on a packet the encoder refuses', () => {
  it('reads German from the encoder\'s detail, English as the encoder wrote it', () => {
    // A PUBLISH whose QoS is 3: the encoder refuses it (MQTT-3.3.1-4), as the client's send does (send-queue.ts).
    const r = tryEncode({ type: 'publish', topic: 'a/b', payload: new Uint8Array(), qos: 3 as 0, retain: false, dup: false }, 5);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.detail).toEqual({ id: 'qos', params: { what: 'QoS' } });
    const explain = { key: 'client.refuse.cannot-encode', params: { packet: 'PUBLISH', message: r.error.message, ...codecNoteParams(r.error) } };
    expect(cliText(explain, 'en')).toBe('Not sent: the protocol does not allow this PUBLISH (QoS must be 0, 1 or 2).');
    expect(cliText(explain, 'de')).toBe('Nicht gesendet: Das Protokoll erlaubt dieses PUBLISH nicht (Die QoS muss 0, 1 oder 2 sein).');
    expect(uiText(explain, 'de')).toBe(cliText(explain, 'de'));
  });
});
