import { describe, expect, it } from 'vitest';
import { schedule, type World, type WorldCommand } from '../../src/sim/world.ts';
import { runUntil } from '../../src/sim/run.ts';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { formatEntry, type TraceEntry } from '../../src/sim/trace.ts';
import { Timeline } from '../../src/sim/history.ts';

const text = (s: string) => new TextEncoder().encode(s);

function plan(world: World, commands: Array<[number, WorldCommand]>): World {
  return commands.reduce((w, [at, c]) => schedule(w, at, c), world);
}

/** The architecture's sketch: a sensor's cable is pulled; the dashboard gets the will. */
function willScenario(seed = 1): World {
  const world = createMqttWorld({ seed, broker: { sysIntervalSec: 0 }, clients: ['sensor', 'dashboard'] });
  return plan(world, [
    [0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor-17', keepAliveSec: 10, protocolVersion: 5, will: { topic: 'plant/s17/status', payload: text('offline'), qos: 1, retain: true } } })],
    [0, clientCommand('dashboard', { type: 'APP.CONNECT', options: { clientId: 'dashboard', protocolVersion: 4 } })],
    [100, clientCommand('dashboard', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/+/status', qos: 1 }] })],
    [1000, clientCommand('sensor', { type: 'APP.PUBLISH', topic: 'plant/s17/status', payload: text('online'), qos: 1, retain: true })],
    [5000, { type: 'cable.cut', client: 'sensor' }],
  ]);
}

const received = (entries: readonly TraceEntry[], client: string) =>
  entries.filter((e) => e.kind === 'app' && e.to === client).map((e) => ({ atMs: e.atMs, topic: (e.packet as { topic: string }).topic, payload: new TextDecoder().decode((e.packet as { payload: Uint8Array }).payload) }));

describe('a world with the real broker and clients', () => {
  it('publishes the will 1.5 x keep-alive after the last packet from a sensor whose cable was pulled', () => {
    const r = runUntil(willScenario(), 30_000);
    const got = received(r.entries, 'dashboard');
    expect(got.map((g) => g.payload)).toEqual(['online', 'offline']);
    // The sensor's last packet reached the broker at about 1 s (the PUBLISH; the cable is cut
    // before its first PINGREQ at 11 s), so the broker gives up 15 s later (MQTT-3.1.2-24).
    const offline = got[1]!;
    expect(offline.atMs).toBeGreaterThanOrEqual(16_000);
    expect(offline.atMs).toBeLessThan(16_200);
    const refs = r.entries.filter((e) => e.kind === 'note' && e.from === 'broker').map((e) => e.explain?.ref);
    expect(refs.some((ref) => ref === 'MQTT-3.1.2-24' || ref === 'MQTT-3.1.2-22')).toBe(true);
  });

  it('sends no will when the sensor disconnects cleanly', () => {
    let w = willScenario();
    w = schedule(w, 4000, clientCommand('sensor', { type: 'APP.DISCONNECT' }));
    const r = runUntil(w, 30_000);
    expect(received(r.entries, 'dashboard').map((g) => g.payload)).toEqual(['online']);
  });

  it('gives a byte-identical trace for the same seed', () => {
    const lines = (seed: number) => {
      const r = runUntil(willScenario(seed), 30_000);
      return r.entries.map((e) => `${formatEntry(e)} ${e.bytes ? Array.from(e.bytes).join(' ') : ''}`).join('\n');
    };
    expect(lines(3)).toBe(lines(3));
  });

  it('steps back through a real MQTT exchange to identical worlds', () => {
    const t = new Timeline(willScenario());
    t.forwardUntil(20_000);
    const steps = t.position;
    expect(steps).toBeGreaterThan(20);
    const worlds: World[] = [];
    for (let i = 0; i <= steps; i++) {
      t.seek(i);
      worlds.push(t.world);
    }
    t.seek(steps);
    const traceLength = t.trace.length;
    while (t.back()) expect(t.world).toBe(worlds[t.position]);
    expect(t.trace.length).toBe(0);
    for (let i = 1; i <= steps; i++) {
      t.forward();
      expect(t.world).toBe(worlds[i]);
    }
    expect(t.trace.length).toBe(traceLength);
  });

  it('recomputing from the start after stepping back gives equal worlds at every step', () => {
    const state = (w: World) => JSON.stringify({ now: w.nowMs, actors: w.actors.map((a) => ({ value: a.value, context: a.context })).toJSON() });
    const t = new Timeline(willScenario());
    t.forwardUntil(20_000);
    const stored: string[] = [];
    for (let i = 0; i <= t.position; i++) stored.push(state((t.seek(i), t.world)));
    const fresh = new Timeline(willScenario());
    for (let i = 1; i < stored.length; i++) {
      fresh.forward();
      expect(state(fresh.world)).toBe(stored[i]);
    }
  });
});

describe('timers re-armed with every packet', () => {
  it('keep the queue small and fire exactly keep-alive after the last packet sent', () => {
    let world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor'] });
    world = schedule(world, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 5 } }));
    // A QoS 0 publish every 100 ms for 20 s: each restarts the client's keep-alive timer.
    for (let t = 100; t <= 20_000; t += 100) world = schedule(world, t, clientCommand('sensor', { type: 'APP.PUBLISH', topic: 't', payload: text('x'), qos: 0, retain: false }));
    let largestQueue = 0;
    const entries: TraceEntry[] = [];
    for (let until = 1000; until <= 40_000; until += 1000) {
      const r = runUntil(world, until);
      world = r.world;
      entries.push(...r.entries);
      largestQueue = Math.max(largestQueue, world.queue?.size ?? 0);
    }
    expect(largestQueue).toBeLessThan(10);
    const pings = entries.filter((e) => e.kind === 'send' && e.from === 'sensor' && e.packet?.type === 'pingreq').map((e) => e.atMs);
    expect(pings.slice(0, 3)).toEqual([25_000, 30_000, 35_000]);
  });
});
