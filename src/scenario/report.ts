/**
 * Plain-text reports of a run, shared by the CLI and the golden-trace tests: the trace (one
 * line an event, via the sim's `formatEntry`) and the expectation results.
 */
import { formatEntry, type TraceEntry } from '../sim/trace.ts';
import type { ExpectationResult } from './expectations.ts';

/** Kinds shown by default: arrivals, losses, deliveries to applications, commands, timers, decisions. */
export const DEFAULT_TRACE_KINDS: ReadonlySet<TraceEntry['kind']> = new Set(['deliver', 'drop', 'app', 'note', 'command', 'timer', 'check']);

/** The trace as lines; `all` adds sends and state changes. */
export function traceLines(trace: readonly TraceEntry[], all = false, lang: 'en' | 'de' = 'en'): string[] {
  return trace.filter((e) => all || DEFAULT_TRACE_KINDS.has(e.kind)).map((e) => formatEntry(e, lang));
}

/** Each expectation as `PASS|FAIL  FILE:LINE  TEXT` and its explanation, then a summary line. */
export function resultLines(results: readonly ExpectationResult[], file: string, lang: 'en' | 'de' = 'en'): string[] {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.pass ? 'PASS' : 'FAIL'}  ${file}:${r.expectation.range.line}  ${r.expectation.text}`);
    lines.push(`      ${lang === 'de' ? r.messageDe : r.message}`);
  }
  const failed = results.filter((r) => !r.pass).length;
  lines.push(lang === 'de' ? `${results.length - failed} erfüllt, ${failed} nicht erfüllt` : `${results.length - failed} passed, ${failed} failed`);
  return lines;
}
