/**
 * Judging `expect retained TOPIC [PAYLOAD] from-will CLIENT`: who put the retained message there,
 * read from the broker's notes in the trace.
 */
import { BROKER } from '../sim/world.ts';
import { formatTime, type TraceEntry } from '../sim/trace.ts';
import type { CompiledExpectation } from './compile.ts';
import { fail, ok, type ExpectationResult } from './expect-result.ts';

const RETAIN_CHANGES: ReadonlySet<string> = new Set(['retain.stored', 'retain.replaced', 'retain.cleared']);

/**
 * `expect retained TOPIC [PAYLOAD] from-will CLIENT`: the retained message at the end was put
 * there by CLIENT's will. The broker notes each change of a retained message (MQTT-3.3.1-5) in
 * the step that made it, right after its cause: the will's note (`will.published...`), or the
 * PUBLISH that arrived from a client. So the last change on TOPIC and the nearest cause before it
 * tell who set the message, whatever the payload says.
 */
export function checkRetainedFromWill(e: CompiledExpectation, client: string, topic: string, text: string, trace: readonly TraceEntry[]): ExpectationResult {
  const id = e.clientId ?? client;
  let change = trace.length - 1;
  while (change >= 0 && !(trace[change]!.kind === 'note' && trace[change]!.from === BROKER && RETAIN_CHANGES.has(trace[change]!.explain?.key ?? '') && trace[change]!.explain?.params?.topic === topic)) change--;
  let cause: TraceEntry | undefined;
  for (let i = change - 1; i >= 0 && cause === undefined; i--) {
    const t = trace[i]!;
    if ((t.kind === 'note' && t.from === BROKER && t.explain?.key.startsWith('will.published')) || (t.kind === 'deliver' && t.to === BROKER)) cause = t;
  }
  if (cause?.kind === 'note' && cause.explain?.params?.clientId === id) {
    return ok(e, [cause, trace[change]!], `the retained message "${text}" on ${topic} was put there by ${client}'s will at ${formatTime(cause.atMs)}`, `die gehaltene Nachricht "${text}" auf ${topic} hat das Testament von ${client} um ${formatTime(cause.atMs, 'de')} dort abgelegt`);
  }
  if (cause?.kind === 'note') {
    const other = String(cause.explain?.params?.clientId);
    return fail(e, `the retained message "${text}" on ${topic} was put there by the will of ${other} at ${formatTime(cause.atMs)}, not by ${client}'s`, `die gehaltene Nachricht "${text}" auf ${topic} hat das Testament von ${other} um ${formatTime(cause.atMs, 'de')} dort abgelegt, nicht das von ${client}`, [cause]);
  }
  if (cause) {
    const how = howItArrived(cause, trace);
    return fail(e, `the retained message "${text}" on ${topic} came from ${how.en}, not from ${client}'s will`, `die gehaltene Nachricht "${text}" auf ${topic} kam aus ${how.de}, nicht aus dem Testament von ${client}`, how.evidence);
  }
  return fail(e, `the run does not show who put the retained message on ${topic} there: not ${client}'s will`, `der Ablauf zeigt nicht, wer die gehaltene Nachricht auf ${topic} abgelegt hat: nicht das Testament von ${client}`);
}

/**
 * What a client sent that made the broker change a retained message, for a goal's message: a
 * PUBLISH, or (QoS 2, where the broker forwards and stores on PUBREL, like Mosquitto) the PUBREL
 * that released an earlier PUBLISH with the same packet identifier (MQTT-4.3.3-2).
 */
function howItArrived(cause: TraceEntry, trace: readonly TraceEntry[]): { en: string; de: string; evidence: TraceEntry[] } {
  const at = formatTime(cause.atMs);
  const atDe = formatTime(cause.atMs, 'de');
  const p = cause.packet;
  if (p?.type === 'pubrel') {
    const upTo = trace.indexOf(cause);
    let publish: TraceEntry | undefined;
    for (let i = upTo - 1; i >= 0 && publish === undefined; i--) {
      const t = trace[i]!;
      if (t.kind === 'deliver' && t.to === BROKER && t.from === cause.from && t.packet?.type === 'publish' && t.packet.qos === 2 && t.packet.packetId === p.packetId) publish = t;
    }
    if (publish) {
      return {
        en: `a QoS 2 PUBLISH of ${cause.from} at ${formatTime(publish.atMs)}, released by its PUBREL at ${at}`,
        de: `einem PUBLISH mit QoS 2 von ${cause.from} um ${formatTime(publish.atMs, 'de')}, freigegeben durch sein PUBREL um ${atDe}`,
        evidence: [publish, cause],
      };
    }
    return { en: `the QoS 2 message that ${cause.from}'s PUBREL ${p.packetId} released at ${at}`, de: `der QoS-2-Nachricht, die das PUBREL ${p.packetId} von ${cause.from} um ${atDe} freigab`, evidence: [cause] };
  }
  const name = p ? p.type.toUpperCase() : 'packet';
  return { en: `a ${name} of ${cause.from} at ${at}`, de: `einem ${name} von ${cause.from} um ${atDe}`, evidence: [cause] };
}
