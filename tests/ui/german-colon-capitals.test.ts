/**
 * German UI texts capitalise after a colon when a complete sentence follows (Duden D 80, as the
 * trace's notes do: tests/sim/note-capitals.test.ts), but not a fragment or a list. Whether words
 * make a sentence is not something a test can parse, so every German text of the UI table whose
 * part after ": " starts in lower case is named below with its first words, as the fragment it
 * is; a new text that continues in lower case after a colon must either start its sentence with
 * a capital or be added here.
 */
import { describe, expect, it } from 'vitest';
import { de } from '../../src/ui/i18n/de.ts';

/** Key -> the first words of each lower-case part after ": ", in order (fragments, lists, names). */
const FRAGMENTS: Readonly<Record<string, readonly string[]>> = {
  'preferences.projectorHint': ['größere Schrift'],
  'print.buttonTitle': ['die Aufgabe'], // a list of what the sheet holds
  'panels.stage.diagramLabel': ['der Broker'],
  'panels.stage.tlsLink': ['ein Mitschnitt'],
  'panels.stage.groupOpen': ['jeder Client'],
  'panels.stage.groupClose': ['wieder ein'],
  'panels.export.brokerHint': ['mosquitto -c'], // a command
  'panels.actor.backEdges': ['zurück zu'],
  'panels.actor.events.connackAccepted': ['angenommen'],
  'panels.actor.events.connackRefused': ['abgelehnt'],
  'panels.sequence.groupOpen': ['eine Spalte'],
  'panels.sequence.groupClose': ['eine Spalte'],
  'panels.inspector.flags': ['das erste'],
  'panels.inspector.tlsTitle': ['ein TLS-Record'],
  'panels.inspector.tlsOpaque': ['kein Topic'],
  'panels.inspector.tlsInside': ['die MQTT-Bytes'],
  'scenario.tabLeaves': ['nächstes Element'],
  'scenario.loadFailed': ['keine Hervorhebung'], // a list of what is missing
  'scenario.checklist.resizeTitle': ['mehr Platz'], // what the handle gives
  'scenario.checklist.evidenceLaterTitle': ['zu diesem'], // an instruction in the infinitive
  'scenario.exampleTitles.acl_refusal': ['alice darf'], // starts with a client's name
  'scenario.exampleTitles.raw_alias_only_publish': ['ein leerer'],
  'scenario.exampleTitles.raw_protocol_level_6': ['ein CONNECT'],
  'scenario.exampleTitles.raw_will_qos_3': ['ein Wert'],
  'live.live': ['echter Verkehr'],
  'live.clientScope': ['nur'],
  'transport.pace.fast': ['nichts passiert'],
};

function* texts(node: unknown, key: string): Generator<[string, string]> {
  if (typeof node === 'string') yield [key, node];
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) yield* texts(v, key === '' ? k : `${key}.${k}`);
}

describe('the German UI texts after a colon', () => {
  it('start a complete sentence with a capital; only the listed fragments stay in lower case', () => {
    const found: Record<string, string[]> = {};
    for (const [key, text] of texts(de, '')) {
      const lower = [...text.matchAll(/: (\p{Ll}[^\s,.;)]*(?: [^\s,.;)]+)?)/gu)].map((m) => m[1]!);
      if (lower.length > 0) found[key] = lower;
    }
    expect(found).toEqual(FRAGMENTS);
    expect(de.scenario.notice.runFailed).toBe('Nicht ausgeführt: Das Szenario konnte nicht aufgebaut werden ({message}).');
  });
});
