/**
 * The lesson loader's, front matter's, structure's and links' problems by id and values
 * (src/lessons/problem-texts.ts): lesson 12 broken in many ways at once, loaded with the real
 * loader and checked with the real structure checks. Each problem carries an id, its English
 * sentence is the one it always printed, its German one is said from the id and values (no
 * English sentence left), and a problem in a line names that line.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, LESSON_PROBLEM_TEXTS, loadCatalogue, problemMessage, problemText, structureProblems, type LessonProblemId, type LoadProblem } from '../../src/lessons/index.ts';
import { readLessonFiles } from './helpers.ts';

const LESSON = '12-last-will';
const EN = `/lessons/${LESSON}/lesson.en.md`;
const DE = `/lessons/${LESSON}/lesson.de.md`;
const X = `/lessons/${LESSON}/exercises/2-planned-maintenance`;
const Y = `/lessons/${LESSON}/exercises/1-retained-status`;
const real = readLessonFiles();

/** English words that a German sentence must not hold (outside `code`). */
const ENGLISH = /\b(the|is|are|not|must|missing|needs?|differ|differs|found|unexpected|question|choice|entry|exercise|lesson|with|does|exist|outside|ordered|unknown|too|named|section|hints?|heading|which|already|fails|passes|reaches|changes|loaded|could)\b/i;

