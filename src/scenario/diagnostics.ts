/**
 * Diagnostics of the scenario language: every problem with its place in the text (1-based
 * line and column, end exclusive), an English and a German message, a stable code, and for
 * "did you mean" a fix the editor can offer as a quick fix.
 *
 * Messages are data (`MESSAGES`), keyed by code, with `{name}` placeholders, so the editor,
 * the CLI and the tests read the same texts.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A range in the text: 1-based lines and columns (UTF-16 code units), end exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A replacement the editor can apply ("did you mean ..."). */
export interface Fix {
  title: string;
  range: Range;
  text: string;
}

export interface Diagnostic extends Range {
  severity: Severity;
  message: string;
  messageDe?: string;
  /** Stable code, e.g. `option.unknown`; also the message key. */
  code: string;
  fix?: Fix;
}

type Texts = { en: string; de: string };

/** Every diagnostic text, in English and German. */
export const MESSAGES: Record<string, Texts> = {
  'lex.unterminated-string': { en: 'this string has no closing {quote}', de: 'diesem String fehlt das schließende {quote}' },
  'lex.bad-escape': { en: 'unknown escape `{escape}` in a string (use \\\\, \\", \\\', \\n, \\t, \\xHH or \\u{HHHH})', de: 'unbekannte Escape-Sequenz `{escape}` im String (erlaubt: \\\\, \\", \\\', \\n, \\t, \\xHH oder \\u{HHHH})' },
  'time.missing': { en: '`{word}` needs a time, e.g. `{word} 5s`', de: '`{word}` braucht eine Zeit, z. B. `{word} 5s`' },
  'time.invalid': { en: '`{text}` is not a duration: write a number and a unit (`500ms`, `5s`, `2min`)', de: '`{text}` ist keine Dauer: Zahl und Einheit schreiben (`500ms`, `5s`, `2min`)' },
  'time.invalid-suggest': { en: '`{text}` is not a duration, did you mean `{suggestion}`? (a decimal point, and the unit ms, s, min or h)', de: '`{text}` ist keine Dauer, meintest du `{suggestion}`? (Dezimalpunkt statt Komma, Einheit ms, s, min oder h)' },
  'time.no-unit': { en: 'the duration `{text}` has no unit: write `{text}s` or `{text}ms`', de: 'die Dauer `{text}` hat keine Einheit: `{text}s` oder `{text}ms` schreiben' },
  'time.backwards': { en: 'time goes backwards: `at {at}` is before the previous line ({previous}); write the lines in time order', de: 'die Zeit läuft rückwärts: `at {at}` liegt vor der vorigen Zeile ({previous}); die Zeilen in zeitlicher Reihenfolge schreiben' },
  'time.not-here': { en: '`{word}` cannot have a time: declarations and expectations are not scheduled (use `by` in an expectation)', de: '`{word}` kann keine Zeit haben: Deklarationen und Erwartungen werden nicht eingeplant (in einer Erwartung `by` verwenden)' },
  'time.too-late': { en: 'the time {time} is beyond the limit of {limit}', de: 'die Zeit {time} liegt hinter der Grenze von {limit}' },
  'line.unknown': { en: 'unknown word `{word}`: a line starts with a declaration (broker, client, user, acl, link, seed), a client name, a fault (drop, duplicate, delay), `broker restart` or `expect`', de: 'unbekanntes Wort `{word}`: eine Zeile beginnt mit einer Deklaration (broker, client, user, acl, link, seed), einem Client-Namen, einem Fehler (drop, duplicate, delay), `broker restart` oder `expect`' },
  'line.unknown-suggest': { en: 'unknown word `{word}`, did you mean `{suggestion}`?', de: 'unbekanntes Wort `{word}`, meintest du `{suggestion}`?' },
  'line.extra': { en: 'unexpected `{word}` at the end of the line', de: 'unerwartetes `{word}` am Zeilenende' },
  'line.missing': { en: '{what} is missing here', de: 'hier fehlt {whatDe}' },
  'line.continued-blank': { en: '`\\` at the end of line {line} continues it on the next line, but line {next} is blank: remove the `\\` or the blank line', de: '`\\` am Ende von Zeile {line} setzt sie in der nächsten Zeile fort, aber Zeile {next} ist leer: den `\\` oder die Leerzeile entfernen' },
  'line.continued-comment': { en: '`\\` at the end of line {line} continues it on the next line, but line {next} holds only a comment: remove the `\\` or the comment', de: '`\\` am Ende von Zeile {line} setzt sie in der nächsten Zeile fort, aber Zeile {next} enthält nur einen Kommentar: den `\\` oder den Kommentar entfernen' },
  'line.continued-end': { en: '`\\` at the end of the last line continues nothing: remove it', de: '`\\` am Ende der letzten Zeile setzt nichts fort: ihn entfernen' },
  'client.undeclared': { en: 'client `{name}` is not declared (add `client {name}`)', de: 'Client `{name}` ist nicht deklariert (`client {name}` hinzufügen)' },
  'client.undeclared-suggest': { en: 'client `{name}` is not declared, did you mean `{suggestion}`?', de: 'Client `{name}` ist nicht deklariert, meintest du `{suggestion}`?' },
  'client.duplicate': { en: 'client `{name}` is declared twice (first on line {first})', de: 'Client `{name}` ist doppelt deklariert (zuerst in Zeile {first})' },
  'client.bad-name': { en: '`{name}` cannot be a client name: use letters, digits, `-` and `_`, starting with a letter, and not a keyword', de: '`{name}` kann kein Client-Name sein: Buchstaben, Ziffern, `-` und `_` verwenden, mit einem Buchstaben beginnen, kein Schlüsselwort' },
  'verb.unknown': { en: 'unknown command `{word}` for client `{client}`: use connect, disconnect, subscribe, unsubscribe, publish, send, send-hex, cable-cut, cable-restore or crash', de: 'unbekannter Befehl `{word}` für Client `{client}`: connect, disconnect, subscribe, unsubscribe, publish, send, send-hex, cable-cut, cable-restore oder crash verwenden' },
  'verb.unknown-suggest': { en: 'unknown command `{word}`, did you mean `{suggestion}`?', de: 'unbekannter Befehl `{word}`, meintest du `{suggestion}`?' },
  'verb.missing': { en: 'what should `{client}` do? add a command: connect, publish, subscribe, ...', de: 'was soll `{client}` tun? einen Befehl ergänzen: connect, publish, subscribe, ...' },
  'send.packet': { en: 'unknown packet `{word}`: send CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH or RESERVED', de: 'unbekanntes Paket `{word}`: CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH oder RESERVED senden' },
  'send.packet-suggest': { en: 'unknown packet `{word}`, did you mean `{suggestion}`?', de: 'unbekanntes Paket `{word}`, meintest du `{suggestion}`?' },
  'send.option-packet': { en: '`{option}` is not a field of {packet} (it belongs to {packets})', de: '`{option}` ist kein Feld von {packet} (es gehört zu {packets})' },
  'send.hex-bad': { en: '`{char}` is not a hex digit: write the bytes as pairs of hex digits, e.g. "30 0a 00 03"', de: '`{char}` ist keine Hex-Ziffer: die Bytes als Paare von Hex-Ziffern schreiben, z. B. "30 0a 00 03"' },
  'send.hex-odd': { en: '{count} hex digits: every byte needs two (write 0a, not a)', de: '{count} Hex-Ziffern: jedes Byte braucht zwei (0a schreiben, nicht a)' },
  'send.hex-empty-segment': { en: 'an empty TCP segment: `|` goes between two groups of bytes', de: 'ein leeres TCP-Segment: `|` steht zwischen zwei Gruppen von Bytes' },
  'send.split-range': { en: '`--split-at {value}` is not inside the packet: give a byte offset from 1 to {length} minus 1', de: '`--split-at {value}` liegt nicht im Paket: einen Byte-Offset von 1 bis {length} minus 1 angeben' },
  'send.against': { en: 'sent on purpose, against {ref}: {what}', de: 'absichtlich gesendet, gegen {ref}: {whatDe}' },
  'option.unknown': { en: 'unknown option `{option}` for `{verb}`', de: 'unbekannte Option `{option}` für `{verb}`' },
  'option.unknown-suggest': { en: 'unknown option `{option}`, did you mean `{suggestion}`?', de: 'unbekannte Option `{option}`, meintest du `{suggestion}`?' },
  'option.wrong-verb': { en: '`{option}` is an option of {verbs}, not of `{verb}`', de: '`{option}` ist eine Option von {verbs}, nicht von `{verb}`' },
  'option.missing-value': { en: '`{option}` needs a value: {valueHelp}', de: '`{option}` braucht einen Wert: {valueHelpDe}' },
  'option.bad-value': { en: 'bad value `{value}` for `{option}`: {valueHelp}', de: 'ungültiger Wert `{value}` für `{option}`: {valueHelpDe}' },
  'option.repeated': { en: '`{option}` is given twice; the last one wins', de: '`{option}` ist doppelt angegeben; die letzte Angabe gilt' },
  'option.positional': { en: 'unexpected `{word}`: options start with `-` (quote a text with spaces: -m "two words")', de: 'unerwartetes `{word}`: Optionen beginnen mit `-` (Text mit Leerzeichen in Anführungszeichen: -m "zwei Wörter")' },
  'option.conflict': { en: '{en}', de: '{de}' },
  'option.requires': { en: '`{option}` needs `{needs}` too', de: '`{option}` braucht auch `{needs}`' },
  'option.password-needs-username': { en: '`{option}` needs `-u` too: MQTT 3.1.1 allows a password only with a user name (MQTT-3.1.2-22); MQTT 5.0 allows it alone', de: '`{option}` braucht auch `-u`: MQTT 3.1.1 erlaubt ein Passwort nur mit Benutzernamen (MQTT-3.1.2-22); MQTT 5.0 erlaubt es allein' },
  'option.no-local-shared': { en: '`{option}` cannot be used with the shared subscription `{filter}`: No Local on a shared subscription is a protocol error (MQTT-3.8.3-4)', de: '`{option}` geht nicht mit dem geteilten Abonnement `{filter}`: No Local bei einem geteilten Abonnement ist ein Protokollfehler (MQTT-3.8.3-4)' },
  'option.disconnect-reason-code': { en: '`{value}` is not a reason code a client may put in DISCONNECT (MQTT 5.0 section 3.14.2.1): use one of {codes}', de: '`{value}` ist kein Reason Code, den ein Client ins DISCONNECT schreiben darf (MQTT 5.0 Abschnitt 3.14.2.1): einen von {codes} verwenden' },
  'qos.range': { en: 'QoS must be 0, 1 or 2, not `{value}`', de: 'QoS muss 0, 1 oder 2 sein, nicht `{value}`' },
  'version.bad': { en: 'unknown protocol version `{value}`: use mqttv311 (or 311) or mqttv5 (or 5)', de: 'unbekannte Protokollversion `{value}`: mqttv311 (oder 311) oder mqttv5 (oder 5) verwenden' },
  'version.v31': { en: 'MQTT 3.1 (`{value}`) is not simulated: use mqttv311 or mqttv5', de: 'MQTT 3.1 (`{value}`) wird nicht simuliert: mqttv311 oder mqttv5 verwenden' },
  'property.unknown': { en: 'unknown property `{name}`', de: 'unbekannte Property `{name}`' },
  'property.unknown-suggest': { en: 'unknown property `{name}`, did you mean `{suggestion}`?', de: 'unbekannte Property `{name}`, meintest du `{suggestion}`?' },
  'property.bad-command': { en: 'unknown -D command `{name}`: use connect, will, publish, subscribe, unsubscribe or disconnect', de: 'unbekannter -D-Befehl `{name}`: connect, will, publish, subscribe, unsubscribe oder disconnect verwenden' },
  'property.bad-command-suggest': { en: 'unknown -D command `{name}`, did you mean `{suggestion}`?', de: 'unbekannter -D-Befehl `{name}`, meintest du `{suggestion}`?' },
  'property.wrong-command': { en: '`-D {command}` does not belong on a `{verb}` line', de: '`-D {command}` gehört nicht in eine `{verb}`-Zeile' },
  'property.not-allowed': { en: 'the property `{name}` is not allowed in {command} (MQTT 5.0 section 2.2.2.2)', de: 'die Property `{name}` ist in {command} nicht erlaubt (MQTT 5.0 Abschnitt 2.2.2.2)' },
  'property.unsupported': { en: 'the property `{name}` is not modelled by the simulated client; it is ignored', de: 'die Property `{name}` wird vom simulierten Client nicht modelliert; sie wird ignoriert' },
  'property.v311': { en: 'properties are MQTT 5.0 only, but this connection uses MQTT 3.1.1', de: 'Properties gibt es nur in MQTT 5.0, diese Verbindung nutzt aber MQTT 3.1.1' },
  'topic.invalid': { en: '{en}', de: '{de}' },
  'topic.lint': { en: '{en}', de: '{de}' },
  'setting.unknown': { en: 'unknown setting `{key}` for `{what}`', de: 'unbekannte Einstellung `{key}` für `{what}`' },
  'setting.unknown-suggest': { en: 'unknown setting `{key}`, did you mean `{suggestion}`?', de: 'unbekannte Einstellung `{key}`, meintest du `{suggestion}`?' },
  'setting.bad-value': { en: 'bad value `{value}` for `{key}`: {valueHelp}', de: 'ungültiger Wert `{value}` für `{key}`: {valueHelpDe}' },
  'setting.not-key-value': { en: '`{word}` should be `key=value`', de: '`{word}` sollte `key=value` sein' },
  'setting.repeated': { en: '`{key}` is set twice; the last one wins', de: '`{key}` ist doppelt gesetzt; der letzte Wert gilt' },
  'seed.bad': { en: 'the seed must be a whole number from 0 to 4294967295, not `{value}`', de: 'der Seed muss eine ganze Zahl von 0 bis 4294967295 sein, nicht `{value}`' },
  'value.control': { en: '`{value}` holds the control character {char}: a user name or ACL topic is one line of Mosquitto\'s password or ACL file, and Mosquitto closes a connection whose user name or topic holds a control character', de: '`{value}` enthält das Steuerzeichen {char}: ein Benutzername oder ACL-Topic ist eine Zeile in Mosquittos Passwort- oder ACL-Datei, und Mosquitto schließt eine Verbindung, deren Benutzername oder Topic ein Steuerzeichen enthält' },
  'user.colon': { en: 'the user name `{name}` holds `:`: a password_file line is NAME:HASH, split at the first `:`, so mosquitto_passwd refuses such a name', de: 'der Benutzername `{name}` enthält `:`: eine Zeile der password_file ist NAME:HASH, getrennt am ersten `:`, daher lehnt mosquitto_passwd so einen Namen ab' },
  'acl.bad': { en: 'an ACL line is `acl user NAME`, `acl topic [read|write|readwrite|deny] TOPIC` or `acl pattern [read|write|readwrite|deny] TOPIC`', de: 'eine ACL-Zeile ist `acl user NAME`, `acl topic [read|write|readwrite|deny] TOPIC` oder `acl pattern [read|write|readwrite|deny] TOPIC`' },
  'fault.bad': { en: 'a fault is `{word} next [N] PACKET to|from|on CLIENT{by}`, e.g. `{word} next PUBACK to sensor{by}`', de: 'ein Fehler ist `{word} next [N] PAKET to|from|on CLIENT{by}`, z. B. `{word} next PUBACK to sensor{by}`' },
  'fault.packet': { en: 'unknown packet type `{word}`', de: 'unbekannter Pakettyp `{word}`' },
  'fault.packet-suggest': { en: 'unknown packet type `{word}`, did you mean `{suggestion}`?', de: 'unbekannter Pakettyp `{word}`, meintest du `{suggestion}`?' },
  'count.bad': { en: '`{value}` is not a count: use a whole number from 1 to {max}', de: '`{value}` ist keine Anzahl: eine ganze Zahl von 1 bis {max} verwenden' },
  'expect.bad': { en: 'an expectation is one of: `expect CLIENT receives TOPIC ...`, `expect CLIENT never-receives TOPIC`, `expect CLIENT connack|suback|unsuback|puback|pubrec CODE`, `expect CLIENT connack session-present 0|1`, `expect CLIENT connack property NAME [VALUE]`, `expect CLIENT will-registered`, `expect CLIENT disconnects-cleanly`, `expect CLIENT closed-without-connack`, `expect broker sent-will|no-will CLIENT`, `expect broker receives TOPIC [PAYLOAD] from CLIENT`, `expect broker disconnects CLIENT [CODE]`, `expect session CLIENT exists|absent`, `expect retained TOPIC [PAYLOAD] [from-will CLIENT]`, `expect no-retained TOPIC`', de: 'eine Erwartung ist eine von: `expect CLIENT receives TOPIC ...`, `expect CLIENT never-receives TOPIC`, `expect CLIENT connack|suback|unsuback|puback|pubrec CODE`, `expect CLIENT connack session-present 0|1`, `expect CLIENT connack property NAME [WERT]`, `expect CLIENT will-registered`, `expect CLIENT disconnects-cleanly`, `expect CLIENT closed-without-connack`, `expect broker sent-will|no-will CLIENT`, `expect broker receives TOPIC [NUTZDATEN] from CLIENT`, `expect broker disconnects CLIENT [CODE]`, `expect session CLIENT exists|absent`, `expect retained TOPIC [NUTZDATEN] [from-will CLIENT]`, `expect no-retained TOPIC`' },
  'expect.unknown': { en: 'unknown expectation `{word}`', de: 'unbekannte Erwartung `{word}`' },
  'expect.unknown-suggest': { en: 'unknown expectation `{word}`, did you mean `{suggestion}`?', de: 'unbekannte Erwartung `{word}`, meintest du `{suggestion}`?' },
  'expect.code': { en: '`{value}` is not a reason code: write a number such as 0x80, 0x05 or 135', de: '`{value}` ist kein Reason Code: eine Zahl wie 0x80, 0x05 oder 135 schreiben' },
  'expect.conflict': { en: '`times` (`exactly`) cannot be combined with `at-least` or `at-most`', de: '`times` (`exactly`) lässt sich nicht mit `at-least` oder `at-most` kombinieren' },
  'expect.window-empty': { en: 'nothing can happen after {after} and by {by}: the window ends before it starts, so this goal could never pass (swap the times?)', de: 'nach {after} und bis {by} kann nichts geschehen: das Zeitfenster endet, bevor es beginnt, so könnte dieses Ziel nie erfüllt werden (Zeiten vertauscht?)' },
  'expect.count-empty': { en: 'at least {least} and at most {most} cannot both hold: this goal could never pass', de: 'mindestens {least} und höchstens {most} können nicht beide gelten: dieses Ziel könnte nie erfüllt werden' },
  'expect.after-end': { en: 'the run ends at {end} (`at {end} end`), before this goal\'s window opens after {after}: it could never pass', de: 'der Lauf endet bei {end} (`at {end} end`), bevor das Zeitfenster dieses Ziels nach {after} beginnt: es könnte nie erfüllt werden' },
  'end.repeated': { en: 'the run already ends at {first}: this `end` is never reached', de: 'der Lauf endet schon bei {first}: dieses `end` wird nie erreicht' },
  'expect.payload-keyword': { en: '`{word}` is read as the payload: did you mean `{suggestion}`? (quote a payload that is such a word: "{word}")', de: '`{word}` wird als Nutzdaten gelesen: meintest du `{suggestion}`? (Nutzdaten, die so ein Wort sind, in Anführungszeichen: "{word}")' },
  'expect.flag': { en: '`session-present` needs 0 or 1, not `{value}`', de: '`session-present` braucht 0 oder 1, nicht `{value}`' },
  'expect.flag-conflict': { en: '`{word}` contradicts a flag given before on this line', de: '`{word}` widerspricht einem vorher in dieser Zeile angegebenen Flag' },
  'expect.property': { en: 'unknown or uncheckable property `{word}` here', de: 'unbekannte oder hier nicht prüfbare Property `{word}`' },
  'expect.property-suggest': { en: 'unknown property `{word}`, did you mean `{suggestion}`?', de: 'unbekannte Property `{word}`, meintest du `{suggestion}`?' },
  'internal': { en: 'internal error while reading this line: {error}', de: 'interner Fehler beim Lesen dieser Zeile: {error}' },
};

