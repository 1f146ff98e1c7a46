/**
 * A run's read cache goes on to the next run made from the map it froze (overlay.ts). That must
 * be invisible: the next overlay reads what the frozen map holds, a second overlay from the same
 * map (a fork: stepping again from an older world) does not see what the first one wrote, and a
 * world run again from the same point gives the same trace and world, however often.
 */
import { Map as IMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { Overlay } from '../../src/sim/overlay.ts';
import { toSortedArray } from '../../src/sim/queue.ts';
import { runUntil } from '../../src/sim/run.ts';
import { schedule, type World } from '../../src/sim/world.ts';

describe('the overlay', () => {
  it('hands its reads on to one overlay of the frozen map; a fork of that map reads the map itself', () => {
    const first = new Overlay(IMap({ a: 1, b: 2, c: 3 }));
    expect(first.get('a')).toBe(1);
    first.set('b', 20);
    first.delete('c');
    const frozen = first.freeze();
    expect(frozen.toJS()).toEqual({ a: 1, b: 20 });
    const next = new Overlay(frozen); // takes the cache
    const fork = new Overlay(frozen); // the same map again: a cache of its own
    next.set('a', 100);
    next.set('c', 300);
    expect(next.get('a')).toBe(100);
    expect(fork.get('a')).toBe(1);
    expect(fork.get('b')).toBe(20);
    expect(fork.get('c')).toBeUndefined();
    expect(next.freeze().toJS()).toEqual({ a: 100, b: 20, c: 300 });
    expect(fork.freeze()).toBe(frozen);
    expect(frozen.toJS()).toEqual({ a: 1, b: 20 });
    // The overlay that froze goes on with a cache of its own, from its frozen map.
    expect(first.get('b')).toBe(20);
    expect(first.get('c')).toBeUndefined();
  });
});

/** Ten sensors publishing to a dashboard, with keep-alive timers running. */
function small(): World {
  const sensors = Array.from({ length: 10 }, (_, i) => `s${i}`);
  let w = createMqttWorld({ seed: 3, link: { jitterMs: 3 }, broker: { sysIntervalSec: 0 }, clients: [...sensors, 'dash'] });
  w = schedule(w, 0, clientCommand('dash', { type: 'APP.CONNECT', options: { clientId: 'dash', keepAliveSec: 1 } }));
  w = schedule(w, 100, clientCommand('dash', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/#', qos: 1 }] }));
  sensors.forEach((s, i) => {
    w = schedule(w, i, clientCommand(s, { type: 'APP.CONNECT', options: { clientId: s, keepAliveSec: 1 } }));
    for (let t = 1; t <= 5; t++) w = schedule(w, t * 400 + i, clientCommand(s, { type: 'APP.PUBLISH', topic: `plant/${s}`, payload: new Uint8Array([t]), qos: 1, retain: false }));
  });
  return w;
}

function text(r: { world: World; entries: unknown[] }): string {
  const w = r.world;
  return JSON.stringify(
    {
      entries: r.entries,
      queue: toSortedArray(w.queue),
      actors: [...w.actors.entries()].map(([name, s]) => [name, s.value, s.context]).sort(),
      timers: [...w.timers.entries()].sort(),
      conns: [...w.conns.entries()].sort(),
      clientConn: [...w.clientConn.entries()].sort(),
    },
    (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v),
  );
}

describe('a world run again from an older point', () => {
  it('gives the same trace and world each time, after the first run took its cache', () => {
    let w = small();
    for (let t = 300; t <= 900; t += 300) w = runUntil(w, t).world; // slices, handing the caches on
    const fromHere = w;
    const a = text(runUntil(fromHere, 3500));
    // A different continuation in between: a cut cable and a crash change what the maps hold.
    const other = runUntil(schedule(schedule(fromHere, 1000, { type: 'cable.cut', client: 's1' }), 1100, { type: 'client.crash', client: 's2' }), 3500);
    expect(text(other)).not.toBe(a);
    expect(text(runUntil(fromHere, 3500))).toBe(a);
    // And in slices from the same point.
    let sliced = fromHere;
    const entries: unknown[] = [];
    for (let t = 1200; t <= 3500; t += 100) {
      const r = runUntil(sliced, t);
      sliced = r.world;
      entries.push(...r.entries);
    }
    expect(text({ world: sliced, entries })).toBe(a);
  });
});
