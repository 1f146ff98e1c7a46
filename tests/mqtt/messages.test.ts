import { describe, expect, it } from 'vitest';
import { MESSAGES, formatMessage, messageDictionary, type MessageKey } from '../../src/core/mqtt/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it.each(Object.keys(MESSAGES) as MessageKey[])('%s has both languages with the same placeholders', (key) => {
    const { en, de } = MESSAGES[key];
    expect(en.length).toBeGreaterThan(0);
    expect(de.length).toBeGreaterThan(0);
    expect(de).not.toBe(en);
    expect(placeholders(de)).toEqual(placeholders(en));
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(formatMessage('mqtt.topic.too-long', { bytes: 70000, max: 65535 }, 'de')).toBe(
      'Das Topic belegt 70000 Bytes in UTF-8; erlaubt sind höchstens 65535 Bytes.',
    );
    expect(formatMessage('mqtt.topic.too-long', {}, 'en')).toContain('{bytes}');
  });

  it('exports a dictionary per language for svelte-i18n', () => {
    const de = messageDictionary('de');
    expect(Object.keys(de).length).toBe(Object.keys(MESSAGES).length);
    expect(de['mqtt.topic.empty']).toBe(MESSAGES['mqtt.topic.empty'].de);
  });
});
