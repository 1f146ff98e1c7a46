/**
 * Delivery guarantees under faults: random scenarios (generators.ts) run in the simulated world
 * with the real broker and clients, healed, and checked against the trace (guarantees-check.ts,
 * where the properties are stated exactly).
 *
 * A failure prints fast-check's seed and path, the shrunk scenario, its violations and its
 * whole trace. Replay one with
 *   GUARANTEES_SEED=<seed> GUARANTEES_PATH=<path> npx vitest run --project unit tests/sim/guarantees.test.ts
 * and run more with GUARANTEES_RUNS=<n>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { scenarioArb, type Scenario } from './generators.ts';
import { checkGuarantees, replayReport, runScenario, type RunOutcome, type Stats } from './guarantees-check.ts';

const RUNS = Number(process.env.GUARANTEES_RUNS ?? 200);
// A fixed seed in `npm test`, so CI is repeatable; `npm run bench -- fuzz/guarantees` explores new ones.
const SEED = Number(process.env.GUARANTEES_SEED ?? 20261125);
const PATH = process.env.GUARANTEES_PATH;

/** Two persistent subscribers (3.1.1 and 5.0) and a publisher; one subscriber's cable is cut. */
function cutScenario(): Scenario {
  return {
    seed: 7,
    clients: [
      { name: 'c1', version: 4, persistent: true, keepAliveSec: 2, subscriptions: [{ topicFilter: 'a/+', qos: 2 }], link: { latencyMs: 10, jitterMs: 0 } },
      { name: 'c2', version: 5, persistent: true, keepAliveSec: 2, subscriptions: [{ topicFilter: '#', qos: 1 }], link: { latencyMs: 30, jitterMs: 5 } },
      { name: 'c3', version: 5, persistent: false, keepAliveSec: 5, subscriptions: [], link: { latencyMs: 20, jitterMs: 0 } },
    ],
    ops: [
      { atMs: 1000, kind: 'cut', client: 'c1', durationMs: 8000 },
      { atMs: 1200, kind: 'publish', client: 'c3', topic: 'a/x', qos: 2 },
      { atMs: 1300, kind: 'publish', client: 'c3', topic: 'a/x', qos: 1 },
      { atMs: 1400, kind: 'publish', client: 'c3', topic: 'a/y', qos: 0 },
      { atMs: 2000, kind: 'crash', client: 'c2' },
      { atMs: 2500, kind: 'restart', persistence: true },
      { atMs: 3000, kind: 'publish', client: 'c3', topic: 'a/x', qos: 2 },
    ],
    reconnectEveryMs: 1000,
    faultPhaseMs: 12_000,
    healMs: 30_000,
  };
}

function without(o: RunOutcome, drop: (e: TraceEntry) => boolean): RunOutcome {
  return { ...o, entries: o.entries.filter((e) => !drop(e)) };
}

const isApp = (client: string, payload: string) => (e: TraceEntry) =>
  e.kind === 'app' && e.to === client && e.packet?.type === 'publish' && new TextDecoder().decode(e.packet.payload) === payload;

describe('the guarantee checker', () => {
  const outcome = runScenario(cutScenario());
  const verdict = checkGuarantees(outcome);

  it('passes a run with a cut cable, a crash and a persistent restart, and has work to do', () => {
    expect(verdict.violations).toEqual([]);
    // c1 is owed p0 (QoS 2) and p1 (QoS 1) although its cable was cut when they were published;
    // the crashed 5.0 client c2 started clean again, so what it was owed before became void.
    expect(verdict.stats.obligations).toBeGreaterThanOrEqual(3);
    expect(outcome.entries.filter(isApp('c1', 'p0'))).toHaveLength(1);
    expect(verdict.stats.voidedBy['the subscriber started a clean session']).toBeGreaterThan(0);
  });

  it('finds a QoS 2 message that never arrived', () => {
    expect(checkGuarantees(without(outcome, isApp('c1', 'p0'))).violations.join('\n')).toMatch(/QoS 2 lost: c1 .* p0/);
  });

  it('finds a QoS 2 message delivered twice and a QoS 0 message delivered twice', () => {
    const twice = (client: string, payload: string): RunOutcome => {
      const i = outcome.entries.findIndex(isApp(client, payload));
      const copy = { ...outcome.entries[i]!, seq: outcome.entries[i]!.seq + 0.5, step: -1 };
      return { ...outcome, entries: [...outcome.entries.slice(0, i + 1), copy, ...outcome.entries.slice(i + 1)] };
    };
    expect(checkGuarantees(twice('c1', 'p0')).violations.join('\n')).toMatch(/QoS 2 more than once: c1 got p0 2 times/);
    const q0 = outcome.entries.find((e) => e.kind === 'app' && e.packet?.type === 'publish' && e.packet.qos === 0);
    expect(q0).toBeDefined();
    const payload = new TextDecoder().decode((q0!.packet as { payload: Uint8Array }).payload);
    expect(checkGuarantees(twice(q0!.to!, payload)).violations.join('\n')).toMatch(/QoS 0 more than once/);
  });

  it('finds messages of one stream delivered out of order', () => {
    const a = outcome.entries.findIndex(isApp('c1', 'p0'));
    const b = outcome.entries.findIndex(isApp('c1', 'p3'));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    const entries = [...outcome.entries];
    [entries[a], entries[b]] = [{ ...entries[b]!, seq: entries[a]!.seq }, { ...entries[a]!, seq: entries[b]!.seq }];
    expect(checkGuarantees({ ...outcome, entries }).violations.join('\n')).toMatch(/order: c1 from c3 on a\/x published QoS 2 delivered QoS 2: deliveries p3 p0/);
  });

  it('finds an actor error note', () => {
    const note: TraceEntry = { seq: 1e9, step: 1e9, atMs: 0, kind: 'note', from: 'c1', explain: { ref: 'sim', key: 'sim.actor-error', params: { event: 'X', error: 'boom' } } };
    expect(checkGuarantees({ ...outcome, entries: [...outcome.entries, note] }).violations.join('\n')).toMatch(/sim.actor-error/);
  });
});

describe('delivery guarantees under faults (random scenarios in the simulated world)', () => {
  it(`hold in ${RUNS} random scenarios`, () => {
    const totals: Omit<Stats, 'voidedBy' | 'faithful'> & { runs: number; faithful: number } = { runs: 0, faithful: 0, accepted: 0, copies: 0, obligations: 0, voided: 0, deliveries: 0, streams: 0 };
    const property = fc.property(scenarioArb, (scenario) => {
      const { violations, stats } = checkGuarantees(runScenario(scenario));
      totals.runs++;
      totals.faithful += stats.faithful ? 1 : 0;
      for (const k of ['accepted', 'copies', 'obligations', 'voided', 'deliveries', 'streams'] as const) totals[k] += stats[k];
      if (violations.length > 0) throw new Error(violations.join('\n'));
    });
    const details = fc.check(property, { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), ...(PATH !== undefined ? { path: PATH } : {}) });
    if (details.failed) {
      const [scenario] = details.counterexample ?? [];
      if (scenario) console.log(replayReport(scenario));
      throw new Error(fc.defaultReportMessage(details) ?? `failed with seed ${details.seed}, path ${details.counterexamplePath}`);
    }
    // Not vacuous: messages were owed to persistent sessions and streams were ordered.
    if (PATH === undefined) {
      expect(totals.obligations).toBeGreaterThan(RUNS);
      expect(totals.streams).toBeGreaterThan(RUNS);
      expect(totals.faithful).toBeGreaterThan(RUNS / 3);
    }
  }, 120_000);
});
