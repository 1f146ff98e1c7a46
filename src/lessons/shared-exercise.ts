/**
 * A teacher's exercise from the builder or a link (exercise-link.ts) as the lesson code sees
 * it, and the builder's check before it lets the teacher share.
 *
 * `sharedToExercise` turns a `SharedExercise` into the `Exercise` that the exercise card, the
 * exercise bar and `checkExercise` already work with (key `x/DIGEST`, so progress keeps it apart
 * from the lessons' exercises); a language the teacher did not write falls back to the other.
 *
 * `checkShared` runs what `exerciseProblems` (lesson-check.ts, the check `npm test` runs for
 * every shipped exercise) runs, with the same runner (`checkAgainstGoal` with the start's end
 * and locked lines): the goal holds only expect lines and the start and solution none, the start
 * runs and does NOT reach the goal, the solution reaches it, every cheat does not; and it
 * reports each outcome in English and German for the builder, with the field and line where
 * the teacher fixes it. A link that would be refused (too large, a field too long) is a problem
 * too: the builder encodes and decodes it before it says "ready to share".
 */
import { checkAgainstGoal, exerciseEnd, lockProblems, type CheckOptions, type ExerciseCheck } from './check.ts';
import { decodeExercise, encodeExercise, exerciseDigest, MAX_EXERCISE_BYTES, type SharedExercise } from './exercise-link.ts';
import { LESSON_LANGS, type Exercise, type ExerciseText, type LessonLang } from './lesson-model.ts';
import { analyzeMarkdown } from './links.ts';
import { linkedExerciseKey } from './progress.ts';

/** The text of `lang`, else the other language's. */
function pick(b: { en?: string; de?: string }, lang: LessonLang): string {
  return (lang === 'en' ? (b.en ?? b.de) : (b.de ?? b.en)) ?? '';
}

/** The exercise as the lesson components use it (a missing language shows the other one). */
export function sharedToExercise(x: SharedExercise, digest = exerciseDigest(x)): Exercise {
  const text = (lang: LessonLang): ExerciseText => {
    const task = pick(x.task, lang);
    const hints = (lang === 'en' ? (x.hints.en ?? x.hints.de) : (x.hints.de ?? x.hints.en)) ?? [];
    return { title: pick(x.title, lang), task, hints, outline: analyzeMarkdown(task) };
  };
  return {
    id: digest,
    key: linkedExerciseKey(digest),
    lessonId: 'x',
    index: 1,
    text: { en: text('en'), de: text('de') },
    start: x.start,
    solution: x.solution ?? '',
    goal: x.goal,
    predict: (x.predict ?? []).map((q) => ({
      question: { en: pick(q.question, 'en'), de: pick(q.question, 'de') },
      choices: q.choices.map((c) => ({ en: pick(c, 'en'), de: pick(c, 'de') })),
      answer: q.answer,
      check: q.check,
    })),
    cheats: x.cheats.map((t, i) => ({ name: `cheat ${i + 1}`, text: t })),
  };
}

/** Where a problem is fixed in the builder. */
export type SharedField = 'title' | 'task' | 'start' | 'goal' | 'solution' | 'cheat' | 'hints' | 'predict' | 'link';

/** One problem, in both languages. */
export interface SharedProblem {
  field: SharedField;
  /** For a cheat or a predict question: which one (0-based). */
  index?: number;
  /** A line in that field, 1-based. */
  line?: number;
  en: string;
  de: string;
}

/** One scenario of the exercise run against the goal. */
export interface SharedRun {
  role: 'start' | 'solution' | 'cheat';
  index?: number;
  /** What it must do: the start and the cheats fail, the solution passes. */
  must: 'fail' | 'pass';
  /** It did what it must (and ran without errors). */
  ok: boolean;
  check: ExerciseCheck;
}

export interface SharedReport {
  /** Nothing stops sharing. */
  ok: boolean;
  problems: SharedProblem[];
  runs: SharedRun[];
  /** Size of the exercise in the link (UTF-8 bytes of its JSON) and the cap. */
  bytes: number;
  maxBytes: number;
}

const EXPECT_LINE = /^\s*expect\b/;
const isCode = (line: string) => line.trim() !== '' && !line.trim().startsWith('#');

