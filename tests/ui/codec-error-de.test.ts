/**
 * Decoder errors in German: every message the decoder can produce (read from its source, with
 * sample values in its `${...}` parts) has a German text keyed by its error key, and the trace's
 * explanations show it in the German UI.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/codec/index.ts';
import { codecMessage } from '../../src/core/mqtt/codec-error-texts.ts';
import { explainText, provideExplanations } from '../../src/ui/format/explain.ts';
import { explanationTexts } from '../../src/sim/explain-text.ts';

const CODEC = path.resolve(import.meta.dirname, '../../src/core/codec');

/** `[key, message with sample values]` of every decoder failure in `file`. */
function failures(file: string): [string, string][] {
  const source = readFileSync(path.join(CODEC, file), 'utf8');
  const out: [string, string][] = [];
  for (const m of source.matchAll(/(?:fail\(|DecodeFailure\()[^;]*?'([a-z0-9-]+)',\s*(?:rem === -2 \? ('[^']*') : ('[^']*')|(`[^`]*`|'[^']*'))/g)) {
    for (const literal of [m[2], m[3], m[4]].filter((x): x is string => x !== undefined)) {
      const sample = literal
        .slice(1, -1)
        .replace(/\$\{[^}]*(what|name)[^}]*\}/g, 'topic name')
        .replace(/\$\{[^}]*toUpperCase[^}]*\}/g, 'PUBACK')
        .replace(/\$\{[^}]*toString\(16\)[^}]*\}/g, 'ff')
        .replace(/\$\{[^}]*padStart[^}]*\}/g, '0010')
        .replace(/\$\{[^}]*packetName[^}]*\}/g, 'PUBACK')
        .replace(/\$\{[^}]*\}/g, '5');
      out.push([m[1]!, sample]);
    }
  }
  return out;
}

const ALL = ['decode.ts', 'decoder.ts', 'properties.ts'].flatMap(failures);

describe('decoder errors in German', () => {
  it('finds the decoder messages in the source', () => {
    expect(ALL.length).toBeGreaterThan(40);
  });

  it.each(ALL)('%s: "%s" has a German text', (key, message) => {
    const german = codecMessage(message, 'de', `codec.error.${key}`);
    expect(german).not.toBe(message);
    // Found by its shape alone too (the trace has only the message).
    expect(codecMessage(message, 'de')).not.toBe(message);
    expect(german).not.toMatch(/\b(the|must|is|are|not|runs|past|contains|more than|bytes left)\b/);
    expect(codecMessage(message, 'en', `codec.error.${key}`)).toBe(message);
  });

  it('says what is wrong with a real malformed packet in German, in the trace explanation too', () => {
    // PUBLISH QoS 1 with packet identifier 0: 0x32, remaining length 5, topic "a", id 0x0000.
    const result = decode(new Uint8Array([0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00]), 4);
    expect(result.kind).toBe('error');
    if (result.kind !== 'error') return;
    expect(codecMessage(result.error.message, 'de', result.error.key)).toBe('Paket-ID 0 ist nicht erlaubt');
    provideExplanations([explanationTexts], codecMessage);
    const text = explainText({ key: 'net.malformed', params: { clientId: 'sensor', reasonCode: 0x82, message: result.error.message } }, 'de');
    expect(text).toContain('Paket-ID 0 ist nicht erlaubt');
    expect(text).not.toContain('packet identifier');
  });
});
