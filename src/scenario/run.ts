/**
 * Running a scenario headless to its end: parse, compile, build the world, schedule every
 * command, run to the end time (bounded by a step limit), check the expectations.
 */
import { runUntil } from '../sim/run.ts';
import type { TraceEntry } from '../sim/trace.ts';
import { createWorld, schedule, type World } from '../sim/world.ts';
import type { ActorFactories } from './actors.ts';
import { compileScenario, type CompiledScenario } from './compile.ts';
import type { Diagnostic } from './diagnostics.ts';
import { checkExpectations } from './expectations.ts';
import type { ExpectationResult } from './expect-result.ts';
import { parseScenario } from './parser.ts';

export interface RunOptions {
  /** Overrides the scenario's `seed` line. */
  seed?: number;
  /** Step limit of the run (default 200,000). */
  maxSteps?: number;
  actors?: ActorFactories;
  /**
   * Overrides where the run ends: a time, or `settle` (as if there were no `end` line). An
   * exercise owns its end, so a learner's `end` line cannot cut its check short.
   */
  end?: number | 'settle';
}

export interface RunResult {
  diagnostics: Diagnostic[];
  /** False when the scenario has errors (then nothing ran and trace/results are empty). */
  ran: boolean;
  trace: TraceEntry[];
  results: ExpectationResult[];
  /** The final world (the initial one when nothing ran). */
  world: World | undefined;
  compiled: CompiledScenario | undefined;
  /** True when the step limit stopped the run before its end time. */
  truncated: boolean;
}

/** The world with every command of a compiled scenario scheduled. */
export function buildWorld(compiled: CompiledScenario): World {
  let world = createWorld(compiled.worldConfig);
  for (const [client, link] of Object.entries(compiled.links)) {
    const cable = world.cables.get(client);
    if (cable) world = { ...world, cables: world.cables.set(client, { ...cable, ...link }) };
  }
  for (const { atMs, command } of compiled.commands) world = schedule(world, atMs, command);
  return world;
}

/** Parse, compile, run to the end and check: one call for tests, lessons and the CLI. */
export function runScenario(text: string, options: RunOptions = {}): RunResult {
  const parsed = parseScenario(text);
  const diagnostics = parsed.diagnostics;
  let scenario = parsed.scenario;
  if (options.end !== undefined) {
    const { endAtMs: _own, ...rest } = scenario;
    scenario = options.end === 'settle' ? rest : { ...rest, endAtMs: options.end };
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    return { diagnostics, ran: false, trace: [], results: [], world: undefined, compiled: undefined, truncated: false };
  }
  const compiled = compileScenario(scenario, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.actors ? { actors: options.actors } : {}) });
  const run = runUntil(buildWorld(compiled), compiled.endMs, { maxSteps: options.maxSteps ?? 200_000 });
  const results = checkExpectations(compiled.expectations, run.entries, run.world, run.truncated ? { atMs: run.world.nowMs, endMs: compiled.endMs } : undefined);
  return { diagnostics, ran: true, trace: run.entries, results, world: run.world, compiled, truncated: run.truncated };
}
