/**
 * Entry point: read the remembered preferences (this also loads the translations of the language
 * in use; the shell is mounted once they are there, so the first render is already in the right
 * language), create the UI state,
 * load the default scenario (or the one in `?scenario=`, scenario text in the URL: a share
 * link, also what the browser tests use), mount the shell and start playing.
 */
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { provideExplanations } from './ui/format/explain.ts';
import { Preferences } from './ui/state/preferences.svelte.ts';
import { ScenarioDocument } from './ui/state/scenario.svelte.ts';
import { Simulation, provideSimulationKernel } from './ui/state/simulation.svelte.ts';
import { Transport } from './ui/state/transport.svelte.ts';
import { Workspace } from './ui/state/workspace.svelte.ts';
import { loadChunk } from './ui/chunks/load-chunk.ts';
import { showStartFailure } from './ui/chunks/start-failure.ts';
import './ui/styles/app.css';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked by the browser's privacy settings
  }
}

const preferences = Preferences.load({
  storage: browserStorage(),
  browserLanguages: navigator.languages ?? [navigator.language],
  root: document.documentElement,
});

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

/** The sandbox's scenario document, once open: direct actions on the stage become lines of its text. */
let sandboxDocument: ScenarioDocument | undefined;
const simulation = new Simulation({ onManualCommand: (manual) => sandboxDocument?.recordAction(manual) });
const transport = new Transport(simulation);

// Offline after the first visit (a service worker, src/ui/pwa/): registered once the page has
// loaded, from a chunk of its own, so the first render never waits for it. Not in `npm start`.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void import('./ui/pwa/start.ts').then(({ startOffline }) => startOffline()), { once: true });
}

// Live mode (`npm run broker -- --live` prints http://127.0.0.1:PORT/#live): the real broker's
// traffic, a recording (`#recording`) or the app's own client on a real broker (`#client`), in
// the same views; loaded lazily (src/ui/live/).
const liveMode = /^#(live|recording|client)$/.exec(window.location.hash)?.[1] as 'live' | 'recording' | 'client' | undefined;
if (liveMode) {
  void Promise.all([loadChunk(() => import('./ui/live/start.ts')), preferences.ready]).then(
    ([{ startLive }]) =>
      startLive({
        simulation,
        mode: liveMode,
        provideSimulationKernel,
        provideExplanations,
        mountShell: (liveBar) => {
          // A real broker's view: no "Start here" on the Lesson tab (the lessons drive the sandbox).
          const workspace = new Workspace();
          workspace.lessonsNew = false;
          mount(App, { target, props: { preferences, simulation, transport, workspace, liveBar } });
        },
      }),
    (error: unknown) => {
      console.warn('MQTT Lab could not start: a part of it did not load', error);
      showStartFailure(target);
    },
  );
} else {
  void startSandbox(target);
}

/** The sandbox: the scenario editor's text (or the default scenario), played. */
async function startSandbox(target: HTMLElement): Promise<void> {
  // The scenario text: autosaved, or from a `#s=` share link or `?scenario=` (see ScenarioDocument).
  const scenarioDocument = ScenarioDocument.open({ simulation, storage: browserStorage(), window });
  sandboxDocument = scenarioDocument;
  const workspace = new Workspace();
  try {
    await preferences.ready; // the UI language's messages: the first render shows no keys
  } catch (error) {
    // Even after the retries: no language to speak in, so the message is in both.
    console.warn('MQTT Lab could not start: its texts did not load', error);
    showStartFailure(target);
    return;
  }
  mount(App, { target, props: { preferences, simulation, transport, workspace, scenario: scenarioDocument } });
  performance.mark('mqttlab:first-render');

  // Exercise links (`#x=…`, made by the exercise builder) open in the Lesson tab, which loads the
  // code that decodes and shows them (src/ui/teacher/linked.svelte.ts).
  const showExerciseLink = (): void => {
    if (window.location.hash.startsWith('#x=')) workspace.showView('lesson');
  };
  showExerciseLink();
  window.addEventListener('hashchange', showExerciseLink);

  // The simulation kernel (world, broker, clients, codec, scenario language) is most of the code:
  // it loads right after the first render, then the scenario plays.
  const params = new URLSearchParams(window.location.search);
  // If it cannot load (after the retries), the editor says so in the UI language: nothing plays,
  // the text stays editable and saved, and a Reload button tries again.
  const kernel = await loadChunk(() => import('./ui/default-scenario.ts')).catch((error: unknown) => {
    console.warn('The simulation kernel could not be loaded', error);
    return null;
  });
  if (!kernel) {
    scenarioDocument.kernelFailed();
    return;
  }
  const { DEFAULT_SCENARIO, DEFAULT_SCENARIO_SOURCE, codecMessage, commandText, explanationTables, simulationKernel, worldFromScenario } = kernel;
  provideSimulationKernel(simulationKernel);
  provideExplanations(explanationTables, codecMessage, commandText);
  // The editor's text runs (DEFAULT_SCENARIO on a first visit); the code below is the fallback.
  // In both languages: the comments follow the UI language, also after a switch (until edited).
  if ((await scenarioDocument.start({ defaultText: DEFAULT_SCENARIO_SOURCE })).ok) {
    performance.mark('mqttlab:scenario-loaded');
    if (params.get('play') !== '0') transport.play();
    return;
  }
  if (scenarioDocument.kernelUnavailable) return; // the scenario language's chunk: the editor says so
  const fromUrl = params.get('scenario');
  let scenario = fromUrl ? worldFromScenario(fromUrl) : undefined;
  if (scenario && !scenario.ok) console.warn('?scenario= has errors; the default scenario is loaded instead', scenario.diagnostics);
  if (!scenario?.ok) scenario = worldFromScenario(DEFAULT_SCENARIO);
  if (!scenario.ok) return;
  simulation.load(scenario.world, { endMs: scenario.endMs });
  performance.mark('mqttlab:scenario-loaded');
  if (params.get('play') !== '0') transport.play();
}
