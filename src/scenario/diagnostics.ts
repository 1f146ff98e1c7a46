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
  'lex.unterminated-string': { en: 'This string has no closing {quote}.', de: 'Diesem String fehlt das schließende {quote}.' },
  'lex.bad-escape': { en: 'Unknown escape `{escape}` in a string (use \\\\, \\", \\\', \\n, \\t, \\xHH or \\u{HHHH}).', de: 'Unbekannte Escape-Sequenz `{escape}` im String (erlaubt: \\\\, \\", \\\', \\n, \\t, \\xHH oder \\u{HHHH}).' },
  'time.missing': { en: '`{word}` needs a time, e.g. `{word} 5s`.', de: '`{word}` braucht eine Zeit, z. B. `{word} 5s`.' },
  'time.invalid': { en: '`{text}` is not a duration: write a number and a unit (`500ms`, `5s`, `2min`).', de: '`{text}` ist keine Dauer. Schreib eine Zahl und eine Einheit (`500ms`, `5s`, `2min`).' },
  'time.invalid-suggest': { en: '`{text}` is not a duration. Did you mean `{suggestion}`? Write a decimal point and the unit ms, s, min or h.', de: '`{text}` ist keine Dauer. Meintest du `{suggestion}`? Schreib einen Dezimalpunkt statt eines Kommas und die Einheit ms, s, min oder h.' },
  'time.no-unit': { en: 'The duration `{text}` has no unit: write `{text}s` or `{text}ms`.', de: 'Die Dauer `{text}` hat keine Einheit. Schreib `{text}s` oder `{text}ms`.' },
  'time.backwards': { en: 'Time goes backwards: `at {at}` is before the previous line ({previous}). Write the lines in time order.', de: 'Die Zeit läuft rückwärts: `at {at}` liegt vor der vorigen Zeile ({previous}). Schreib die Zeilen in zeitlicher Reihenfolge.' },
  'time.not-here': { en: '`{word}` cannot have a time: declarations and expectations are not scheduled (use `by` in an expectation).', de: '`{word}` kann keine Zeit haben: Deklarationen und Erwartungen werden nicht eingeplant (in einer Erwartung `by` verwenden).' },
  'time.too-late': { en: 'The time {time} is beyond the limit of {limit}.', de: 'Die Zeit {time} liegt hinter der Grenze von {limit}.' },
  'line.unknown': { en: 'Unknown word `{word}`: a line starts with a declaration (broker, client, user, acl, link, seed), a client name, a fault (drop, duplicate, delay), `broker restart` or `expect`.', de: 'Unbekanntes Wort `{word}`: Eine Zeile beginnt mit einer Deklaration (broker, client, user, acl, link, seed), einem Client-Namen, einem Fehler (drop, duplicate, delay), `broker restart` oder `expect`.' },
  'line.unknown-suggest': { en: 'Unknown word `{word}`. Did you mean `{suggestion}`?', de: 'Unbekanntes Wort `{word}`. Meintest du `{suggestion}`?' },
  'line.extra': { en: 'Unexpected `{word}` at the end of the line.', de: 'Unerwartetes `{word}` am Zeilenende.' },
  'line.missing': { en: 'Missing here: {what}.', de: 'Hier fehlt {whatDe}.' },
  'line.continued-blank': { en: '`\\` at the end of line {line} continues it on the next line, but line {next} is blank. Remove the `\\` or the blank line.', de: '`\\` am Ende von Zeile {line} setzt sie in der nächsten Zeile fort, aber Zeile {next} ist leer. Entferne den `\\` oder die Leerzeile.' },
  'line.continued-comment': { en: '`\\` at the end of line {line} continues it on the next line, but line {next} holds only a comment. Remove the `\\` or the comment.', de: '`\\` am Ende von Zeile {line} setzt sie in der nächsten Zeile fort, aber Zeile {next} enthält nur einen Kommentar. Entferne den `\\` oder den Kommentar.' },
  'line.continued-end': { en: '`\\` at the end of the last line continues nothing. Remove it.', de: '`\\` am Ende der letzten Zeile setzt nichts fort. Entferne ihn.' },
  'client.undeclared': { en: 'Client `{name}` is not declared (add `client {name}`).', de: 'Client `{name}` ist nicht deklariert (ergänze `client {name}`).' },
  'client.undeclared-suggest': { en: 'Client `{name}` is not declared. Did you mean `{suggestion}`?', de: 'Client `{name}` ist nicht deklariert. Meintest du `{suggestion}`?' },
  'client.duplicate': { en: 'Client `{name}` is declared twice (first on line {first}).', de: 'Client `{name}` ist doppelt deklariert (zuerst in Zeile {first}).' },
  'client.bad-name': { en: '`{name}` cannot be a client name: use letters, digits, `-` and `_`, starting with a letter, and not a keyword.', de: '`{name}` kann kein Client-Name sein. Verwende Buchstaben, Ziffern, `-` und `_`, am Anfang einen Buchstaben, und kein Schlüsselwort.' },
  'verb.unknown': { en: 'Unknown command `{word}` for client `{client}`: use connect, disconnect, subscribe, unsubscribe, publish, send, send-hex, cable-cut, cable-restore or crash.', de: 'Unbekannter Befehl `{word}` für Client `{client}`. Verwende connect, disconnect, subscribe, unsubscribe, publish, send, send-hex, cable-cut, cable-restore oder crash.' },
  'verb.unknown-suggest': { en: 'Unknown command `{word}`. Did you mean `{suggestion}`?', de: 'Unbekannter Befehl `{word}`. Meintest du `{suggestion}`?' },
  'verb.missing': { en: 'What should `{client}` do? Add a command such as connect, publish or subscribe.', de: 'Was soll `{client}` tun? Ergänze einen Befehl wie connect, publish oder subscribe.' },
  'send.packet': { en: 'Unknown packet `{word}`: send CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH or RESERVED.', de: 'Unbekanntes Paket `{word}`. Sende CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH oder RESERVED.' },
  'send.packet-suggest': { en: 'Unknown packet `{word}`. Did you mean `{suggestion}`?', de: 'Unbekanntes Paket `{word}`. Meintest du `{suggestion}`?' },
  'send.option-packet': { en: '`{option}` is not a field of {packet} (it belongs to {packets}).', de: '`{option}` ist kein Feld von {packet} (es gehört zu {packets}).' },
  'send.hex-bad': { en: '`{char}` is not a hex digit: write the bytes as pairs of hex digits, e.g. "30 0a 00 03".', de: '`{char}` ist keine Hex-Ziffer. Schreib die Bytes als Paare von Hex-Ziffern, z. B. "30 0a 00 03".' },
  'send.hex-odd': { en: '{count} hex digits: every byte needs two (write 0a, not a).', de: '{count} Hex-Ziffern: Jedes Byte braucht zwei (0a schreiben, nicht a).' },
  'send.hex-empty-segment': { en: 'An empty TCP segment: `|` goes between two groups of bytes.', de: 'Ein leeres TCP-Segment: `|` steht zwischen zwei Gruppen von Bytes.' },
  'send.split-range': { en: '`--split-at {value}` is not inside the packet: give a byte offset from 1 to {length} minus 1.', de: '`--split-at {value}` liegt nicht im Paket. Gib einen Byte-Offset von 1 bis {length} minus 1 an.' },
  'send.against': { en: 'Sent on purpose, against {ref}: {what}.', de: 'Absichtlich gesendet, gegen {ref}: {whatDe}.' },
  'option.unknown': { en: 'Unknown option `{option}` for `{verb}`.', de: 'Unbekannte Option `{option}` für `{verb}`.' },
  'option.unknown-suggest': { en: 'Unknown option `{option}`. Did you mean `{suggestion}`?', de: 'Unbekannte Option `{option}`. Meintest du `{suggestion}`?' },
  'option.wrong-verb': { en: '`{option}` is an option of {verbs}, not of `{verb}`.', de: '`{option}` ist eine Option von {verbs}, nicht von `{verb}`.' },
  'option.missing-value': { en: '`{option}` needs a value: {valueHelp}.', de: '`{option}` braucht einen Wert: {valueHelpDe}.' },
  'option.bad-value': { en: 'Bad value `{value}` for `{option}`: {valueHelp}.', de: 'Ungültiger Wert `{value}` für `{option}`: {valueHelpDe}.' },
  'option.repeated': { en: '`{option}` is given twice; the last one wins.', de: '`{option}` ist doppelt angegeben; die letzte Angabe gilt.' },
  'option.positional': { en: 'Unexpected `{word}`: options start with `-` (quote a text with spaces: -m "two words").', de: 'Unerwartetes `{word}`: Optionen beginnen mit `-` (Text mit Leerzeichen in Anführungszeichen: -m "zwei Wörter").' },
  'option.conflict': { en: '{en}', de: '{de}' },
  'option.requires': { en: '`{option}` needs `{needs}` too.', de: '`{option}` braucht auch `{needs}`.' },
  'option.password-needs-username': { en: '`{option}` needs `-u` too: MQTT 3.1.1 allows a password only with a user name (MQTT-3.1.2-22); MQTT 5.0 allows it alone.', de: '`{option}` braucht auch `-u`: MQTT 3.1.1 erlaubt ein Passwort nur mit Benutzernamen (MQTT-3.1.2-22); MQTT 5.0 erlaubt es allein.' },
  'option.no-local-shared': { en: '`{option}` cannot be used with the shared subscription `{filter}`: No Local on a shared subscription is a protocol error (MQTT-3.8.3-4).', de: '`{option}` geht nicht mit dem geteilten Abonnement `{filter}`: No Local bei einem geteilten Abonnement ist ein Protokollfehler (MQTT-3.8.3-4).' },
  'option.disconnect-reason-code': { en: '`{value}` is not a reason code a client may put in DISCONNECT (MQTT 5.0 section 3.14.2.1): use one of {codes}.', de: '`{value}` ist kein Reason Code, den ein Client ins DISCONNECT schreiben darf (MQTT 5.0 Abschnitt 3.14.2.1). Verwende einen von {codes}.' },
  'qos.range': { en: 'QoS must be 0, 1 or 2, not `{value}`.', de: 'QoS muss 0, 1 oder 2 sein, nicht `{value}`.' },
  'version.bad': { en: 'Unknown protocol version `{value}`: use mqttv311 (or 311) or mqttv5 (or 5).', de: 'Unbekannte Protokollversion `{value}`. Verwende mqttv311 (oder 311) oder mqttv5 (oder 5).' },
  'version.v31': { en: 'MQTT 3.1 (`{value}`) is not simulated: use mqttv311 or mqttv5.', de: 'MQTT 3.1 (`{value}`) wird nicht simuliert. Verwende mqttv311 oder mqttv5.' },
  'property.unknown': { en: 'Unknown property `{name}`.', de: 'Unbekannte Property `{name}`.' },
  'property.unknown-suggest': { en: 'Unknown property `{name}`. Did you mean `{suggestion}`?', de: 'Unbekannte Property `{name}`. Meintest du `{suggestion}`?' },
  'property.bad-command': { en: 'Unknown -D command `{name}`: use connect, will, publish, subscribe, unsubscribe or disconnect.', de: 'Unbekannter -D-Befehl `{name}`. Verwende connect, will, publish, subscribe, unsubscribe oder disconnect.' },
  'property.bad-command-suggest': { en: 'Unknown -D command `{name}`. Did you mean `{suggestion}`?', de: 'Unbekannter -D-Befehl `{name}`. Meintest du `{suggestion}`?' },
  'property.wrong-command': { en: '`-D {command}` does not belong on a `{verb}` line.', de: '`-D {command}` gehört nicht in eine `{verb}`-Zeile.' },
  'property.not-allowed': { en: 'The property `{name}` is not allowed in {command} (MQTT 5.0 section 2.2.2.2).', de: 'Die Property `{name}` ist in {command} nicht erlaubt (MQTT 5.0 Abschnitt 2.2.2.2).' },
  'property.unsupported': { en: 'The property `{name}` is not modelled by the simulated client; it is ignored.', de: 'Die Property `{name}` wird vom simulierten Client nicht modelliert; sie wird ignoriert.' },
  'property.v311': { en: 'Properties are MQTT 5.0 only, but this connection uses MQTT 3.1.1.', de: 'Properties gibt es nur in MQTT 5.0, diese Verbindung nutzt aber MQTT 3.1.1.' },
  'topic.invalid': { en: '{en}', de: '{de}' },
  'topic.lint': { en: '{en}', de: '{de}' },
  'setting.unknown': { en: 'Unknown setting `{key}` for `{what}`.', de: 'Unbekannte Einstellung `{key}` für `{what}`.' },
  'setting.unknown-suggest': { en: 'Unknown setting `{key}`. Did you mean `{suggestion}`?', de: 'Unbekannte Einstellung `{key}`. Meintest du `{suggestion}`?' },
  'setting.bad-value': { en: 'Bad value `{value}` for `{key}`: {valueHelp}.', de: 'Ungültiger Wert `{value}` für `{key}`: {valueHelpDe}.' },
  'setting.not-key-value': { en: '`{word}` should be `key=value`.', de: '`{word}` sollte `key=value` sein.' },
  'setting.repeated': { en: '`{key}` is set twice; the last one wins.', de: '`{key}` ist doppelt gesetzt; der letzte Wert gilt.' },
  'seed.bad': { en: 'The seed must be a whole number from 0 to 4294967295, not `{value}`.', de: 'Der Seed muss eine ganze Zahl von 0 bis 4294967295 sein, nicht `{value}`.' },
  'value.control': { en: '`{value}` holds the control character {char}: a user name or ACL topic is one line of Mosquitto\'s password or ACL file, and Mosquitto closes a connection whose user name or topic holds a control character.', de: '`{value}` enthält das Steuerzeichen {char}: Ein Benutzername oder ACL-Topic ist eine Zeile in Mosquittos Passwort- oder ACL-Datei, und Mosquitto schließt eine Verbindung, deren Benutzername oder Topic ein Steuerzeichen enthält.' },
  'user.colon': { en: 'The user name `{name}` holds `:`: a password_file line is NAME:HASH, split at the first `:`, so mosquitto_passwd refuses such a name.', de: 'Der Benutzername `{name}` enthält `:`: Eine Zeile der password_file ist NAME:HASH, getrennt am ersten `:`, daher lehnt mosquitto_passwd so einen Namen ab.' },
  'acl.bad': { en: 'An ACL line is `acl user NAME`, `acl topic [read|write|readwrite|deny] TOPIC` or `acl pattern [read|write|readwrite|deny] TOPIC`.', de: 'Eine ACL-Zeile ist `acl user NAME`, `acl topic [read|write|readwrite|deny] TOPIC` oder `acl pattern [read|write|readwrite|deny] TOPIC`.' },
  'fault.bad': { en: 'A fault is `{word} next [N] PACKET to|from|on CLIENT{by}`, e.g. `{word} next PUBACK to sensor{by}`.', de: 'Ein Fehler ist `{word} next [N] PAKET to|from|on CLIENT{by}`, z. B. `{word} next PUBACK to sensor{by}`.' },
  'fault.packet': { en: 'Unknown packet type `{word}`.', de: 'Unbekannter Pakettyp `{word}`.' },
  'fault.packet-suggest': { en: 'Unknown packet type `{word}`. Did you mean `{suggestion}`?', de: 'Unbekannter Pakettyp `{word}`. Meintest du `{suggestion}`?' },
  'count.bad': { en: '`{value}` is not a count: use a whole number from 1 to {max}.', de: '`{value}` ist keine Anzahl. Verwende eine ganze Zahl von 1 bis {max}.' },
  'expect.bad': { en: 'An expectation is one of: `expect CLIENT receives TOPIC ...`, `expect CLIENT never-receives TOPIC`, `expect CLIENT connack|suback|unsuback|puback|pubrec CODE`, `expect CLIENT connack session-present 0|1`, `expect CLIENT connack property NAME [VALUE]`, `expect CLIENT will-registered`, `expect CLIENT disconnects-cleanly`, `expect CLIENT closed-without-connack`, `expect broker sent-will|no-will CLIENT`, `expect broker receives TOPIC [PAYLOAD] from CLIENT`, `expect broker disconnects CLIENT [CODE]`, `expect session CLIENT exists|absent`, `expect retained TOPIC [PAYLOAD] [from-will CLIENT]`, `expect no-retained TOPIC`.', de: 'Eine Erwartung ist eine von: `expect CLIENT receives TOPIC ...`, `expect CLIENT never-receives TOPIC`, `expect CLIENT connack|suback|unsuback|puback|pubrec CODE`, `expect CLIENT connack session-present 0|1`, `expect CLIENT connack property NAME [WERT]`, `expect CLIENT will-registered`, `expect CLIENT disconnects-cleanly`, `expect CLIENT closed-without-connack`, `expect broker sent-will|no-will CLIENT`, `expect broker receives TOPIC [NUTZDATEN] from CLIENT`, `expect broker disconnects CLIENT [CODE]`, `expect session CLIENT exists|absent`, `expect retained TOPIC [NUTZDATEN] [from-will CLIENT]`, `expect no-retained TOPIC`.' },
  'expect.unknown': { en: 'Unknown expectation `{word}`.', de: 'Unbekannte Erwartung `{word}`.' },
  'expect.unknown-suggest': { en: 'Unknown expectation `{word}`. Did you mean `{suggestion}`?', de: 'Unbekannte Erwartung `{word}`. Meintest du `{suggestion}`?' },
  'expect.code': { en: '`{value}` is not a reason code: write a number such as 0x80, 0x05 or 135.', de: '`{value}` ist kein Reason Code. Schreib eine Zahl wie 0x80, 0x05 oder 135.' },
  'expect.conflict': { en: '`times` (`exactly`) cannot be combined with `at-least` or `at-most`.', de: '`times` (`exactly`) lässt sich nicht mit `at-least` oder `at-most` kombinieren.' },
  'expect.window-empty': { en: 'Nothing can happen after {after} and by {by}: the window ends before it starts, so this goal could never pass. Are the times swapped?', de: 'Nach {after} und bis {by} kann nichts geschehen: Das Zeitfenster endet, bevor es beginnt, also könnte dieses Ziel nie erfüllt werden. Sind die Zeiten vertauscht?' },
  'expect.count-empty': { en: 'At least {least} and at most {most} cannot both hold: this goal could never pass.', de: 'Mindestens {least} und höchstens {most} können nicht beide gelten: Dieses Ziel könnte nie erfüllt werden.' },
  'expect.after-end': { en: 'The run ends at {end} (`at {end} end`), before this goal\'s window opens after {after}: it could never pass.', de: 'Der Lauf endet bei {end} (`at {end} end`), bevor das Zeitfenster dieses Ziels nach {after} beginnt: Es könnte nie erfüllt werden.' },
  'end.repeated': { en: 'The run already ends at {first}: this `end` is never reached.', de: 'Der Lauf endet schon bei {first}: Dieses `end` wird nie erreicht.' },
  'expect.payload-keyword': { en: '`{word}` is read as the payload. Did you mean `{suggestion}`? Quote a payload that is such a word: "{word}".', de: '`{word}` wird als Nutzdaten gelesen. Meintest du `{suggestion}`? Setz Nutzdaten, die so ein Wort sind, in Anführungszeichen: "{word}".' },
  'expect.flag': { en: '`session-present` needs 0 or 1, not `{value}`.', de: '`session-present` braucht 0 oder 1, nicht `{value}`.' },
  'expect.flag-conflict': { en: '`{word}` contradicts a flag given before on this line.', de: '`{word}` widerspricht einem vorher in dieser Zeile angegebenen Flag.' },
  'expect.property': { en: 'Unknown property `{word}`, or one that cannot be checked here.', de: 'Unbekannte oder hier nicht prüfbare Property `{word}`.' },
  'expect.property-suggest': { en: 'Unknown property `{word}`. Did you mean `{suggestion}`?', de: 'Unbekannte Property `{word}`. Meintest du `{suggestion}`?' },
  'internal': { en: 'Internal error while reading this line ({error}).', de: 'Interner Fehler beim Lesen dieser Zeile ({error}).' },
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
