/**
 * The lesson check: every lesson folder in lessons/ is complete in both languages, its exercises
 * are sound when run in the simulator, and its links resolve (own-words.test.ts checks that no text copies the textbook).
 * A teacher runs it with `npx vitest run --project unit tests/lessons`.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExercise, LESSON_LANGS, loadCatalogue, lockedLines, structureProblems, verifyExercise, type LoadProblem } from '../../src/lessons/index.ts';
import { LESSONS_DIR, readLessonFiles } from './helpers.ts';

const files = existsSync(LESSONS_DIR) ? readLessonFiles() : {};
const catalogue = loadCatalogue(files);
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
  it.each(lesson.exercises.map((x) => [x.id, x] as const))('exercise %s: start fails, solution passes, cheats fail, predictions match the simulation', (_x, exercise) => {
    expect(verifyExercise(exercise)).toEqual([]);
  });
  const cheats = lesson.exercises.flatMap((x) => x.cheats.map((c) => [`${x.id}/${c.name}`, x, c.text] as const));
  if (cheats.length > 0) {
    it.each(cheats)('%s runs and does not reach the goal', (_name, exercise, text) => {
      const r = checkExercise(exercise, text);
      expect(r.ran).toBe(true);
      expect(r.solved).toBe(false);
    });
  }
  it.each(lesson.exercises.map((x) => [x.id, x] as const))('exercise %s: the solution keeps every locked line of the start', (_x, exercise) => {
    const kept = exercise.solution.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    for (const l of lockedLines(exercise.start)) expect(kept.some((k) => k.startsWith(l.text)), `${exercise.key} start line ${l.line}`).toBe(true);
  });
});
