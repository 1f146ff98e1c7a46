/**
 * Running a world for a while. Every loop has a limit (TigerBeetle: "put a limit on
 * everything"): a run stops at `maxSteps` and says so, so a scenario that never goes quiet
 * (a periodic `$SYS` timer, a reconnect loop) cannot hang a test or the browser.
 */
import { nextEventAt, step, type World } from './world.ts';
import type { TraceEntry } from './trace.ts';

export interface RunResult {
  world: World;
  entries: TraceEntry[];
  /** Steps taken. */
  steps: number;
  /** True when the run stopped because it hit `maxSteps`. */
  truncated: boolean;
}

export const DEFAULT_MAX_STEPS = 1_000_000;

/** Run every event due at or before `untilMs`, then set the clock to `untilMs`. */
export function runUntil(world: World, untilMs: number, { maxSteps = DEFAULT_MAX_STEPS } = {}): RunResult {
  const entries: TraceEntry[] = [];
  let steps = 0;
  for (;;) {
    const at = nextEventAt(world);
    if (at === undefined || at > untilMs) break;
    if (steps >= maxSteps) return { world, entries, steps, truncated: true };
    const r = step(world);
    world = r.world;
    for (const e of r.entries) entries.push(e);
    steps++;
  }
  if (Number.isFinite(untilMs) && world.nowMs < untilMs) world = { ...world, nowMs: untilMs };
  return { world, entries, steps, truncated: false };
}

/** Run for `durationMs` of virtual time. */
export function runFor(world: World, durationMs: number, options?: { maxSteps?: number }): RunResult {
  return runUntil(world, world.nowMs + durationMs, options);
}

/** Run until nothing is queued (or `maxSteps`). */
export function runUntilIdle(world: World, { maxSteps = DEFAULT_MAX_STEPS } = {}): RunResult {
  return runUntil(world, Number.POSITIVE_INFINITY, { maxSteps });
}
