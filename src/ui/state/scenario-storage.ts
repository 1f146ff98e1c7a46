/**
 * What the scenario document keeps in localStorage: the autosaved text with its cursor
 * (`AUTOSAVE_KEY`) and the text that the last example, link or file replaced (`PREVIOUS_KEY`,
 * for "Undo"). Reading never throws: blocked storage or JSON that is not ours reads as nothing.
 * Writing says whether it worked (a full quota, blocked storage).
 */

/** localStorage key of the autosaved scenario (text and cursor). */
export const AUTOSAVE_KEY = 'mqttlab.scenario';
/** localStorage key of the text that the last example, link or file replaced. */
export const PREVIOUS_KEY = 'mqttlab.scenario.previous';

export type ScenarioStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A cursor position, 1-based as in Monaco. */
export interface Cursor {
  line: number;
  column: number;
}

/** The autosaved text and where the cursor was. */
export interface Saved {
  text: string;
  cursor: Cursor;
}

/** The autosaved text, or null (nothing saved, storage blocked, not our JSON). */
export function readSaved(storage: ScenarioStorage | null): Saved | null {
  try {
    const raw = storage?.getItem(AUTOSAVE_KEY);
    if (!raw) return null;
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { text, line, column } = data as Record<string, unknown>;
    if (typeof text !== 'string') return null;
    const cursor = { line: Number.isInteger(line) ? (line as number) : 1, column: Number.isInteger(column) ? (column as number) : 1 };
    return { text, cursor };
  } catch {
    return null; // storage blocked or not our JSON: start from the default
  }
}

/** Autosave the text and the cursor; false when the storage refused. */
export function writeSaved(storage: ScenarioStorage | null, { text, cursor }: Saved): boolean {
  return write(storage, AUTOSAVE_KEY, JSON.stringify({ v: 1, text, line: cursor.line, column: cursor.column }));
}

/** The text that the last replacement pushed aside, or null. */
export function readPrevious(storage: ScenarioStorage | null): string | null {
  try {
    const raw = storage?.getItem(PREVIOUS_KEY);
    const data: unknown = raw ? JSON.parse(raw) : null;
    const text = (data as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? text : null;
  } catch {
    return null;
  }
}

/** Keep a text that is being replaced (for "Undo" after a reload); false when the storage refused. */
export function writePrevious(storage: ScenarioStorage | null, text: string): boolean {
  return write(storage, PREVIOUS_KEY, JSON.stringify({ text, savedAt: Date.now() }));
}

function write(storage: ScenarioStorage | null, key: string, value: string): boolean {
  try {
    storage?.setItem(key, value);
    return true;
  } catch {
    return false; // quota exceeded or storage blocked
  }
}
