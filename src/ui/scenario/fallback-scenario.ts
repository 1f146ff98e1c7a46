/**
 * The will-on-cable-cut example's text, bundled with the app shell: the scenario document's text
 * when nothing else is there (ScenarioDocument). The rest of the gallery (./examples.ts) loads
 * when the examples menu first opens.
 */
import WILL_ON_CABLE_CUT from '../../scenario/examples/will-on-cable-cut.mqtts?raw';

/** The text of the will-on-cable-cut example (the document's text when nothing else is there). */
export const FALLBACK_SCENARIO: string = WILL_ON_CABLE_CUT;
