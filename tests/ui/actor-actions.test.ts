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
