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
import { structureProblems } from './structure.ts';
import { verdictWord } from '../scenario/index.ts';


/** A line starts an expectation. */
const EXPECT_LINE = /^\s*expect\b/;

function isCode(line: string): boolean {
  return line.trim() !== '' && !line.trim().startsWith('#');
}

/** `path:line: message`, as editors and terminals link it (`lang` de: the German message where there is one). */
export function formatProblem(p: LoadProblem, prefix = '', lang: 'en' | 'de' = 'en'): string {
  return `${prefix}${p.path}${p.line ? `:${p.line}` : ''}: ${lang === 'de' && p.messageDe !== undefined ? p.messageDe : p.message}`;
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
  if (!goalLines.some(isCode)) out.push({ path: goalPath, message: 'no expect lines: the goal says what "solved" means', messageDe: 'keine expect-Zeilen: Die Ziele sagen, was „gelöst“ heißt' });
  goalLines.forEach((l, i) => {
    if (isCode(l) && !EXPECT_LINE.test(l)) out.push({ path: goalPath, line: i + 1, message: `only expect lines belong here, not \`${l.trim()}\``, messageDe: `hierher gehören nur expect-Zeilen, nicht \`${l.trim()}\`` });
  });
  for (const file of ['start', 'solution'] as const) {
    exercise[file].split('\n').forEach((l, i) => {
      if (isCode(l) && EXPECT_LINE.test(l)) out.push({ path: `${dir}/${file}.mqtts`, line: i + 1, message: 'expect lines belong in goal.mqtts', messageDe: 'expect-Zeilen gehören in goal.mqtts' });
    });
  }
  const failures = (name: string, r: ReturnType<typeof runWithGoal>): LoadProblem[] =>
    r.check.goalResults
      .filter((g) => !g.pass)
      .map((g) => ({ path: goalPath, line: g.expectation.range.line - r.ownLines, message: `fails with ${name}: ${g.message}`, messageDe: `scheitert mit ${name}: ${g.messageDe}` }));

  const start = runWithGoal(exercise, dir, 'start.mqtts', exercise.start, exercise.goal, 'goal.mqtts', options);
  out.push(...start.errors);
  if (start.check.ran && start.check.solved) out.push({ path: `${dir}/start.mqtts`, message: 'already reaches the goal: the learner would have nothing to do (at least one expectation must fail)', messageDe: 'erreicht die Ziele schon: Es bliebe nichts zu tun (mindestens ein Ziel muss verfehlt werden)' });
  if (start.check.truncated) out.push({ path: `${dir}/start.mqtts`, message: 'the run hit the step limit', messageDe: 'der Lauf hat die Schrittgrenze erreicht' });

  const solution = runWithGoal(exercise, dir, 'solution.mqtts', exercise.solution, exercise.goal, 'goal.mqtts', options);
  for (const l of solution.check.locked) out.push({ path: `${dir}/solution.mqtts`, message: `changes a locked line of the start: ${l.message}`, messageDe: `ändert eine gesperrte Zeile des Starts: ${l.messageDe}` });
  out.push(...solution.errors.filter((e) => !start.errors.some((s) => s.path === e.path && s.path === goalPath && s.line === e.line)));
  if (solution.check.ran) {
    if (solution.check.goalResults.length === 0) out.push({ path: goalPath, message: 'no expectation was checked', messageDe: 'kein Ziel wurde geprüft' });
    out.push(...failures('solution.mqtts', solution));
  }
  if (solution.check.truncated) out.push({ path: `${dir}/solution.mqtts`, message: 'the run hit the step limit', messageDe: 'der Lauf hat die Schrittgrenze erreicht' });

  const predictPath = `${dir}/predict.json`;
  exercise.predict.forEach((q, i) => {
    const name = `question ${i + 1}`;
    const nameDe = `Frage ${i + 1}`;
    const syntax = (r: ReturnType<typeof runWithGoal>, what: { en: string; de: string }): boolean => {
      const own = r.errors.filter((e) => e.path === predictPath);
      for (const e of own) out.push({ path: predictPath, message: `${name}${what.en}: its check has errors (check line ${e.line}, column ${e.message})`, messageDe: `${nameDe}${what.de}: ihre Prüfung hat Fehler (Zeile ${e.line} der Prüfung, Spalte ${e.messageDe ?? e.message})` });
      return own.length > 0;
    };
    if (!solution.check.ran) return;
    const right = runWithGoal(exercise, dir, 'solution.mqtts', exercise.solution, q.check, 'predict.json', options);
    if (!syntax(right, { en: '', de: '' }) && !right.check.solved) out.push({ path: predictPath, message: `${name}: its check fails on the solution, so the answer is not what the simulation does: ${failedGoals(right.check, 'en')}`, messageDe: `${nameDe}: ihre Prüfung scheitert mit der Lösung, die Antwort ist also nicht, was die Simulation tut: ${failedGoals(right.check, 'de')}` });
    q.choices.forEach((c, j) => {
      if (c.check === undefined) return;
      const r = runWithGoal(exercise, dir, 'solution.mqtts', exercise.solution, c.check, 'predict.json', options);
      if (syntax(r, { en: `, choice ${j + 1}`, de: `, Antwort ${j + 1}` })) return;
      if (j === q.answer && !r.check.solved) out.push({ path: predictPath, message: `${name}, choice ${j + 1} (the answer): its check fails on the solution: ${failedGoals(r.check, 'en')}`, messageDe: `${nameDe}, Antwort ${j + 1} (die richtige): ihre Prüfung scheitert mit der Lösung: ${failedGoals(r.check, 'de')}` });
      else if (j !== q.answer && r.check.solved) out.push({ path: predictPath, message: `${name}, choice ${j + 1} (a wrong choice): its check passes on the solution, so this choice is right too`, messageDe: `${nameDe}, Antwort ${j + 1} (eine falsche): ihre Prüfung gelingt mit der Lösung, also ist diese Antwort auch richtig` });
    });
  });

  for (const { name: file, text } of exercise.cheats) {
    const cheat = runWithGoal(exercise, dir, file, text, exercise.goal, 'goal.mqtts', options);
    out.push(...cheat.errors.filter((e) => e.path !== goalPath));
    if (cheat.check.ran && cheat.check.solved) out.push({ path: `${dir}/${file}`, message: 'reaches the goal: the wrong answer it shows is accepted (close the loophole in goal.mqtts)', messageDe: 'erreicht die Ziele: Die falsche Antwort, die sie zeigt, wird angenommen (schließe die Lücke in goal.mqtts)' });
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
    if (problems.length === 0) problems.push({ path: folder, message: 'no such lesson (a folder NN-slug with lesson.en.md and lesson.de.md)' });
    return { problems, catalogue, exercises: 0 };
  }
  for (const x of lesson.exercises) problems.push(...exerciseProblems(x, options));
  for (const lang of LESSON_LANGS) {
    const { meta, body, outline } = lesson.text[lang];
    if (meta.minutes < 5 * lesson.exercises.length) {
      problems.push({ path: `${folder}/lesson.${lang}.md`, message: `\`minutes: ${meta.minutes}\` is less than 5 per exercise (${lesson.exercises.length} exercises): update it`, messageDe: `\`minutes: ${meta.minutes}\` ist weniger als 5 je Aufgabe (${lesson.exercises.length} Aufgaben): bitte anpassen` });
      continue;
    }
    const estimate = minutesEstimate(body, outline.blocks.filter((b) => b.lang === 'mqtts' || b.lang.startsWith('widget')).length, lesson.exercises.length);
    if (meta.minutes < estimate.minutes) {
      problems.push({ path: `${folder}/lesson.${lang}.md`, message: `\`minutes: ${meta.minutes}\` is less than a realistic ${estimate.minutes} (${estimate.words} words to read at ${WORDS_PER_MINUTE} a minute, ${estimate.tryIts} try-it(s) at ${MINUTES_PER_TRY_IT}, ${lesson.exercises.length} exercise(s) at ${MINUTES_PER_EXERCISE}): update it`, messageDe: `\`minutes: ${meta.minutes}\` ist weniger als realistische ${estimate.minutes} (${estimate.words} Wörter zu lesen bei ${WORDS_PER_MINUTE} je Minute, ${estimate.tryIts} Ausprobier-Block/-Blöcke zu je ${MINUTES_PER_TRY_IT}, ${lesson.exercises.length} Aufgabe(n) zu je ${MINUTES_PER_EXERCISE}): bitte anpassen` });
    }
  }
  return { problems, catalogue, exercises: lesson.exercises.length };
}
