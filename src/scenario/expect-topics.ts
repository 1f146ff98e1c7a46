/** Judging `expect topics clean` with the topic design linter. */
import { lintTopic, lintTopicSet } from '../core/mqtt/lint.ts';
import { BROKER } from '../sim/world.ts';
import { formatTime, type TraceEntry } from '../sim/trace.ts';
import type { CompiledExpectation } from './compile.ts';
import { fail, ok, type ExpectationResult } from './expect-result.ts';

/**
 * `expect topics clean`: every topic a client published (as it arrived at the broker) and every
 * filter it subscribed passes the topic design linter (src/core/mqtt/lint.ts) without a finding,
 * and no two of them differ only in case. The first offence is the evidence.
 */
export function checkTopicsClean(e: CompiledExpectation, trace: readonly TraceEntry[]): ExpectationResult {
  const used: { topic: string; kind: 'name' | 'filter'; entry: TraceEntry }[] = [];
  for (const t of trace) {
    if (t.kind !== 'deliver' || t.to !== BROKER || !t.packet) continue;
    const p = t.packet;
    if (p.type === 'publish' && p.topic !== '') used.push({ topic: p.topic, kind: 'name', entry: t });
    if (p.type === 'subscribe') for (const s of p.subscriptions) used.push({ topic: s.topicFilter, kind: 'filter', entry: t });
  }
  if (used.length === 0) return fail(e, 'no client published or subscribed a topic', 'kein Client hat ein Topic veröffentlicht oder abonniert');
  for (const u of used) {
    const finding = lintTopic(u.topic, { kind: u.kind })[0];
    if (finding) {
      const at = `${u.entry.from}, ${formatTime(u.entry.atMs)}`;
      const atDe = `${u.entry.from}, ${formatTime(u.entry.atMs, 'de')}`;
      return fail(e, `"${u.topic}" (${at}) breaks a design rule: ${finding.en}`, `"${u.topic}" (${atDe}) verletzt eine Entwurfsregel: ${finding.de}`, [u.entry]);
    }
  }
  const conflict = lintTopicSet(used.map((u) => u.topic))[0];
  if (conflict) {
    const first = used.find((u) => conflict.topics.includes(u.topic))!;
    return fail(e, conflict.en, conflict.de, [first.entry]);
  }
  const distinct = new Set(used.map((u) => u.topic)).size;
  return ok(e, [], `all ${distinct} topics and filters follow the design rules`, `alle ${distinct} Topics und Filter folgen den Entwurfsregeln`);
}
