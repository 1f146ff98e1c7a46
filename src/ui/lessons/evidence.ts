/**
 * Landing on the evidence: after "Start exercise", after "Check" and on each goal's "Show me",
 * the run pauses at the moment a goal was met or missed, the sequence diagram shows and
 * highlights the entries that prove it, and the stage shows that moment.
 *
 * A check runs the learner's text with the goal appended (src/lessons/check.ts); goals are
 * `expect` lines, which change nothing in the run, so the check's trace is the trace the
 * sandbox shows for the same text (same seed), and its evidence seqs are the sandbox's seqs.
 * `Simulation.showMoment` falls back to the time when they do not match.
 */
import type { ExerciseCheck } from '../../lessons/check.ts';
import type { ExpectationResult } from '../../scenario/index.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import type { Exercise } from '../../lessons/lesson-model.ts';
import type { LessonsState } from '../state/lessons.svelte.ts';
import type { ScenarioDocument } from '../state/scenario.svelte.ts';
import type { Simulation } from '../state/simulation.svelte.ts';

export interface GoalMoment {
  /** The entries that show the goal met (or its closest miss), possibly none. */
  evidence: readonly { seq: number; atMs: number }[];
  /** The virtual time to show. */
  atMs: number;
}

const KEEPALIVE = /^(PINGREQ|PINGRESP)\b/;

/** The time of the last packet that is not a keep-alive ping (where a failed run "stopped happening"). */
function lastActivity(trace: readonly TraceEntry[]): number | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if ((e.kind === 'send' || e.kind === 'deliver' || e.kind === 'drop') && e.packet && !KEEPALIVE.test(e.summary ?? '')) return e.atMs;
  }
  return undefined;
}

/**
 * The moment that shows a goal: its evidence (the matching deliveries, the will, or the closest
 * miss), else its deadline (`by`), else the last packet that was not a ping, else the end.
 */
export function goalMoment(result: ExpectationResult, trace: readonly TraceEntry[], endMs: number): GoalMoment {
  const evidence = result.evidence;
  if (evidence.length > 0) return { evidence, atMs: Math.max(...evidence.map((e) => e.atMs)) };
  const e = result.expectation;
  const byMs = 'byMs' in e ? e.byMs : undefined;
  if (byMs !== undefined) return { evidence: [], atMs: Math.min(byMs, endMs) };
  return { evidence: [], atMs: lastActivity(trace) ?? endMs };
}

/**
 * The goal a check lands on: the first goal missed; when all are met, the one met last (the
 * moment the exercise was solved). Undefined when nothing ran.
 */
export function landingGoal(check: ExerciseCheck): ExpectationResult | undefined {
  if (!check.ran || check.goalResults.length === 0) return undefined;
  const missed = check.goalResults.find((r) => !r.pass);
  if (missed) return missed;
  const at = (r: ExpectationResult) => (r.evidence.length > 0 ? Math.max(...r.evidence.map((e) => e.atMs)) : -1);
  return check.goalResults.reduce((a, b) => (at(b) >= at(a) ? b : a));
}

/** Show `result`'s moment in the sandbox. */
export function showGoal(simulation: Simulation, result: ExpectationResult): void {
  if (!simulation.loaded) return;
  const moment = goalMoment(result, simulation.fullTrace, simulation.endMs);
  simulation.showMoment(moment.evidence, moment.atMs);
}

/** Show the moment a check lands on (see `landingGoal`); false when there is none. */
export function showCheck(simulation: Simulation, check: ExerciseCheck): boolean {
  const goal = landingGoal(check);
  if (!goal) return false;
  showGoal(simulation, goal);
  return true;
}

/**
 * Check the editor's text against `exercise` ("Check" in the exercise bar and on the card) and
 * land on the evidence of the text that was checked: it is run first when it changed. Waits for
 * the checker chunk when it has not loaded yet (`LessonsState.checking` meanwhile).
 */
export async function checkText(lessons: LessonsState, exercise: Exercise, scenario: ScenarioDocument): Promise<ExerciseCheck | null> {
  const result = await lessons.checkWhenReady(exercise, scenario.text);
  if (result?.ran) {
    if (scenario.ranText !== scenario.text) scenario.run();
    showCheck(scenario.simulation, result);
  }
  return result;
}
