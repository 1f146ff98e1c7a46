/**
 * The machines' state names in words, per language (`connected`, `awaitingPingresp` are code
 * names). One table for the UI (`panels.stage.states` in src/ui/i18n/en.ts and de.ts) and for
 * the German CLI's state lines (explain-text.ts), so the two cannot drift.
 */
type StateName = 'connected' | 'connecting' | 'disconnected' | 'refused' | 'crashed' | 'running' | 'down' | 'opening' | 'idle' | 'awaitingPingresp';

export const STATE_NAMES = {
  en: {
    connected: 'connected',
    connecting: 'connecting',
    disconnected: 'disconnected',
    refused: 'refused',
    crashed: 'crashed',
    running: 'running',
    down: 'down',
    opening: 'opening the connection',
    idle: 'idle',
    awaitingPingresp: 'awaiting PINGRESP',
  },
  de: {
    connected: 'verbunden',
    connecting: 'verbindet',
    disconnected: 'getrennt',
    refused: 'abgewiesen',
    crashed: 'abgestürzt',
    running: 'läuft',
    down: 'ausgefallen',
    opening: 'baut die Verbindung auf',
    idle: 'bereit',
    awaitingPingresp: 'wartet auf PINGRESP',
  },
} satisfies Record<'en' | 'de', Record<StateName, string>>;

/**
 * A whole state value in words, the inner state in parentheses, each name through `name`:
 * `{ connected: 'awaitingPingresp' }` -> "verbunden (wartet auf PINGRESP)".
 */
export function stateValueWords(value: unknown, name: (state: string) => string): string {
  if (typeof value === 'string') return name(value);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([outer, inner]) => `${name(outer)} (${stateValueWords(inner, name)})`)
      .join(', ');
  }
  return String(value);
}
