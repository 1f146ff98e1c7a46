/**
 * The trace's notes begin as sentences do, in both languages, and German capitalises after a
 * colon when a complete sentence follows (Duden D 80, amtliche Regelung § 81: „Nach einem
 * Doppelpunkt wird das erste Wort eines Ganzsatzes großgeschrieben“), but not a fragment or a
 * list. Whether words make a sentence is not something a test can parse, so the rule is kept as
 * a list: every German note part after ": " that starts in lower case is named below as a
 * fragment, with its first words; a new note that continues in lower case after a colon must
 * either start its sentence with a capital or be added here as the fragment it is.
 *
 * English keeps lower case after a colon (as English usually does) and is checked only at the
 * start of a note or a command line (`command: The cable of sensor is cut`; older trace files
 * that say `the cable of sensor is cut` are still read back, src/sim/command-legacy.ts). Pieces
 * that are put into other texts (reason code names, how a connection ended, a fault rule's
 * path, a link setting) are no notes of their own.
 */
import { describe, expect, it } from 'vitest';
import { CODEC_ERROR_TEXTS } from '../../src/core/mqtt/codec-error-texts.ts';
import { COMMAND_TEXTS } from '../../src/sim/command-text.ts';
import { explanationTexts } from '../../src/sim/explain-text.ts';

type Texts = Readonly<Record<string, { en: string; de: string }>>;

/** Texts that are pieces of other texts (`{name}`, `{reason}`, `{path}`, `{settings}`, a client's last close reason). */
const PIECES = /^(reason-name\.|net\.close-reason\.|client\.close\.|fault\.path\.|fault\.any\.|link\.(latencyMs|jitterMs|lossPercent|tls\.))/;

/**
 * The German notes whose part after ": " is a fragment or a list, not a sentence, so it stays
 * in lower case: key -> the first two words of each such part, in the order they appear.
 */
const GERMAN_FRAGMENTS: Readonly<Record<string, readonly string[]>> = {
  // "…: der Common Name (CN) seines Client-Zertifikats, nicht der Benutzername …" (what the user is)
  'connect.identity-as-username': ['der Common'],
  // "…: das Intervall, mit dem sie veröffentlicht wurde, abzüglich der Zeit …" (what the value is)
  'deliver.expiry-remaining': ['das Intervall'],
  // "(0 oder keines heißt: gar keine Aliase)"
  'publish.topic-alias-invalid': ['gar keine'],
  // "…: ein Protokollfehler, DISCONNECT 0x82 (…)"
  'publish.topic-alias-zero': ['ein Protokollfehler'],
  // "…mit allen Optionen: höchstens QoS …" (a list) and "…erneut gesendet werden: bei 0 ja, bei 1 … und 2 nicht"
  'subscribe.replaced-v5': ['höchstens QoS', 'bei 0'],
  // "…: trotzdem UNSUBACK (…)"
  'unsubscribe.none': ['trotzdem UNSUBACK'],
  // "…: erneut verbinden erst nach einem Trennen …"
  'client.connect.already': ['erneut verbinden'],
  // "…: abschicken und vergessen, keine Paket-ID, keine Bestätigung"
  'client.publish.qos0': ['abschicken und'],
  // "…: trotzdem mit PUBREL beantwortet (…)"
  'client.ack.pubrec-unknown': ['trotzdem mit'],
  // "…: an die Anwendung übergeben, nichts zu bestätigen" / "… und mit PUBACK bestätigt"
  'client.receive.qos0': ['an die'],
  'client.receive.qos1': ['an die'],
  // "…: erneut übergeben und bestätigt"
  'client.receive.qos1-dup': ['erneut übergeben'],
  // "…: gespeichert und mit PUBREC bestätigt; …"
  'client.receive.qos2-stored': ['gespeichert und'],
  // "…: wieder mit PUBREC beantwortet, aber nicht doppelt übergeben"
  'client.receive.qos2-duplicate': ['wieder mit'],
  // "…: ein Protokollfehler ({code} {name})"
  'client.alias.unknown': ['ein Protokollfehler'],
  'client.alias.no-topic': ['ein Protokollfehler'],
  // "…: keine Verbindung (Kabel getrennt)"
  'sim.tcp-refused': ['keine Verbindung'],
};

