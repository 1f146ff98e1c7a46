/**
 * The teacher's strings (src/ui/i18n/teacher.ts, registered when the builder or an exercise link
 * loads): German has exactly the English keys, none is empty, German is translated (except the
 * few words both languages share), every `teacher.*` key used in src/ui exists, and every way a
 * link can be refused has its message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en as appEn } from '../../src/ui/i18n/en.ts';
import { teacherDe, teacherEn } from '../../src/ui/i18n/teacher.ts';
import { reconnectDe, reconnectEn } from '../../src/ui/live/reconnect-messages.ts';
import { filesUnder, flatten } from './messages.ts';

const en = flatten(teacherEn, 'teacher');
const de = flatten(teacherDe, 'teacher');

describe('teacher messages', () => {
  it('German has the English keys, every text non-empty and translated', () => {
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of de) expect(String(text).trim(), key).not.toBe('');
    const same = [...en].filter(([k, t]) => de.get(k) === t).map(([k]) => k);
    expect(same.sort()).toEqual(['teacher.builder.field.link', 'teacher.view.colName', 'teacher.view.pastePlaceholder']);
  });

  it('has a message for every reason a link is refused', () => {
    for (const problem of ['empty', 'too-long', 'not-base64', 'corrupt', 'too-large', 'not-text', 'not-json', 'bad-version', 'bad-field', 'tampered']) {
      expect(en.has(`teacher.refused.${problem}`), problem).toBe(true);
    }
  });

  it("every literal $_('teacher.…') key used in src/ui exists", () => {
    const used = new Set<string>();
    for (const file of filesUnder(path.resolve(import.meta.dirname, '../../src/ui'), '.svelte')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"](teacher\.[\w.-]+)['"]/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    for (const key of used) expect(en.has(key), key).toBe(true);
  });

  it("the live bar's Connect again strings: German has the English keys, translated; every live.… key LiveBar uses exists", () => {
    expect(Object.keys(reconnectDe).sort()).toEqual(Object.keys(reconnectEn).sort());
    for (const [key, text] of Object.entries(reconnectDe)) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toBe(reconnectEn[key as keyof typeof reconnectEn]);
    }
    const live = { ...(appEn as { live: Record<string, unknown> }).live, ...reconnectEn };
    const bar = readFileSync(path.resolve(import.meta.dirname, '../../src/ui/live/LiveBar.svelte'), 'utf8');
    const used = [...bar.matchAll(/['"`]live\.(\w+)['"`]/g)].map((m) => m[1]!);
    expect(used).toContain('reconnectQuestion');
    for (const key of used) expect(live, key).toHaveProperty(key);
  });
});
