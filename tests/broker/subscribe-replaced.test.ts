/**
 * Subscribing to the same filter again replaces the subscription, options and all
 * (MQTT-3.8.4-3 in 3.1.1 and 5.0), and its retained messages come again as Retain Handling says
 * (5.0 MQTT-3.8.4-4; 3.1.1 always). The trace's note says so in both languages, and the run
 * does what the note says: real scenarios through the broker engine.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { explainText } from '../../src/sim/explain-text.ts';

function run(version: '311' | '5', second: string): { notes: { ref: string; en: string; de: string }[]; retainedTo: number } {
  const r = runScenario(`broker version=${version}
client pub
client dash
at 0s    pub connect
at 0s    dash connect
at 100ms pub publish -t plant/s1 -m on -r -q 1
at 1s    dash subscribe -t plant/# -q 1
at 2s    dash subscribe -t plant/# ${second}
`);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const notes = r.trace.flatMap((e) => (e.explain && e.explain.key.startsWith('subscribe.replaced') ? [{ ref: e.explain.ref, en: explainText(e.explain, 'en'), de: explainText(e.explain, 'de') }] : []));
  const retainedTo = r.trace.filter((e) => e.kind === 'deliver' && e.to === 'dash' && e.packet?.type === 'publish' && e.packet.retain === true).length;
  return { notes, retainedTo };
}

describe('a subscription replaced by the same filter', () => {
  it('3.1.1: replaced completely, the retained message sent again (MQTT-3.8.4-3)', () => {
    const { notes, retainedTo } = run('311', '-q 0');
    expect(notes).toEqual([{
      ref: 'MQTT-3.8.4-3',
      en: 'dash subscribed to plant/# again: the new subscription replaces the existing one completely, now with maximum QoS 0; the retained messages that match plant/# are sent again, and no message on the way is lost.',
      de: 'dash hat plant/# erneut abonniert: Das neue Abonnement ersetzt das bestehende ganz, jetzt mit höchstens QoS 0; die gehaltenen Nachrichten, die zu plant/# passen, werden erneut gesendet, und keine Nachricht unterwegs geht verloren.',
    }]);
    expect(retainedTo).toBe(2);
  });

  it('5.0: the options are replaced too (No Local, Retain As Published, Retain Handling); Retain Handling 0 sends the retained message again', () => {
    const { notes, retainedTo } = run('5', '-q 0 --nl --rap');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.ref).toBe('MQTT-3.8.4-3');
    expect(notes[0]!.en).toContain('replaces the existing one with all its options: maximum QoS 0, No Local 1, Retain As Published 1, Retain Handling 0');
    expect(notes[0]!.en).toContain('with 0 they are, with 1 (the subscription existed) and 2 they are not');
    expect(notes[0]!.de).toContain('ersetzt das bestehende mit allen Optionen: höchstens QoS 0, No Local 1, Retain As Published 1, Retain Handling 0');
    expect(notes[0]!.de).toContain('bei 0 ja, bei 1 (das Abonnement bestand schon) und 2 nicht');
    expect(retainedTo).toBe(2);
  });

  it('5.0: Retain Handling 1 on the replacement: the note names it, and the retained message does not come again', () => {
    const { notes, retainedTo } = run('5', '-q 1 --retain-handling 1');
    expect(notes[0]!.en).toContain('No Local 0, Retain As Published 0, Retain Handling 1');
    expect(notes[0]!.de).toContain('No Local 0, Retain As Published 0, Retain Handling 1');
    expect(retainedTo).toBe(1);
  });
});
