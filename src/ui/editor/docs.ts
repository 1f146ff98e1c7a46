/**
 * Documentation of the scenario language's own words (line words, fault and expectation words,
 * packet types), in English and German, for completion and hover. Verbs, options, settings and
 * properties are documented in the language's tables (src/scenario/options.ts); this adds the
 * rest, in the same `{ en, de }` shape.
 */
import type { Lang, Texts } from '../../scenario/options.ts';

/** The text in `lang`. */
export function text(t: Texts, lang: Lang): string {
  return lang === 'de' ? t.de : t.en;
}

export const KEYWORD_DOCS: Readonly<Record<string, Texts>> = {
  broker: { en: 'Broker settings: `broker version=5 persistence=on ...`; also `broker restart` at a time.', de: 'Broker-Einstellungen: `broker version=5 persistence=on ...`; zu einer Zeit auch `broker restart`.' },
  client: { en: 'Declare a client and its link: `client NAME [latency=20ms] [jitter=5ms] [loss=10%] [tls=on]`.', de: 'Einen Client und seine Verbindung deklarieren: `client NAME [latency=20ms] [jitter=5ms] [loss=10%] [tls=on]`.' },
  user: { en: 'A user of the broker\'s password file: `user NAME PASSWORD`.', de: 'Ein Benutzer der Passwortdatei des Brokers: `user NAME PASSWORT`.' },
  acl: { en: 'One line of a Mosquitto acl_file: `acl user NAME`, `acl topic [read|write|readwrite|deny] TOPIC`, `acl pattern ...` (%c client id, %u user).', de: 'Eine Zeile einer Mosquitto-acl_file: `acl user NAME`, `acl topic [read|write|readwrite|deny] TOPIC`, `acl pattern ...` (%c Client-ID, %u Benutzer).' },
  link: { en: 'Change a client\'s link: `link NAME latency=... jitter=... loss=... tls=on`, from the start or `at` a time.', de: 'Die Verbindung eines Clients ändern: `link NAME latency=... jitter=... loss=... tls=on`, von Anfang an oder `at` einer Zeit.' },
  seed: { en: 'Seed of the random generator (jitter, loss): the same seed gives the same run.', de: 'Startwert des Zufallsgenerators (Jitter, Verlust): Derselbe Startwert ergibt denselben Ablauf.' },
  expect: { en: 'A goal, checked on what happened (never on the commands): `expect CLIENT receives TOPIC ...`, `expect broker sent-will CLIENT`, `expect session CLIENT exists`, `expect retained TOPIC`.', de: 'Ein Ziel, geprüft an dem, was geschah (nie an den Befehlen): `expect CLIENT receives TOPIC ...`, `expect broker sent-will CLIENT`, `expect session CLIENT exists`, `expect retained TOPIC`.' },
  at: { en: 'Absolute virtual time of the line: `at 5s sensor cable-cut`. Lines go in time order.', de: 'Absolute virtuelle Zeit der Zeile: `at 5s sensor cable-cut`. Die Zeilen stehen in zeitlicher Reihenfolge.' },
  after: { en: 'Time relative to the previous timed line: `after 2s ...`. In an expectation: only what happened at or after this absolute time counts.', de: 'Zeit relativ zur vorigen Zeile mit Zeitangabe: `after 2s ...`. In einer Erwartung: Nur was ab dieser absoluten Zeit geschah, zählt.' },
  end: { en: 'Stop the run at this time: `at 60s end`. When an exercise is checked, its own end counts, not this line.', de: 'Den Ablauf zu dieser Zeit beenden: `at 60s end`. Beim Prüfen einer Aufgabe zählt deren eigenes Ende, nicht diese Zeile.' },
  drop: { en: 'Lose the next packet(s) of a type on a client\'s link: `drop next [N] PUBACK to|from|on CLIENT`.', de: 'Das nächste Paket (oder N) eines Typs auf der Verbindung verlieren: `drop next [N] PUBACK to|from|on CLIENT`.' },
  duplicate: { en: 'Deliver the next packet of a type twice: `duplicate next PUBLISH to CLIENT`.', de: 'Das nächste Paket eines Typs doppelt zustellen: `duplicate next PUBLISH to CLIENT`.' },
  delay: { en: 'Hold the next packet of a type back: `delay next PUBCOMP to CLIENT by 2s`.', de: 'Das nächste Paket eines Typs zurückhalten: `delay next PUBCOMP to CLIENT by 2s`.' },
  next: { en: 'The next packet(s) of the given type, optionally a count: `next 2 PUBREC`.', de: 'Die nächsten Pakete des Typs, optional mit Anzahl: `next 2 PUBREC`.' },
  to: { en: 'Packets from the broker to the client.', de: 'Pakete vom Broker zum Client.' },
  from: { en: 'Packets from the client to the broker (in `expect broker receives TOPIC from CLIENT`: the sender).', de: 'Pakete vom Client zum Broker (in `expect broker receives TOPIC from CLIENT`: der Absender).' },
  on: { en: 'Packets in either direction on the client\'s link.', de: 'Pakete in beide Richtungen auf der Verbindung des Clients.' },
  by: { en: 'A time: the deadline of an expectation (absolute virtual time) or the extra delay of `delay`.', de: 'Eine Zeit: die Frist einer Erwartung (absolute virtuelle Zeit) oder die Verzögerung bei `delay`.' },
  restart: { en: 'Restart the broker: `broker restart [persistence=on|off]`; without persistence sessions and retained messages are lost.', de: 'Den Broker neu starten: `broker restart [persistence=on|off]`; ohne Persistenz gehen Sitzungen und gehaltene Nachrichten verloren.' },
  receives: { en: 'The client\'s application is handed a message: `receives TOPIC [PAYLOAD] [qos N] [retained|not-retained] [dup|not-dup] [property NAME [VALUE]] [times|exactly N] [at-least N] [at-most N] [after T] [by T] [before TOPIC [PAYLOAD]]`. TOPIC may be a filter. After `broker`: `broker receives TOPIC [PAYLOAD] from CLIENT ...`, the PUBLISH arrived at the broker.', de: 'Die Anwendung des Clients erhält eine Nachricht: `receives TOPIC [NUTZDATEN] [qos N] [retained|not-retained] [dup|not-dup] [property NAME [WERT]] [times|exactly N] [at-least N] [at-most N] [after T] [by T] [before TOPIC [NUTZDATEN]]`. TOPIC darf ein Filter sein. Nach `broker`: `broker receives TOPIC [NUTZDATEN] from CLIENT ...`, das PUBLISH kam beim Broker an.' },
  'from-will': { en: 'After `expect retained TOPIC [PAYLOAD]`: the retained message was put there by this client\'s will, not by a PUBLISH of some client: `expect retained plant/s17/status "offline" from-will sensor`.', de: 'Nach `expect retained TOPIC [NUTZDATEN]`: Die gehaltene Nachricht hat das Testament dieses Clients dort abgelegt, nicht das PUBLISH irgendeines Clients: `expect retained plant/s17/status "offline" from-will sensor`.' },
  'will-registered': { en: 'The broker accepted a CONNECT of the client that carries a Last Will (optionally on TOPIC): `expect sensor will-registered [TOPIC]`.', de: 'Der Broker hat ein CONNECT des Clients mit Testament angenommen (optional auf TOPIC): `expect sensor will-registered [TOPIC]`.' },
  'disconnects-cleanly': { en: 'A DISCONNECT with reason 0x00 from the client arrived at the broker (optionally `after`/`by` a time): the will is discarded.', de: 'Ein DISCONNECT mit Reason 0x00 vom Client kam beim Broker an (optional `after`/`by` einer Zeit): Das Testament wird verworfen.' },
  'closed-without-connack': { en: 'A connection of the client closed after its CONNECT and before any CONNACK.', de: 'Eine Verbindung des Clients wurde nach ihrem CONNECT und vor einem CONNACK geschlossen.' },
  disconnects: { en: 'The broker ended the client\'s connection: `expect broker disconnects CLIENT [CODE]`, a DISCONNECT from the broker (with this reason code), or without a code also the broker closing it (keep-alive).', de: 'Der Broker hat die Verbindung des Clients beendet: `expect broker disconnects CLIENT [CODE]`, ein DISCONNECT vom Broker (mit diesem Reason Code), ohne Code auch das Schließen durch den Broker (Keep Alive).' },
  'session-present': { en: 'After `connack`: a CONNACK with this Session Present flag (0 or 1).', de: 'Nach `connack`: ein CONNACK mit diesem Session-Present-Flag (0 oder 1).' },
  property: { en: 'A 5.0 property the packet carries: `property NAME [VALUE]` (`user-property KEY [VALUE]`); without a value it only has to be there. On `receives`: the received PUBLISH; after `connack`: the CONNACK.', de: 'Eine 5.0-Property, die das Paket trägt: `property NAME [WERT]` (`user-property SCHLÜSSEL [WERT]`); ohne Wert muss sie nur vorhanden sein. Bei `receives`: das empfangene PUBLISH; nach `connack`: das CONNACK.' },
  'not-retained': { en: 'The message arrived without the RETAIN flag.', de: 'Die Nachricht kam ohne RETAIN-Flag.' },
  'not-dup': { en: 'The message arrived without the DUP flag.', de: 'Die Nachricht kam ohne DUP-Flag.' },
  exactly: { en: 'Exactly this many matching messages (the same as `times`).', de: 'Genau so viele passende Nachrichten (wie `times`).' },
  'at-most': { en: 'At most this many matching messages (0 allowed).', de: 'Höchstens so viele passende Nachrichten (0 erlaubt).' },
  before: { en: 'Order: the first matching message arrived before the first message on `before TOPIC [PAYLOAD]`, and both arrived.', de: 'Reihenfolge: Die erste passende Nachricht kam vor der ersten auf `before TOPIC [NUTZDATEN]`, und beide kamen an.' },
  'never-receives': { en: 'The client never gets a message on this topic (with this payload).', de: 'Der Client erhält nie eine Nachricht auf diesem Topic (mit diesen Nutzdaten).' },
  'sent-will': { en: 'The broker published the client\'s Last Will (optionally `by` a time).', de: 'Der Broker hat das Testament des Clients veröffentlicht (optional `by` einer Zeit).' },
  'no-will': { en: 'The broker never published the client\'s Last Will.', de: 'Der Broker hat das Testament des Clients nie veröffentlicht.' },
  session: { en: 'At the end, the broker holds (`exists`) or does not hold (`absent`) a session for the client.', de: 'Am Ende hat der Broker eine Sitzung für den Client (`exists`) oder keine (`absent`).' },
  exists: { en: 'The session is still there at the end.', de: 'Die Sitzung besteht am Ende noch.' },
  absent: { en: 'There is no session at the end.', de: 'Am Ende gibt es keine Sitzung.' },
  retained: { en: 'As a subject: the broker stores a retained message on TOPIC at the end. After `receives`: the message arrived with RETAIN set.', de: 'Als Subjekt: Der Broker hält am Ende eine gehaltene Nachricht auf TOPIC. Nach `receives`: Die Nachricht kam mit gesetztem RETAIN.' },
  'no-retained': { en: 'No retained message on TOPIC at the end.', de: 'Am Ende keine gehaltene Nachricht auf TOPIC.' },
  topics: { en: '`expect topics clean`: every topic the clients published or subscribed passes the topic design linter (no leading /, no spaces or special characters, short, no case-only twins).', de: '`expect topics clean`: Jedes Topic, das die Clients veröffentlicht oder abonniert haben, besteht den Topic-Linter (kein führendes /, keine Leer- oder Sonderzeichen, kurz, keine Zwillinge, die sich nur in Groß-/Kleinschreibung unterscheiden).' },
  clean: { en: 'Every topic and filter used passes the topic design linter.', de: 'Jedes benutzte Topic und jeder Filter besteht den Topic-Linter.' },
  qos: { en: 'The QoS the message arrived with (0, 1 or 2).', de: 'Die QoS, mit der die Nachricht ankam (0, 1 oder 2).' },
  dup: { en: 'The message arrived with the DUP flag (a resend).', de: 'Die Nachricht kam mit DUP-Flag (eine Wiederholung).' },
  times: { en: 'Exactly this many matching messages (also `exactly`).', de: 'Genau so viele passende Nachrichten (auch `exactly`).' },
  'at-least': { en: 'At least this many matching messages.', de: 'Mindestens so viele passende Nachrichten.' },
  connack: { en: 'The client got a CONNACK with this code: `connack 0x00` (accepted), `0x87` (not authorized), ...; or `connack session-present 0|1`, `connack property NAME [VALUE]`.', de: 'Der Client erhielt ein CONNACK mit diesem Code: `connack 0x00` (angenommen), `0x87` (nicht autorisiert), ...; oder `connack session-present 0|1`, `connack property NAME [WERT]`.' },
  suback: { en: 'The client got a SUBACK with this code (a granted QoS or a failure such as 0x80); several codes: exactly these, one per filter (`suback 0x01 0x80`).', de: 'Der Client erhielt ein SUBACK mit diesem Code (eine gewährte QoS oder ein Fehler wie 0x80); mehrere Codes: genau diese, einer je Filter (`suback 0x01 0x80`).' },
  unsuback: { en: 'The client got an UNSUBACK with this code (MQTT 5.0); several codes: exactly these, one per filter.', de: 'Der Client erhielt ein UNSUBACK mit diesem Code (MQTT 5.0); mehrere Codes: genau diese, einer je Filter.' },
  puback: { en: 'The client got a PUBACK with this code (MQTT 5.0, e.g. 0x87 not authorized).', de: 'Der Client erhielt ein PUBACK mit diesem Code (MQTT 5.0, z. B. 0x87 nicht autorisiert).' },
  disconnect: { en: 'After a client in `expect`: a DISCONNECT between the client and the broker, either way, with this reason code (`disconnect 0x8e`) or carrying a property (`disconnect property reason-string "bye"`).', de: 'Nach einem Client in `expect`: ein DISCONNECT zwischen Client und Broker, in beide Richtungen, mit diesem Reason Code (`disconnect 0x8e`) oder mit einer Property (`disconnect property reason-string "bye"`).' },
  '|': { en: 'In `send-hex`: the bytes after it go in a new TCP segment (the broker reads a stream and waits for the rest of a packet).', de: 'In `send-hex`: Die Bytes danach gehen in ein neues TCP-Segment (der Broker liest einen Strom und wartet auf den Rest eines Pakets).' },
  '\\': { en: 'At the end of a line: the line goes on on the next one (long `send-hex` bytes).', de: 'Am Zeilenende: Die Zeile geht in der nächsten weiter (lange `send-hex`-Bytes).' },
  pubrec: { en: 'The client got a PUBREC with this code (MQTT 5.0).', de: 'Der Client erhielt ein PUBREC mit diesem Code (MQTT 5.0).' },
};

