/** Field names in German: the codec's own descriptions translated, the spec's terms kept. */
import { describe, expect, it } from 'vitest';
import { fieldName } from '../../src/ui/inspector/field-names.ts';

describe('field names in the UI language', () => {
  it('translates descriptions and keeps spec terms', () => {
    expect(fieldName('Packet type and flags', 'de')).toBe('Pakettyp und Flags');
    expect(fieldName('Packet type and flags', 'en')).toBe('Packet type and flags');
    expect(fieldName('Topic Name length', 'de')).toBe('Topic Name: Länge');
    expect(fieldName('Value bytes', 'de')).toBe('Wert: Bytes');
    expect(fieldName('Subscription 2', 'de')).toBe('Abonnement 2');
    expect(fieldName('Keep Alive', 'de')).toBe('Keep Alive');
  });
});
