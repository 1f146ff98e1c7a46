import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { schedule } from '../../src/sim/world.ts';
import { simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/index.ts';
import ActorActions from '../../src/ui/inspector/actor/ActorActions.svelte';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';
import { Transport } from '../../src/ui/state/transport.svelte.ts';

beforeAll(() => {
  setupI18n('en');
  provideSimulationKernel(simulationKernel);
});

function loaded(): Simulation {
  let world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor'] });
  world = schedule(world, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 30 } }));
  const simulation = new Simulation();
  simulation.load(world, { endMs: 5000 });
  return simulation;
}

describe('direct actions', () => {
  it('wait for a pause: while the transport plays they say so and apply nothing', async () => {
    const simulation = loaded();
    const transport = new Transport(simulation, { request: () => 1, cancel: () => {} });
    transport.dispatch('toggle-play');
    expect(simulation.playing).toBe(true);
    render(ActorActions, { simulation, name: 'sensor' });
    expect(screen.getByText(/pause/i)).toBeTruthy();
    const cut = screen.getByRole('button', { name: /cut/i });
    await fireEvent.click(cut);
    expect(simulation.manualCommands).toEqual([]);
    transport.dispatch('toggle-play');
    expect(simulation.playing).toBe(false);
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: /cut/i }));
    expect(simulation.manualCommands.map((m) => m.command.type)).toEqual(['cable.cut']);
  });
});

describe('the broker in the live view (real traffic)', () => {
  it('offers Restart disabled, saying why: only the replica would restart, not the real broker', async () => {
    const world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: [] });
    const live = new Simulation();
    live.loadTimeline(new simulationKernel.Timeline(world), 1);
    expect(live.realTraffic).toBe(true);
    render(ActorActions, { simulation: live, name: 'broker' });
    const why = /only this view's copy of the broker, not the real broker/;
    expect(screen.getByText(why)).toBeTruthy();
    for (const restart of screen.getAllByRole('button', { name: /^Restart/ })) {
      expect(restart.getAttribute('aria-disabled')).toBe('true');
      expect(restart.getAttribute('title')).toMatch(why);
      await fireEvent.click(restart);
    }
    expect(live.manualCommands).toEqual([]);
    expect(live.world!.actors.get('broker')).toBe(world.actors.get('broker'));
  });

  it('a simulated run still offers Restart, enabled', async () => {
    const simulation = loaded();
    expect(simulation.realTraffic).toBe(false);
    render(ActorActions, { simulation, name: 'broker' });
    const restart = screen.getByRole('button', { name: 'Restart (without persistence)' });
    expect(restart.getAttribute('aria-disabled')).toBe('false');
    expect(restart.getAttribute('title')).toBeNull();
    await fireEvent.click(restart);
    expect(simulation.manualCommands.map((m) => m.command.type)).toEqual(['broker.restart']);
  });
});

describe('"What if … here?" with real traffic (live view, recording)', () => {
  it('the switch is off and disabled, saying why; the actions stay direct, no branch is made', async () => {
    let world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor'] });
    world = schedule(world, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 30 } }));
    const live = new Simulation();
    live.loadTimeline(new simulationKernel.Timeline(world), 1);
    render(ActorActions, { simulation: live, name: 'sensor' });
    const why = /this is real traffic\. A “what if” would invent a future that the real clients and broker never lived/;
    const toggle = screen.getByRole('checkbox', { name: 'What if … here?' });
    expect((toggle as HTMLInputElement).disabled).toBe(true);
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(why).id).toBe(toggle.getAttribute('aria-describedby'));
    await fireEvent.click(toggle);
    expect(screen.getByRole('heading', { name: 'Actions' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crash' }).classList.contains('fork')).toBe(false);
    // Even asked directly, the simulation makes no branch of real traffic.
    live.forkHere({ type: 'client.crash', client: 'sensor' });
    expect(live.branchCount).toBe(0);
    expect(live.manualCommands).toEqual([]);
  });

  it('a simulated run still offers the switch, and a fork keeps the old future as a branch', async () => {
    const simulation = loaded();
    render(ActorActions, { simulation, name: 'sensor' });
    const toggle = screen.getByRole('checkbox', { name: 'What if … here?' });
    expect((toggle as HTMLInputElement).disabled).toBe(false);
    expect(screen.queryByText(/this is real traffic/)).toBeNull();
    await fireEvent.click(toggle);
    await fireEvent.click(screen.getByRole('button', { name: 'Crash' }));
    expect(simulation.branchCount).toBe(1);
  });
});
