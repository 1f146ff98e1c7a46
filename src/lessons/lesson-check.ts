/**
 * The author's check of one lesson folder (`npm run lesson:check -- lessons/12-last-will`), and
 * the exercise check that tests/lessons runs for every lesson: each problem names the file it
 * is in and, where there is one, the line, the way an author opens it: an error in line 3 of
 * goal.mqtts is `…/goal.mqtts:3`, not a line of the start scenario with the goal appended.
 *
 * Pure: it takes the files as a path -> text map (like `loadCatalogue`) and returns problems.
 */
import { checkAgainstGoal, exerciseEnd, lockProblems, type CheckOptions, type ExerciseCheck } from './check.ts';
import { loadCatalogue } from './load.ts';
import { LESSON_LANGS, type Exercise, type LessonCatalogue, type LoadProblem } from './lesson-model.ts';
import { keyedProblem as problem, problemMessage } from './problem-texts.ts';
import { structureProblems } from './structure.ts';
import { verdictWord } from '../scenario/index.ts';


/** A line starts an expectation. */
const EXPECT_LINE = /^\s*expect\b/;

function isCode(line: string): boolean {
  return line.trim() !== '' && !line.trim().startsWith('#');
}

/** `path:line: message`, as editors and terminals link it (`lang` de: the German message where there is one). */
export function formatProblem(p: LoadProblem, prefix = '', lang: 'en' | 'de' = 'en'): string {
  return `${prefix}${p.path}${p.line ? `:${p.line}` : ''}: ${problemMessage(p, lang)}`;
}

/** What failed, `FAIL expect …: why` (German `NICHT ERFÜLLT expect …: warum`), joined by `; `. */
function failedGoals(c: ExerciseCheck, lang: 'en' | 'de'): string {
  return c.goalResults.filter((g) => !g.pass).map((g) => `${verdictWord(false, lang)} ${g.expectation.text}: ${lang === 'de' ? g.messageDe : g.message}`).join('; ');
}

/**
 * Run `text` (the file `name`) with the goal appended, as the exercise runs it (its own end, its
 * locked lines), and put each error back where it was written: lines past the text belong to the
 * goal (or the predict check, `appendedName`).
 */
function runWithGoal(exercise: Exercise, dir: string, name: string, text: string, goal: string, appendedName: string, options: CheckOptions): { check: ExerciseCheck; errors: LoadProblem[]; ownLines: number } {
  const ownLines = text.split('\n').length;
  const check = checkAgainstGoal(text, goal, options, exerciseEnd(exercise.start), lockProblems(exercise.start, text));
  const errors: LoadProblem[] = check.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) =>
      d.line <= ownLines
        ? { path: `${dir}/${name}`, line: d.line, message: `${d.column}: ${d.message}`, messageDe: `${d.column}: ${d.messageDe ?? d.message}` }
        : { path: `${dir}/${appendedName}`, line: d.line - ownLines, message: `${d.column}: ${d.message}`, messageDe: `${d.column}: ${d.messageDe ?? d.message}` },
    );
  return { check, errors, ownLines };
}

/**
 * Everything wrong with one exercise (empty when it is sound): the goal holds only expect
 * lines and the start and solution none; the start runs and does NOT reach the goal; the
 * solution reaches it; every predict check is valid and true on the solution (a choice's own
 * check exactly for the right choice); the solution keeps the start's locked lines; every cheat
 * file runs and does NOT reach the goal (a cheat that changes a locked line fails by that alone).
 */
