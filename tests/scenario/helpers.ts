/** Helpers for the scenario tests: diagnostics as compact, comparable strings. */
import { parseScenario, type Diagnostic } from '../../src/scenario/index.ts';

/** `severity code line:column-endColumn` for each diagnostic. */
export function brief(d: Diagnostic): string {
  return `${d.severity} ${d.code} ${d.line}:${d.column}-${d.endColumn}`;
}

/** The diagnostics of `text`, brief. */
export function diags(text: string): string[] {
  return parseScenario(text).diagnostics.map(brief);
}

/** A scenario prelude declaring clients `sensor` and `dash`. */
export const PRELUDE = 'client sensor\nclient dash\n';
