/**
 * Landing on the evidence (src/ui/lessons/evidence.ts): a check's evidence seqs are the
 * sandbox's seqs for the same text (goals are `expect` lines, which change nothing in the run),
 * `showMoment` pauses at the step that produced the latest of them and highlights them, and a
 * goal without evidence lands on its deadline or on the last packet that was not a ping.
 */
import { describe, expect, it } from 'vitest';
import { checkAgainstGoal } from '../../src/lessons/check.ts';
import { goalMoment, landingGoal, showCheck, showGoal } from '../../src/ui/lessons/evidence.ts';
import { simulationAt } from './simulation-at.ts';

const TEXT = `broker
client meter
client billing
at 0s     billing connect -k 30
at 100ms  billing subscribe -t energy/meter -q 1
at 200ms  meter connect -k 30
at 1s     meter publish -t energy/meter -m "42.7" -q 1
`;

describe('landing on the evidence', () => {
  it('a passing goal lands on the step that delivered the message, highlighted and selected', () => {
    const check = checkAgainstGoal(TEXT, 'expect billing receives energy/meter "42.7"');
    expect(check.solved).toBe(true);
    const simulation = simulationAt(TEXT, 0);
    simulation.setPlaying(true);
    expect(showCheck(simulation, check)).toBe(true);
    const evidence = check.goalResults[0]!.evidence;
    expect(evidence.length).toBeGreaterThan(0);
    const last = evidence[evidence.length - 1]!;
    expect(simulation.playing).toBe(false);
    expect(simulation.trace.at(-1)?.step).toBe(simulation.fullTrace[last.seq]!.step);
    expect(simulation.fullTrace[last.seq]!.atMs).toBe(last.atMs);
    expect(simulation.evidence).toEqual(evidence.map((e) => e.seq));
    expect(simulation.selected).toEqual({ kind: 'entry', seq: evidence[0]!.seq });
  });

  it('a missed goal lands on its closest miss', () => {
    const simulation = simulationAt(TEXT, 0);
    const miss = checkAgainstGoal(TEXT, 'expect billing receives energy/other by 2s');
    expect(miss.goalResults[0]!.message).toContain('its last message was energy/meter');
    showCheck(simulation, miss);
    expect(simulation.evidence.length).toBe(1);
    expect(simulation.world?.nowMs).toBe(miss.goalResults[0]!.evidence[0]!.atMs);
  });

  it('a missed goal without evidence lands on its deadline; without one, on the last packet that was not a ping', () => {
    const simulation = simulationAt(TEXT, 0);
    const late = checkAgainstGoal(TEXT, 'expect meter receives energy/other by 2s');
    expect(late.solved).toBe(false);
    expect(landingGoal(late)).toBe(late.goalResults[0]);
    expect(goalMoment(late.goalResults[0]!, simulation.fullTrace, simulation.endMs)).toEqual({ evidence: [], atMs: 2000 });
    showGoal(simulation, late.goalResults[0]!);
    expect(simulation.world?.nowMs).toBeLessThanOrEqual(2000);
    expect(simulation.evidence.length).toBe(0);

    const never = checkAgainstGoal(TEXT, 'expect meter receives energy/other');
    expect(never.goalResults[0]!.evidence).toEqual([]);
    const moment = goalMoment(never.goalResults[0]!, simulation.fullTrace, simulation.endMs);
    expect(moment.atMs).toBeGreaterThanOrEqual(1000);
    expect(moment.atMs).toBeLessThan(simulation.endMs);
  });

  it('with every goal met, lands on the one met last; with errors, nowhere', () => {
    const check = checkAgainstGoal(TEXT, 'expect billing connack 0x00\nexpect billing receives energy/meter "42.7"');
    expect(check.solved).toBe(true);
    expect(landingGoal(check)).toBe(check.goalResults[1]);
    expect(landingGoal(checkAgainstGoal('broker\nclient', 'expect x connack 0x00'))).toBeUndefined();
  });
});
