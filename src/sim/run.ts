/**
 * Running a world for a while. Every loop has a limit (TigerBeetle: "put a limit on
 * everything"): a run stops at `maxSteps` and says so, so a scenario that never goes quiet
 * (a periodic `$SYS` timer, a reconnect loop) cannot hang a test or the browser.
 */
import { Step, type TraceSink } from './step.ts';
import type { World } from './world.ts';
import type { TraceEntry } from './trace.ts';

export interface RunResult {
  world: World;
  /** The run's trace entries (empty when they went `into` a store). */
  entries: TraceEntry[];
  /** Steps taken. */
  steps: number;
  /** True when the run stopped because it hit `maxSteps`. */
  truncated: boolean;
}

export const DEFAULT_MAX_STEPS = 1_000_000;

/**
 * Run every event due at or before `untilMs`, then set the clock to `untilMs`. The steps run in
 * one builder (step.ts), so the run freezes the world once, not after every step; the world
 * and the trace are the same as those of single steps. With `into` each entry goes into that
 * store as it is made (src/sim/trace-log.ts) instead of into `entries`.
 */
export function runUntil(world: World, untilMs: number, { maxSteps = DEFAULT_MAX_STEPS, into }: { maxSteps?: number; into?: TraceSink } = {}): RunResult {
  const s = new Step(world, into);
  let steps = 0;
  let truncated = false;
  for (let event = s.next(); event !== undefined && event.atMs <= untilMs; event = s.next()) {
    if (steps >= maxSteps) {
      truncated = true;
      break;
    }
    s.take(event);
    steps++;
  }
  if (steps > 0) world = s.finish();
  if (!truncated && Number.isFinite(untilMs) && world.nowMs < untilMs) world = { ...world, nowMs: untilMs };
  return { world, entries: s.entries, steps, truncated };
}

/** Run for `durationMs` of virtual time. */
export function runFor(world: World, durationMs: number, options?: { maxSteps?: number }): RunResult {
  return runUntil(world, world.nowMs + durationMs, options);
}

/** Run until nothing is queued (or `maxSteps`). */
export function runUntilIdle(world: World, { maxSteps = DEFAULT_MAX_STEPS } = {}): RunResult {
  return runUntil(world, Number.POSITIVE_INFINITY, { maxSteps });
}
