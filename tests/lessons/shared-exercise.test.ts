/**
 * The builder's check of a teacher's exercise (src/lessons/shared-exercise.ts): it agrees with
 * the check `npm test` runs for shipped exercises, names what is wrong (field, line, both
 * languages), and a linked exercise's progress (key `x/DIGEST`, name and code) survives a
 * progress file.
 */
import { describe, expect, it } from 'vitest';
import { exerciseDigest, type SharedExercise } from '../../src/lessons/exercise-link.ts';
import { exerciseProblems } from '../../src/lessons/lesson-check.ts';
import { loadCatalogue } from '../../src/lessons/load.ts';
import { deserializeProgress, emptyProgress, linkedExerciseKey, markSolved, recordCompletion, serializeProgress } from '../../src/lessons/progress.ts';
import { checkShared, sharedToExercise } from '../../src/lessons/shared-exercise.ts';
import { readLessonFiles } from './helpers.ts';

const EXERCISE: SharedExercise = {
  title: { de: 'Das späte Dashboard' },
  task: { de: 'Sorge dafür, dass das Dashboard den Wert bekommt, obwohl es erst bei 3 s startet.' },
  start: 'client sensor\nclient dash\nat 0s sensor connect\nat 1s sensor publish -t hall/temp -m 21\nat 3s dash connect   # locked\nat 3.1s dash subscribe -t hall/temp\n',
  goal: 'expect dash receives hall/temp "21" by 4s\n',
  solution: 'client sensor\nclient dash\nat 0s sensor connect\nat 1s sensor publish -t hall/temp -m 21 -r\nat 3s dash connect   # locked\nat 3.1s dash subscribe -t hall/temp\n',
  hints: { de: ['Was hebt der Broker für ein Topic auf?'] },
  cheats: ['client sensor\nclient dash\nat 0s sensor connect\nat 0s dash connect\nat 0.1s dash subscribe -t hall/temp\nat 1s sensor publish -t hall/temp -m 21\n'],
};

