/**
 * The scenario that opens on a first visit: a sensor and a dashboard, a retained QoS 1
 * publish, then the sensor's cable is pulled; the broker notices the silence after 1.5 x the
 * keep-alive and publishes the sensor's Last Will to the dashboard. Written in the scenario
 * language, so the editor can show (and the learner can change) exactly this text.
 */
import { buildWorld, compileScenario, parseScenario, type Diagnostic } from '../scenario/index.ts';
import { commentLangOf, commentsIn } from '../scenario/comment-language.ts';
import { Timeline } from '../sim/history.ts';
import { nextEventAt, type World } from '../sim/world.ts';
import { explanationTexts } from '../sim/explain-text.ts';
import type { ExplanationTable } from './format/explain.ts';
import type { SimulationKernel } from './state/simulation.svelte.ts';

/** A decoder's message in a note, in the UI language, for `provideExplanations` (kept out of the first load). */
export { codecNoteMessage as codecMessage } from '../core/mqtt/codec-error-texts.ts';

/** Commands in words, for `provideExplanations` (kept out of the first load with the tables). */
export { commandText } from '../sim/command-text.ts';

/** The texts of every trace explanation, for `provideExplanations` (src/ui/format/explain.ts). */
export const explanationTables: readonly ExplanationTable[] = [explanationTexts];

/** The kernel's runtime for `provideSimulationKernel` (this module is loaded lazily by main.ts). */
export const simulationKernel: SimulationKernel = { Timeline, nextEventAt };

/**
 * The default scenario with its comments in English and German (`# en:` / `# de:` lines, see
 * src/scenario/comment-language.ts): the editor shows the UI language's, and swaps them when the
 * language changes while the text is unchanged.
 */
export const DEFAULT_SCENARIO_SOURCE = `# en: Last Will: the sensor's cable is pulled.
# en: The broker notices the silence after 1.5 x the keep-alive (MQTT-3.1.2-22)
# en: and publishes the sensor's will, "offline", to the dashboard (MQTT-3.1.2-8).
# de: Testament: Das Kabel des Sensors wird gezogen.
# de: Der Broker bemerkt die Stille nach dem 1,5-Fachen des Keep Alive (MQTT-3.1.2-22)
# de: und veröffentlicht das Testament des Sensors, "offline", an das Dashboard (MQTT-3.1.2-8).
broker version=5
client sensor
client dashboard

at 0s    sensor connect -i sensor-17 -k 10 --will-topic plant/s17/status --will-payload offline --will-qos 1 --will-retain
at 0s    dashboard connect -V mqttv311
at 100ms dashboard subscribe -t 'plant/+/status' -q 1
at 1s    sensor publish -t plant/s17/status -m online -q 1 -r
at 5s    sensor cable-cut                      # en: the network dies without a DISCONNECT # de: das Netz stirbt ohne DISCONNECT
at 22s   end

expect   dashboard receives plant/s17/status "online" qos 1
expect   dashboard receives plant/s17/status "offline" by 20s
expect   broker sent-will sensor by 17s
`;

/** The default scenario with English comments. */
export const DEFAULT_SCENARIO = commentsIn(DEFAULT_SCENARIO_SOURCE, 'en');

/** The same scenario with German comments; everything but the comments is the same text. */
export const DEFAULT_SCENARIO_DE = commentsIn(DEFAULT_SCENARIO_SOURCE, 'de');

/** The default scenario with comments in the UI's language (`de…` German, else English). */
export function defaultScenario(locale: string | null | undefined): string {
  return commentsIn(DEFAULT_SCENARIO_SOURCE, commentLangOf(locale));
}

export type LoadedScenario =
  | { ok: true; world: World; endMs: number; text: string }
  | { ok: false; diagnostics: Diagnostic[]; text: string };

/** Parse and compile scenario text into an initial world (every command scheduled). */
export function worldFromScenario(text: string): LoadedScenario {
  const { scenario, diagnostics } = parseScenario(text);
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, text };
  const compiled = compileScenario(scenario);
  return { ok: true, world: buildWorld(compiled), endMs: compiled.endMs, text };
}
