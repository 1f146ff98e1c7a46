/**
 * Expectations as the checklist shows them: each one met, failed or still pending at a moment of
 * the run. Owns the rule of when a result may be shown before the run's end (`expectationStatus`)
 * and how a goal judged over the whole run reads at the cursor (`goalNow`); the checks themselves
 * live in the scenario language (src/scenario/expectations.ts).
 *
 * Two views of one goal: *by now* (what the cursor has reached) and *whole run* (the verdict of
 * the run to its end). An exercise's goals (the last Check) and the learner's own `expect` lines
 * (`expectationViews`, when the sandbox has computed its run to the end) are both shown that way,
 * so a goal never reads "waiting" at the cursor while the run it belongs to has already failed it.
 */
import type { CompiledExpectation, ExpectationResult } from '../../scenario/index.ts';

export type ExpectationStatus = 'pass' | 'fail' | 'pending';

/** One expectation as the checklist shows it. */
export interface ExpectationView {
  expectation: CompiledExpectation;
  /** `upcoming` only with `now`: met over the run, later than the cursor. */
  status: GoalNowStatus;
  /** The whole run's result when `now` is there, else the result at the cursor. */
  result: ExpectationResult;
  /** The goal judged over the whole run, at the cursor (absent when the run's end is not known). */
  now?: GoalNow;
}

/**
 * Met, failed or still pending, at virtual time `nowMs` (`final`: the run is at its end).
 * Before the end, a result only counts when no later step can change it: a message received
 * (without an exact count) stays received, a `by` time that has passed stays passed, a message
 * that must never arrive and did stays a failure. Everything else waits for the end, and
 * expectations about the final state (sessions, retained messages) are only judged there.
 */
export function expectationStatus(e: CompiledExpectation, result: ExpectationResult, nowMs: number, final: boolean): ExpectationStatus {
  if (final) return result.pass ? 'pass' : 'fail';
  const deadlinePassed = 'byMs' in e && e.byMs !== undefined && nowMs > e.byMs;
  switch (e.kind) {
    case 'receives':
    case 'broker-receives': {
      if (deadlinePassed) return result.pass ? 'pass' : 'fail';
      const max = e.times ?? e.atMost;
      if (max === undefined) return result.pass ? 'pass' : 'pending';
      return result.pass || result.evidence.length <= max ? 'pending' : 'fail';
    }
    case 'sent-will':
    case 'disconnects-cleanly':
      if (result.pass) return 'pass';
      return deadlinePassed ? 'fail' : 'pending';
    case 'ack':
    case 'will-registered':
    case 'session-present':
    case 'connack-property':
    case 'broker-disconnects':
    case 'closed-without-connack':
      return result.pass ? 'pass' : 'pending';
    case 'never-receives':
    case 'no-will':
      return result.pass ? 'pending' : 'fail';
    default:
      return 'pending';
  }
}

/**
 * An exercise's goal as the checklist shows it at the cursor. The goal's result is the last
 * Check's, over the whole run (the exercise bar counts the same results, and the learner may have
 * stepped anywhere since), so it is shown as that verdict *and* as what has happened by now:
 * - `pass`: met over the run and the cursor has reached the moment it was met (`atMs`);
 * - `upcoming`: met over the run, but later than the cursor (a muted tick, "will be met at");
 *   a goal met only by what did not happen (`never receives`, `no will`, any `at-most` count) or
 *   by the final state (sessions, retained messages) is met at the run's end (`atEnd`);
 * - `fail`: not met over the run (that stays the verdict wherever the cursor is);
 * - `pending`: not checked yet.
 */
export type GoalNowStatus = 'pass' | 'upcoming' | 'fail' | 'pending';

export interface GoalNow {
  status: GoalNowStatus;
  /** When the goal is met (pass and upcoming). */
  atMs?: number;
  /** Met only at the run's end (nothing before it can prove it). */
  atEnd?: boolean;
}

