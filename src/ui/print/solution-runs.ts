/**
 * The solution of each exercise, run headless to the exercise's end (as the checker runs it):
 * the trace and the actors its sequence diagram on a worksheet is drawn from. Loaded lazily with
 * the worksheet (it needs the scenario kernel).
 */
import type { Exercise } from '../../lessons/lesson-model.ts';
import { exerciseEnd } from '../../lessons/check.ts';
import { runScenario } from '../../scenario/run.ts';
import type { TraceEntry } from '../../sim/trace.ts';

export interface SolutionRun {
  trace: readonly TraceEntry[];
  actors: readonly string[];
}

export function solutionRun(exercise: Exercise): SolutionRun {
  const run = runScenario(exercise.solution, { end: exerciseEnd(exercise.start) });
  return { trace: run.trace, actors: run.world ? [...run.world.statics.defs.keys()] : [] };
}
