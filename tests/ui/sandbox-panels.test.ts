import { render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { schedule, type World } from '../../src/sim/world.ts';
import { explanationTables, simulationKernel } from '../../src/ui/default-scenario.ts';
import { provideExplanations } from '../../src/ui/format/explain.ts';
import SequencePanel from '../../src/ui/panels/SequencePanel.svelte';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';
import { FLIGHT_WALL_MS_PER_MS, QUIET_MAX_WALL_MS, Transport, advancePlayback, playbackSegments } from '../../src/ui/state/transport.svelte.ts';

const text = (s: string) => new TextEncoder().encode(s);

beforeAll(() => {
  setupI18n('en');
  provideSimulationKernel(simulationKernel);
  provideExplanations(explanationTables);
});

function publishing(count: number, payload = (i: number) => String(i)): World {
  let world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor', 'dashboard'] });
  world = schedule(world, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 0, protocolVersion: 5 } }));
  world = schedule(world, 0, clientCommand('dashboard', { type: 'APP.CONNECT', options: { clientId: 'dashboard', keepAliveSec: 0, protocolVersion: 4 } }));
  world = schedule(world, 100, clientCommand('dashboard', { type: 'APP.SUBSCRIBE', subscriptions: [{ topicFilter: 'plant/#', qos: 1 }] }));
  for (let i = 0; i < count; i++) {
    world = schedule(world, 1000 + i * 50, clientCommand('sensor', { type: 'APP.PUBLISH', topic: 'plant/t', payload: text(payload(i)), qos: 1, retain: false }));
  }
  return world;
}

describe('playback timing', () => {
  it('plays a packet flight slowly and a quiet stretch in at most 0.6 s', () => {
    const sim = new Simulation();
    sim.load(publishing(1), { endMs: 5000 });
    const segments = playbackSegments(sim.fullTrace, sim.flights, sim.endMs);
    const flight = segments.find((s) => s.busy)!;
    expect(flight.wallMs).toBe((flight.endMs - flight.startMs) * FLIGHT_WALL_MS_PER_MS);
    const quiet = segments.filter((s) => !s.busy);
    expect(Math.max(...quiet.map((s) => s.wallMs))).toBe(QUIET_MAX_WALL_MS);
    // A 20 ms hop at 1× takes 400 ms of wall time; at 2×, half of it.
    expect(advancePlayback(segments, flight.startMs, 200, 1)).toBeCloseTo(flight.startMs + 10);
    expect(advancePlayback(segments, flight.startMs, 200, 2)).toBeCloseTo(flight.startMs + 20);
    const total = segments.reduce((sum, s) => sum + s.wallMs, 0);
    expect(total).toBeLessThan(10_000);
  });

  it('steps the simulation as virtual time passes and stops at the end', () => {
    const sim = new Simulation();
    sim.load(publishing(1), { endMs: 3000 });
    const transport = new Transport(sim, { request: () => 1, cancel: () => {} });
    transport.play();
    expect(transport.playing).toBe(true);
    for (let i = 0; i < 200 && transport.playing; i++) transport.advanceBy(100);
    expect(transport.playing).toBe(false);
    expect(sim.displayMs).toBe(3000);
    expect(sim.atEnd).toBe(true);
    expect(sim.trace.length).toBe(sim.fullTrace.length);
  });
});

describe('sequence panel', () => {
  it('renders only the rows in view of a 10,000-entry trace', { timeout: 60_000 }, () => {
    const sim = new Simulation();
    sim.load(publishing(1700), { endMs: 100_000 });
    expect(sim.fullTrace.length).toBeGreaterThan(10_000);
    sim.seek(sim.totalSteps);
    render(SequencePanel, { props: { simulation: sim } });
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeLessThan(100);
    expect(rows.length).toBeGreaterThan(5);
  });

  it('shows a hostile payload as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const sim = new Simulation();
    sim.load(publishing(1, () => hostile), { endMs: 1100 });
    sim.seek(sim.totalSteps);
    const { container } = render(SequencePanel, { props: { simulation: sim } });
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('"<img src=x onerror=alert…"');
  });
});
