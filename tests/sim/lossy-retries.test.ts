/**
 * A lossy link in the trace: every loss of a segment is a note, the first try's and each re-sent
 * one's, with the wait TCP really applies before the next try (it doubles: 200 ms, 400 ms, ...),
 * in English and German. Checked on lesson 7's "try it" scenario (`seed 7`), where the reading
 * 20.2 is lost three times on its way to the broker, and on a long lossy run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { explainText } from '../../src/sim/explain-text.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';

const LESSON = readFileSync(join(import.meta.dirname, '../../lessons/07-qos0/lesson.en.md'), 'utf8');
const TRY_IT = [...LESSON.matchAll(/```mqtts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((text) => text.includes('seed 7'))!;

const LOSS_KEYS = new Set(['sim.tcp-retransmit', 'sim.tcp-retransmit-again']);

/** Per packet sent over a lossy hop: its loss notes and where it ended. */
function lossesBySend(trace: readonly TraceEntry[]): Map<number, { notes: TraceEntry[]; end: TraceEntry }> {
  const out = new Map<number, { notes: TraceEntry[]; end: TraceEntry }>();
  for (const e of trace) {
    if (e.kind !== 'note' || !LOSS_KEYS.has(e.explain?.key ?? '') || e.sendSeq === undefined) continue;
    const entry = out.get(e.sendSeq) ?? { notes: [], end: undefined as unknown as TraceEntry };
    entry.notes.push(e);
    out.set(e.sendSeq, entry);
  }
  for (const [sendSeq, entry] of out) entry.end = trace.find((e) => (e.kind === 'deliver' || e.kind === 'drop') && e.sendSeq === sendSeq)!;
  return out;
}

/** Each loss is a note, as many as TCP's re-sends; each note's wait ends at the next try. */
function expectOneNotePerLoss(trace: readonly TraceEntry[]): number {
  let again = 0;
  for (const { notes, end } of lossesBySend(trace).values()) {
    expect(end.kind).toBe('deliver');
    expect(end.explain?.key).toBe('sim.tcp-late');
    expect(notes.length).toBe(end.explain?.params?.retries);
    expect(notes[0]!.explain?.key).toBe('sim.tcp-retransmit');
    notes.slice(1).forEach((n, i) => {
      expect(n.explain?.key).toBe('sim.tcp-retransmit-again');
      expect(n.explain?.params?.losses).toBe(i + 2);
    });
    notes.forEach((n, i) => {
      const nextTryMs = i + 1 < notes.length ? notes[i + 1]!.atMs : end.atMs;
      expect(n.atMs + Number(n.explain?.params?.delayMs)).toBe(nextTryMs);
      // The wait doubles with each loss (it can only be longer when the segment waits behind another).
      expect(Number(n.explain?.params?.delayMs)).toBeGreaterThanOrEqual(200 * 2 ** i);
    });
    again += notes.length - 1;
  }
  return again;
}

describe('a lossy link in the trace', () => {
  it('lesson 7 (seed 7): reading 20.2 is lost three times, and the trace says so three times, in both languages', () => {
    const run = runScenario(TRY_IT);
    expect(run.ran).toBe(true);
    expectOneNotePerLoss(run.trace);
    // Sent at 2.000 s, at the broker at 3.420 s: lost at 2.020, 2.220 and 2.620 s.
    const delivered = run.trace.find((e) => e.kind === 'deliver' && e.to === 'broker' && e.summary?.includes('"20.2"'))!;
    const hop = [...lossesBySend(run.trace).values()].find((l) => l.end === delivered)!;
    expect(hop.notes.map((n) => [n.atMs, n.explain?.params?.delayMs])).toEqual([
      [2020, 200],
      [2220, 400],
      [2620, 800],
    ]);
    expect(delivered.atMs).toBe(3420);
    expect(delivered.explain?.params?.retries).toBe(3);
    const [first, second, third] = hop.notes.map((n) => n.explain!);
    expect(explainText(first!, 'en')).toContain('TCP sends it again in 200 ms');
    expect(explainText(second!, 'en')).toMatch(/was lost again \(2 losses so far\); TCP waits longer each time and sends it again in 400 ms/);
    expect(explainText(third!, 'en')).toMatch(/\(3 losses so far\); .* in 800 ms/);
    expect(explainText(second!, 'de')).toMatch(/ging wieder verloren \(2 Verluste bisher\); TCP wartet jedes Mal länger und sendet es in 400 ms erneut/);
    expect(explainText(third!, 'de')).toMatch(/\(3 Verluste bisher\); .* in 800 ms erneut/);
  });

  it('a long run at 40 % loss: one note per loss on every packet, some lost three times or more', () => {
    const lines = ['broker', 'seed 3', 'client sensor loss=40%', 'client dashboard', 'at 0s dashboard connect', 'at 0s sensor connect', 'at 100ms dashboard subscribe -t t'];
    for (let i = 0; i < 60; i++) lines.push(`at ${1000 + i * 500}ms sensor publish -t t -m ${i}`);
    const run = runScenario(lines.join('\n'));
    expect(run.ran).toBe(true);
    const again = expectOneNotePerLoss(run.trace);
    expect(again).toBeGreaterThan(2);
    expect([...lossesBySend(run.trace).values()].some((l) => l.notes.length >= 3)).toBe(true);
  });
});