/** Fill `{name}` placeholders. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Longest quoted word a message shows whole; a longer one is cut with `…` (the range still covers all of it). */
const MAX_QUOTED = 80;

/** Parameters that are sentences (written by the project, never quoting the text at length). */
const SENTENCE_PARAMS = new Set(['en', 'de', 'valueHelp', 'valueHelpDe', 'what', 'whatDe', 'verbs', 'packets', 'codes', 'error']);

function cut(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 20)}…` : text;
}

/**
 * The parameters with every word from the text cut to MAX_QUOTED (a 2 MB word made a 2 MB
 * message); the sentences of the topic checks (`en`, `de`) quote words in backticks, so a long
 * quoted span without a space inside them is cut the same way.
 */
function shortParams(params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') out[key] = value;
    else if (key === 'en' || key === 'de') out[key] = value.replace(/`([^`\s]+)`/g, (whole, inner: string) => (inner.length > MAX_QUOTED ? `\`${cut(inner)}\`` : whole));
    else out[key] = SENTENCE_PARAMS.has(key) ? value : cut(value);
  }
  return out;
}

/** A diagnostic for `code` at `range` with both texts. */
export function diagnostic(severity: Severity, code: string, range: Range, params: Record<string, string | number> = {}, fix?: Fix): Diagnostic {
  const texts = MESSAGES[code] ?? { en: code, de: code };
  const shown = shortParams(params);
  const d: Diagnostic = { severity, ...range, message: format(texts.en, shown), messageDe: format(texts.de, shown), code };
  if (fix) d.fix = fix;
  return d;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), so
 * `--qso` is one edit from `--qos`. Bounded: strings longer than 64 code units compare as far.
 */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: at most one edit
 * for short words, about a third of the length for longer ones. Case is ignored for matching.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  if (w.replace(/^-+/, '') === '') return undefined; // nothing typed is no typo of anything
  const limit = Math.max(1, Math.floor(w.replace(/^-+/, '').length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestDistance && dist <= limit) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}
