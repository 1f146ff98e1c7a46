/**
 * Expectations as the checklist shows them: each one met, failed or still pending at a moment of
 * the run. Owns the rule of when a result may be shown before the run's end (`expectationStatus`);
 * the checks themselves live in the scenario language (src/scenario/expectations.ts).
 */
import type { CompiledExpectation, ExpectationResult } from '../../scenario/index.ts';

export type ExpectationStatus = 'pass' | 'fail' | 'pending';

/** One expectation as the checklist shows it. */
export interface ExpectationView {
  expectation: CompiledExpectation;
  status: ExpectationStatus;
  result: ExpectationResult;
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
