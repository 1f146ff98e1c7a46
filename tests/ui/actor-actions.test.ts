import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { schedule } from '../../src/sim/world.ts';
import { simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
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

/** A live timeline (real traffic: `loadTimeline`) with a connected sensor. */
function live(): Simulation {
  let world = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor'] });
  world = schedule(world, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 30 } }));
  const simulation = new Simulation();
  simulation.loadTimeline(new simulationKernel.Timeline(world), 1);
  simulation.seek(simulation.length - 1);
  return simulation;
}

const REAL_TRAFFIC = /^Not in the live view or a recording: this is real traffic\. These actions would change only this view’s copy of the clients and the broker, not the real ones, and a “what if” would invent a future they never lived\. To try them, use “Open as scenario”\.$/;

describe('direct actions on real traffic (live view, recording)', () => {
  for (const name of ['sensor', 'broker']) {
    it(`${name}: every action and the "What if" switch are disabled, the reason shown once; clicks and Enter change nothing`, async () => {
      const simulation = live();
      expect(simulation.realTraffic).toBe(true);
      const before = { world: simulation.world, position: simulation.position, length: simulation.length };
      render(ActorActions, { simulation, name });
      const notes = screen.getAllByText(REAL_TRAFFIC);
      expect(notes).toHaveLength(1);
      const buttons = screen.getAllByRole('button');
      expect(buttons.map((b) => b.textContent?.trim())).toEqual(name === 'broker' ? ['Restart (without persistence)', 'Restart (with persistence)'] : ['Disconnect', 'Publish…', 'Subscribe…', 'Cut the cable', 'Crash', 'Drop the next packet…']);
      for (const button of buttons) {
        expect(button.getAttribute('aria-disabled')).toBe('true');
        expect(button.getAttribute('aria-describedby')).toBe(notes[0]!.id);
        await fireEvent.click(button);
        await fireEvent.keyDown(button, { key: 'Enter' });
      }
      // No form opened, nothing applied, the cursor where it was.
      expect(screen.queryByRole('form')).toBeNull();
      expect(screen.queryByRole('textbox')).toBeNull();
      const toggle = screen.getByRole('checkbox', { name: 'What if … here?' }) as HTMLInputElement;
      expect(toggle.disabled).toBe(true);
      expect(toggle.checked).toBe(false);
      expect(toggle.getAttribute('aria-describedby')).toBe(notes[0]!.id);
      await fireEvent.click(toggle);
      expect(screen.getByRole('heading', { name: 'Actions' })).toBeTruthy();
      expect(simulation.manualCommands).toEqual([]);
      expect({ world: simulation.world, position: simulation.position, length: simulation.length }).toEqual(before);
    });
  }

  it('the Simulation refuses them too, whoever asks: apply and forkHere change nothing', () => {
    const simulation = live();
    const world = simulation.world;
    const commands = [
      clientCommand('sensor', { type: 'APP.PUBLISH', topic: 't', payload: new Uint8Array([49]), qos: 1, retain: false }),
      { type: 'cable.cut', client: 'sensor' },
      { type: 'client.crash', client: 'sensor' },
      { type: 'fault.add', rule: { client: 'sensor', direction: 'down', packetType: 'puback', action: 'drop', remaining: 1 } },
      { type: 'broker.restart', persistence: true },
    ] as const;
    for (const command of commands) {
      expect(simulation.apply(command)).toBe(false);
      expect(simulation.forkHere(command)).toBe(false);
    }
    expect(simulation.world).toBe(world);
    expect(simulation.branchCount).toBe(0);
    expect(simulation.manualCommands).toEqual([]);
  });

  it('a simulated run still offers them, enabled, with no such note; a fork keeps the old future as a branch', async () => {
    const simulation = loaded();
    expect(simulation.realTraffic).toBe(false);
    render(ActorActions, { simulation, name: 'broker' });
    expect(screen.queryByText(/this is real traffic/)).toBeNull();
    const restart = screen.getByRole('button', { name: 'Restart (without persistence)' });
    expect(restart.getAttribute('aria-disabled')).toBe('false');
    expect(restart.getAttribute('title')).toBeNull();
    await fireEvent.click(restart);
    expect(simulation.manualCommands.map((m) => m.command.type)).toEqual(['broker.restart']);
    const toggle = screen.getByRole('checkbox', { name: 'What if … here?' });
    expect((toggle as HTMLInputElement).disabled).toBe(false);
    await fireEvent.click(toggle);
    await fireEvent.click(screen.getByRole('button', { name: 'Restart (with persistence)' }));
    expect(simulation.branchCount).toBe(1);
  });
});
