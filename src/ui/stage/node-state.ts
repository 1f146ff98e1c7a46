/**
 * The connection state of a client as the stage shows it: one of five words, each with its own
 * colour and icon (never colour alone), read from the machine's state value.
 */
import type { AnyMachineSnapshot } from 'xstate';

/**
 * The broker's actor name (the same as `BROKER` in src/sim/world.ts, repeated here so the stage
 * does not pull the simulation kernel into the app's first bundle).
 */
export const BROKER_NAME = 'broker';

export type NodeState = 'connected' | 'connecting' | 'disconnected' | 'refused' | 'crashed';

/** The top-level state name of a snapshot value (`{ connected: 'idle' }` -> `connected`). */
export function topState(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.keys(value)[0] ?? '';
  return '';
}

/** Full dotted state path (`connected.idle`). */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
    const rest = statePath(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

/** What the stage shows for a client snapshot. */
export function nodeState(snapshot: AnyMachineSnapshot | undefined): NodeState {
  switch (topState(snapshot?.value)) {
    case 'connected':
      return 'connected';
    case 'opening':
    case 'connecting':
      return 'connecting';
    case 'crashed':
      return 'crashed';
    case 'refused':
      return 'refused';
    default:
      return 'disconnected';
  }
}

/** A glyph per state, drawn as SVG text beside the colour (legible without colour). */
export const NODE_ICONS: Record<NodeState, string> = {
  connected: '✓',
  connecting: '…',
  disconnected: '–',
  refused: '!',
  crashed: '✕',
};
