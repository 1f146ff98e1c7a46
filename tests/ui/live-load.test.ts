/**
 * Loading a scenario while real traffic is shown (the live view, a recording): the Simulation
 * refuses to replace it unless the caller says the user chose to end it, and a scenario run over
 * it changes nothing and says why (en, de). Nothing received is lost unasked.
 */
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientCommand, createMqttWorld } from '../../src/sim/mqtt-world.ts';
import { schedule } from '../../src/sim/world.ts';
import { DEFAULT_SCENARIO, simulationKernel } from '../../src/ui/default-scenario.ts';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import { ScenarioDocument } from '../../src/ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from '../../src/ui/state/simulation.svelte.ts';

beforeAll(() => provideSimulationKernel(simulationKernel));

function world() {
  const w = createMqttWorld({ seed: 1, broker: { sysIntervalSec: 0 }, clients: ['sensor'] });
  return schedule(w, 0, clientCommand('sensor', { type: 'APP.CONNECT', options: { clientId: 'sensor', keepAliveSec: 30 } }));
}

/** A Simulation showing real traffic (`loadTimeline`, as the live view does), at its newest step. */
function live(): Simulation {
  const simulation = new Simulation();
  simulation.loadTimeline(new simulationKernel.Timeline(world()), 1);
  simulation.seek(simulation.length - 1);
  return simulation;
}

describe('a scenario over the live view', () => {
  it('Simulation.load refuses to replace real traffic; with replaceRealTraffic (the user chose) it does', () => {
    const simulation = live();
    const shown = simulation.world;
    const trace = simulation.fullTrace;
    expect(simulation.load(world(), { endMs: 5000 })).toBe(false);
    expect(simulation.world).toBe(shown);
    expect(simulation.fullTrace).toBe(trace);
    expect(simulation.realTraffic).toBe(true);
    expect(simulation.load(world(), { endMs: 5000, replaceRealTraffic: true })).toBe(true);
    expect(simulation.realTraffic).toBe(false);
    // A simulated run is replaced as before.
    expect(simulation.load(world(), { endMs: 5000 })).toBe(true);
  });

  it.each([
    ['en', 'Not run: the live view shows real traffic, and a run would end it. Save the recording or open it as a scenario first (the bar above).'],
    ['de', 'Nicht ausgeführt: Die Live-Ansicht zeigt echten Verkehr, und ein Ablauf würde sie beenden. Speichere die Aufzeichnung erst oder öffne sie als Szenario (die Leiste oben).'],
  ] as const)('a scenario run leaves it as it was and says why (%s)', async (lang, text) => {
    const simulation = live();
    const shown = simulation.world;
    const doc = ScenarioDocument.open({ simulation, storage: null, defaultText: DEFAULT_SCENARIO });
    await doc.languageLoaded;
    try {
      expect(doc.run().ok).toBe(false);
      expect(simulation.world).toBe(shown);
      expect(simulation.realTraffic).toBe(true);
      expect(doc.compiled).toBeFalsy();
      expect(doc.notice?.key).toBe('runLive');
      setupI18n(lang);
      expect(get(_)(`scenario.notice.${doc.notice!.key}`)).toBe(text);
    } finally {
      doc.dispose();
    }
  });
});