export function exerciseProblems(exercise: Exercise, options: CheckOptions = {}): LoadProblem[] {
  const out: LoadProblem[] = [];
  const dir = `${exercise.lessonId}/exercises/${exercise.id}`;
  const goalPath = `${dir}/goal.mqtts`;
  const goalLines = exercise.goal.split('\n');
  if (!goalLines.some(isCode)) out.push(problem(goalPath, 'goal.no-expect'));
  goalLines.forEach((l, i) => {
    if (isCode(l) && !EXPECT_LINE.test(l)) out.push(problem(goalPath, 'goal.only-expect', { text: l.trim() }, i + 1));
  });
  for (const file of ['start', 'solution'] as const) {
    exercise[file].split('\n').forEach((l, i) => {
      if (isCode(l) && EXPECT_LINE.test(l)) out.push(problem(`${dir}/${file}.mqtts`, 'scenario.has-expect', {}, i + 1));
    });
  }
  const failures = (name: string, r: ReturnType<typeof runWithGoal>): LoadProblem[] =>
    r.check.goalResults
      .filter((g) => !g.pass)
      .map((g) => problem(goalPath, 'goal.fails', { file: name, message: { en: g.message, de: g.messageDe } }, g.expectation.range.line - r.ownLines));

  const start = runWithGoal(exercise, dir, 'start.mqtts', exercise.start, exercise.goal, 'goal.mqtts', options);
  out.push(...start.errors);
  if (start.check.ran && start.check.solved) out.push(problem(`${dir}/start.mqtts`, 'start.solved'));
  if (start.check.truncated) out.push(problem(`${dir}/start.mqtts`, 'run.step-limit'));

  const solution = runWithGoal(exercise, dir, 'solution.mqtts', exercise.solution, exercise.goal, 'goal.mqtts', options);
  for (const l of solution.check.locked) out.push(problem(`${dir}/solution.mqtts`, 'solution.locked', { message: { en: l.message, de: l.messageDe } }));
  out.push(...solution.errors.filter((e) => !start.errors.some((s) => s.path === e.path && s.path === goalPath && s.line === e.line)));
  if (solution.check.ran) {
    if (solution.check.goalResults.length === 0) out.push(problem(goalPath, 'goal.unchecked'));
    out.push(...failures('solution.mqtts', solution));
  }
  if (solution.check.truncated) out.push(problem(`${dir}/solution.mqtts`, 'run.step-limit'));

  const predictPath = `${dir}/predict.json`;
  exercise.predict.forEach((q, i) => {
    const syntax = (r: ReturnType<typeof runWithGoal>, which: { en: string; de: string }): boolean => {
      const own = r.errors.filter((e) => e.path === predictPath);
      for (const e of own) out.push(problem(predictPath, 'predict-run.syntax', { question: i + 1, which, line: e.line ?? 0, error: { en: e.message, de: e.messageDe ?? e.message } }));
      return own.length > 0;
    };
    if (!solution.check.ran) return;
    const right = runWithGoal(exercise, dir, 'solution.mqtts', exercise.solution, q.check, 'predict.json', options);
    if (!syntax(right, { en: '', de: '' }) && !right.check.solved) out.push(problem(predictPath, 'predict-run.fails', { question: i + 1, failed: { en: failedGoals(right.check, 'en'), de: failedGoals(right.check, 'de') } }));
    q.choices.forEach((c, j) => {
      if (c.check === undefined) return;
      const r = runWithGoal(exercise, dir, 'solution.mqtts', exercise.solution, c.check, 'predict.json', options);
      if (syntax(r, { en: `, choice ${j + 1}`, de: `, Antwort ${j + 1}` })) return;
      if (j === q.answer && !r.check.solved) out.push(problem(predictPath, 'predict-run.answer-fails', { question: i + 1, choice: j + 1, failed: { en: failedGoals(r.check, 'en'), de: failedGoals(r.check, 'de') } }));
      else if (j !== q.answer && r.check.solved) out.push(problem(predictPath, 'predict-run.wrong-passes', { question: i + 1, choice: j + 1 }));
    });
  });

  for (const { name: file, text } of exercise.cheats) {
    const cheat = runWithGoal(exercise, dir, file, text, exercise.goal, 'goal.mqtts', options);
    out.push(...cheat.errors.filter((e) => e.path !== goalPath));
    if (cheat.check.ran && cheat.check.solved) out.push(problem(`${dir}/${file}`, 'cheat.solves'));
  }
  return out;
}

/** `exerciseProblems` as `path:line: message` strings (empty when the exercise is sound). */
export function verifyExercise(exercise: Exercise, options: CheckOptions = {}): string[] {
  return exerciseProblems(exercise, options).map((p) => formatProblem(p));
}

/** A learner's pace for the `minutes` check: reading a technical text, a try-it (load, run, click), an exercise. */
const WORDS_PER_MINUTE = 150;
const MINUTES_PER_TRY_IT = 3;
const MINUTES_PER_EXERCISE = 5;

/** The least time a lesson takes: its text read, its try-its run, its exercises done (at the quickest). */
function minutesEstimate(body: string, tryIts: number, exercises: number): { minutes: number; words: number; tryIts: number } {
  const words = body.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return { minutes: Math.round(words / WORDS_PER_MINUTE + tryIts * MINUTES_PER_TRY_IT + exercises * MINUTES_PER_EXERCISE), words, tryIts };
}

/**
 * Every problem of one lesson folder (`folder` = `12-last-will`), given all files below
 * lessons/ (other lessons and the glossary are needed to resolve links): loading, structure
 * in both languages, and every exercise run in the simulator.
 */
export function checkLessonFolder(files: Readonly<Record<string, string>>, folder: string, options: CheckOptions = {}): { problems: LoadProblem[]; catalogue: LessonCatalogue; exercises: number } {
  const catalogue = loadCatalogue(files);
  const mine = (p: LoadProblem): boolean => p.path === folder || p.path.startsWith(`${folder}/`);
  const problems = [...catalogue.problems.filter(mine), ...structureProblems(catalogue).filter(mine)];
  const lesson = catalogue.lessons.find((l) => l.id === folder);
  if (!lesson) {
    if (problems.length === 0) problems.push(problem(folder, 'folder.no-lesson'));
    return { problems, catalogue, exercises: 0 };
  }
  for (const x of lesson.exercises) problems.push(...exerciseProblems(x, options));
  for (const lang of LESSON_LANGS) {
    const { meta, body, outline, keyLines } = lesson.text[lang];
    if (meta.minutes < 5 * lesson.exercises.length) {
      problems.push(problem(`${folder}/lesson.${lang}.md`, 'minutes.per-exercise', { minutes: meta.minutes, exercises: lesson.exercises.length }, keyLines.minutes));
      continue;
    }
    const estimate = minutesEstimate(body, outline.blocks.filter((b) => b.lang === 'mqtts' || b.lang.startsWith('widget')).length, lesson.exercises.length);
    if (meta.minutes < estimate.minutes) {
      problems.push(problem(`${folder}/lesson.${lang}.md`, 'minutes.estimate', { minutes: meta.minutes, estimate: estimate.minutes, words: estimate.words, perMinute: WORDS_PER_MINUTE, tryIts: estimate.tryIts, perTryIt: MINUTES_PER_TRY_IT, exercises: lesson.exercises.length, perExercise: MINUTES_PER_EXERCISE }, keyLines.minutes));
    }
  }
  return { problems, catalogue, exercises: lesson.exercises.length };
}
