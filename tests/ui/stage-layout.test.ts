import { describe, expect, it } from 'vitest';
import { clientMachine } from '../../src/core/client/index.ts';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { Timeline } from '../../src/sim/history.ts';
import { schedule } from '../../src/sim/world.ts';
import { DENSE_FROM, equalArcAngles, linkEnds, stageLayout } from '../../src/ui/stage/layout.ts';
import { nodeState } from '../../src/ui/stage/node-state.ts';
import { dropOpacity, flightProgress, packetsOnStage } from '../../src/ui/stage/packets.ts';
import { flightsOf, INSTANT_FLIGHT_MS } from '../../src/ui/state/flights.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { packetLabel } from '../../src/ui/packet-style.ts';

const names = (n: number) => Array.from({ length: n }, (_unused, i) => `c${i}`);

describe('stage layout', () => {
  it('puts the broker in the middle and the first client at the top', () => {
    const l = stageLayout(['sensor', 'dashboard', 'thermostat'], 600, 300);
    expect(l.broker).toEqual({ x: 300, y: 150 });
    expect(l.clients[0]!.x).toBeCloseTo(300);
    expect(l.clients[0]!.y).toBeLessThan(150);
    expect(l.dense).toBe(false);
  });

  it('is deterministic: same names and size, same positions', () => {
    expect(stageLayout(names(12), 640, 260)).toEqual(stageLayout(names(12), 640, 260));
  });

  it('keeps 30 clients inside the stage, apart from each other, in dense mode', () => {
    const l = stageLayout(names(30), 620, 245);
    expect(l.dense).toBe(30 >= DENSE_FROM);
    for (const c of l.clients) {
      expect(c.x - l.nodeRadius).toBeGreaterThanOrEqual(0);
      expect(c.x + l.nodeRadius).toBeLessThanOrEqual(620);
      expect(c.y - l.nodeRadius).toBeGreaterThanOrEqual(0);
      expect(c.y + l.nodeRadius).toBeLessThanOrEqual(245);
    }
    for (let i = 0; i < l.clients.length; i++) {
      for (let j = i + 1; j < l.clients.length; j++) {
        const a = l.clients[i]!;
        const b = l.clients[j]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.name} ${b.name}`).toBeGreaterThan(2 * l.nodeRadius + 4);
      }
    }
  });

  it('spaces clients by equal arcs along the ellipse', () => {
    const angles = equalArcAngles(8, 200, 80);
    const points = angles.map((a) => [200 * Math.cos(a), 80 * Math.sin(a)] as const);
    const gaps = points.map((p, i) => {
      const q = points[(i + 1) % points.length]!;
      return Math.hypot(p[0] - q[0], p[1] - q[1]);
    });
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThan(1.25);
  });

  it('starts links at the broker box and ends them at the client circle', () => {
    const l = stageLayout(['a'], 600, 300);
    const e = linkEnds(l, l.clients[0]!);
    expect(e.y1).toBeCloseTo(150 - l.brokerHalf.h);
    expect(e.y2).toBeCloseTo(l.clients[0]!.y + l.nodeRadius);
  });

  it('a short or narrow stage with a few clients spreads them over it, and zooming in (a larger stage) never pulls them closer', () => {
    const four = ['sensor', 'dashboard', 'logger', 'alarm'];
    // 1280x720 in projector mode: the stage is 443 x 168 in its own pixels; the top and bottom
    // nodes stand a node's size from the edges, not 48 px.
    const short = stageLayout(four, 443, 168);
    expect(short.broker.y - short.clients[0]!.y).toBeGreaterThan(60);
    let last = { rx: 0, ry: 0 };
    for (let size = 150; size <= 420; size += 3) {
      const l = stageLayout(four, size * 1.6, size);
      const ry = l.broker.y - l.clients[0]!.y;
      const rx = l.broker.x - Math.min(...l.clients.map((c) => c.x));
      expect(ry, `height ${size}`).toBeGreaterThanOrEqual(last.ry - 1e-9);
      expect(rx, `width ${size * 1.6}`).toBeGreaterThanOrEqual(last.rx - 1e-9);
      last = { rx, ry };
    }
  });
});

describe('packets on the stage', () => {
  const world = () =>
    schedule(createMqttWorld({ clients: ['sensor'], broker: { sysIntervalSec: 0 }, link: { latencyMs: 100 } }), 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor' } }));

  /** The stage's packets at each step of a run of `steps` steps, from its whole trace (as the Simulation does). */
  function stageSteps(w: ReturnType<typeof world>, steps = 20) {
    const t = new Timeline(w);
    for (let i = 0; i < steps; i++) t.forward();
    const fullTrace = t.trace.slice();
    const flights = flightsOf(fullTrace);
    return Array.from({ length: steps + 1 }, (_unused, i) => {
      t.seek(i);
      return { trace: t.trace.slice(), packets: packetsOnStage({ flights, fullTrace, trace: t.trace }, t.world) };
    });
  }

  it('finds the CONNECT on the wire and places it by virtual time', () => {
    const at = stageSteps(world()).find((s) => s.packets.some((f) => f.label === 'CONNECT'))!;
    const f = at.packets.find((x) => x.label === 'CONNECT')!;
    expect(f).toMatchObject({ client: 'sensor', up: true, group: 'connect', dropped: false });
    // Its arrival comes from the trace: the deliver entry after the cursor.
    expect(f.endAtMs - f.startMs).toBe(100);
    expect(flightProgress(f, f.startMs, false)).toBe(0);
    expect(flightProgress(f, f.startMs + 25, false)).toBeCloseTo(0.25);
    expect(flightProgress(f, f.startMs + 25, true)).toBe(0.5);
    expect(flightProgress(f, f.endAtMs + 50, false)).toBe(1);
    expect(at.trace[f.seq]!.kind).toBe('send');
    // Once delivered, it is no longer on the stage.
    const later = stageSteps(world()).filter((s) => s.trace.some((e) => e.kind === 'deliver' && e.sendSeq === f.seq));
    expect(later.length).toBeGreaterThan(0);
    for (const s of later) expect(s.packets.some((x) => x.sendSeq === f.sendSeq)).toBe(false);
  });

  it('shows a dropped packet stopped, with a fading opacity', () => {
    let w = world();
    w = schedule(w, 0, { type: 'fault.add', rule: { client: 'sensor', direction: 'up', packetType: 'connect', action: 'drop', remaining: 1 } });
    const at = stageSteps(w).find((s) => s.packets.some((f) => f.dropped))!;
    const f = at.packets.find((x) => x.dropped)!;
    expect(at.trace[f.seq]!.kind).toBe('drop');
    expect(flightProgress(f, f.endAtMs, false)).toBe(f.stopAt);
    expect(dropOpacity(f, f.endAtMs)).toBe(1);
    expect(dropOpacity(f, f.endAtMs + f.fadeMs / 2)).toBeCloseTo(0.5);
    expect(dropOpacity(f, f.endAtMs + f.fadeMs)).toBe(0);
  });

  it('gives a packet that took no time (real traffic) a short flight, then hides it', () => {
    const entries: TraceEntry[] = [
      { seq: 0, step: 1, atMs: 1000, kind: 'send', from: 'sensor', to: 'broker', packet: { type: 'pingreq' } as never, summary: 'PINGREQ' },
      { seq: 1, step: 1, atMs: 1000, kind: 'deliver', from: 'sensor', to: 'broker', packet: { type: 'pingreq' } as never, summary: 'PINGREQ', sendSeq: 0 },
    ];
    const w = { ...world(), nowMs: 1000 };
    const [f, ...rest] = packetsOnStage({ flights: flightsOf(entries), fullTrace: entries, trace: entries }, w);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ label: 'PINGREQ', up: true, instant: true, dropped: false, seq: 0 });
    expect(f!.endAtMs - f!.startMs).toBe(INSTANT_FLIGHT_MS);
    expect(flightProgress(f!, 1000, false)).toBe(0);
    expect(flightProgress(f!, 1000 + INSTANT_FLIGHT_MS / 2, false)).toBeCloseTo(0.5);
    expect(dropOpacity(f!, 1000 + INSTANT_FLIGHT_MS / 2)).toBe(1);
    expect(dropOpacity(f!, 1001 + INSTANT_FLIGHT_MS)).toBe(0);
    // A later step, long after: it is not on the stage any more.
    expect(packetsOnStage({ flights: flightsOf(entries), fullTrace: entries, trace: entries }, { ...w, nowMs: 5000 })).toEqual([]);
  });

  it('labels packets briefly', () => {
    expect(packetLabel({ type: 'publish', qos: 1, packetId: 3, topic: 't', payload: new Uint8Array(), dup: false, retain: false } as never)).toBe('PUBLISH q1 id=3');
    expect(packetLabel({ type: 'puback', packetId: 3 } as never)).toBe('PUBACK id=3');
    expect(packetLabel({ type: 'pingreq' } as never)).toBe('PINGREQ');
  });

  it('reads the connection state from the machine state', () => {
    const snap = (value: unknown) => ({ value }) as never;
    expect(nodeState(snap({ connected: 'idle' }))).toBe('connected');
    expect(nodeState(snap('opening'))).toBe('connecting');
    expect(nodeState(snap('crashed'))).toBe('crashed');
    expect(nodeState(snap('disconnected'))).toBe('disconnected');
    expect(clientMachine.root.states.refused).toBeDefined();
  });
});
