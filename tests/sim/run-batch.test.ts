/**
 * `runUntil` runs its steps in one builder and freezes the world once (step.ts, overlay.ts,
 * `TransientQueue`). That must be invisible: the same trace, entry for entry, and the same
 * world as taking the steps one at a time, on every example scenario and on the fleet's kind of
 * load, and the world the run started from must stay as it was. And a delivered packet shares
 * its send entry's summary (step.ts, `arrivedSummary`), which must be the decoded packet's own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/codec/index.ts';
import { buildWorld, compileScenario, parseScenario } from '../../src/scenario/index.ts';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { toSortedArray } from '../../src/sim/queue.ts';
import { runUntil } from '../../src/sim/run.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { Step } from '../../src/sim/step.ts';
import { schedule, step, type World } from '../../src/sim/world.ts';

const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');

function serialize(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
}

/**
 * Everything a later step or a view can read of a world. A run ends having looked for its next
 * event, which drops the queued events of cancelled timers at the head of the queue (they are
 * skipped, never run); single steps drop them when the next step comes. So both worlds are
 * compared as the next step would see them.
 */
function observable(world: World): string {
  const s = new Step(world);
  s.next();
  const w = s.finish();
  return serialize({
    nowMs: w.nowMs,
    seq: w.seq,
    traceSeq: w.traceSeq,
    stepCount: w.stepCount,
    rng: w.rng,
    queue: toSortedArray(w.queue),
    actors: [...w.actors.entries()].map(([name, s]) => [name, s.value, s.context]).sort(),
    // A map's iteration order is not part of the world (nothing that runs depends on it).
    timers: [...w.timers.entries()].sort(),
    conns: [...w.conns.entries()].sort(),
    clientConn: [...w.clientConn.entries()].sort(),
    cables: [...w.cables.entries()].sort(),
    faults: w.faults,
    connCounter: w.connCounter,
  });
}

function singleSteps(world: World, untilMs: number): { world: World; entries: TraceEntry[] } {
  const entries: TraceEntry[] = [];
  for (let guard = 0; guard < 200_000; guard++) {
    const before = world;
    const r = step(world);
    if (r.entries.length === 0 && r.world === before) break;
    if (r.world.nowMs > untilMs) break;
    world = r.world;
    entries.push(...r.entries);
  }
  return { world, entries };
}

/** Thirty sensors and a dashboard on lossy, jittery links, QoS 0/1/2, a cut cable and a broker restart. */
function fleetLike(): World {
  const sensors = Array.from({ length: 30 }, (_, i) => `s${i}`);
  let w = createMqttWorld({ seed: 7, link: { jitterMs: 5, lossRatio: 0.02 }, broker: { sysIntervalSec: 1 }, clients: [...sensors, 'dash'] });
  w = schedule(w, 0, clientCommand('dash', { type: 'APP.CONNECT', options: { clientId: 'dash', keepAliveSec: 2 } }));
  w = schedule(w, 200, clientCommand('dash', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/#', qos: 2 }] }));
  sensors.forEach((s, i) => {
    w = schedule(w, i, clientCommand(s, { type: 'APP.CONNECT', options: { clientId: s, keepAliveSec: 1 } }));
    for (let t = 1; t <= 4; t++) w = schedule(w, t * 500 + i, clientCommand(s, { type: 'APP.PUBLISH', topic: `plant/${s}`, payload: new Uint8Array([t]), qos: ((i + t) % 3) as 0 | 1 | 2, retain: false }));
  });
  w = schedule(w, 1200, { type: 'cable.cut', client: 's3' });
  w = schedule(w, 1300, { type: 'broker.restart', persistence: true });
  return w;
}

describe('a run of many steps', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.mqtts')).sort();
  for (const file of files) {
    it(`gives the same trace and world as single steps on ${file}`, () => {
      const compiled = compileScenario(parseScenario(readFileSync(join(EXAMPLES, file), 'utf8')).scenario);
      const start = buildWorld(compiled);
      const startText = observable(start);
      const batch = runUntil(start, compiled.endMs);
      const single = singleSteps(start, compiled.endMs);
      expect(batch.entries.length).toBeGreaterThan(10);
      expect(batch.entries.map(serialize)).toEqual(single.entries.map(serialize));
      // runUntil moves the clock on to its end; single steps stop at the last event.
      expect(observable({ ...batch.world, nowMs: single.world.nowMs })).toBe(observable(single.world));
      expect(observable(start)).toBe(startText);
    });
  }

  it('gives the same trace and world in slices as in one run, under the fleet kind of load', () => {
    const w = fleetLike();
    const whole = runUntil(w, 6000);
    let sliced = w;
    const entries: TraceEntry[] = [];
    // Each run edits in place what it copied itself (actor-contract.ts, RunScope), never what an
    // earlier run handed over: every world a slice returned must read the same at the end.
    const handedOver: Array<{ world: World; text: string }> = [];
    for (let t = 250; t <= 6000; t += 250) {
      const r = runUntil(sliced, t);
      sliced = r.world;
      entries.push(...r.entries);
      handedOver.push({ world: sliced, text: observable(sliced) });
    }
    for (const { world, text } of handedOver) expect(observable(world)).toBe(text);
    expect(whole.entries.filter((e) => e.kind === 'app').length).toBeGreaterThan(50);
    expect(entries.map(serialize)).toEqual(whole.entries.map(serialize));
    expect(observable(sliced)).toBe(observable(whole.world));
    const single = singleSteps(w, 6000);
    expect(single.entries.map(serialize)).toEqual(whole.entries.map(serialize));
  });

  it('gives every delivered packet the summary of the packet as decoded (the one its send entry gave the bytes)', () => {
    const runs = [runUntil(fleetLike(), 6000).entries];
    for (const file of files) {
      const compiled = compileScenario(parseScenario(readFileSync(join(EXAMPLES, file), 'utf8')).scenario);
      runs.push(runUntil(buildWorld(compiled), compiled.endMs).entries);
    }
    let checked = 0;
    for (const entries of runs) {
      for (const e of entries) {
        if ((e.kind !== 'deliver' && e.kind !== 'app') || e.packet === undefined) continue;
        expect(e.summary).toBe(summarize(e.packet));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