describe('checking a teacher-built exercise', () => {
  it('passes a sound exercise: the start fails, the solution passes, the cheat (it moves a locked line) fails', () => {
    const report = checkShared(EXERCISE);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.runs.map((r) => [r.role, r.must, r.ok, r.check.solved])).toEqual([
      ['start', 'fail', true, false],
      ['solution', 'pass', true, true],
      ['cheat', 'fail', true, false],
    ]);
    expect(report.runs[2]!.check.locked.map((l) => l.line)).toEqual([5]);
  });

  it('says which part is wrong, in English and German', () => {
    const solvedStart = checkShared({ ...EXERCISE, start: EXERCISE.solution! });
    expect(solvedStart.ok).toBe(false);
    expect(solvedStart.problems).toContainEqual(expect.objectContaining({ field: 'start', de: expect.stringContaining('erreicht die Ziele schon') }));

    const openCheat = checkShared({ ...EXERCISE, cheats: [EXERCISE.solution!] });
    expect(openCheat.problems).toContainEqual(expect.objectContaining({ field: 'cheat', index: 0, en: expect.stringContaining('Cheat 1 reaches the goals') }));

    const badGoal = checkShared({ ...EXERCISE, goal: 'expect dash receives hall/temp "21" by 4s\nat 5s dash disconnect\n' });
    expect(badGoal.problems).toContainEqual(expect.objectContaining({ field: 'goal', line: 2 }));

    const typo = checkShared({ ...EXERCISE, solution: EXERCISE.solution!.replace('-m 21 -r', '-m 21 --retian') });
    expect(typo.ok).toBe(false);
    expect(typo.problems).toContainEqual(expect.objectContaining({ field: 'solution', line: 4, en: expect.stringContaining('--retian') }));

    const noTitle = checkShared({ ...EXERCISE, title: { de: ' ' } });
    expect(noTitle.problems).toContainEqual(expect.objectContaining({ field: 'title', de: 'Der Titel (Deutsch) ist leer.' }));

    const huge = checkShared({ ...EXERCISE, hints: { de: ['x'.repeat(30_000)] } });
    expect(huge.problems).toContainEqual(expect.objectContaining({ field: 'hints' }));
  });

  it('agrees with the lesson check on the shipped exercises (sound) and on a broken one', () => {
    const catalogue = loadCatalogue(readLessonFiles());
    const all = catalogue.lessons.flatMap((l) => l.exercises);
    // Three without and three with predict-then-run questions.
    const shipped = [...all.filter((x) => x.predict.length === 0).slice(0, 3), ...all.filter((x) => x.predict.length > 0).slice(0, 3)];
    expect(shipped.length).toBe(6);
    for (const x of shipped) {
      const shared: SharedExercise = {
        title: { en: x.text.en.title, de: x.text.de.title },
        task: { en: x.text.en.task, de: x.text.de.task },
        start: x.start,
        goal: x.goal,
        solution: x.solution,
        hints: { en: x.text.en.hints, de: x.text.de.hints },
        cheats: x.cheats.map((c) => c.text),
        ...(x.predict.length > 0 ? { predict: x.predict.map((q) => ({ question: q.question, choices: q.choices.map((c) => ({ en: c.en, de: c.de })), answer: q.answer, check: q.check })) } : {}),
      };
      expect(exerciseProblems(x), x.key).toEqual([]);
      expect(checkShared(shared).problems, x.key).toEqual([]);
      const broken = { ...shared, start: x.solution };
      expect(exerciseProblems({ ...x, start: x.solution }).length, x.key).toBeGreaterThan(0);
      expect(checkShared(broken).ok, x.key).toBe(false);
    }
  }, 120_000);

  it('becomes an exercise the lesson components show, German text in both languages when only German was written', () => {
    const x = sharedToExercise(EXERCISE);
    expect(x.key).toBe(`x/${exerciseDigest(EXERCISE)}`);
    expect(x.text.en.title).toBe('Das späte Dashboard');
    expect(x.text.en.hints).toEqual(['Was hebt der Broker für ein Topic auf?']);
    expect(sharedToExercise({ ...EXERCISE, solution: undefined }).solution).toBe('');
  });

  it('keeps a linked exercise, its name and code, through a progress file', () => {
    const key = linkedExerciseKey(exerciseDigest(EXERCISE));
    const state = recordCompletion(markSolved(emptyProgress(), key, '2026-12-06T21:00:00.000Z'), key, 'Ada L.', 'ABC123-WXYZ');
    const read = deserializeProgress(serializeProgress(state));
    expect(read.ok && read.progress.solved[key]).toEqual({ at: '2026-12-06T21:00:00.000Z', name: 'Ada L.', code: 'ABC123-WXYZ' });
    expect(read.ok && read.warnings).toEqual([]);
    const odd = deserializeProgress(JSON.stringify({ kind: 'mqtt-lab-progress', version: 1, solved: { 'x/short': { at: '' } } }));
    expect(odd.ok && Object.keys(odd.progress.solved)).toEqual([]);
  });
});

describe('predict-then-run questions in a teacher-built exercise', () => {
  const question = {
    question: { de: 'Bekommt das Dashboard den Wert, wenn es erst nach der Nachricht abonniert?' },
    choices: [{ de: 'Ja, der Broker hebt ihn auf' }, { de: 'Nein, er ist schon vorbei' }],
    answer: 0,
    check: 'expect dash receives hall/temp "21" by 4s\n',
  };

  it('are checked on the solution, and travel in the link', () => {
    const x = { ...EXERCISE, predict: [question] };
    expect(checkShared(x).problems).toEqual([]);
    expect(sharedToExercise(x).predict).toEqual([{ question: { en: question.question.de, de: question.question.de }, choices: [{ en: 'Ja, der Broker hebt ihn auf', de: 'Ja, der Broker hebt ihn auf' }, { en: 'Nein, er ist schon vorbei', de: 'Nein, er ist schon vorbei' }], answer: 0, check: question.check }]);
    const wrong = checkShared({ ...x, predict: [{ ...question, check: 'expect dash receives hall/temp "22" by 4s\n' }] });
    expect(wrong.problems).toContainEqual(expect.objectContaining({ field: 'predict', index: 0, de: expect.stringContaining('scheitert mit der Lösung') }));
    const typo = checkShared({ ...x, predict: [{ ...question, check: 'expect dash recieves hall/temp "21"\n' }] });
    expect(typo.problems).toContainEqual(expect.objectContaining({ field: 'predict', index: 0, line: 1 }));
    const noSolution = checkShared({ ...x, solution: undefined });
    expect(noSolution.problems).toContainEqual(expect.objectContaining({ field: 'predict', index: 0 }));
  });
});
