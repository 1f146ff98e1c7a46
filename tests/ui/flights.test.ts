/**
 * `inFlightAt` skips the settled past of a long run by binary search (src/ui/state/flights.ts):
 * at every cursor of a real run with losses it shows exactly the flights a walk over all of them
 * would show.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { flightsOf, inFlightAt, type Flight, type FlightWindow } from '../../src/ui/state/flights.ts';

function shownByWalk(flights: readonly Flight[], at: FlightWindow): Flight[] {
  return flights.filter((f) => {
    if (f.sendSeq > at.lastSeq) return false;
    if (f.endSeq === undefined || f.endSeq > at.lastSeq) return true;
    if (f.dropped) return f.endMs >= at.lostSinceMs;
    return f.endMs === f.startMs && f.startMs >= at.instantSinceMs && f.startMs <= at.nowMs;
  });
}

describe('packets on the wire at a cursor', () => {
  it('are the same as a walk over every flight, at every step of a run with losses and a cut cable', () => {
    const { trace } = runScenario(`client sensor
client dash
link sensor latency=40ms loss=0.2
at 0s     dash connect
at 100ms  dash subscribe -t a/# -q 1
at 200ms  sensor connect -k 5
at 300ms  drop next PUBACK to sensor
at 1s     sensor publish -t a/b -m one -q 1
at 1500ms sensor publish -t a/c -m two -q 2
at 3s     sensor cable-cut
at 4s     sensor publish -t a/b -m three -q 1
at 6s     sensor cable-restore
`);
    const flights = flightsOf(trace);
    expect(flights.some((f) => f.dropped)).toBe(true);
    let shownSomething = 0;
    for (const e of trace) {
      const at = { lastSeq: e.seq, nowMs: e.atMs, lostSinceMs: e.atMs - 120, instantSinceMs: e.atMs - 450 };
      const fast = inFlightAt(flights, at);
      expect(fast.map((f) => f.sendSeq), `at #${e.seq}`).toEqual(shownByWalk(flights, at).map((f) => f.sendSeq));
      if (fast.length > 0) shownSomething++;
    }
    expect(shownSomething).toBeGreaterThan(10);
  });
});
