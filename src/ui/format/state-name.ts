/**
 * State names in the UI language. The machines name their states in code (`connected`,
 * `awaitingPingresp`); the UI shows the words of `panels.stage.states` instead, wherever a state
 * appears: the stage, the sequence diagram's notes, the inspector, the state diagram. A state
 * without a translation (a machine grew a new one) shows its code name rather than nothing.
 */
import { stateValueWords } from '../../sim/state-names.ts';
import type { Messages } from '../i18n/en.ts';

/** svelte-i18n's `$_` (or anything with its shape). */
export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/**
 * The states `panels.stage.states` names (en.ts; a type-only import, so no locale's messages
 * land in the first bundle). tests/ui/state-name.test.ts checks this list against en.ts.
 */
export const NAMED_STATES: ReadonlySet<string> = new Set<keyof Messages['panels']['stage']['states']>([
  'connected', 'connecting', 'disconnected', 'refused', 'crashed', 'running', 'down', 'opening', 'idle', 'awaitingPingresp',
]);

/** One state's name: `connected` -> "verbunden" in German. */
export function stateName(name: string, t: Translate): string {
  return NAMED_STATES.has(name) ? t(`panels.stage.states.${name}`) : name;
}

/**
 * A whole state value in words, the inner state in parentheses:
 * `{ connected: 'awaitingPingresp' }` -> "verbunden (wartet auf PINGRESP)".
 */
export function stateValueText(value: unknown, t: Translate): string {
  return stateValueWords(value, (state) => stateName(state, t));
}

/**
 * A handshake stage in words: the client's `awaiting PUBACK` and the broker's `awaiting-pubcomp`
 * -> "wartet auf PUBACK", "wartet auf PUBCOMP" in German; anything else shows itself.
 */
export function handshakeStage(stage: string, t: Translate): string {
  const match = /^awaiting[ -](\w+)$/i.exec(stage);
  return match ? t('panels.actor.awaiting', { values: { packet: match[1]!.toUpperCase() } }) : stage;
}