/** Check an exercise as `npm test` checks a shipped one, before it is shared. */
export function checkShared(x: SharedExercise, options: CheckOptions = {}): SharedReport {
  const problems: SharedProblem[] = [];
  const langs = LESSON_LANGS.filter((l) => x.title[l] !== undefined || x.task[l] !== undefined);
  if (langs.length === 0) problems.push({ field: 'title', en: 'Give the exercise a title and a task in at least one language.', de: 'Gib der Aufgabe einen Titel und einen Aufgabentext in mindestens einer Sprache.' });
  for (const l of langs) {
    const name = { en: l === 'en' ? 'English' : 'German', de: l === 'en' ? 'Englisch' : 'Deutsch' };
    if (!x.title[l]?.trim()) problems.push({ field: 'title', en: `The ${name.en} title is empty.`, de: `Der Titel (${name.de}) ist leer.` });
    if (!x.task[l]?.trim()) problems.push({ field: 'task', en: `The ${name.en} task is empty.`, de: `Der Aufgabentext (${name.de}) ist leer.` });
  }
  const goalLines = x.goal.split('\n');
  if (!goalLines.some(isCode)) problems.push({ field: 'goal', en: 'No expect lines: the goals say what "solved" means.', de: 'Keine expect-Zeilen: Die Ziele legen fest, was „gelöst“ heißt.' });
  goalLines.forEach((l, i) => {
    if (isCode(l) && !EXPECT_LINE.test(l)) problems.push({ field: 'goal', line: i + 1, en: `Only expect lines belong here, not \`${l.trim()}\`.`, de: `Hier stehen nur expect-Zeilen, nicht \`${l.trim()}\`.` });
  });
  const scenarios: [SharedField, string, number?][] = [['start', x.start], ...(x.solution !== undefined ? [['solution', x.solution] as [SharedField, string]] : []), ...x.cheats.map((c, i): [SharedField, string, number] => ['cheat', c, i])];
  for (const [field, text, index] of scenarios) {
    text.split('\n').forEach((l, i) => {
      if (isCode(l) && EXPECT_LINE.test(l)) problems.push({ field, ...(index !== undefined ? { index } : {}), line: i + 1, en: 'Expect lines belong in the goals.', de: 'expect-Zeilen gehören zu den Zielen.' });
    });
  }

  const end = exerciseEnd(x.start);
  const run = (role: SharedRun['role'], text: string, must: SharedRun['must'], index?: number): SharedRun => {
    const check = checkAgainstGoal(text, x.goal, options, end, lockProblems(x.start, text));
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    const ownLines = text.split('\n').length;
    const field: SharedField = role;
    for (const d of errors) {
      const inGoal = d.line > ownLines;
      problems.push({
        field: inGoal ? 'goal' : field,
        ...(index !== undefined && !inGoal ? { index } : {}),
        line: inGoal ? d.line - ownLines : d.line,
        en: `${d.column}: ${d.message}`,
        de: `${d.column}: ${d.messageDe ?? d.message}`,
      });
    }
    const ok = check.ran && errors.length === 0 && !check.truncated && (must === 'pass' ? check.solved : !check.solved);
    return { role, ...(index !== undefined ? { index } : {}), must, ok, check };
  };
  const runs = [run('start', x.start, 'fail')];
  if (x.solution !== undefined) runs.push(run('solution', x.solution, 'pass'));
  x.cheats.forEach((c, i) => runs.push(run('cheat', c, 'fail', i)));
  for (const r of runs) {
    if (r.ok || !r.check.ran) continue;
    const where = r.role === 'cheat' ? { field: 'cheat' as const, index: r.index! } : { field: r.role };
    if (r.check.truncated) problems.push({ ...where, en: 'The run hit the step limit.', de: 'Der Lauf hat die Schrittgrenze erreicht.' });
    else if (r.role === 'start') problems.push({ ...where, en: 'The start already reaches the goals: the learner would have nothing to do.', de: 'Der Start erreicht die Ziele schon: Es bliebe nichts zu tun.' });
    else if (r.role === 'cheat') problems.push({ ...where, en: `Cheat ${r.index! + 1} reaches the goals: this wrong answer would be accepted (close the loophole in the goals).`, de: `Schummelantwort ${r.index! + 1} erreicht die Ziele: Diese falsche Antwort würde angenommen (schließe die Lücke in den Zielen).` });
    else {
      for (const l of r.check.locked) problems.push({ ...where, en: `Changes a locked line: ${l.message}`, de: `Ändert eine gesperrte Zeile: ${l.messageDe}` });
      for (const g of r.check.goalResults.filter((g) => !g.pass)) problems.push({ field: 'goal', line: g.expectation.range.line - (x.solution ?? '').split('\n').length, en: `Fails with the solution: ${g.message}`, de: `Schlägt mit der Lösung fehl: ${g.messageDe}` });
    }
  }

  // Predict-then-run questions: the answer's check must hold on the solution (as predict.json's).
  (x.predict ?? []).forEach((q, index) => {
    if (x.solution === undefined) {
      problems.push({ field: 'predict', index, en: 'A question needs the solution: the simulation confirms the answer by running it.', de: 'Eine Frage braucht die Lösung: Die Simulation bestätigt die Antwort, indem sie sie ausführt.' });
      return;
    }
    const solutionLines = x.solution.split('\n').length;
    const proof = checkAgainstGoal(x.solution, q.check, options, end);
    const errors = proof.diagnostics.filter((d) => d.severity === 'error' && d.line > solutionLines);
    for (const d of errors) problems.push({ field: 'predict', index, line: d.line - solutionLines, en: `${d.column}: ${d.message}`, de: `${d.column}: ${d.messageDe ?? d.message}` });
    if (errors.length === 0 && !proof.solved) {
      const why = proof.goalResults.filter((g) => !g.pass);
      problems.push({ field: 'predict', index, en: `Its check fails on the solution, so the answer is not what the simulation does: ${why.map((g) => g.message).join('; ')}`, de: `Ihre Prüfung scheitert mit der Lösung, die Antwort ist also nicht, was die Simulation tut: ${why.map((g) => g.messageDe).join('; ')}` });
    }
  });

  let bytes = new TextEncoder().encode(JSON.stringify(x)).length;
  if (bytes > MAX_EXERCISE_BYTES) problems.push({ field: 'link', en: `The exercise is too large for a link (${bytes} bytes, at most ${MAX_EXERCISE_BYTES}).`, de: `Die Aufgabe ist zu groß für einen Link (${bytes} Bytes, höchstens ${MAX_EXERCISE_BYTES}).` });
  else {
    const back = decodeExercise(encodeExercise(x));
    if (!back.ok) problems.push({ field: back.field?.startsWith('hints') ? 'hints' : 'link', en: `A link would be refused (${back.problem}${back.field ? `: ${back.field}` : ''}): shorten that part.`, de: `Ein Link würde abgelehnt (${back.problem}${back.field ? `: ${back.field}` : ''}): Kürze diesen Teil.` });
    else bytes = new TextEncoder().encode(JSON.stringify(back.exercise)).length;
  }
  return { ok: problems.length === 0 && runs.every((r) => r.ok), problems, runs, bytes, maxBytes: MAX_EXERCISE_BYTES };
}
