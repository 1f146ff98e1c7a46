/**
 * An exercise's goal at the cursor (`goalNow`), on real results of a real run: a goal met at
 * 1.0x s is "upcoming" before that moment (the run's verdict, not yet true), met from it on (at
 * the same millisecond only once its entry is reached); a goal that is met by what never
 * happened is judged at the end; a goal not met stays "fail" wherever the cursor is. A goal with
 * a count (`times N`, `at-least N`) is met at its Nth match, one without a count at its first; an
 * `at-most` count is judged at the end.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { goalNow } from '../../src/ui/state/expectation-status.ts';
import { readingsScenario } from './exercise-fixture.ts';

const TEXT = `broker
client sensor
client dashboard
at 0s    sensor connect
at 0s    dashboard connect
at 100ms dashboard subscribe -t plant/hall1/temp
at 1s    sensor publish -t plant/hall1/temp -m 21.5
expect dashboard receives plant/hall1/temp "21.5"
expect dashboard never-receives plant/hall1/alarm
expect dashboard receives plant/hall1/temp "99"`;

describe('goals at the cursor', () => {
  const run = runScenario(TEXT);
  const [met, never, missed] = run.results;
  const endMs = run.world!.nowMs;
  const at = (nowMs: number, lastSeq = Number.MAX_SAFE_INTEGER, final = false) => ({ nowMs, lastSeq, endMs, final });

  it('a goal met in the run is only met now once the cursor has passed its moment', () => {
    expect(met!.pass).toBe(true);
    const moment = met!.evidence.at(-1)!;
    expect(moment.atMs).toBeGreaterThanOrEqual(1000);
    expect(goalNow(met, at(0, -1))).toEqual({ status: 'upcoming', atMs: moment.atMs });
    expect(goalNow(met, at(moment.atMs - 1))).toMatchObject({ status: 'upcoming' });
    expect(goalNow(met, at(moment.atMs, moment.seq - 1))).toMatchObject({ status: 'upcoming' });
    expect(goalNow(met, at(moment.atMs, moment.seq))).toEqual({ status: 'pass', atMs: moment.atMs });
    expect(goalNow(met, at(moment.atMs + 1))).toMatchObject({ status: 'pass' });
  });

  it('a "never" goal is met at the end; a missed goal is not met anywhere; nothing before a Check', () => {
    expect(goalNow(never, at(5000))).toEqual({ status: 'upcoming', atMs: endMs, atEnd: true });
    expect(goalNow(never, at(endMs, Number.MAX_SAFE_INTEGER, true))).toMatchObject({ status: 'pass', atEnd: true });
    expect(missed!.pass).toBe(false);
    expect(goalNow(missed, at(0, -1))).toEqual({ status: 'fail' });
    expect(goalNow(missed, at(endMs, Number.MAX_SAFE_INTEGER, true))).toEqual({ status: 'fail' });
    expect(goalNow(undefined, at(0))).toEqual({ status: 'pending' });
  });
});

/** Three readings, one a second: goals that count them. */
const COUNTED = readingsScenario(['21.5', '21.6', '21.7'], [
  'expect dashboard receives plant/hall1/temp times 3',
  'expect dashboard receives plant/hall1/temp at-least 2',
  'expect broker receives plant/hall1/temp from sensor exactly 2 after 1500ms',
  'expect dashboard receives plant/hall1/temp',
  'expect dashboard receives plant/hall1/temp at-most 3',
  'expect dashboard receives plant/hall1/temp at-least 1 at-most 5',
]);

describe('goals with a count at the cursor', () => {
  const run = runScenario(COUNTED);
  const [times3, atLeast2, brokerExactly2, plain, atMost3, between] = run.results;
  const endMs = run.world!.nowMs;
  const at = (nowMs: number, lastSeq = Number.MAX_SAFE_INTEGER) => ({ nowMs, lastSeq, endMs, final: false });
  /** The arrivals of the matches, in order. */
  const arrivals = (r: typeof times3) => [...r!.evidence].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);

  it('"times N" and "at-least N" are met at the Nth match, not before it, and not only at the end', () => {
    expect(run.results.every((r) => r.pass)).toBe(true);
    for (const [result, n] of [[times3, 3], [atLeast2, 2], [brokerExactly2, 2]] as const) {
      const nth = arrivals(result)[n - 1]!;
      const before = arrivals(result)[n - 2]!;
      expect(goalNow(result, at(before.atMs)), result!.expectation.text).toEqual({ status: 'upcoming', atMs: nth.atMs });
      expect(goalNow(result, at(nth.atMs, nth.seq - 1))).toMatchObject({ status: 'upcoming' });
      expect(goalNow(result, at(nth.atMs, nth.seq)), result!.expectation.text).toEqual({ status: 'pass', atMs: nth.atMs });
    }
    // at-least 2 of three: met at the second, though a third came later.
    expect(arrivals(atLeast2)).toHaveLength(3);
    expect(goalNow(atLeast2, at(2500))).toMatchObject({ status: 'pass' });
    expect(goalNow(times3, at(2500))).toMatchObject({ status: 'upcoming' });
  });

  it('a goal without a count is met at its first match; an at-most count is judged at the end', () => {
    const first = arrivals(plain)[0]!;
    expect(arrivals(plain)).toHaveLength(3);
    expect(goalNow(plain, at(first.atMs, first.seq))).toEqual({ status: 'pass', atMs: first.atMs });
    for (const result of [atMost3, between]) {
      expect(goalNow(result, at(3500)), result!.expectation.text).toEqual({ status: 'upcoming', atMs: endMs, atEnd: true });
      expect(goalNow(result, { ...at(endMs), final: true })).toMatchObject({ status: 'pass', atEnd: true });
    }
  });
});
