/**
 * What checking one expectation gives (`ExpectationResult`), and the words its texts use for
 * packets, reason codes and properties, in English and German.
 */
import type { Properties, PublishPacket } from '../core/codec/types.ts';
import type { TraceEntry } from '../sim/trace.ts';
import type { PropertyExpect } from './ast.ts';
import type { CompiledExpectation } from './compile.ts';
import { payloadText, propertyValue, utf8 } from './expect-match.ts';
import { shownText } from './unparse.ts';

/** One expectation's verdict, its text in both languages, and the trace entries that show it. */
export interface ExpectationResult {
  expectation: CompiledExpectation;
  pass: boolean;
  message: string;
  messageDe: string;
  /** Trace entries that show it (the matching deliveries, the will, ...). */
  evidence: { seq: number; atMs: number }[];
}

/** A received PUBLISH in a goal's message: `t "on" (QoS 1, retained)`, in German `(QoS 1, gehaltene Nachricht)`. */
export function describe(p: PublishPacket, lang: 'en' | 'de' = 'en'): string {
  const retained = lang === 'de' ? ', gehaltene Nachricht' : ', retained';
  return `${p.topic} "${payloadText(p)}" (QoS ${p.qos}${p.retain ? retained : ''}${p.dup ? ', DUP' : ''})`;
}
/** `describe` in German. */
export const describeDe = (p: PublishPacket): string => describe(p, 'de');

/** A reason code as the report writes it: `0x87`. */
export function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

// Messages quote topics and payloads from the run: shown with bidi overrides and controls escaped (shownText).
/** A passed expectation with the entries that show it. */
export const ok = (expectation: CompiledExpectation, evidence: TraceEntry[], en: string, de: string): ExpectationResult => ({
  expectation,
  pass: true,
  message: shownText(en),
  messageDe: shownText(de),
  evidence: evidence.map((e) => ({ seq: e.seq, atMs: e.atMs })),
});
/** A failed expectation, with what came closest when the trace has it. */
export const fail = (expectation: CompiledExpectation, en: string, de: string, evidence: TraceEntry[] = []): ExpectationResult => ({
  expectation,
  pass: false,
  message: shownText(en),
  messageDe: shownText(de),
  evidence: evidence.map((e) => ({ seq: e.seq, atMs: e.atMs })),
});

/** A property as written: `content-type=text/plain`, `user-property room=hall1`. */
export function propertyText(p: PropertyExpect): string {
  return `${p.name}${p.key !== undefined ? ` ${p.key}` : ''}${p.value !== undefined ? `=${p.value}` : ''}`;
}

/** The property's value as the report says it: a string in quotes, as the scenario writes it; `none` (`keine`) when absent. */
export function propertySeen(props: Properties | undefined, p: PropertyExpect, fields: Readonly<Record<string, string>>, lang: 'en' | 'de' = 'en'): string {
  const v = propertyValue(props, fields[p.name] ?? '');
  if (v === undefined) return lang === 'de' ? 'keine' : 'none';
  if (v instanceof Uint8Array) return JSON.stringify(utf8.decode(v));
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? x.join('=') : String(x))).join(', ');
  return String(v);
}
