/**
 * The example gallery: every `src/scenario/examples/*.mqtts`, each loaded on demand (its own
 * small chunk), titled by its first comment line. Their comments are in English and German
 * (`# en:` / `# de:`, src/scenario/comment-language.ts): the document opens them in the UI's
 * language. The will example is also the document's fallback text (ScenarioDocument), bundled
 * with the app shell (./fallback-scenario.ts); this module itself loads when the examples menu
 * first opens (ExampleMenu.svelte).
 */
import { commentsIn } from '../../scenario/comment-language.ts';
import { FALLBACK_SCENARIO } from './fallback-scenario.ts';

export { FALLBACK_SCENARIO };

const FALLBACK_PATH = '../../scenario/examples/will-on-cable-cut.mqtts';
const LOADERS: Record<string, () => Promise<string>> = {
  ...import.meta.glob<string>(['../../scenario/examples/*.mqtts', '!**/will-on-cable-cut.mqtts'], { query: '?raw', import: 'default', eager: false }),
  [FALLBACK_PATH]: () => Promise.resolve(FALLBACK_SCENARIO),
};

export interface Example {
  /** File name without extension, e.g. `will-on-cable-cut`. */
  id: string;
  /** The first comment line, without `#` (the file name if there is none). */
  title: string;
  text: string;
}

/** Ids of the examples, in file name order. */
export const EXAMPLE_IDS: readonly string[] = Object.keys(LOADERS)
  .map((path) => path.replace(/^.*\/([^/]+)\.mqtts$/, '$1'))
  .sort();

function loaderOf(id: string): (() => Promise<string>) | undefined {
  return LOADERS[`../../scenario/examples/${id}.mqtts`];
}

/** The title of a scenario: its first comment line, trimmed (without a final period). */
export function titleOf(text: string, fallback = ''): string {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('#')) break;
    const title = trimmed.replace(/^#+\s*/, '').replace(/\.$/, '').trim();
    if (title) return title;
  }
  return fallback;
}

/** Load one example; undefined for an unknown id. */
export async function loadExample(id: string): Promise<Example | undefined> {
  const load = loaderOf(id);
  if (!load) return undefined;
  const text = await load();
  // Comments marked `# en:` / `# de:`: the English first line is the fallback title.
  return { id, title: titleOf(commentsIn(text, 'en'), id), text };
}

/** Load every example (for the menu's titles). */
export async function loadExamples(): Promise<Example[]> {
  const all = await Promise.all(EXAMPLE_IDS.map(loadExample));
  return all.filter((e): e is Example => e !== undefined);
}