/** A property name after `property` in an expectation. */
export const EXPECT_PROPERTY_DOC: Texts = { en: 'MQTT 5.0 property checked on the packet (a value after it must match).', de: 'MQTT-5.0-Property, am Paket geprüft (ein Wert danach muss passen).' };

export const PACKET_DOCS: Readonly<Record<string, Texts>> = {
  CONNECT: { en: 'Client → broker: open a session.', de: 'Client → Broker: eine Sitzung eröffnen.' },
  CONNACK: { en: 'Broker → client: the answer to CONNECT.', de: 'Broker → Client: die Antwort auf CONNECT.' },
  PUBLISH: { en: 'A message, in either direction.', de: 'Eine Nachricht, in beide Richtungen.' },
  PUBACK: { en: 'Acknowledges a QoS 1 PUBLISH.', de: 'Bestätigt ein PUBLISH mit QoS 1.' },
  PUBREC: { en: 'QoS 2, step 1: publish received.', de: 'QoS 2, Schritt 1: Publish empfangen.' },
  PUBREL: { en: 'QoS 2, step 2: publish release.', de: 'QoS 2, Schritt 2: Publish freigeben.' },
  PUBCOMP: { en: 'QoS 2, step 3: publish complete.', de: 'QoS 2, Schritt 3: Publish abgeschlossen.' },
  SUBSCRIBE: { en: 'Client → broker: subscribe to topic filters.', de: 'Client → Broker: Topic-Filter abonnieren.' },
  SUBACK: { en: 'Broker → client: the granted QoS per filter.', de: 'Broker → Client: die gewährte QoS je Filter.' },
  UNSUBSCRIBE: { en: 'Client → broker: remove subscriptions.', de: 'Client → Broker: Abonnements entfernen.' },
  UNSUBACK: { en: 'Broker → client: the answer to UNSUBSCRIBE.', de: 'Broker → Client: die Antwort auf UNSUBSCRIBE.' },
  PINGREQ: { en: 'Client → broker: keep-alive ping.', de: 'Client → Broker: Keep-Alive-Ping.' },
  PINGRESP: { en: 'Broker → client: the answer to PINGREQ.', de: 'Broker → Client: die Antwort auf PINGREQ.' },
  DISCONNECT: { en: 'A clean goodbye: no will is published.', de: 'Ein sauberer Abschied: Kein Testament wird veröffentlicht.' },
  AUTH: { en: 'MQTT 5.0 extended authentication.', de: 'Erweiterte Authentifizierung in MQTT 5.0.' },
  ANY: { en: 'Any packet type.', de: 'Jeder Pakettyp.' },
  RESERVED: { en: 'Packet type 0, reserved: no receiver accepts it (with `send`).', de: 'Pakettyp 0, reserviert: Kein Empfänger nimmt ihn an (mit `send`).' },
};
