/**
 * No lesson or exercise text repeats eight consecutive words of the textbook section the
 * curriculum is based on. The textbook is not in the project: `tests/lessons/textbook-runs.txt` holds a
 * one-way hash of each of its 8-word runs (scripts/textbook-hashes.ts), so this check runs on a
 * clone of the project alone and reads nothing outside it.
 */
import { describe, expect, it } from 'vitest';
import { LESSON_LANGS, loadCatalogue, type LessonCatalogue } from '../../src/lessons/index.ts';
import { RUN_WORDS, runs, words } from '../../src/lessons/own-words.ts';
import { readHashes, runHash } from '../../scripts/textbook-hashes.ts';
import { readLessonFiles } from './helpers.ts';

const catalogue = loadCatalogue(readLessonFiles());
const textbook = readHashes();

/** The runs of every lesson text (body, tasks, hints) whose hash is in `hashes`. */
function copiedRuns(cat: LessonCatalogue, hashes: ReadonlySet<string>): string[] {
  const copied: string[] = [];
  for (const lesson of cat.lessons) {
    for (const lang of LESSON_LANGS) {
      const texts = [lesson.text[lang].body, ...lesson.exercises.flatMap((x) => [x.text[lang].task, ...x.text[lang].hints])];
      for (const run of runs(words(texts.join('\n')))) if (hashes.has(runHash(run))) copied.push(`${lesson.id} (${lang}): "${run}"`);
    }
  }
  return copied;
}

describe('own words', () => {
  it('has the hashes of the whole textbook section', () => {
    // The section has about 400 words; an empty or truncated file would make the check pass vacuously.
    expect(textbook.size).toBeGreaterThan(300);
    for (const h of textbook) expect(h).toMatch(/^[0-9a-f]{16}$/);
  });

  it(`no lesson or exercise text repeats ${RUN_WORDS} consecutive words of the textbook`, () => {
    expect(copiedRuns(catalogue, textbook)).toEqual([]);
  });

  it('finds a copied run: a sentence planted in a lesson is reported with its lesson and language', () => {
    const planted = 'Ein Sensor meldet seine Temperatur alle zehn Sekunden an den Broker der Halle';
    const hashes = new Set([...runs(words(planted))].map(runHash));
    const lesson = catalogue.lessons[0]!;
    const withCopy: LessonCatalogue = {
      ...catalogue,
      lessons: [{ ...lesson, text: { ...lesson.text, de: { ...lesson.text.de, body: `${lesson.text.de.body}\n\n${planted}.` } } }],
    };
    expect(copiedRuns(withCopy, hashes)).toContain(`${lesson.id} (de): "ein sensor meldet seine temperatur alle zehn sekunden"`);
    expect(copiedRuns(withCopy, hashes).every((c) => c.includes('(de)'))).toBe(true);
  });
});
