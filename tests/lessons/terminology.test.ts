/**
 * One word for each concept: the terminology table in lessons/README.md, held against the lesson
 * texts (both languages), the glossary, the UI's texts and the trace's texts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/scenario/diagnostics.ts';
import { runScenario } from '../../src/scenario/index.ts';
import { BROKER_SETTINGS, CLIENT_OPTIONS, LINK_SETTINGS, SEND_OPTIONS, VERBS } from '../../src/scenario/options.ts';
import { COMMAND_TEXTS } from '../../src/sim/command-text.ts';
import { explanationTexts } from '../../src/sim/explain-text.ts';
import { EXPECT_PROPERTY_DOC, KEYWORD_DOCS, PACKET_DOCS } from '../../src/ui/editor/docs.ts';
import { de as uiDe } from '../../src/ui/i18n/de.ts';
import { en as uiEn } from '../../src/ui/i18n/en.ts';
import { LESSONS_DIR, readLessonFiles, ROOT } from './helpers.ts';

type Lang = 'en' | 'de';

interface Row {
  concept: string;
  glossary: string | undefined;
  term: Record<Lang, string>;
  avoid: Record<Lang, string[]>;
}

/** The rows of the table under `## Terminology` in lessons/README.md. */
function readTable(): Row[] {
  const readme = readFileSync(join(LESSONS_DIR, 'README.md'), 'utf8');
  const start = readme.indexOf('## Terminology');
  if (start < 0) throw new Error('lessons/README.md has no `## Terminology` section');
  const rows: Row[] = [];
  const none = (s: string): boolean => s === '' || s === '—' || s === '-';
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    if (!line.startsWith('|') || line.startsWith('| ---') || line.startsWith('| Concept')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [concept = '', glossary = '', en = '', de = '', avoidEn = '', avoidDe = ''] = cells;
    const list = (s: string): string[] => (none(s) ? [] : s.split(',').map((w) => w.trim()).filter((w) => w !== ''));
    rows.push({ concept, glossary: none(glossary) ? undefined : glossary, term: { en, de }, avoid: { en: list(avoidEn), de: list(avoidDe) } });
  }
  return rows;
}

