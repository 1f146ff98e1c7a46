/**
 * The texts of every `trace.explain` key the client uses, in English and German, with
 * `{param}` placeholders filled from the explanation's params.
 */
import { MESSAGES } from '../mqtt/index.ts';
import { codecNoteMessage } from '../mqtt/codec-error-texts.ts';
import { REASON_NAME_PREFIX } from '../mqtt/reason-name-key.ts';
import { REASON_NAME_TEXTS } from '../mqtt/reason-names-de.ts';

export interface Message {
  en: string;
  de: string;
}

export const clientMessages = {
  // Connecting
  'client.connect.open': {
    en: 'Opening a network connection to the broker; the first packet on it will be CONNECT (MQTT {version}).',
    de: 'Öffne eine Netzwerkverbindung zum Broker; das erste Paket darauf wird CONNECT sein (MQTT {version}).',
  },
  'client.connect.sent': {
    en: 'CONNECT sent: client id {clientId}, clean {clean}, keep-alive {keepAliveSec} s, will {will}.',
    de: 'CONNECT gesendet: Client-ID {clientId}, clean {clean}, Keep Alive {keepAliveSec} s, Testament {will}.',
  },
  'client.connect.already': {
    en: '{name} is already connected (or connecting): connect again only after a disconnect or a lost connection. The request is ignored, as a client sends CONNECT only once per network connection.',
    de: '{name} ist bereits verbunden (oder verbindet sich gerade): erneut verbinden erst nach einem Trennen oder einer verlorenen Verbindung. Die Anfrage wird ignoriert, denn ein Client sendet CONNECT nur einmal pro Netzwerkverbindung.',
  },
  'client.connect.empty-id-needs-clean': {
    en: 'Not connecting: with MQTT 3.1.1 an empty client id requires a clean session, because the broker could never find a persistent session again without an id.',
    de: 'Keine Verbindung: Bei MQTT 3.1.1 verlangt eine leere Client-ID eine Clean Session, denn ohne ID könnte der Broker eine dauerhafte Sitzung nie wiederfinden.',
  },
  'client.connack.accepted': {
    en: 'CONNACK accepted the connection (session present: {sessionPresent}).',
    de: 'CONNACK hat die Verbindung angenommen (Session Present: {sessionPresent}).',
  },
  'client.connack.refused': {
    en: 'CONNACK refused the connection with code {code} ({name}); the client closes the network connection.',
    de: 'CONNACK hat die Verbindung mit Code {code} ({name}) abgelehnt; der Client schließt die Netzwerkverbindung.',
  },
  'client.connack.unexpected-session': {
    en: 'The broker reports a session the client does not hold (its memory was lost). MQTT 5.0 requires closing the connection; reconnect with clean start to begin a new session.',
    de: 'Der Broker meldet eine Sitzung, die der Client nicht mehr hat (sein Speicher ging verloren). MQTT 5.0 verlangt, die Verbindung zu schließen; mit Clean Start neu verbinden, um eine neue Sitzung zu beginnen.',
  },
  'client.connack.assigned-id': {
    en: 'The broker assigned the client id {clientId}.',
    de: 'Der Broker hat die Client-ID {clientId} zugewiesen.',
  },
  'client.connack.server-keep-alive': {
    en: 'The broker set the keep-alive to {granted} s (requested {requested} s); the client must use the broker\'s value.',
    de: 'Der Broker hat das Keep Alive auf {granted} s gesetzt (angefragt: {requested} s); der Client muss den Wert des Brokers verwenden.',
  },
  'client.connack.limits': {
    en: 'The broker announced its limits: {limits}.',
    de: 'Der Broker hat seine Grenzen mitgeteilt: {limits}.',
  },
  // Sessions
  'client.session.clean-discards': {
    en: 'Clean start: the client discards its previous session ({outgoing} unfinished outgoing, {incoming} unfinished incoming messages).',
    de: 'Clean Start: Der Client verwirft seine bisherige Sitzung ({outgoing} unfertige ausgehende, {incoming} unfertige eingehende Nachrichten).',
  },
  'client.session.lost': {
    en: 'Session present is 0 although the client kept a session: the broker has lost it, so the client discards its own state too ({outgoing} outgoing, {incoming} incoming, {subscriptions} subscriptions).',
    de: 'Session Present ist 0, obwohl der Client eine Sitzung hatte: Der Broker hat sie verloren, also verwirft auch der Client seinen Zustand ({outgoing} ausgehend, {incoming} eingehend, {subscriptions} Abonnements).',
  },
  'client.session.resumed': {
    en: 'The session continues: the broker kept the subscriptions and queued messages.',
    de: 'Die Sitzung geht weiter: Der Broker hat Abonnements und gepufferte Nachrichten behalten.',
  },
  'client.session.resend': {
    en: 'Session resumed: re-sending {count} unacknowledged message(s) with their original packet ids, in the original order. This is the only time MQTT 3.1.1 and 5.0 clients re-send; re-sending after a timeout while connected was MQTT 3.1.',
    de: 'Sitzung fortgesetzt: {count} unbestätigte Nachricht(en) werden mit ihren ursprünglichen Paket-IDs in der ursprünglichen Reihenfolge erneut gesendet. Nur dann senden MQTT-3.1.1- und 5.0-Clients erneut; erneutes Senden nach einer Zeitüberschreitung während der Verbindung war MQTT 3.1.',
  },
  'client.session.kept': {
    en: 'The connection ended; the session is kept: {outgoing} outgoing and {incoming} incoming messages stay unfinished until the next connection.',
    de: 'Die Verbindung ist beendet; die Sitzung bleibt erhalten: {outgoing} ausgehende und {incoming} eingehende Nachrichten bleiben bis zur nächsten Verbindung offen.',
  },
  'client.session.ended': {
    en: 'The connection ended and with it the session: {outgoing} outgoing and {incoming} incoming unfinished messages are gone.',
    de: 'Die Verbindung ist beendet und damit die Sitzung: {outgoing} ausgehende und {incoming} eingehende unfertige Nachrichten sind verloren.',
  },
  'client.pending.dropped': {
    en: '{count} queued request(s) dropped: no session keeps them for a later connection.',
    de: '{count} wartende Anfrage(n) verworfen: Keine Sitzung bewahrt sie für eine spätere Verbindung auf.',
  },
  'client.crash': {
    en: 'The client process crashed: everything in memory is lost ({outgoing} outgoing, {incoming} incoming unfinished, {pending} queued). No DISCONNECT was sent, so the broker will publish the will.',
    de: 'Der Client-Prozess ist abgestürzt: Alles im Speicher ist verloren ({outgoing} ausgehend, {incoming} eingehend unfertig, {pending} wartend). Es wurde kein DISCONNECT gesendet, also veröffentlicht der Broker das Testament.',
  },
  // Packet ids
  'client.packet-id.exhausted': {
    en: 'All 65,535 packet ids are in use; the request waits until one is released.',
    de: 'Alle 65.535 Paket-IDs sind belegt; die Anfrage wartet, bis eine frei wird.',
  },
  // Publishing
  'client.publish.qos0': {
    en: 'PUBLISH QoS 0 to {topic}: fire and forget, no packet id, no acknowledgement.',
    de: 'PUBLISH QoS 0 an {topic}: abschicken und vergessen, keine Paket-ID, keine Bestätigung.',
  },
  'client.publish.qos1': {
    en: 'PUBLISH QoS 1 to {topic} with packet id {packetId}: it stays unacknowledged until PUBACK.',
    de: 'PUBLISH QoS 1 an {topic} mit Paket-ID {packetId}: Sie bleibt unbestätigt bis zum PUBACK.',
  },
  'client.publish.qos2': {
    en: 'PUBLISH QoS 2 to {topic} with packet id {packetId}: it stays unacknowledged until PUBREC.',
    de: 'PUBLISH QoS 2 an {topic} mit Paket-ID {packetId}: Sie bleibt unbestätigt bis zum PUBREC.',
  },
  'client.publish.topic-invalid': {
    en: 'Not published: "{topic}" is not a valid topic name (see the rule above).',
    de: 'Nicht veröffentlicht: „{topic}“ ist kein gültiger Topic-Name (siehe die Regel oben).',
  },
  'client.subscribe.filter-invalid': {
    en: 'Not sent: "{topic}" is not a valid topic filter (see the rule above).',
    de: 'Nicht gesendet: „{topic}“ ist kein gültiger Topic-Filter (siehe die Regel oben).',
  },
  'client.connect.will-topic-invalid': {
    en: 'Not connecting: the will topic "{topic}" is not a valid topic name ({problem}).',
    de: 'Keine Verbindung: Das Will-Topic „{topic}“ ist kein gültiger Topic-Name ({problem}).',
  },
  'client.publish.qos-not-supported': {
    en: 'Not published: QoS {qos} exceeds the broker\'s maximum QoS {max}; the client must not send it.',
    de: 'Nicht veröffentlicht: QoS {qos} übersteigt die maximale QoS {max} des Brokers; der Client darf sie nicht senden.',
  },
  'client.publish.retain-not-available': {
    en: 'Not published: the broker does not support retained messages, so the client must not set RETAIN on {topic}.',
    de: 'Nicht veröffentlicht: Der Broker unterstützt keine gehaltenen Nachrichten, also darf der Client RETAIN für {topic} nicht setzen.',
  },
  'client.refuse.topic-alias': {
    en: 'Not published: topic alias {alias} for {topic} is above the broker\'s Topic Alias Maximum of {max} (from CONNACK; 0 means the broker takes no aliases), so the client must not send it.',
    de: 'Nicht veröffentlicht: Topic-Alias {alias} für {topic} liegt über dem Topic Alias Maximum {max} des Brokers (aus dem CONNACK; 0 heißt, der Broker nimmt keine Aliase an), also darf der Client ihn nicht senden.',
  },
  'client.refuse.too-large': {
    en: 'Not sent: this {packet} would be {size} bytes, more than the broker\'s Maximum Packet Size of {max} bytes (from CONNACK), so the client must not send it.',
    de: 'Nicht gesendet: Dieses {packet} wäre {size} Bytes groß, mehr als die Maximum Packet Size des Brokers von {max} Bytes (aus dem CONNACK), also darf der Client es nicht senden.',
  },
  'client.refuse.cannot-encode': {
    en: 'Not sent: the protocol does not allow this {packet} ({message}).',
    de: 'Nicht gesendet: Das Protokoll erlaubt dieses {packet} nicht ({message}).',
  },
  'client.refuse.disconnect-expiry': {
    en: 'Session Expiry Interval {expirySec} s left out of DISCONNECT: the CONNECT said 0, and then a client must not set a non-zero interval at DISCONNECT (the broker would answer with a protocol error). The session ends with the connection.',
    de: 'Session Expiry Interval {expirySec} s nicht ins DISCONNECT übernommen: Das CONNECT hatte 0, und dann darf ein Client beim DISCONNECT kein Intervall ungleich 0 setzen (der Broker würde mit einem Protokollfehler antworten). Die Sitzung endet mit der Verbindung.',
  },
  'client.disconnect.plain': {
    en: 'The client sends a plain DISCONNECT instead (reason code 0x00, no properties).',
    de: 'Der Client sendet stattdessen ein einfaches DISCONNECT (Reason Code 0x00, keine Properties).',
  },
  'client.connect.cannot-encode': {
    en: 'Not connecting: the protocol does not allow the CONNECT these options make ({message}).',
    de: 'Keine Verbindung: Das Protokoll erlaubt das CONNECT aus diesen Optionen nicht ({message}).',
  },
  'client.publish.waits-for-connack': {
    en: 'PUBLISH to {topic} (QoS {qos}) waits until the broker accepts the connection.',
    de: 'PUBLISH an {topic} (QoS {qos}) wartet, bis der Broker die Verbindung annimmt.',
  },
  'client.publish.queued-offline': {
    en: 'Not connected: the QoS {qos} message to {topic} is kept and sent when the persistent session is resumed.',
    de: 'Nicht verbunden: Die QoS-{qos}-Nachricht an {topic} wird aufbewahrt und gesendet, sobald die dauerhafte Sitzung fortgesetzt wird.',
  },
  'client.publish.dropped-offline-qos0': {
    en: 'Not connected: the QoS 0 message to {topic} is not sent. QoS 0 is never stored for later.',
    de: 'Nicht verbunden: Die QoS-0-Nachricht an {topic} wird nicht gesendet. QoS 0 wird nie für später aufbewahrt.',
  },
  'client.publish.dropped-offline-clean': {
    en: 'Not connected: the QoS {qos} message to {topic} is not sent, because the client has no persistent session to keep it in (connect with clean=false / a session expiry).',
    de: 'Nicht verbunden: Die QoS-{qos}-Nachricht an {topic} wird nicht gesendet, weil der Client keine dauerhafte Sitzung hat, die sie aufbewahrt (clean=false bzw. eine Session Expiry verwenden).',
  },
  'client.quota.publish-waits': {
    en: 'The broker\'s receive maximum ({max}) is reached: the QoS 1/2 message to {topic} waits until an earlier one is acknowledged.',
    de: 'Das Receive Maximum des Brokers ({max}) ist erreicht: Die QoS-1/2-Nachricht an {topic} wartet, bis eine frühere bestätigt ist.',
  },
  'client.quota.resend-waits': {
    en: 'The broker\'s receive maximum ({max}) is reached: the remaining re-sends wait for acknowledgements.',
    de: 'Das Receive Maximum des Brokers ({max}) ist erreicht: Die übrigen erneuten Sendungen warten auf Bestätigungen.',
  },
  'client.resend.publish': {
    en: 'Re-sending PUBLISH {packetId} to {topic} with DUP=1: the broker may have received it already.',
    de: 'Sende PUBLISH {packetId} an {topic} erneut mit DUP=1: Der Broker hat sie vielleicht schon erhalten.',
  },
  'client.resend.pubrel': {
    en: 'Re-sending PUBREL {packetId}: the PUBLISH itself must not be sent again once PUBREL was sent.',
    de: 'Sende PUBREL {packetId} erneut: Das PUBLISH selbst darf nach einem PUBREL nicht wieder gesendet werden.',
  },
  // Acknowledgements of our messages
  'client.ack.puback': {
    en: 'PUBACK {packetId}: the broker owns the message now; packet id {packetId} is free again.',
    de: 'PUBACK {packetId}: Die Nachricht gehört jetzt dem Broker; Paket-ID {packetId} ist wieder frei.',
  },
  'client.ack.no-subscribers': {
    en: '{packet} {packetId} with 0x10 (no matching subscribers): a success, the message was accepted but nobody subscribes.',
    de: '{packet} {packetId} mit 0x10 (keine passenden Abonnenten): Ein Erfolg, die Nachricht wurde angenommen, aber niemand hat abonniert.',
  },
  'client.ack.failed': {
    en: '{packet} {packetId} with {code} ({name}): the broker refused the message. It counts as acknowledged and is never re-sent.',
    de: '{packet} {packetId} mit {code} ({name}): Der Broker hat die Nachricht abgelehnt. Sie gilt als bestätigt und wird nie erneut gesendet.',
  },
  'client.ack.pubrec': {
    en: 'PUBREC {packetId}: the broker has the message; the client answers PUBREL and now waits for PUBCOMP.',
    de: 'PUBREC {packetId}: Der Broker hat die Nachricht; der Client antwortet mit PUBREL und wartet nun auf PUBCOMP.',
  },
  'client.ack.pubrec-no-subscribers': {
    en: 'PUBREC {packetId} with 0x10 (no matching subscribers, still a success): the client answers PUBREL and waits for PUBCOMP.',
    de: 'PUBREC {packetId} mit 0x10 (keine passenden Abonnenten, trotzdem ein Erfolg): Der Client antwortet mit PUBREL und wartet auf PUBCOMP.',
  },
  'client.ack.pubrec-unknown': {
    en: 'PUBREC {packetId} for no message of ours: answered with PUBREL all the same (5.0: reason 0x92, packet identifier not found), so the receiver can let go of the id.',
    de: 'PUBREC {packetId} zu keiner unserer Nachrichten: trotzdem mit PUBREL beantwortet (5.0: Grund 0x92, Paket-ID unbekannt), damit der Empfänger die ID freigeben kann.',
  },
  'client.ack.pubcomp': {
    en: 'PUBCOMP {packetId}: the QoS 2 exchange is complete; packet id {packetId} is free again.',
    de: 'PUBCOMP {packetId}: Der QoS-2-Austausch ist abgeschlossen; Paket-ID {packetId} ist wieder frei.',
  },
  'client.ack.unknown': {
    en: '{packet} {packetId} does not match anything the client is waiting for; ignored.',
    de: '{packet} {packetId} passt zu nichts, worauf der Client wartet; ignoriert.',
  },
  // Receiving
  'client.receive.qos0': {
    en: 'Received QoS 0 on {topic}: delivered to the application, nothing to acknowledge.',
    de: 'QoS 0 auf {topic} empfangen: an die Anwendung übergeben, nichts zu bestätigen.',
  },
  'client.receive.qos1': {
    en: 'Received QoS 1 (packet id {packetId}) on {topic}: delivered to the application and acknowledged with PUBACK.',
    de: 'QoS 1 (Paket-ID {packetId}) auf {topic} empfangen: an die Anwendung übergeben und mit PUBACK bestätigt.',
  },
  'client.receive.qos1-dup': {
    en: 'Received QoS 1 (packet id {packetId}) on {topic} with DUP=1: delivered again and acknowledged. QoS 1 means at least once, so the application can see duplicates.',
    de: 'QoS 1 (Paket-ID {packetId}) auf {topic} mit DUP=1 empfangen: erneut übergeben und bestätigt. QoS 1 heißt mindestens einmal, die Anwendung kann also Duplikate sehen.',
  },
  'client.receive.qos2-stored': {
    en: 'Received QoS 2 (packet id {packetId}) on {topic}: stored and acknowledged with PUBREC; it is delivered to the application when PUBREL arrives (method A, as MQTT.js and libmosquitto 1.x do).',
    de: 'QoS 2 (Paket-ID {packetId}) auf {topic} empfangen: gespeichert und mit PUBREC bestätigt; an die Anwendung geht sie, wenn PUBREL eintrifft (Methode A, wie bei MQTT.js und libmosquitto 1.x).',
  },
  'client.receive.qos2-duplicate': {
    en: 'QoS 2 (packet id {packetId}) on {topic} again before PUBREL: answered with PUBREC again, but not delivered twice.',
    de: 'QoS 2 (Paket-ID {packetId}) auf {topic} erneut vor dem PUBREL: wieder mit PUBREC beantwortet, aber nicht doppelt übergeben.',
  },
  'client.receive.qos2-released': {
    en: 'PUBREL {packetId}: the message on {topic} is delivered to the application exactly once; PUBCOMP sent and packet id {packetId} released.',
    de: 'PUBREL {packetId}: Die Nachricht auf {topic} wird genau einmal an die Anwendung übergeben; PUBCOMP gesendet und Paket-ID {packetId} freigegeben.',
  },
  'client.receive.pubrel-unknown': {
    en: 'PUBREL {packetId} for a message already delivered (e.g. repeated after a reconnect): PUBCOMP sent (5.0: reason 0x92, packet identifier not found), nothing delivered.',
    de: 'PUBREL {packetId} für eine bereits übergebene Nachricht (z. B. nach einem Wiederverbinden wiederholt): PUBCOMP gesendet (5.0: Grund 0x92, Paket-ID unbekannt), nichts übergeben.',
  },
  'client.receive-maximum.exceeded': {
    en: 'The broker sent more unacknowledged QoS 2 messages than our receive maximum {max} allows.',
    de: 'Der Broker hat mehr unbestätigte QoS-2-Nachrichten gesendet, als unser Receive Maximum {max} erlaubt.',
  },
  // Topic aliases
  'client.alias.set': {
    en: 'The broker set topic alias {alias} = {topic} for this connection.',
    de: 'Der Broker hat für diese Verbindung den Topic-Alias {alias} = {topic} gesetzt.',
  },
  'client.alias.resolved': {
    en: 'Topic alias {alias} resolved to {topic}.',
    de: 'Topic-Alias {alias} aufgelöst zu {topic}.',
  },
  'client.alias.unknown': {
    en: 'PUBLISH with an empty topic and topic alias {alias}, which the broker never set on this connection: a protocol error ({code} {name}).',
    de: 'PUBLISH mit leerem Topic und Topic-Alias {alias}, den der Broker auf dieser Verbindung nie gesetzt hat: ein Protokollfehler ({code} {name}).',
  },
  'client.alias.zero': {
    en: 'Topic alias 0 from the broker: aliases start at 1 (MQTT-3.3.2-8), a protocol error: {code} ({name}).',
    de: 'Topic-Alias 0 vom Broker: Aliase beginnen bei 1 (MQTT-3.3.2-8), ein Protokollfehler: {code} ({name}).',
  },
  'client.alias.out-of-range': {
    en: 'Topic alias {alias} is outside 1..{max} (our topic alias maximum): {code} ({name}).',
    de: 'Topic-Alias {alias} liegt außerhalb von 1..{max} (unser Topic Alias Maximum): {code} ({name}).',
  },
  'client.alias.no-topic': {
    en: 'PUBLISH with an empty topic and no topic alias: a protocol error ({code} {name}).',
    de: 'PUBLISH mit leerem Topic und ohne Topic-Alias: ein Protokollfehler ({code} {name}).',
  },
  // Subscriptions
  'client.subscribe.sent': {
    en: 'SUBSCRIBE {packetId}: {filters}.',
    de: 'SUBSCRIBE {packetId}: {filters}.',
  },
  'client.unsubscribe.sent': {
    en: 'UNSUBSCRIBE {packetId}: {filters}.',
    de: 'UNSUBSCRIBE {packetId}: {filters}.',
  },
  'client.subscribe.empty': {
    en: 'Not sent: a SUBSCRIBE/UNSUBSCRIBE needs at least one topic filter.',
    de: 'Nicht gesendet: Ein SUBSCRIBE/UNSUBSCRIBE braucht mindestens einen Topic-Filter.',
  },
  'client.subscribe.offline': {
    en: 'Not connected: the (un)subscription of {filters} is not sent; connect first.',
    de: 'Nicht verbunden: Das (Ab-)Bestellen von {filters} wird nicht gesendet; zuerst verbinden.',
  },
  'client.subscribe.waits-for-connack': {
    en: 'The (un)subscription of {filters} waits until the broker accepts the connection.',
    de: 'Das (Ab-)Bestellen von {filters} wartet, bis der Broker die Verbindung annimmt.',
  },
  'client.suback.granted': {
    en: 'SUBACK: {filter} granted with QoS {granted}.',
    de: 'SUBACK: {filter} mit QoS {granted} gewährt.',
  },
  'client.suback.downgraded': {
    en: 'SUBACK: {filter} granted with QoS {granted} instead of the requested QoS {requested}; messages arrive at most at QoS {granted}.',
    de: 'SUBACK: {filter} mit QoS {granted} statt der angefragten QoS {requested} gewährt; Nachrichten kommen höchstens mit QoS {granted} an.',
  },
  'client.suback.failed': {
    en: 'SUBACK: the subscription to {filter} failed with {code} ({name}).',
    de: 'SUBACK: Das Abonnement von {filter} ist mit {code} ({name}) fehlgeschlagen.',
  },
  'client.suback.count-mismatch': {
    en: 'SUBACK carries {got} codes for {expected} topic filters.',
    de: 'SUBACK enthält {got} Codes für {expected} Topic-Filter.',
  },
  'client.unsuback.removed': {
    en: 'UNSUBACK: {filter} unsubscribed.',
    de: 'UNSUBACK: {filter} abbestellt.',
  },
  'client.unsuback.none': {
    en: 'UNSUBACK: there was no subscription to {filter} ({code}).',
    de: 'UNSUBACK: Es gab kein Abonnement von {filter} ({code}).',
  },
  'client.unsuback.failed': {
    en: 'UNSUBACK: unsubscribing {filter} failed with {code} ({name}).',
    de: 'UNSUBACK: Das Abbestellen von {filter} ist mit {code} ({name}) fehlgeschlagen.',
  },
  // Keep-alive
  'client.keepalive.pingreq': {
    en: 'Nothing sent for {keepAliveSec} s: PINGREQ keeps the connection alive and checks that the broker still answers.',
    de: '{keepAliveSec} s lang nichts gesendet: PINGREQ hält die Verbindung am Leben und prüft, ob der Broker noch antwortet.',
  },
  'client.keepalive.pingresp': {
    en: 'PINGRESP after {roundTripMs} ms: the broker is alive.',
    de: 'PINGRESP nach {roundTripMs} ms: Der Broker lebt.',
  },
  'client.keepalive.pingresp-unsolicited': {
    en: 'PINGRESP although no PINGREQ was outstanding; ignored.',
    de: 'PINGRESP, obwohl kein PINGREQ ausstand; ignoriert.',
  },
  'client.keepalive.timeout': {
    en: 'No PINGRESP within {keepAliveSec} s (the client waits one keep-alive period, like libmosquitto): the connection is considered dead and closed (keep-alive timeout).',
    de: 'Kein PINGRESP innerhalb von {keepAliveSec} s (der Client wartet eine Keep-Alive-Periode, wie libmosquitto): Die Verbindung gilt als tot und wird geschlossen (Keep-Alive-Zeitüberschreitung).',
  },
  // Ending connections
  'client.disconnect.sent': {
    en: 'DISCONNECT ({code}) sent, then the client closes the network connection and sends nothing more on it.',
    de: 'DISCONNECT ({code}) gesendet, danach schließt der Client die Netzwerkverbindung und sendet nichts mehr darauf.',
  },
  'client.disconnect.sent-311': {
    en: 'DISCONNECT sent (MQTT 3.1.1 has no reason codes), then the client closes the network connection and sends nothing more on it.',
    de: 'DISCONNECT gesendet (MQTT 3.1.1 kennt keine Reason Codes), danach schließt der Client die Netzwerkverbindung und sendet nichts mehr darauf.',
  },
  'client.disconnect.will-discarded': {
    en: 'A clean DISCONNECT asks the broker to delete the will on {topic} without publishing it. Only a DISCONNECT that arrives does that: if it is lost, the broker publishes the will once it notices the connection is gone.',
    de: 'Ein sauberes DISCONNECT fordert den Broker auf, das Testament auf {topic} zu löschen, ohne es zu veröffentlichen. Das bewirkt nur ein DISCONNECT, das ankommt: Geht es verloren, veröffentlicht der Broker das Testament, sobald er bemerkt, dass die Verbindung weg ist.',
  },
  'client.disconnect.will-kept': {
    en: 'DISCONNECT with 0x04 (disconnect with will message): the broker publishes the will on {topic}.',
    de: 'DISCONNECT mit 0x04 (Trennung mit Testament): Der Broker veröffentlicht das Testament auf {topic}.',
  },
  'client.disconnect.abort': {
    en: 'Connection attempt abandoned: the client closes the network connection before CONNACK.',
    de: 'Verbindungsversuch abgebrochen: Der Client schließt die Netzwerkverbindung vor dem CONNACK.',
  },
  'client.disconnect.by-server': {
    en: 'The broker sent DISCONNECT with {code} ({name}) and closes the connection.',
    de: 'Der Broker hat DISCONNECT mit {code} ({name}) gesendet und schließt die Verbindung.',
  },
  'client.net.closed': {
    en: 'The network connection is gone ({why}) without a DISCONNECT.',
    de: 'Die Netzwerkverbindung ist weg ({why}), ohne DISCONNECT.',
  },
  'client.net.refused': {
    en: 'The network connection could not be opened (refused).',
    de: 'Die Netzwerkverbindung konnte nicht geöffnet werden (abgelehnt).',
  },
  // Protocol errors
  'client.protocol.malformed': {
    en: 'Malformed packet from the broker: {message} ({code}).',
    de: 'Fehlerhaftes Paket vom Broker: {message} ({code}).',
  },
  'client.protocol.close-v5': {
    en: 'MQTT 5.0: the client sends DISCONNECT with {code} and closes the connection.',
    de: 'MQTT 5.0: Der Client sendet DISCONNECT mit {code} und schließt die Verbindung.',
  },
  'client.protocol.close-v4': {
    en: 'MQTT 3.1.1: on a protocol violation the client just closes the connection (a 3.1.1 DISCONNECT carries no reason code).',
    de: 'MQTT 3.1.1: Bei einer Protokollverletzung schließt der Client einfach die Verbindung (ein DISCONNECT in 3.1.1 hat keinen Reason Code).',
  },
  'client.protocol.before-connack': {
    en: 'The broker sent {packet} before CONNACK; the first packet from the broker must be CONNACK. The client closes the connection.',
    de: 'Der Broker hat {packet} vor dem CONNACK gesendet; das erste Paket vom Broker muss CONNACK sein. Der Client schließt die Verbindung.',
  },
  'client.protocol.second-connack': {
    en: 'A second CONNACK on the same connection is a protocol error ({code} {name}); the client closes the connection.',
    de: 'Ein zweites CONNACK auf derselben Verbindung ist ein Protokollfehler ({code} {name}); der Client schließt die Verbindung.',
  },
  'client.protocol.server-only-packet': {
    en: 'A broker never sends {packet} to a client: protocol error ({code} {name}); the client closes the connection.',
    de: 'Ein Broker sendet nie {packet} an einen Client: Protokollfehler ({code} {name}); der Client schließt die Verbindung.',
  },
  'client.protocol.unexpected-auth': {
    en: 'AUTH from the broker although the client sent no authentication method: protocol error ({code} {name}).',
    de: 'AUTH vom Broker, obwohl der Client keine Authentifizierungsmethode gesendet hat: Protokollfehler ({code} {name}).',
  },

  // Why the last connection ended (the client inspector's "last close reason", `closeReasonText`).
  // Reason-code names ({name}) are the codec's English names; German says them in German with the
  // English name in parentheses (`abgelehnt: nicht autorisiert (not authorized)`, `closeReasonText`).
  'client.close.refused': { en: 'refused: {name}', de: 'abgelehnt: {name}' },
  'client.close.unexpected-session': {
    en: 'session present without session state',
    de: 'Sitzung gemeldet, aber keine Sitzungsdaten vorhanden',
  },
  'client.close.protocol-error': { en: 'protocol error: {name}', de: 'Protokollfehler: {name}' },
  'client.close.packet-before-connack': {
    en: 'protocol error: packet before CONNACK',
    de: 'Protokollfehler: Paket vor dem CONNACK',
  },
  'client.close.by-broker': { en: 'disconnected by the broker: {name}', de: 'vom Broker getrennt: {name}' },
  'client.close.keep-alive-timeout': { en: 'keep-alive timeout', de: 'Keep Alive abgelaufen (kein PINGRESP)' },
  'client.close.by-application': { en: 'disconnected by the application', de: 'von der Anwendung getrennt' },
  'client.close.connection-refused': { en: 'connection refused', de: 'Verbindungsaufbau abgewiesen' },
  'client.close.peer-closed': { en: 'network closed (peer-closed)', de: 'Netzwerkverbindung von der Gegenseite geschlossen' },
  'client.close.reset': { en: 'network closed (reset)', de: 'Netzwerkverbindung zurückgesetzt (Reset)' },
  'client.close.malformed': { en: 'malformed packet: {message}', de: 'fehlerhaftes Paket: {message}' },
  'client.close.crashed': { en: 'crashed', de: 'abgestürzt' },
} as const satisfies Record<string, Message>;

