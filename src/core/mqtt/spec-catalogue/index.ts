/**
 * The catalogue of every numbered conformance statement of MQTT 3.1.1 and 5.0 (v311.ts, v5.ts;
 * their headers say where the IDs come from), and the questions asked of it: is this ID a
 * statement of that version, what does it say, where is it in the standard.
 *
 * A statement's link is the OASIS HTML document, the bookmark of the section it stands in, and
 * a text fragment for the printed `[MQTT-x.y.z-n]`: a browser with text fragments scrolls to the
 * statement itself, any other opens the section. The same scheme as `specUrl` in
 * src/lessons/links.ts, which links by text fragment alone.
 */
import type { ProtocolVersion } from '../../codec/types.ts';
import { V311_STATEMENTS } from './v311.ts';
import { V5_STATEMENTS } from './v5.ts';
import type { CatalogueRow } from './types.ts';

/** One numbered conformance statement. */
export interface SpecStatement {
  /** `MQTT-3.1.2-8` */
  readonly id: string;
  readonly version: ProtocolVersion;
  /** The section whose number the ID carries: `3.1.2`; `4.2` for MQTT-4.2.0-1. */
  readonly section: string;
  /** One line in our own words. */
  readonly summary: string;
  /** The HTML bookmark of the section or figure it stands in, e.g. `_Will_Flag`. */
  readonly anchor: string;
  /** The tag as the standard's body prints it, where that differs from the ID. */
  readonly printedAs?: string;
}

/** The OASIS Standard HTML documents, by protocol level. */
export const SPEC_DOCUMENT: Readonly<Record<ProtocolVersion, string>> = {
  4: 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
  5: 'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html',
};

/** Tags the standards misprint in their body text (Appendix B, or the regular form, is used). */
const PRINTED_AS: Readonly<Record<ProtocolVersion, Readonly<Record<string, string>>>> = {
  4: { 'MQTT-3.1.2-7': 'MQTT-3.1.2.7', 'MQTT-3.8.3-4': 'MQTT-3-8.3-4' },
  5: { 'MQTT-4.2.0-1': 'MQTT-4.2-1' },
};

function sectionOf(id: string): string {
  const m = /^MQTT-(\d+)\.(\d+)\.(\d+)-\d+$/.exec(id);
  if (!m) throw new Error(`not a statement ID: ${id}`);
  return m[3] === '0' ? `${m[1]}.${m[2]}` : `${m[1]}.${m[2]}.${m[3]}`;
}

function index(version: ProtocolVersion, rows: readonly CatalogueRow[]): ReadonlyMap<string, SpecStatement> {
  const map = new Map<string, SpecStatement>();
  for (const [id, anchor, summary] of rows) {
    const printedAs = PRINTED_AS[version][id];
    map.set(id, { id, version, section: sectionOf(id), summary, anchor, ...(printedAs ? { printedAs } : {}) });
  }
  return map;
}

const CATALOGUE: Readonly<Record<ProtocolVersion, ReadonlyMap<string, SpecStatement>>> = {
  4: index(4, V311_STATEMENTS),
  5: index(5, V5_STATEMENTS),
};

/** Every statement of a version, in the standard's order. */
export function statementsOf(version: ProtocolVersion): readonly SpecStatement[] {
  return [...CATALOGUE[version].values()];
}

/** The statement `id` of `version`, or undefined when that version has no such statement. */
export function statementOf(id: string, version: ProtocolVersion): SpecStatement | undefined {
  return CATALOGUE[version].get(id);
}

/** Whether `id` is a numbered statement of `version`. */
export function isStatement(id: string, version: ProtocolVersion): boolean {
  return CATALOGUE[version].has(id);
}

/** The address of a statement: its section's bookmark plus a text fragment for its printed tag. */
export function statementUrl(statement: SpecStatement): string {
  const text = encodeURIComponent(`[${statement.printedAs ?? statement.id}]`).replace(/-/g, '%2D');
  return `${SPEC_DOCUMENT[statement.version]}#${encodeURIComponent(statement.anchor)}:~:text=${text}`;
}