/** A sentence without `code`, `{values}`, file names and link schemes (`lesson:`): the words of the sentence itself. */
function withoutCode(s: string): string {
  return s.replace(/`[^`]*`/g, ' ').replace(/\{\w+\}/g, ' ').replace(/[\w.-]+\.(?:md|json|mqtts)\b/g, ' ').replace(/\b\w+:(?:ID\S*)?/g, ' ');
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);

/** Lesson 12 with a broken front matter, hints, predict.json, links and files. */
function broken(): Record<string, string> {
  const files = { ...real };
  files[EN] = files[EN]!
    .replace(/^level: .*$/m, 'level: expert\ncolour blue\nauthor: me')
    .replace(/^order: .*$/m, 'order: 0x')
    .replace(/^# (.*)$/m, '# $1\n\nSee [x](glossary:no-such-term), [y](spec:3.1.2-8), [z](lesson:99-none), [w](lesson:12-last-will/9-nope), [v](lesson:a/b/c), [u](ftp://x).\n\n```mqtts\nbroker\nat 1s nobody publsh -t x\n```\n');
  files[DE] = files[DE]!.replace(/^id: .*$/m, 'id: 12-letzter-wille\nspec: 4.0\nid: 12-letzter-wille');
  files[`${X}/exercise.de.md`] = files[`${X}/exercise.de.md`]!.replace('## Tipps', '## Hints');
  files[`${X}/exercise.en.md`] = files[`${X}/exercise.en.md`]!.replace(/^title:/m, 'titel:').replace(/## Hints[\s\S]*/, '## Hints\n\nsome loose text\n1. only one hint\n');
  files[`${Y}/predict.json`] = pretty([5, { question: { en: 'a' } }, { question: { en: 'a', de: 'b' }, choices: [1] }, { question: { en: 'a', de: 'b' }, choices: [{ en: 'x', de: 'y' }, { en: 'x' }] }, { question: { en: 'a', de: 'b' }, choices: [{ en: 'x', de: 'y', check: 3 }, { en: 'x', de: 'y' }] }, { question: { en: 'a', de: 'b' }, choices: [{ en: 'x', de: 'y' }, { en: 'x', de: 'y' }], answer: 7 }, { question: { en: 'a', de: 'b' }, choices: [{ en: 'x', de: 'y' }, { en: 'x', de: 'y' }], answer: 1, check: 'nothing' }]);
  files[`/lessons/${LESSON}/exercises/3-same-client-id/predict.json`] = '[\n  {\n    not json\n';
  delete files[`/lessons/${LESSON}/exercises/4-will-delay/goal.mqtts`];
  files[`${X}/notes.txt`] = 'x';
  files[`/lessons/${LESSON}/exercises/5-no-fm/exercise.en.md`] = 'no front matter\n## Hints\n1. a\n2. b\n';
  files[`/lessons/${LESSON}/exercises/5-no-fm/exercise.de.md`] = '---\ntitle: x\nno closing\n';
  for (const f of ['start.mqtts', 'solution.mqtts', 'goal.mqtts']) files[`/lessons/${LESSON}/exercises/5-no-fm/${f}`] = files[`${X}/${f}`]!;
  files['/lessons/glossary.json'] = pretty([...JSON.parse(files['/lessons/glossary.json']!), { id: 'Bad Id' }, { id: 'no-texts', en: { term: 'x' } }, { id: 'broker', en: { term: 'b', definition: 'd' }, de: { term: 'b', definition: 'd', synonyms: [''] } }]);
  return files;
}

function problemsOf(files: Record<string, string>): LoadProblem[] {
  const catalogue = loadCatalogue(files);
  return [...catalogue.problems, ...structureProblems(catalogue)];
}

describe('lesson problems by id and values', () => {
  it('says every problem in both languages with the same values', () => {
    const wrong: string[] = [];
    for (const [id, t] of Object.entries(LESSON_PROBLEM_TEXTS)) {
      if (placeholders(t.en).join() !== placeholders(t.de).join()) wrong.push(`${id}: {${placeholders(t.en).join()}} vs {${placeholders(t.de).join()}}`);
      if (ENGLISH.test(withoutCode(t.de))) wrong.push(`${id}: English in "${t.de}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives each problem of a broken lesson an id; English as it was, German from the id and values', () => {
    const problems = problemsOf(broken());
    const ids = new Set(problems.map((p) => p.id));
    // The breakage reaches many kinds of problems: front matter, hints, predict.json, glossary, files, links, structure.
    for (const id of ['front-matter.duplicate-key', 'front-matter.not-key-value', 'front-matter.whole-number', 'front-matter.unknown-key', 'front-matter.id-folder', 'front-matter.spec', 'front-matter.missing', 'front-matter.none', 'front-matter.unclosed', 'hints.outside-list', 'hints.too-few', 'hints.none', 'hints.heading', 'hints.counts-differ', 'predict.not-object', 'predict.question', 'predict.choices', 'predict.choice-texts', 'predict.choice-check', 'predict.answer', 'predict.check', 'json.invalid', 'glossary.id', 'glossary.texts', 'glossary.synonyms', 'glossary.duplicate', 'file.unexpected', 'file.missing', 'link.glossary', 'link.spec', 'link.lesson', 'link.exercise', 'link.unknown', 'mqtts.block', 'outline.links', 'outline.blocks', 'outline.headings', 'front-matter.differs', 'exercise.unlisted'] as LessonProblemId[]) {
      expect(ids, id).toContain(id);
    }
    expect(problems.filter((p) => p.id === undefined)).toEqual([]);
    for (const p of problems) {
      expect(p.message).toBe(problemText(p.id!, p.params, 'en'));
      const de = problemMessage(p, 'de');
      expect(de, p.message).not.toBe(p.message);
      // Values are the author's own text (a key, a heading, a file's line) or the JSON parser's words: left out here.
      const own = Object.values(p.params ?? {}).filter((v) => typeof v === 'string');
      const words = withoutCode(own.reduce((s, v) => s.split(v).join(' '), de));
      expect(words, de).not.toMatch(ENGLISH);
    }
    // The English sentences, word for word as lesson:check printed them before the ids.
    const en = problems.map((p) => formatProblem(p));
    expect(en).toContain('12-last-will/lesson.en.md:8: front matter: unknown key `author`');
    expect(en).toContainEqual(expect.stringMatching(/^12-last-will\/exercises\/1-retained-status\/predict\.json:\d+: question 6: `answer` must be a choice index from 0 to 1$/));
    expect(en).toContain('12-last-will/exercises/2-planned-maintenance/exercise.de.md:8: the hints heading in German is `## Tipps`, not `## Hints`');
    const de = problems.map((p) => formatProblem(p, '', 'de'));
    expect(de).toContain('12-last-will/lesson.en.md:8: Front Matter: unbekannter Schlüssel `author`');
    expect(de).toContainEqual(expect.stringMatching(/^12-last-will\/exercises\/1-retained-status\/predict\.json:\d+: Frage 6: `answer` muss die Nummer einer Antwort von 0 bis 1 sein$/));
    expect(de).toContain('12-last-will/exercises/2-planned-maintenance/exercise.de.md:8: die Tipp-Überschrift auf Deutsch ist `## Tipps`, nicht `## Hints`');
    // A scenario's diagnostic inside a value: its own German text.
    expect(de).toContainEqual(expect.stringMatching(/^12-last-will\/lesson\.en\.md:\d+: mqtts-Block: Unbekanntes Wort `nobody`: Eine Zeile beginnt mit /));
  });

  it('names the line of a problem that has one: a front matter value, a missing key, the hints, a JSON syntax error', () => {
    const lines = problemsOf(broken()).map((p) => formatProblem(p));
    const at = (path: string, start: string): string | undefined => lines.find((l) => l.startsWith(`${LESSON}/${path}`) && l.includes(start));
    // lesson.en.md: `level: expert` (5), `colour blue` (6), `author: me` (7)... as the front matter now reads.
    const en = real[EN]!.replace(/^level: .*$/m, 'level: expert\ncolour blue\nauthor: me').replace(/^order: .*$/m, 'order: 0x').split('\n');
    const lineOf = (start: string): number => en.findIndex((l) => l.startsWith(start)) + 1;
    expect(at('lesson.en.md', 'unknown key `author`')).toBe(`${LESSON}/lesson.en.md:${lineOf('author:')}: front matter: unknown key \`author\``);
    expect(at('lesson.en.md', '`order` must be')).toBe(`${LESSON}/lesson.en.md:${lineOf('order:')}: front matter: \`order\` must be a whole number ≥ 1, not \`0x\``);
    expect(at('lesson.en.md', 'colour blue')).toBe(`${LESSON}/lesson.en.md:${lineOf('colour')}: not a \`key: value\` line: colour blue`);
    expect(at('lesson.de.md', '`spec` must be')).toMatch(/^12-last-will\/lesson\.de\.md:3: /);
    // A missing title: the closing `---` (line 3), where it would go.
    expect(at('exercises/2-planned-maintenance/exercise.en.md', '`title` is missing')).toMatch(/^12-last-will\/exercises\/2-planned-maintenance\/exercise\.en\.md:3: /);
    const hintsLine = real[`${X}/exercise.en.md`]!.split('\n').findIndex((l) => l.startsWith('## Hints')) + 1;
    expect(at('exercises/2-planned-maintenance/exercise.en.md', 'hint ladder')).toBe(`${LESSON}/exercises/2-planned-maintenance/exercise.en.md:${hintsLine}: the hint ladder needs at least 2 hints (a nudge, then a stronger hint), found 1`);
    // A predict question or glossary entry: the line where it starts.
    const files = broken();
    const startOf = (text: string, n: number, open: string): number => text.split('\n').reduce<number[]>((acc, l, i) => (l === open ? [...acc, i + 1] : acc), [])[n - 1]!;
    expect(lines).toContain(`${LESSON}/exercises/1-retained-status/predict.json:${startOf(files[`${Y}/predict.json`]!, 5, '  {')}: question 6: \`answer\` must be a choice index from 0 to 1`);
    const glossary = files['/lessons/glossary.json']!;
    const badId = glossary.split('\n').indexOf('    "id": "Bad Id"');
    expect(lines).toContain(`glossary.json:${badId}: entry ${JSON.parse(glossary).length - 2}: \`id\` must be kebab-case`);
    expect(at('exercises/3-same-client-id/predict.json', 'not valid JSON')).toMatch(/^12-last-will\/exercises\/3-same-client-id\/predict\.json:3: not valid JSON: /);
    // In German, no engine's English inside: where the JSON stops, by line and column.
    const de = problemsOf(broken()).map((p) => formatProblem(p, '', 'de'));
    expect(de).toContain('12-last-will/exercises/3-same-client-id/predict.json:3: kein gültiges JSON: unerwartetes Zeichen „n“ in Zeile 3, Spalte 5');
  });
});