export type ClientMessageKey = keyof typeof clientMessages;

/** Why a connection ended, as a message key and its parameters (texts above, `closeReasonText`). */
export interface CloseReason {
  key: ClientMessageKey;
  /** `name`: a reason code's name (`REASON_NAMES`) or its hex code; `message`: a decoder's English message, its key and detail beside it (`codecNoteParams`). */
  params?: Record<string, string | number>;
}

/**
 * The close reason as text in `lang`. English as it always read (`refused: not authorized`);
 * German says a reason code's name in German with the specification's English name after it
 * (`abgelehnt: nicht autorisiert (not authorized)`, as the inspector pairs them) and a decoder's
 * message from its detail (`codecNoteMessage`).
 */
export function closeReasonText(reason: CloseReason, lang: 'en' | 'de' = 'en'): string {
  const params = reason.params ?? {};
  if (lang === 'en') return formatClientMessage(reason.key, lang, params);
  const de: Record<string, string | number> = { ...params };
  if (typeof params.name === 'string') {
    const german = REASON_NAME_TEXTS[`${REASON_NAME_PREFIX}${params.name}`]?.de;
    if (german !== undefined) de.name = `${german} (${params.name})`;
  }
  if (typeof params.message === 'string') de.message = codecNoteMessage(params.message, 'de', params);
  return formatClientMessage(reason.key, lang, de);
}

/**
 * Fills `{param}` placeholders. Topic problems are explained with the topic rules' own keys
 * (`mqtt.topic.*`, texts in src/core/mqtt/messages.ts); those are looked up there. Unknown keys
 * return the key itself.
 */
export function formatClientMessage(
  key: string,
  lang: 'en' | 'de',
  params: Record<string, string | number | boolean> = {},
): string {
  const message = (clientMessages as Record<string, Message>)[key] ?? (MESSAGES as Record<string, Message>)[key];
  if (!message) return key;
  return message[lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
