/**
 * What a learner reads under a predict question after answering it: "The simulation confirms:"
 * and one line per expect line of the question's `check`, run on the solution. Two lines that
 * read the same tell the learner nothing the first did not (lesson 20's "times 1" line read just
 * like its "mode auto" line, so the proof never said that the start command was missing).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, runPredictCheck } from '../../src/lessons/index.ts';
import { LESSONS_DIR, readLessonFiles } from './helpers.ts';

const catalogue = loadCatalogue(existsSync(LESSONS_DIR) ? readLessonFiles() : {});
const questions = catalogue.lessons.flatMap((l) => l.exercises.flatMap((x) => x.predict.map((q, i) => [`${x.key} question ${i + 1}`, x, q] as const)));

describe("a predict question's proof", () => {
  it.each(questions)('%s: every line it shows is a different sentence, in English and in German', (_name, exercise, question) => {
    const r = runPredictCheck(exercise, question);
    for (const lang of ['message', 'messageDe'] as const) {
      const lines = r.goalResults.map((g) => g[lang]);
      expect(lines.filter((line, i) => lines.indexOf(line) !== i), lang).toEqual([]);
    }
  });
});
