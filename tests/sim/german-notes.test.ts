/**
 * The trace's German notes use one word for one thing, on the broker's side and the client's:
 * a real run (QoS 1 and 2, a persistent session resumed, an acknowledgement nobody waits for)
 * said in German by explainText, as the CLI's `--lang de` and the UI say it.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { explainText, explanationTexts } from '../../src/sim/explain-text.ts';

const SCENARIO = `broker
client sensor
client dash
at 0s    dash connect -i dash -c
at 100ms dash subscribe -t plant/# -q 2
at 1s    sensor connect -i sensor
at 2s    sensor publish -t plant/a -m one -q 1
at 3s    sensor publish -t plant/b -m two -q 2
at 4s    dash disconnect
at 5s    dash connect -i dash -c
at 6s    dash send puback --packet-id 999
`;

function germanNotes(): { key: string; text: string }[] {
  const run = runScenario(SCENARIO);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return run.trace.flatMap((e) => (e.explain ? [{ key: e.explain.key, text: explainText(e.explain, 'de') }] : []));
}

describe('German trace notes', () => {
  it('say Session Present on both sides (the CONNACK flag\'s name, as the lessons do), never "Sitzung vorhanden"', () => {
    const notes = germanNotes();
    const flag = notes.filter((n) => /Session Present/.test(n.text));
    // The broker's (connect.accepted, session.*) and the client's (client.connack.*) notes.
    expect(flag.some((n) => n.key.startsWith('client.'))).toBe(true);
    expect(flag.some((n) => !n.key.startsWith('client.'))).toBe(true);
    expect(notes.filter((n) => /Sitzung vorhanden/i.test(n.text))).toEqual([]);
    expect(notes.map((n) => n.text)).toContain('dash ist verbunden (Session Present: ja, Keep Alive 60 s).');
  });

  it('name packets in capitals: "mit PUBACK bestätigt", never a packet type in lower case', () => {
    const notes = germanNotes();
    const texts = notes.map((n) => n.text);
    expect(texts).toContainEqual(expect.stringMatching(/^dash hat Paket \d+ mit PUBACK bestätigt: /));
    expect(texts).toContainEqual(expect.stringMatching(/hat Paket \d+ mit PUBCOMP bestätigt: /));
    expect(notes.filter((n) => /\b(connect|connack|publish|puback|pubrec|pubrel|pubcomp|subscribe|suback|unsubscribe|unsuback|pingreq|pingresp|disconnect)\b/.test(n.text.replace(/\bplant\/\S+/g, '')))).toEqual([]);
  });

  it('say reason codes by their German names in parentheses, and how a connection ended in German words', () => {
    const r = runScenario(`broker version=5
client laptop
client phone
client other
at 0s   laptop connect -i me -c -x 600
at 1s   phone connect -i me -c -x 600
at 2s   other connect
at 3s   other crash
`);
    const notes = r.trace.flatMap((e) => (e.explain?.key === 'net.closed-without-disconnect' ? [{ en: explainText(e.explain, 'en'), de: explainText(e.explain, 'de') }] : []));
    expect(notes).toEqual([
      { en: 'The connection of me closed without DISCONNECT (peer-closed).', de: 'Die Verbindung von me wurde ohne DISCONNECT beendet (von der Gegenseite geschlossen).' },
      { en: 'The connection of other closed without DISCONNECT (reset).', de: 'Die Verbindung von other wurde ohne DISCONNECT beendet (zurückgesetzt).' },
    ]);
    // No reason code's English name in a German note: 0x87 is "nicht autorisiert", 0x92 "Paket-ID unbekannt".
    const english = /Not authorized|Packet Identifier not found|Identifier rejected|Malformed Packet|Will-Nachricht|nicht gefunden/;
    expect(Object.entries(explanationTexts).filter(([, t]) => english.test(t.de)).map(([k]) => k)).toEqual([]);
  });
});
