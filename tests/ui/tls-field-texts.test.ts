/**
 * The TLS record's fields (src/ui/inspector/tls-view.ts) in both languages, by key: the English
 * name and meaning are what the record's fields carry, the German ones are said from the same
 * key. The inspector's TLS box itself says the header in the UI's own texts: rendered in
 * German, it shows German words and none of the English field names.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import TlsRecord from '../../src/ui/inspector/TlsRecord.svelte';
import { TLS_FIELD_TEXTS, tlsFieldText, tlsRecordOf } from '../../src/ui/inspector/tls-view.ts';

const MQTT = new TextEncoder().encode('\x30\x0ehall/temp21.5');

describe('the TLS record fields', () => {
  it('carry their English name and meaning from the table, and have German ones for every key', () => {
    const { fields } = tlsRecordOf(MQTT, 7, 12);
    expect(fields.map((f) => f.key)).toEqual(Object.keys(TLS_FIELD_TEXTS));
    for (const f of fields) {
      expect(f.name).toBe(tlsFieldText(f.key!, 'name', 'en'));
      expect(f.meaning).toBe(tlsFieldText(f.key!, 'meaning', 'en'));
      expect(tlsFieldText(f.key!, 'name', 'de')).not.toBe(f.name);
      expect(tlsFieldText(f.key!, 'meaning', 'de')).not.toBe(f.meaning);
    }
    expect(fields.map((f) => tlsFieldText(f.key!, 'name', 'de'))).toEqual(['Inhaltstyp', 'Alte Versionsnummer', 'Länge', 'Verschlüsselter Record', 'Authentifizierungs-Tag']);
    expect(tlsFieldText('codec.field.keep-alive', 'name', 'de')).toBeUndefined();
  });

  it('are not listed by the inspector\'s TLS box, which speaks German from the UI texts', () => {
    setupI18n('de');
    locale.set('de');
    const { container } = render(TlsRecord, { plaintext: MQTT, seed: 7, position: 12 });
    const text = container.textContent ?? '';
    expect(text).toContain('was ein Mitschnitt sieht');
    expect(text).toContain('Im Tunnel');
    for (const t of Object.values(TLS_FIELD_TEXTS)) expect(text).not.toContain(t.name.en);
  });
});
