/**
 * What a teacher needs from every lesson: learning goals at the top (both languages), teacher
 * notes (teacher.en.md, teacher.de.md with the textbook section and plans for 45 and 90
 * minutes), and printable notes built from them with every exercise's solution and reasons.
 */
import { describe, expect, it } from 'vitest';
import { learningGoals, LESSON_LEVELS, loadCatalogue, solutionDiff, teacherNotes } from '../../src/lessons/index.ts';
import { readLessonFiles } from './helpers.ts';

const files = readLessonFiles();
const catalogue = loadCatalogue(files);

describe('teacher material', () => {
  it.each(catalogue.lessons.map((l) => [l.id, l] as const))('%s has learning goals in both languages, the same number', (_id, lesson) => {
    const en = learningGoals(lesson.text.en.body);
    const de = learningGoals(lesson.text.de.body);
    expect(en.length).toBeGreaterThanOrEqual(2);
    expect(de.length).toBe(en.length);
  });

  it.each(catalogue.lessons.map((l) => [l.id] as const))('%s has teacher notes in both languages with the textbook section and both plans', (id) => {
    const headings = { en: ['## Textbook', '## Plan for 45 minutes', '## Plan for 90 minutes'], de: ['## Lehrbuch', '## Plan für 45 Minuten', '## Plan für 90 Minuten'] };
    for (const lang of ['en', 'de'] as const) {
      const text = files[`/lessons/${id}/teacher.${lang}.md`];
      expect(text, `${id}/teacher.${lang}.md`).toBeDefined();
      for (const h of headings[lang]) expect(text?.split('\n'), `${id}/teacher.${lang}.md: ${h}`).toContain(h);
    }
  });

  it('prints the notes of a lesson with its goals, plan, and each exercise with the change to the solution and the reasons', () => {
    const lesson = catalogue.lessons.find((l) => l.id === '12-last-will')!;
    const notes = teacherNotes(lesson, 'de', files['/lessons/12-last-will/teacher.de.md']);
    expect(notes).toContain('## Lernziele\n\n- sagen, wann der Broker ein Testament veröffentlicht');
    expect(notes).toContain('## Plan für 90 Minuten');
    expect(notes).toContain('+ at 0s     press connect -i press-3 -k 5 --will-topic hall1/press3/status --will-payload offline --will-qos 1 --will-retain');
    expect(notes).toContain('**Warum (die Tipps):**');
    expect(notes).toContain('Antwort: Nur „offline“, mit gesetztem RETAIN-Flag');
    expect(notes.match(/^### \d+\. /gm)).toHaveLength(lesson.exercises.length);
  });

  it('has levels that rise (never a beginner lesson after an intermediate one)', () => {
    const levels = catalogue.lessons.map((l) => LESSON_LEVELS.indexOf(l.text.en.meta.level));
    const falls = catalogue.lessons.filter((_l, i) => i > 0 && (levels[i] as number) < (levels[i - 1] as number)).map((l) => l.id);
    expect(falls).toEqual([]);
  });

  it('diffs start and solution by lines, ignoring comments and blank lines', () => {
    expect(solutionDiff('# a\nbroker\nat 1s x publish -t a -m 1\n', 'broker\n\nat 1s x publish -t a -m 1 -q 1\n')).toEqual(['- at 1s x publish -t a -m 1', '+ at 1s x publish -t a -m 1 -q 1']);
  });
});
