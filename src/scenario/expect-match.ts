/**
 * What in a run matches an expectation: topics and filters, payloads, properties, the messages an
 * application was handed or the broker received, and the broker's state at the end. The judges
 * (src/scenario/expectations.ts and its expect-*.ts parts) ask these; the texts are in
 * expect-result.ts.
 */
import type { Properties, PublishPacket } from '../core/codec/types.ts';
import { matches } from '../core/mqtt/match.ts';
import { BROKER, type World } from '../sim/world.ts';
import type { TraceEntry } from '../sim/trace.ts';
import type { MessageMatch, PropertyExpect } from './ast.ts';
import { MESSAGE_PROPERTIES } from './expect-properties.ts';

/** Payloads and property values as text (bytes that are no UTF-8 become U+FFFD). */
export const utf8 = new TextDecoder('utf-8', { fatal: false });

/** A PUBLISH's payload as text. */
export function payloadText(p: PublishPacket): string {
  return utf8.decode(p.payload);
}

/** Whether `topic` is the expected topic, or matches it when the expectation has a wildcard. */
export function topicMatches(expected: string, topic: string): boolean {
  return expected.includes('+') || expected.includes('#') ? matches(expected, topic) : expected === topic;
}

/** Messages the application of `client` was handed (`app` entries), in order. */
export function received(trace: readonly TraceEntry[], client: string): { entry: TraceEntry; packet: PublishPacket }[] {
  const out: { entry: TraceEntry; packet: PublishPacket }[] = [];
  for (const e of trace) {
    if (e.kind === 'app' && e.from === client && e.packet?.type === 'publish') out.push({ entry: e, packet: e.packet });
  }
  return out;
}

/** The broker's context in the final world, read defensively. */
export function brokerContext(world: World): { sessions?: { has(k: string): boolean }; retained?: { get(k: string): { payload: Uint8Array } | undefined } } {
  return (world.actors.get(BROKER)?.context ?? {}) as ReturnType<typeof brokerContext>;
}

/** PUBLISH packets from `client` that arrived at the broker, in order. */
export function arrivedAtBroker(trace: readonly TraceEntry[], client: string): { entry: TraceEntry; packet: PublishPacket }[] {
  const out: { entry: TraceEntry; packet: PublishPacket }[] = [];
  for (const e of trace) {
    if (e.kind === 'deliver' && e.to === BROKER && e.from === client && e.packet?.type === 'publish') out.push({ entry: e, packet: e.packet });
  }
  return out;
}

/** The field of a property in a packet's property block. */
export function propertyValue(props: Properties | undefined, field: string): unknown {
  return (props as Record<string, unknown> | undefined)?.[field];
}

/** Whether a property block has the property (with the value, when one is given). */
export function hasProperty(props: Properties | undefined, p: PropertyExpect, fields: Readonly<Record<string, string>>): boolean {
  const v = propertyValue(props, fields[p.name] ?? '');
  if (v === undefined) return false;
  if (p.name === 'user-property') return (v as readonly (readonly [string, string])[]).some(([k, val]) => k === p.key && (p.value === undefined || val === p.value));
  if (p.value === undefined) return true;
  if (Array.isArray(v)) return v.some((x) => String(x) === p.value);
  if (v instanceof Uint8Array) return utf8.decode(v) === p.value;
  return String(v) === p.value;
}

/** Whether a received message is the one a `receives` expectation describes: payload, QoS, flags, properties, time window. */
export function messageMatches(m: MessageMatch, r: { entry: TraceEntry; packet: PublishPacket }): boolean {
  return (
    (m.payload === undefined || payloadText(r.packet) === m.payload) &&
    (m.qos === undefined || r.packet.qos === m.qos) &&
    (m.retained === undefined || r.packet.retain === m.retained) &&
    (m.dup === undefined || r.packet.dup === m.dup) &&
    (m.properties ?? []).every((p) => hasProperty(r.packet.properties, p, MESSAGE_PROPERTIES)) &&
    (m.afterMs === undefined || r.entry.atMs >= m.afterMs) &&
    (m.byMs === undefined || r.entry.atMs <= m.byMs)
  );
}
