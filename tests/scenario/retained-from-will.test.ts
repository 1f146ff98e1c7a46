/**
 * `expect retained TOPIC [PAYLOAD] from-will CLIENT`: the retained message at the end was put
 * there by the client's will, not by some client's PUBLISH with the same payload (the loophole
 * of lesson 12's first exercise). Checked on the trace, with the evidence, in English and German.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { completionsAt } from '../../src/ui/editor/completion.ts';
import { diags } from './helpers.ts';

const BASE = `broker
client press
client helper
at 0s   press connect -i press-3 -k 5 --will-topic st --will-payload offline --will-retain
at 1s   press publish -t st -m online -r
at 5s   press cable-cut
`;

function goal(extra: string, expectation = 'expect retained st "offline" from-will press'): { pass: boolean; message: string; messageDe: string } {
  const run = runScenario(`${BASE}${extra}${expectation}\n`);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = run.results[0]!;
  return { pass: r.pass, message: r.message, messageDe: r.messageDe };
}

describe('expect retained ... from-will CLIENT', () => {
  it('passes when the will put the retained message there', () => {
    const r = goal('');
    expect(r.pass).toBe(true);
    expect(r.message).toMatch(/^the retained message "offline" on st was put there by press's will at 8\.52\d*s$/);
    expect(r.messageDe).toContain('hat das Testament von press um');
  });

  it('fails when another client published the same payload after the will, and names it', () => {
    const r = goal('at 20s  helper connect\nat 21s  helper publish -t st -m offline -r\n');
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/came from a PUBLISH of helper at 21\.\d+ ?s, not from press's will/);
    expect(r.messageDe).toMatch(/kam aus einem PUBLISH von helper um 21,\d+ ?s, nicht aus dem Testament von press/);
    // Without `from-will` the same run passes: that was the loophole.
    expect(goal('at 20s  helper connect\nat 21s  helper publish -t st -m offline -r\n', 'expect retained st "offline"').pass).toBe(true);
  });

  it('names the QoS 2 PUBLISH and the PUBREL that released it, not a PUBLISH at the PUBREL\'s time', () => {
    const r = goal('at 20s  helper connect\nat 21s  helper publish -t st -m offline -r -q 2\n');
    expect(r.pass).toBe(false);
    // The PUBLISH arrives at 21.020s, its PUBREL at 21.060s; the broker stores on the PUBREL.
    expect(r.message).toMatch(/came from a QoS 2 PUBLISH of helper at 21\.02\d*s, released by its PUBREL at 21\.06\d*s, not from press's will$/);
    expect(r.messageDe).toMatch(/kam aus einem PUBLISH mit QoS 2 von helper um 21,02\d* s, freigegeben durch sein PUBREL um 21,06\d* s, nicht aus dem Testament von press$/);
    const run = runScenario(`${BASE}at 20s  helper connect\nat 21s  helper publish -t st -m offline -r -q 2\nexpect retained st "offline" from-will press\n`);
    const shown = run.results[0]!.evidence.map((ev) => run.trace.find((t) => t.seq === ev.seq)?.packet?.type);
    expect(shown).toEqual(['publish', 'pubrel']);
  });

  it('fails when the client itself published the payload by hand', () => {
    const run = runScenario(`broker\nclient press\nat 0s press connect -i press-3 --will-topic st --will-payload offline\nat 1s press publish -t st -m offline -r\nexpect retained st from-will press\n`);
    expect(run.results[0]).toMatchObject({ pass: false });
    expect(run.results[0]!.message).toContain('came from a PUBLISH of press');
  });

  it('reports a missing or unknown client with its position, in both languages', () => {
    const missing = diags('client press\nexpect retained st "offline" from-will');
    expect(missing).toContain('error line.missing 2:30-39');
    const unknown = parseScenario('client press\nexpect retained st from-will pres').diagnostics;
    expect(unknown.map((d) => d.code)).toContain('client.undeclared-suggest');
    for (const d of unknown) expect(d.messageDe).not.toBe(d.message);
    expect(diags('client press\nexpect retained st "offline" from-will press extra')).toContain('error line.extra 2:46-51');
  });

  it('the editor offers from-will after the topic and the payload, then the clients', () => {
    const labels = (line: string) => completionsAt(`client press\n${line}`, 2, line.length + 1, 'en').items.map((i) => i.label);
    expect(labels('expect retained st ')).toEqual(['from-will']);
    expect(labels('expect retained st "offline" ')).toEqual(['from-will']);
    expect(labels('expect retained st "offline" from-will ')).toEqual(['press']);
    expect(labels('expect no-retained st ')).toEqual([]);
  });
});
