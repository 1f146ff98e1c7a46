import { parse as icuParse } from '@formatjs/icu-messageformat-parser/lib/index.js';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { messageDictionary } from '../../src/core/mqtt/messages.ts';
import { MESSAGES } from '../../src/ui/i18n/bundled.ts';
import { parse } from '../../src/ui/i18n/message-parser.ts';
import { teacherDe, teacherEn } from '../../src/ui/i18n/teacher.ts';
import { reconnectDe, reconnectEn } from '../../src/ui/live/reconnect-messages.ts';
import { flatten } from './messages.ts';

/** Every text the UI hands to svelte-i18n, by `locale:key`. */
const ALL = new Map<string, string>();
for (const [locale, tables] of Object.entries({
  en: { ...MESSAGES.en, teacher: teacherEn, reconnect: reconnectEn, mqtt: messageDictionary('en') },
  de: { ...MESSAGES.de, teacher: teacherDe, reconnect: reconnectDe, mqtt: messageDictionary('de') },
})) {
  for (const [key, text] of flatten(tables)) ALL.set(`${locale}:${key}`, text as string);
}

const real = (text: string) => icuParse(text, { ignoreTag: true });

describe('the small ICU message parser (in the full parser’s place in the build)', () => {
  it('gives the full parser’s tree for every en and de message', () => {
    expect(ALL.size).toBeGreaterThan(900);
    const plurals = [...ALL.values()].filter((text) => text.includes(', plural,'));
    expect(plurals.length).toBeGreaterThan(30);
    for (const [key, text] of ALL) expect(parse(text), key).toEqual(real(text));
  });

  it.each([
    "it's '{x}' '' '#' and } alone",
    "{n, plural, =0 {none} one {'#' # left} other {# left, it''s {name}}}",
    '{ n , plural , offset:1 one {#} other {# and {who}}} <b>kept</b>',
    "'{unclosed quote",
  ])('quotes as ICU does: %s', (text) => {
    expect(parse(text)).toEqual(real(text));
  });

  it.each(['{n, number}', '{g, select, a {x} other {y}}', '{n, plural, one {#}}', '{n, plural, one {#} other {#}', '{}'])(
    'refuses what it does not parse: %s',
    (text) => {
      expect(() => parse(text)).toThrow(SyntaxError);
    },
  );

  it('formats plurals and numbers per language', () => {
    const format = (text: string, locale: string, count: number) => new IntlMessageFormat(parse(text), locale).format({ count }) as string;
    expect(format(MESSAGES.en.live.events, 'en', 1)).toBe('1 event');
    expect(format(MESSAGES.en.live.events, 'en', 1200)).toBe('1,200 events');
    expect(format(MESSAGES.de.live.events, 'de', 1)).toBe('1 Ereignis');
    expect(format(MESSAGES.de.live.events, 'de', 1200)).toBe('1.200 Ereignisse');
  });
});