/**
 * The decoder's verdicts that are no sentence (a noun phrase): after `Byte 6:` in a note or the
 * inspector's `Byte 6 ist falsch:` they stay in lower case; every other verdict is a sentence.
 */
const CODEC_FRAGMENTS: ReadonlySet<string> = new Set(['too-many-filters', 'subscribe-empty', 'unsubscribe-empty', 'suback-empty', 'unsuback-empty', 'property-unknown', 'property-not-allowed', 'too-many-properties'].map((k) => `codec.error.${k}`));

/** Notes of their own (not pieces), by key. */
function notes(table: Texts): [string, { en: string; de: string }][] {
  return Object.entries(table).filter(([key]) => !PIECES.test(key));
}

/** A note's start as a sentence's: a capital, a digit, a name (`{param}`, a code span), a quote, `$SYS`. */
const SENTENCE_START = /^(\p{Lu}|\d|\{\w+\}|[„"$`])/u;

/** The first two words of each part after ": " that starts with a lower-case letter. */
function lowerAfterColon(text: string): string[] {
  return [...text.matchAll(/: (\p{Ll}[^\s,.;)]*(?: [^\s,.;)]+)?)/gu)].map((m) => m[1]!);
}

describe('the trace notes begin as sentences do', () => {
  it('in German: every note and every command line starts with a capital or a name', () => {
    const wrong = notes({ ...explanationTexts, ...COMMAND_TEXTS }).filter(([, t]) => !SENTENCE_START.test(t.de));
    expect(wrong.map(([key, t]) => `${key}: ${t.de}`)).toEqual([]);
  });

  it('in English: every note and every command line starts with a capital or a name (the world\'s own notes too: "Lost: the cable is cut")', () => {
    const wrong = notes({ ...explanationTexts, ...COMMAND_TEXTS }).filter(([, t]) => !SENTENCE_START.test(t.en));
    expect(wrong.map(([key, t]) => `${key}: ${t.en}`)).toEqual([]);
  });

  it('in German, after a colon, a complete sentence starts with a capital; only the listed fragments stay in lower case', () => {
    const found: Record<string, string[]> = {};
    for (const [key, t] of notes({ ...explanationTexts, ...COMMAND_TEXTS })) {
      const lower = lowerAfterColon(t.de);
      if (lower.length > 0) found[key] = lower;
    }
    // Equal both ways: a new lower-case part must be judged, and a fragment that became a sentence (or went) leaves the list.
    expect(found).toEqual(GERMAN_FRAGMENTS);
  });

  it('in German, the decoder\'s verdicts after "Byte N:" start with a capital where they are sentences', () => {
    const wrong = Object.entries(CODEC_ERROR_TEXTS).filter(([key, t]) => (CODEC_FRAGMENTS.has(key) ? !/^\p{Ll}/u.test(t.de) : !SENTENCE_START.test(t.de)));
    expect(wrong.map(([key, t]) => `${key}: ${t.de}`)).toEqual([]);
    expect(CODEC_ERROR_TEXTS['codec.error.property-value']!.de).toBe('Eine Property hat einen unzulässigen Wert');
  });

  it('say it as the German UI and CLI show it: "Verloren: Das Kabel ist getrennt", "Befehl: Das Kabel von sensor wird getrennt"', () => {
    expect(explanationTexts['sim.drop.cable-cut']).toEqual({ en: 'Lost: the cable is cut', de: 'Verloren: Das Kabel ist getrennt' });
    expect(explanationTexts['publish.no-subscribers']!.de).toBe('Kein Abonnement passt zu {topic}: Die Nachricht geht an niemanden.');
    expect(COMMAND_TEXTS['cable-cut']).toEqual({ en: 'The cable of {actor} is cut', de: 'Das Kabel von {actor} wird getrennt' });
  });
});
