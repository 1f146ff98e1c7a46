/** What the views of the scenario text take (the toolbar above it, the editor): the document, and how to run it. */
import type { ScenarioDocument } from '../state/scenario.svelte.ts';

export interface ScenarioProps {
  scenario: ScenarioDocument;
  /** Run the text now (the Run button; Ctrl+Enter / Cmd+Enter in the editor). */
  onrun: () => void;
}
