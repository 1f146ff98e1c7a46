/**
 * An exercise's goal at the cursor (`goalNow`), on real results of a real run: a goal met at
 * 1.0x s is "upcoming" before that moment (the run's verdict, not yet true), met from it on (at
 * the same millisecond only once its entry is reached); a goal that is met by what never
 * happened is judged at the end; a goal not met stays "fail" wherever the cursor is.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { goalNow } from '../../src/ui/state/expectation-status.ts';

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
