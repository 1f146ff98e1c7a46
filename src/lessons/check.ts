/**
 * Checking a learner's work: the learner's scenario text with the exercise's goal appended
 * (`text + "\n" + goal`), run headless with `runScenario`. Because the goal is appended, any
 * route that reaches it passes, and deleting a goal is impossible (learnGitBranching's rule:
 * check the resulting state, never the commands typed).
 *
 * Also: predict-then-run answers. The teacher's check that an exercise is sound is
 * `exerciseProblems` in lesson-check.ts.
 */
import { runScenario, type Diagnostic, type ExpectationResult } from '../scenario/index.ts';
import type { Exercise, PredictQuestion } from './lesson-model.ts';

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
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** Run `text` with `goal` appended and sort the results into the goal's and the learner's own. */
export function checkAgainstGoal(text: string, goal: string, options: CheckOptions = {}): ExerciseCheck {
  const ownLines = lineCount(text);
  const run = runScenario(`${text}\n${goal}`, options);
  const goalResults = run.results.filter((r) => r.expectation.range.line > ownLines);
  const ownResults = run.results.filter((r) => r.expectation.range.line <= ownLines);
  return {
    solved: run.ran && goalResults.length > 0 && goalResults.every((r) => r.pass),
    ran: run.ran,
    diagnostics: run.diagnostics,
    goalResults,
    ownResults,
    truncated: run.truncated,
  };
}

/** Check a learner's scenario text against an exercise's goal. */
export function checkExercise(exercise: Exercise, learnerText: string, options: CheckOptions = {}): ExerciseCheck {
  return checkAgainstGoal(learnerText, exercise.goal, options);
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
  return checkAgainstGoal(exercise.solution, question.check, options);
}
