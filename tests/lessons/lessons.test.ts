/**
 * The lesson check: every lesson folder in lessons/ is complete in both languages, its exercises
 * are sound when run in the simulator, its links resolve, and no text copies the textbook.
 * A teacher runs it with `npx vitest run --project unit tests/lessons`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cheatFiles, LESSON_LANGS, loadCatalogue, structureProblems, verifyExercise, type LoadProblem } from '../../src/lessons/index.ts';
import { LESSONS_DIR, readLessonFiles, SEED } from './helpers.ts';

const files = existsSync(LESSONS_DIR) ? readLessonFiles() : {};
const catalogue = loadCatalogue(files);
const cheats = cheatFiles(files);
const show = (ps: readonly LoadProblem[]): string[] => ps.map((p) => `${p.path}${p.line ? `:${p.line}` : ''}: ${p.message}`);

/** Glossary terms the lessons rely on (the issue's list). */
const REQUIRED_TERMS = [
  'broker', 'client', 'publisher', 'subscriber', 'topic', 'topic-level', 'wildcard', 'topic-filter', 'qos', 'puback',
  'keep-alive', 'last-will', 'session', 'clean-session', 'persistent-session', 'retained-message', 'client-id',
  'packet-identifier', 'sys-topics', 'acl', 'tls', 'websocket', 'payload', 'm2m', 'reason-code',
];

describe('lessons/', () => {
  it('loads without problems', () => {
    expect(show(catalogue.problems)).toEqual([]);
    expect(catalogue.lessons.length).toBeGreaterThan(0);
  });

  it('has the same structure in English and German, unique orders, resolving links and runnable try-it blocks', () => {
    expect(show(structureProblems(catalogue))).toEqual([]);
  });

  it('has a glossary with the core terms in both languages', () => {
    const ids = new Set(catalogue.glossary.map((g) => g.id));
    expect(REQUIRED_TERMS.filter((t) => !ids.has(t))).toEqual([]);
  });

  it('has complete front matter in every lesson', () => {
    for (const lesson of catalogue.lessons) {
      for (const lang of LESSON_LANGS) {
        const m = lesson.text[lang].meta;
        expect(m.title, `${lesson.id} ${lang} title`).not.toBe('');
        expect(m.chapter, `${lesson.id} ${lang} chapter`).not.toBe('');
        expect(m.minutes, `${lesson.id} ${lang} minutes`).toBeGreaterThan(0);
      }
    }
  });
});

describe.each(catalogue.lessons.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('has at least one exercise', () => {
    expect(lesson.exercises.length).toBeGreaterThan(0);
  });
  it.each(lesson.exercises.map((x) => [x.id, x] as const))('exercise %s: start fails, solution passes, predictions match the simulation, cheats fail', (_x, exercise) => {
    expect(verifyExercise(exercise, {}, cheats.get(exercise.key) ?? {})).toEqual([]);
  });
});

/** Lower-case words of a text, without Markdown punctuation. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\]\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}$]+/u)
    .filter((w) => w !== '');
}

const RUN = 8;

function runs(ws: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + RUN <= ws.length; i++) out.add(ws.slice(i, i + RUN).join(' '));
  return out;
}

describe('own words', () => {
  it(`no lesson or exercise text repeats ${RUN} consecutive words of the textbook`, () => {
    if (!existsSync(SEED)) {
      throw new Error(`The textbook section is missing at ${SEED}; this check needs it (it is not skipped on purpose).`);
    }
    const seed = runs(words(readFileSync(SEED, 'utf8')));
    const copied: string[] = [];
    for (const lesson of catalogue.lessons) {
      for (const lang of LESSON_LANGS) {
        const texts = [lesson.text[lang].body, ...lesson.exercises.flatMap((x) => [x.text[lang].task, ...x.text[lang].hints])];
        for (const run of runs(words(texts.join('\n')))) if (seed.has(run)) copied.push(`${lesson.id} (${lang}): "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });
});