const rows = readTable();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word to avoid as a pattern: whole words (a hyphen joins words), `*` = any letters, any spacing. */
function avoidPattern(word: string): RegExp {
  const body = word
    .split('*')
    .map((part) => escape(part).replace(/ /g, '\\s+'))
    .join('\\p{L}*');
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${body}(?![\\p{L}\\p{N}_-])`, 'giu');
}

/** Text without code, link targets, HTML comments and (in German) an English term in parentheses. */
function prose(text: string, lang: Lang): string {
  let t = text
    .replace(/```[\s\S]*?```/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length))
    .replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\]\([^)\n]*\)/g, (m) => ' '.repeat(m.length));
  if (lang === 'de') {
    for (const r of rows) {
      const en = new RegExp(`\\(\\s*(?:engl\\.\\s*)?${escape(r.term.en).replace(/ /g, '\\s+')}[^)\\n]*\\)`, 'giu');
      t = t.replace(en, (m) => ' '.repeat(m.length));
    }
  }
  return t;
}

/** Every use of an avoided word in `text`, as `where:line: "word" (concept → term)`. */
function findAvoided(text: string, lang: Lang, where: string): string[] {
  const out: string[] = [];
  const clean = prose(text, lang);
  for (const r of rows) {
    for (const w of r.avoid[lang]) {
      for (const m of clean.matchAll(avoidPattern(w))) {
        const line = clean.slice(0, m.index).split('\n').length;
        out.push(`${where}:${line}: "${m[0]}" (${r.concept}: say "${r.term[lang]}")`);
      }
    }
  }
  return out;
}

/** All strings of a nested message object, with their dotted keys. */
function flatten(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix, obj]];
  if (typeof obj !== 'object' || obj === null) return [];
  return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

interface GlossaryJson {
  id: string;
  en: { term: string; definition: string; synonyms?: string[] };
  de: { term: string; definition: string; synonyms?: string[] };
}

const files = readLessonFiles();
const glossary = JSON.parse(files['/lessons/glossary.json'] ?? '[]') as GlossaryJson[];

describe('the terminology table in lessons/README.md', () => {
  it('has rows, each with both terms', () => {
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect([r.concept, r.term.en !== '', r.term.de !== '']).toEqual([r.concept, true, true]);
  });

  it('names glossary entries that use its terms', () => {
    const wrong: string[] = [];
    for (const r of rows) {
      if (r.glossary === undefined) continue;
      const entry = glossary.find((g) => g.id === r.glossary);
      if (!entry) {
        wrong.push(`${r.glossary}: no such glossary entry`);
        continue;
      }
      for (const lang of ['en', 'de'] as const) {
        const term = entry[lang].term.replace(/\s*\([^)]*\)\s*$/, '').trim();
        if (term.toLowerCase() !== r.term[lang].toLowerCase()) wrong.push(`${r.glossary} (${lang}): glossary says "${entry[lang].term}", the table "${r.term[lang]}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the avoided words out of the lesson texts, exercise texts and predict questions', () => {
    const found: string[] = [];
    for (const [path, text] of Object.entries(files)) {
      const md = /\.(en|de)\.md$/.exec(path);
      // Teacher notes quote the textbook's section titles in its own words: not checked.
      const own = path.includes('/teacher.') ? text.replace(/^(Section|Abschnitt) 2\.2\.2, .*$/gm, '') : text;
      if (md) found.push(...findAvoided(own, md[1] as Lang, path.slice(1)));
      if (path.endsWith('/predict.json')) {
        for (const [key, s] of flatten(JSON.parse(text))) {
          const lang = key.split('.').pop();
          if (lang === 'en' || lang === 'de') found.push(...findAvoided(s, lang, `${path.slice(1)} ${key}`));
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the German docs for learners and teachers', () => {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.de.md')) found.push(...findAvoided(readFileSync(p, 'utf8').replace(/^(Section|Abschnitt) 2\.2\.2, .*$/gm, ''), 'de', relative(ROOT, p)));
      }
    };
    walk(join(ROOT, 'docs'));
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the glossary (synonyms may hold the textbook\'s words)', () => {
    const found: string[] = [];
    for (const g of glossary) {
      for (const lang of ['en', 'de'] as const) found.push(...findAvoided(`${g[lang].term}\n${g[lang].definition}`, lang, `glossary.json ${g.id}.${lang}`));
    }
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the UI texts', () => {
    const found: string[] = [];
    for (const [key, s] of flatten(uiEn)) found.push(...findAvoided(s, 'en', `en.ts ${key}`));
    for (const [key, s] of flatten(uiDe)) found.push(...findAvoided(s, 'de', `de.ts ${key}`));
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the editor hovers (src/ui/editor/docs.ts)', () => {
    const found: string[] = [];
    for (const [key, t] of Object.entries({ ...KEYWORD_DOCS, ...PACKET_DOCS, 'expect-property': EXPECT_PROPERTY_DOC })) {
      found.push(...findAvoided(t.en, 'en', `hover ${key}.en`), ...findAvoided(t.de, 'de', `hover ${key}.de`));
    }
    expect(Object.keys(KEYWORD_DOCS).length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the inspector\'s German field meanings (src/ui/inspector/field-meanings.ts)', () => {
    // The meanings are functions of the field's value, so every branch is read from the source:
    // each string and template literal after a `de:` (all on the same line in that file).
    const path = join(ROOT, 'src/ui/inspector/field-meanings.ts');
    const german = readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const at = line.search(/\bde:\s/);
        if (at < 0) return [];
        return [...line.slice(at).matchAll(/'((?:[^'\\]|\\.)*)'|`([^`]*)`/g)].map((m) => [i + 1, m[1] ?? m[2] ?? ''] as const);
      });
    expect(german.length).toBeGreaterThan(60);
    const found = german.flatMap(([line, s]) => findAvoided(s, 'de', `field-meanings.ts:${line}`));
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the trace texts', () => {
    const found: string[] = [];
    for (const [key, t] of Object.entries({ ...explanationTexts, ...COMMAND_TEXTS })) {
      found.push(...findAvoided(t.en, 'en', `trace ${key}.en`), ...findAvoided(t.de, 'de', `trace ${key}.de`));
    }
    expect(found).toEqual([]);
  });

  it('keeps the avoided words out of the scenario language: option help, diagnostics, goal messages', () => {
    const found: string[] = [];
    const tables = { CLIENT_OPTIONS, VERBS, BROKER_SETTINGS, LINK_SETTINGS, SEND_OPTIONS, MESSAGES };
    for (const [key, s] of flatten(tables)) {
      const lang = key.split('.').pop();
      if (lang === 'en' || lang === 'de') found.push(...findAvoided(s, lang, `scenario ${key}`));
    }
    // Goal messages are made while checking: run goals that pass and goals that fail.
    const run = runScenario(`broker
client press
client helper
at 0s   press connect -i press-3 -k 5 --will-topic st --will-payload offline --will-retain
at 0s   helper connect --will-topic h/st --will-payload gone
at 1s   press publish -t st -m online -r
at 5s   press cable-cut
expect  retained st "offline"
expect  retained st "online"
expect  retained st from-will press
expect  retained st from-will helper
expect  no-retained st
expect  retained nothing/here
expect  no-retained nothing/here
expect  broker sent-will press
expect  broker no-will press
expect  broker sent-will helper
expect  broker no-will helper
expect  press will-registered
expect  press will-registered other/topic
expect  helper will-registered st
expect  session press exists
`);
    expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.results.map((r) => r.pass)).toContain(false);
    run.results.forEach((r, i) => found.push(...findAvoided(r.message, 'en', `goal ${i + 1}`), ...findAvoided(r.messageDe, 'de', `goal ${i + 1} (de)`)));
    expect(found).toEqual([]);
  });

  it('lists the exercises under the same heading in every lesson', () => {
    const wrong: string[] = [];
    for (const [path, text] of Object.entries(files)) {
      const m = /\/lesson\.(en|de)\.md$/.exec(path);
      if (!m) continue;
      const heading = m[1] === 'en' ? '## Exercises' : '## Aufgaben';
      if (!text.split('\n').some((l) => l.trim() === heading)) wrong.push(`${path.slice(1)}: no \`${heading}\` heading`);
    }
    expect(wrong).toEqual([]);
  });
});
