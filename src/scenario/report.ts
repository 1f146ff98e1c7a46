/**
 * Plain-text reports of a run, shared by the CLI and the golden-trace tests: the trace (one
 * line an event, via the sim's `formatEntry`) and the expectation results.
 */
import { formatEntry, type TraceEntry } from '../sim/trace.ts';
import type { ExpectationResult } from './expect-result.ts';

/** Kinds shown by default: arrivals, losses, deliveries to applications, commands, timers, decisions. */
export const DEFAULT_TRACE_KINDS: ReadonlySet<TraceEntry['kind']> = new Set(['deliver', 'drop', 'app', 'note', 'command', 'timer', 'check']);

/** The trace as lines; `all` adds sends and state changes. */
export function traceLines(trace: readonly TraceEntry[], all = false, lang: 'en' | 'de' = 'en'): string[] {
  return trace.filter((e) => all || DEFAULT_TRACE_KINDS.has(e.kind)).map((e) => formatEntry(e, lang));
}

/** The verdict that opens an expectation's line: `PASS` / `FAIL`, in German the summary's words `ERFÜLLT` / `NICHT ERFÜLLT`. */
export function verdictWord(pass: boolean, lang: 'en' | 'de' = 'en'): string {
  if (lang === 'de') return pass ? 'ERFÜLLT' : 'NICHT ERFÜLLT';
  return pass ? 'PASS' : 'FAIL';
}

/** The closing line: `2 passed, 1 failed` (`2 erfüllt, 1 nicht erfüllt`). */
export function summaryLine(passed: number, failed: number, lang: 'en' | 'de' = 'en'): string {
  return lang === 'de' ? `${passed} erfüllt, ${failed} nicht erfüllt` : `${passed} passed, ${failed} failed`;
}

/** Each expectation as `PASS|FAIL  FILE:LINE  TEXT` and its explanation, then a summary line. */
export function resultLines(results: readonly ExpectationResult[], file: string, lang: 'en' | 'de' = 'en'): string[] {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${verdictWord(r.pass, lang)}  ${file}:${r.expectation.range.line}  ${r.expectation.text}`);
    lines.push(`      ${lang === 'de' ? r.messageDe : r.message}`);
  }
  const failed = results.filter((r) => !r.pass).length;
  lines.push(summaryLine(results.length - failed, failed, lang));
  return lines;
}
