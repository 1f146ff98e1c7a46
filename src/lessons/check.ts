/**
 * Checking a learner's work: the learner's scenario text with the exercise's goal appended
 * (`text + "\n" + goal`), run headless with `runScenario`. Because the goal is appended, any
 * route that reaches it passes, and deleting a goal is impossible (learnGitBranching's rule:
 * check the resulting state, never the commands typed).
 *
 * The exercise also owns what the goal cannot see: lines of its start marked `# locked` must
 * stay in the learner's text unchanged (the task's own rules, such as "the dashboard still
 * starts at 3 s"), and the run ends where the exercise says (the start's own `at T end`, else
 * when everything settled): a learner's `end` line cannot cut the run short.
 *
 * Also: predict-then-run answers. The teacher's check that an exercise is sound is
 * `exerciseProblems` in lesson-check.ts (with file and line for every problem).
 */
import { parseScenario, runScenario, type Diagnostic, type ExpectationResult } from '../scenario/index.ts';
import type { Exercise, PredictQuestion } from './lesson-model.ts';
import { problemText } from './problem-texts.ts';

/** Options of a check run. */
export interface CheckOptions {
  /** Seed of the run (default: the scenario's `seed` line, else 1). */
  seed?: number;
  /** Step limit (default: runScenario's). */
  maxSteps?: number;
}

/** The outcome of checking one scenario text against a goal. */
export interface ExerciseCheck {
  /** True when every goal expectation passed. */
  solved: boolean;
  /** False when the text has errors, so nothing ran. */
  ran: boolean;
  /** Diagnostics of the learner's text (lines as in the learner's text). */
  diagnostics: Diagnostic[];
  /** Results of the goal's expectations, in goal order. */
  goalResults: ExpectationResult[];
  /** Results of expect lines the learner wrote themselves (not needed to solve). */
  ownResults: ExpectationResult[];
  /** True when the step limit stopped the run early. */
  truncated: boolean;
  /** Locked lines of the start that the learner changed or deleted (solved is then false). */
  locked: LockProblem[];
}

/** A `# locked` line of the start that is missing from the learner's text. */
export interface LockProblem {
  /** Its line in the start. */
  line: number;
  /** The line without its marker. */
  text: string;
  message: string;
  messageDe: string;
}

/** The marker of a locked start line: a trailing `# locked` comment. */
const LOCK_MARK = /\s#\s*locked\b.*$/;

/** A line for comparison: without a lock marker, spaces collapsed. */
function normalise(line: string): string {
  return line.replace(LOCK_MARK, '').trim().replace(/\s+/g, ' ');
}

/** The lines of a start marked `# locked` (1-based line numbers, text without the marker). */
export function lockedLines(start: string): { line: number; text: string }[] {
  return start.split('\n').flatMap((l, i) => (LOCK_MARK.test(l) && normalise(l) !== '' ? [{ line: i + 1, text: normalise(l) }] : []));
}

/** The locked lines of `start` that `text` does not contain unchanged (a comment after them is allowed). */
export function lockProblems(start: string, text: string): LockProblem[] {
  const have = text.split('\n').map(normalise);
  return lockedLines(start)
    .filter((l) => !have.some((h) => h === l.text || h.startsWith(`${l.text} #`)))
    .map((l) => ({
      ...l,
      message: problemText('exercise.locked-line', l, 'en'),
      messageDe: problemText('exercise.locked-line', l, 'de'),
    }));
}

/** Where the exercise's run ends: the start's own `end` line, else when everything settled. */
export function exerciseEnd(start: string): number | 'settle' {
  return parseScenario(start).scenario.endAtMs ?? 'settle';
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** Run `text` with `goal` appended and sort the results into the goal's and the learner's own. */
export function checkAgainstGoal(text: string, goal: string, options: CheckOptions = {}, end?: number | 'settle', locked: LockProblem[] = []): ExerciseCheck {
  const ownLines = lineCount(text);
  const run = runScenario(`${text}\n${goal}`, { ...options, ...(end !== undefined ? { end } : {}) });
  const goalResults = run.results.filter((r) => r.expectation.range.line > ownLines);
  const ownResults = run.results.filter((r) => r.expectation.range.line <= ownLines);
  return {
    solved: run.ran && goalResults.length > 0 && goalResults.every((r) => r.pass) && locked.length === 0,
    ran: run.ran,
    diagnostics: run.diagnostics,
    goalResults,
    ownResults,
    truncated: run.truncated,
    locked,
  };
}

/**
 * Check a learner's scenario text against an exercise's goal, its locked lines and its end
 * (the learner's own `end` lines do not count).
 */
export function checkExercise(exercise: Exercise, learnerText: string, options: CheckOptions = {}): ExerciseCheck {
  return checkAgainstGoal(learnerText, exercise.goal, options, exerciseEnd(exercise.start), lockProblems(exercise.start, learnerText));
}

/** The answer to a predict-then-run question. */
export interface PredictAnswer {
  correct: boolean;
  /** Index of the right choice. */
  answer: number;
}

/** Whether `choice` is the right answer (what the learner sees before pressing play). */
export function checkPredictAnswer(question: PredictQuestion, choice: number): PredictAnswer {
  return { correct: choice === question.answer, answer: question.answer };
}

/**
 * Run the question's `check` against the exercise's solution: the simulation's own proof of
 * the answer (what the learner sees after pressing play).
 */
export function runPredictCheck(exercise: Exercise, question: PredictQuestion, options: CheckOptions = {}): ExerciseCheck {
  return checkAgainstGoal(exercise.solution, question.check, options, exerciseEnd(exercise.start));
}