/** Kinds whose result, once met, no later step can undo (see `expectationStatus`). */
const MET_AT_EVIDENCE = new Set<CompiledExpectation['kind']>([
  'receives',
  'broker-receives',
  'sent-will',
  'disconnects-cleanly',
  'ack',
  'will-registered',
  'session-present',
  'connack-property',
  'broker-disconnects',
  'closed-without-connack',
]);

/** Where the cursor is: its virtual time, the seq of the last trace entry it has reached, the run's end. */
export interface GoalCursor {
  nowMs: number;
  lastSeq: number;
  endMs: number;
  /** The cursor is at the run's end. */
  final: boolean;
}

/**
 * The moment a met goal was met: for a message goal (`receives`, `broker receives`) the arrival of
 * its Nth match, N its count (`times N`, `at-least N`, else 1; the run's verdict says no match
 * too many came later); for the other kinds that the trace proves, their last piece of evidence.
 * Undefined when only the run's end can say: nothing in the trace proves it (`never receives`,
 * the final state), an `at-most` count (a match too many could come until the end), `times 0`,
 * or a `before` goal with a count (its evidence is two entries, not the matches).
 */
function metMoment(result: ExpectationResult): { seq: number; atMs: number } | undefined {
  const e = result.expectation;
  if (result.evidence.length === 0 || !MET_AT_EVIDENCE.has(e.kind)) return undefined;
  const inOrder = [...result.evidence].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  if (e.kind !== 'receives' && e.kind !== 'broker-receives') return inOrder.at(-1);
  const counted = e.times !== undefined || e.atLeast !== undefined || e.atMost !== undefined;
  if (e.atMost !== undefined || (counted && 'before' in e && e.before)) return undefined;
  if ('before' in e && e.before) return inOrder.at(-1);
  const n = e.times ?? e.atLeast ?? 1;
  return n > 0 ? inOrder[n - 1] : undefined;
}

/**
 * The goal at the cursor: `result` is the whole run's (undefined before the first Check). A goal
 * is met by now once the cursor has passed the moment it was met (`metMoment`; by time; at the
 * same millisecond, by the entry: a check's seqs are the sandbox's for the same text).
 */
export function goalNow(result: ExpectationResult | undefined, cursor: GoalCursor): GoalNow {
  if (!result) return { status: 'pending' };
  if (!result.pass) return { status: 'fail' };
  const met = metMoment(result);
  if (met) {
    const reached = cursor.final || cursor.nowMs > met.atMs || (cursor.nowMs === met.atMs && cursor.lastSeq >= met.seq);
    return { status: reached ? 'pass' : 'upcoming', atMs: met.atMs };
  }
  return { status: cursor.final ? 'pass' : 'upcoming', atMs: cursor.endMs, atEnd: true };
}

/** The parts of the sandbox's simulation that say where its cursor is. */
export interface CursorSource {
  readonly displayMs: number;
  readonly world: { readonly nowMs: number } | null;
  readonly trace: readonly { readonly seq: number }[];
  readonly endMs: number;
  readonly atEnd: boolean;
}

/** Where the sandbox's cursor is (the goals list and the exercise bar judge the goals there). */
export function goalCursor(sim: CursorSource): GoalCursor {
  return { nowMs: Math.max(sim.displayMs, sim.world?.nowMs ?? 0), lastSeq: sim.trace.at(-1)?.seq ?? -1, endMs: sim.endMs, final: sim.atEnd };
}

/**
 * The learner's own `expect` lines as the checklist shows them. With `run` (their results over the
 * whole run, known when the sandbox computed it to its end) each is that verdict at the cursor
 * (`goalNow`), as an exercise's goals are; without it (a run cut short by its step limit, real
 * traffic) each is checked on what the cursor has reached (`atCursor`, `expectationStatus`).
 */
export function expectationViews(run: readonly ExpectationResult[] | null, atCursor: () => readonly ExpectationResult[], cursor: GoalCursor): ExpectationView[] {
  if (run) {
    return run.map((result) => {
      const now = goalNow(result, cursor);
      return { expectation: result.expectation, result, status: now.status, now };
    });
  }
  return atCursor().map((result) => ({ expectation: result.expectation, result, status: expectationStatus(result.expectation, result, cursor.nowMs, cursor.final) }));
}
