/**
 * Texts for every `trace.explain` key the broker emits, in English and German, with `{param}`
 * placeholders filled from the explanation's params.
 */
export interface MessageText {
  en: string;
  de: string;
}

export const brokerMessages = {
  'connect.connack-too-large': {
    en: 'The CONNACK for {clientId} would be {size} bytes, more than the Maximum Packet Size of {max} the client announced: nothing that large may be sent to it, so the connection is closed without CONNACK, as by Mosquitto.',
    de: 'Das CONNACK für {clientId} wäre {size} Bytes groß, mehr als die angekündigte Maximum Packet Size von {max}: So Großes darf ihm nicht gesendet werden, also wird die Verbindung wie bei Mosquitto ohne CONNACK geschlossen.',
  },
  'connect.control-character': {
    en: 'The {field} holds a control character at index {index}: like Mosquitto, the broker treats the CONNECT as malformed and closes the connection without CONNACK.',
    de: '{field} enthält an Stelle {index} ein Steuerzeichen: Wie Mosquitto behandelt der Broker das CONNECT als fehlerhaft und schließt die Verbindung ohne CONNACK.',
  },
  'connect.will-topic-empty': {
    en: 'The will topic is empty, but a topic name has at least one character: the CONNECT is refused and the connection closed without CONNACK.',
    de: 'Das Will-Topic ist leer, ein Topic-Name hat aber mindestens ein Zeichen: Das CONNECT wird abgelehnt, die Verbindung ohne CONNACK geschlossen.',
  },
  'connect.will-topic-invalid': {
    en: 'The will topic "{topic}" is not a valid topic name (no wildcards in a name): the CONNECT is refused and the connection closed without CONNACK.',
    de: 'Das Will-Topic „{topic}“ ist kein gültiger Topic-Name (keine Wildcards in einem Namen): Das CONNECT wird abgelehnt, die Verbindung ohne CONNACK geschlossen.',
  },
  'connect.will-topic-too-deep': {
    en: 'The will topic has more than {max} level separators (/): like Mosquitto, the broker refuses the CONNECT and closes the connection without CONNACK.',
    de: 'Das Will-Topic hat mehr als {max} Ebenen-Trenner (/): Wie Mosquitto lehnt der Broker das CONNECT ab und schließt die Verbindung ohne CONNACK.',
  },
  'connect.empty-id-mqtt31': {
    en: 'MQTT 3.1 has no client IDs assigned by the broker: an empty client ID is refused with 0x02 Identifier rejected, as by Mosquitto.',
    de: 'MQTT 3.1 kennt keine vom Broker vergebenen Client-IDs: Eine leere Client-ID wird wie bei Mosquitto mit 0x02 (Client-ID abgelehnt) zurückgewiesen.',
  },
  'connect.unsupported-level': {
    en: 'The CONNECT asks for a protocol version the broker does not speak ({level}): CONNACK 0x01 (unacceptable protocol version), then the connection is closed.',
    de: 'Das CONNECT verlangt eine Protokollversion, die der Broker nicht spricht ({level}): CONNACK 0x01 (Protokollversion nicht annehmbar), dann wird die Verbindung geschlossen.',
  },
  'protocol.control-character': {
    en: 'The {field} holds the control character {code} at index {index}: like Mosquitto, the broker treats the packet as malformed and closes the connection (5.0: DISCONNECT 0x81).',
    de: '{field} enthält an Stelle {index} das Steuerzeichen {code}: Wie Mosquitto behandelt der Broker das Paket als fehlerhaft und schließt die Verbindung (5.0: DISCONNECT 0x81).',
  },
  'publish.topic-too-deep': {
    en: 'The topic name has more than {max} level separators (/): like Mosquitto, the broker refuses it as a protocol error and closes the connection.',
    de: 'Der Topic-Name hat mehr als {max} Ebenen-Trenner (/): Wie Mosquitto lehnt der Broker ihn als Protokollfehler ab und schließt die Verbindung.',
  },
  'publish.response-topic-invalid': {
    en: 'The Response Topic "{responseTopic}" of the message on {topic} contains a wildcard; a Response Topic is a topic name: protocol error, the connection is closed.',
    de: 'Das Response Topic „{responseTopic}“ der Nachricht auf {topic} enthält eine Wildcard; ein Response Topic ist ein Topic-Name: Protokollfehler, die Verbindung wird geschlossen.',
  },
  'ack.complete': {
    en: '{clientId} acknowledged packet {packetId} with {packet}: the delivery is complete and the in-flight slot is free.',
    de: '{clientId} hat Paket {packetId} mit {packet} bestätigt: Die Zustellung ist abgeschlossen, der In-flight-Platz ist frei.',
  },
  'ack.pubrec': {
    en: '{clientId} received QoS 2 message {packetId} (PUBREC); the broker answers with PUBREL and waits for PUBCOMP.',
    de: '{clientId} hat die QoS-2-Nachricht {packetId} empfangen (PUBREC); der Broker antwortet mit PUBREL und wartet auf PUBCOMP.',
  },
  'ack.pubrec-failed': {
    en: '{clientId} refused QoS 2 message {packetId} (PUBREC reason {reasonCode}): the flow ends here, no PUBREL.',
    de: '{clientId} hat die QoS-2-Nachricht {packetId} abgelehnt (PUBREC-Grund {reasonCode}): Der Ablauf endet hier, kein PUBREL.',
  },
  'ack.pubrec-unknown': {
    en: '{clientId} sent PUBREC for packet {packetId}, which the broker is not waiting for: it still answers with PUBREL, in 5.0 with reason 0x92 "Packet Identifier not found", the spec\'s code for an unknown id (Mosquitto sends 0).',
    de: '{clientId} hat PUBREC für Paket {packetId} gesendet, auf das der Broker nicht wartet: Er antwortet trotzdem mit PUBREL, in 5.0 mit Grund 0x92 (Paket-ID unbekannt), dem Code der Spezifikation für eine unbekannte ID (Mosquitto sendet 0).',
  },
  'ack.unexpected': {
    en: '{clientId} sent {packet} for packet {packetId}, which the broker is not waiting for; it is ignored.',
    de: '{clientId} hat {packet} für Paket {packetId} gesendet, auf das der Broker nicht wartet; es wird ignoriert.',
  },
  'acl.parse-error': {
    en: 'ACL file line {line}: {message}. The line is ignored.',
    de: 'ACL-Datei Zeile {line}: {message}. Die Zeile wird ignoriert.',
  },
  'acl.publish-denied': {
    en: 'The ACL does not allow {clientId} to write to {topic}: Mosquitto drops the message but still acknowledges it (5.0: reason 0x87 Not authorized).',
    de: 'Die ACL erlaubt {clientId} nicht, auf {topic} zu schreiben: Mosquitto verwirft die Nachricht, bestätigt sie aber trotzdem (5.0: Grund 0x87, nicht autorisiert).',
  },
  'acl.read-denied': {
    en: 'The ACL does not allow {clientId} to read {topic}: the subscription exists, but this message is not delivered (Mosquitto checks read access per message).',
    de: 'Die ACL erlaubt {clientId} nicht, {topic} zu lesen: Das Abonnement besteht, aber diese Nachricht wird nicht zugestellt (Mosquitto prüft das Leserecht pro Nachricht).',
  },
  'acl.subscribe-per-message': {
    en: 'The ACL does not check subscriptions: like Mosquitto, the broker grants {filter} to {clientId} and checks the read permission of every message it would deliver (MQTT would also allow refusing the filter: SUBACK 0x80 in 3.1.1, 0x87 Not authorized in 5.0).',
    de: 'Die ACL prüft keine Abonnements: Wie Mosquitto gewährt der Broker {clientId} den Filter {filter} und prüft bei jeder Nachricht, die er zustellen würde, das Leserecht (MQTT erlaubt auch, den Filter abzulehnen: SUBACK 0x80 in 3.1.1, 0x87 (nicht autorisiert) in 5.0).',
  },
  'acl.subscribe-unreadable': {
    en: 'The ACL does not let {clientId} read {filter}, yet the subscription is granted: Mosquitto does not check SUBSCRIBE against the acl_file, only every message at delivery, so no message on {filter} will arrive (MQTT would also allow refusing it: SUBACK 0x80 in 3.1.1, 0x87 Not authorized in 5.0).',
    de: 'Die ACL erlaubt {clientId} nicht, {filter} zu lesen, trotzdem wird das Abonnement gewährt: Mosquitto prüft SUBSCRIBE nicht gegen die acl_file, sondern jede Nachricht bei der Zustellung, daher kommt keine Nachricht auf {filter} an (MQTT erlaubt auch, es abzulehnen: SUBACK 0x80 in 3.1.1, 0x87 (nicht autorisiert) in 5.0).',
  },
  'acl.will-denied': {
    en: 'The ACL does not allow {clientId} to write to {topic}, so its will is not published.',
    de: 'Die ACL erlaubt {clientId} nicht, auf {topic} zu schreiben, daher wird sein Testament nicht veröffentlicht.',
  },
  'broker.down-refused': {
    en: 'The broker is down: connection {connId} is refused.',
    de: 'Der Broker ist gestoppt: Verbindung {connId} wird abgewiesen.',
  },
  'broker.started': {
    en: 'The broker started with {sessions} stored sessions and {retained} retained messages.',
    de: 'Der Broker ist gestartet, mit {sessions} gespeicherten Sitzungen und {retained} gehaltenen Nachrichten.',
  },
  'broker.stopped-persistent': {
    en: 'The broker stopped with persistence: {sessions} sessions and {retained} retained messages are kept.',
    de: 'Der Broker wurde mit Persistenz gestoppt: {sessions} Sitzungen und {retained} gehaltene Nachrichten bleiben erhalten.',
  },
  'broker.stopped-volatile': {
    en: 'The broker stopped without persistence: all sessions and retained messages are lost.',
    de: 'Der Broker wurde ohne Persistenz gestoppt: Alle Sitzungen und gehaltenen Nachrichten gehen verloren.',
  },
  'broker.shutdown-disconnect': {
    en: 'The broker shuts down: {clientId} gets DISCONNECT 0x8B (server shutting down) before the connection closes.',
    de: 'Der Broker wird beendet: {clientId} erhält DISCONNECT 0x8B (Server wird heruntergefahren), bevor die Verbindung schließt.',
  },
  'connect.accepted': {
    en: '{clientId} is connected (session present: {sessionPresent}, keep alive {keepAliveSec} s).',
    de: '{clientId} ist verbunden (Session Present: {sessionPresent}, Keep Alive {keepAliveSec} s).',
  },
  'connect.anonymous-denied': {
    en: 'A client without username is refused: anonymous access is not allowed (Mosquitto answers "not authorized").',
    de: 'Ein Client ohne Benutzernamen wird abgewiesen: Anonymer Zugang ist nicht erlaubt (Mosquitto antwortet „nicht autorisiert“).',
  },
  'connect.timeout': {
    en: 'No complete CONNECT within {timeoutSec} s of opening the connection: the broker closes it (the spec: "within a reasonable amount of time").',
    de: 'Kein vollständiges CONNECT innerhalb von {timeoutSec} s nach dem Verbindungsaufbau: Der Broker schließt die Verbindung (die Spezifikation: „in angemessener Zeit“).',
  },
  'connect.bad-auth-method': {
    en: 'The client asked for enhanced authentication ({method}), which this broker does not support: CONNACK 0x8C.',
    de: 'Der Client verlangt erweiterte Authentifizierung ({method}), die dieser Broker nicht unterstützt: CONNACK 0x8C.',
  },
  'connect.bad-credentials': {
    en: 'Username "{username}" or its password is wrong: the connection is refused (Mosquitto answers "not authorized").',
    de: 'Benutzername „{username}“ oder das Passwort ist falsch: Die Verbindung wird abgewiesen (Mosquitto antwortet „nicht autorisiert“).',
  },
  'connect.no-certificate': {
    en: '{clientId} presented no client certificate with a common name, and this listener takes the user name from it (use_identity_as_username): CONNACK "bad user name or password".',
    de: '{clientId} hat kein Client-Zertifikat mit Common Name vorgelegt, und dieser Listener nimmt den Benutzernamen daraus (use_identity_as_username): CONNACK „Benutzername oder Passwort falsch“.',
  },
  'connect.identity-as-username': {
    en: '{clientId} is user "{username}": the common name (CN) of its client certificate, not the user name in CONNECT (use_identity_as_username; the password is not checked, the ACL applies to "{username}").',
    de: '{clientId} ist Benutzer „{username}“: der Common Name (CN) seines Client-Zertifikats, nicht der Benutzername im CONNECT (use_identity_as_username; das Passwort wird nicht geprüft, die ACL gilt für „{username}“).',
  },
  'connect.no-password-file': {
    en: 'User name "{username}" cannot be checked: there is no password_file, and anonymous access is not allowed. The connection is refused (Mosquitto answers "not authorized").',
    de: 'Der Benutzername „{username}“ kann nicht geprüft werden: Es gibt keine password_file, und anonymer Zugang ist nicht erlaubt. Die Verbindung wird abgewiesen (Mosquitto antwortet „nicht autorisiert“).',
  },
  'connect.empty-id-persistent': {
    en: 'An empty client ID needs Clean Session = 1 in MQTT 3.1.1: CONNACK 0x02 (identifier rejected).',
    de: 'Eine leere Client-ID verlangt in MQTT 3.1.1 Clean Session = 1: CONNACK 0x02 (Kennung abgelehnt).',
  },
  'connect.first-packet-not-connect': {
    en: 'The first packet on a connection must be CONNECT, not {packet}: the broker closes the connection.',
    de: 'Das erste Paket einer Verbindung muss CONNECT sein, nicht {packet}: Der Broker schließt die Verbindung.',
  },
  'connect.id-assigned': {
    en: 'The client sent an empty client ID; the broker assigns {clientId}.',
    de: 'Der Client hat eine leere Client-ID gesendet; der Broker vergibt {clientId}.',
  },
  'connect.keep-alive-off': {
    en: 'Keep alive 0 means "off" in both versions: the broker will not close this connection for being silent. A 5.0 client with 0 would be told max_keepalive as Server Keep Alive; MQTT 3.1.1 has no way to tell a client another value, so this broker accepts 0 from a 3.1.1 client, as Mosquitto 2.0.11 does (2.0.12 and later refuse it with 0x02).',
    de: 'Keep Alive 0 bedeutet in beiden Versionen „aus“: Der Broker schließt diese Verbindung nicht, weil sie still ist. Einem 5.0-Client mit 0 würde max_keepalive als Server Keep Alive mitgeteilt; MQTT 3.1.1 kann einem Client keinen anderen Wert mitteilen, darum nimmt dieser Broker 0 von einem 3.1.1-Client an, wie Mosquitto 2.0.11 (ab 2.0.12 lehnt Mosquitto mit 0x02 ab).',
  },
  'connect.keep-alive-refused': {
    en: 'Keep alive {requested} s is above the maximum {max} s; a 3.1.1 client cannot be told another value, so Mosquitto (2.0.12 and later) refuses it with 0x02.',
    de: 'Keep Alive {requested} s liegt über dem Maximum {max} s; einem 3.1.1-Client kann kein anderer Wert mitgeteilt werden, daher lehnt Mosquitto (ab 2.0.12) mit 0x02 ab.',
  },
  'connect.second-connect': {
    en: 'A second CONNECT on the same connection is a protocol error: the broker closes the connection.',
    de: 'Ein zweites CONNECT auf derselben Verbindung ist ein Protokollfehler: Der Broker schließt die Verbindung.',
  },
  'connect.server-keep-alive': {
    en: 'The client asked for keep alive {requested} s (0 would mean "off"), but this broker keeps every client within {keepAliveSec} s (max_keepalive, as Mosquitto): it sends Server Keep Alive {keepAliveSec} s, which a 5.0 client must use instead.',
    de: 'Der Client wollte Keep Alive {requested} s (0 hieße „aus“), aber dieser Broker hält jeden Client innerhalb von {keepAliveSec} s (max_keepalive, wie Mosquitto): Er sendet Server Keep Alive {keepAliveSec} s, das ein 5.0-Client stattdessen verwenden muss.',
  },
  'connect.takeover': {
    en: '{clientId} connected again: the old connection with the same client ID is closed (session taken over).',
    de: '{clientId} hat sich erneut verbunden: Die alte Verbindung mit derselben Client-ID wird geschlossen (Sitzung übernommen).',
  },
  'connect.unsupported-version': {
    en: 'Protocol level {version} is not accepted by this broker: CONNACK "unsupported protocol version", then close.',
    de: 'Protokollstufe {version} wird von diesem Broker nicht akzeptiert: CONNACK „Protokollversion nicht unterstützt“, dann Trennung.',
  },
  'connect.will-retain-unavailable': {
    en: 'The will asks to be retained, but this broker does not support retained messages: the connection is refused.',
    de: 'Das Testament soll gehalten werden, aber dieser Broker unterstützt keine gehaltenen Nachrichten: Die Verbindung wird abgewiesen.',
  },
  'deliver.downgraded': {
    en: 'Published with QoS {published}, but {clientId} subscribed to {filter} with QoS {granted}: delivered with QoS {qos}.',
    de: 'Mit QoS {published} veröffentlicht, aber {clientId} hat {filter} mit QoS {granted} abonniert: Zustellung mit QoS {qos}.',
  },
  'deliver.expired': {
    en: 'The message on {topic} for {clientId} expired (its Message Expiry Interval passed) before the broker could start sending it: this copy is deleted.',
    de: 'Die Nachricht auf {topic} für {clientId} ist abgelaufen (ihr Message Expiry Interval ist verstrichen), bevor der Broker sie senden konnte: Diese Kopie wird gelöscht.',
  },
  'deliver.expired-resent': {
    en: 'The message on {topic} was sent to {clientId} before and is not acknowledged: it is sent again although its Message Expiry Interval has passed (its delivery had started), with Message Expiry Interval 0.',
    de: 'Die Nachricht auf {topic} wurde schon an {clientId} gesendet und ist nicht bestätigt: Sie wird erneut gesendet, obwohl ihr Message Expiry Interval verstrichen ist (ihre Zustellung hatte begonnen), mit Message Expiry Interval 0.',
  },
  'deliver.expiry-remaining': {
    en: 'The message on {topic} goes to {clientId} with Message Expiry Interval {remainingSec} s: the interval it was published with, minus the time it waited in the broker.',
    de: 'Die Nachricht auf {topic} geht an {clientId} mit Message Expiry Interval {remainingSec} s: das Intervall, mit dem sie veröffentlicht wurde, abzüglich der Zeit, die sie im Broker gewartet hat.',
  },
  'deliver.no-local': {
    en: '{clientId} subscribed to {filter} with No Local: its own message is not sent back to it.',
    de: '{clientId} hat {filter} mit „No Local“ abonniert: Die eigene Nachricht wird nicht zurückgeschickt.',
  },
  'deliver.overlap-one-copy': {
    en: 'Several subscriptions of {clientId} match ({filters}). The standard asks for the message at the highest QoS of them ({qos}) and allows one more copy per further subscription; this broker, like Mosquitto 2.0 for 3.1.1 clients, sends one copy only, at QoS {qos} (Mosquitto 2.0.11 takes the QoS of the first matching subscription).',
    de: 'Mehrere Abonnements von {clientId} passen ({filters}). Der Standard verlangt die Nachricht mit der höchsten QoS davon ({qos}) und erlaubt je weiterem Abonnement eine weitere Kopie; dieser Broker sendet wie Mosquitto 2.0 einem 3.1.1-Client nur eine Kopie, mit QoS {qos} (Mosquitto 2.0.11 nimmt die QoS des ersten passenden Abonnements).',
  },
  'deliver.overlap-copy-each': {
    en: 'Several subscriptions of {clientId} match ({filters}): as MQTT 5.0 allows, and as Mosquitto 2.0 does, it gets one copy per matching subscription, {count} in all, each at that subscription\'s QoS (and with its Subscription Identifier, if it has one).',
    de: 'Mehrere Abonnements von {clientId} passen ({filters}): Wie MQTT 5.0 es erlaubt und Mosquitto 2.0 es tut, bekommt der Client je passendem Abonnement eine Kopie, {count} insgesamt, jede mit der QoS dieses Abonnements (und mit seiner Subscription Identifier, falls es eine hat).',
  },
  'deliver.qos0-offline-dropped': {
    en: '{clientId} is offline and the message on {topic} has QoS 0: Mosquitto does not queue QoS 0 messages (queue_qos0_messages false).',
    de: '{clientId} ist offline und die Nachricht auf {topic} hat QoS 0: Mosquitto speichert QoS-0-Nachrichten nicht (queue_qos0_messages false).',
  },
  'deliver.queue-full': {
    en: 'The queue of {clientId} already holds {max} messages: the message on {topic} is dropped (max_queued_messages).',
    de: 'Die Warteschlange von {clientId} enthält bereits {max} Nachrichten: Die Nachricht auf {topic} wird verworfen (max_queued_messages).',
  },
  'deliver.queue-bytes-full': {
    en: 'The queue of {clientId} would hold more than {max} payload bytes: the message on {topic} is dropped (max_queued_bytes).',
    de: 'Die Warteschlange von {clientId} hielte mehr als {max} Nutzdaten-Bytes: Die Nachricht auf {topic} wird verworfen (max_queued_bytes).',
  },
  'deliver.backlog-full': {
    en: '{clientId} does not read fast enough: what waits on its connection reached max_queued_messages/max_queued_bytes; QoS 0 messages to it are dropped until it catches up.',
    de: '{clientId} liest nicht schnell genug: Was auf seiner Verbindung wartet, erreicht max_queued_messages/max_queued_bytes; QoS-0-Nachrichten an ihn werden verworfen, bis er aufholt.',
  },
  'deliver.backlog-drained': {
    en: '{clientId} caught up: QoS 0 messages to it are sent again.',
    de: '{clientId} hat aufgeholt: QoS-0-Nachrichten an ihn werden wieder gesendet.',
  },
  'deliver.backlog-dropped': {
    en: 'The QoS 0 message on {topic} to {clientId} is dropped: its connection is backed up (max_queued_messages/max_queued_bytes).',
    de: 'Die QoS-0-Nachricht auf {topic} an {clientId} wird verworfen: Seine Verbindung ist überfüllt (max_queued_messages/max_queued_bytes).',
  },
  'deliver.queued-offline': {
    en: '{clientId} is offline but its session is kept: the message on {topic} is queued ({queued} waiting).',
    de: '{clientId} ist offline, aber seine Sitzung bleibt erhalten: Die Nachricht auf {topic} wird gespeichert ({queued} wartend).',
  },
  'deliver.queued-receive-maximum': {
    en: '{clientId} already has {window} QoS 1/2 messages without acknowledgement, its Receive Maximum: the broker must not send it more, so the message on {topic} waits in the queue ({queued} waiting).',
    de: '{clientId} hat schon {window} unbestätigte QoS-1/2-Nachrichten, sein Receive Maximum: Der Broker darf ihm nicht mehr senden, darum wartet die Nachricht auf {topic} in der Warteschlange ({queued} wartend).',
  },
  'deliver.queued-window-full': {
    en: '{clientId} already has {window} QoS 1/2 messages in flight, as many as this broker sends a client at a time (max_inflight_messages, as in Mosquitto; the standard sets no such limit for 3.1.1, it is the broker\'s choice): the message on {topic} waits in the queue ({queued} waiting).',
    de: '{clientId} hat schon {window} QoS-1/2-Nachrichten unterwegs, so viele, wie dieser Broker einem Client gleichzeitig sendet (max_inflight_messages, wie bei Mosquitto; der Standard setzt für 3.1.1 keine solche Grenze, der Broker wählt sie): Die Nachricht auf {topic} wartet in der Warteschlange ({queued} wartend).',
  },
  'deliver.retain-as-published': {
    en: '{clientId} subscribed to {filter} with Retain As Published: the RETAIN flag is kept.',
    de: '{clientId} hat {filter} mit „Retain As Published“ abonniert: Das RETAIN-Flag bleibt gesetzt.',
  },
  'deliver.retain-cleared': {
    en: 'Forwarded to {clientId} ({filter}) with RETAIN = 0: the flag only says "stored message" when sent because of a new subscription.',
    de: 'An {clientId} ({filter}) mit RETAIN = 0 weitergeleitet: Das Flag bedeutet „gehaltene Nachricht“ nur beim Senden wegen eines neuen Abonnements.',
  },
  'deliver.too-large': {
    en: 'The PUBLISH on {topic} would be {size} bytes, more than the {max} bytes {clientId} accepts: it is discarded as if sent.',
    de: 'Das PUBLISH auf {topic} wäre {size} Bytes groß, mehr als die {max} Bytes, die {clientId} annimmt: Es wird verworfen, als wäre es gesendet.',
  },
  'disconnect.expiry-protocol-error': {
    en: 'The session expiry was 0 at CONNECT; setting it to {expirySec} s in DISCONNECT is a protocol error.',
    de: 'Der Sitzungsablauf war beim CONNECT 0; ihn im DISCONNECT auf {expirySec} s zu setzen ist ein Protokollfehler.',
  },
  'disconnect.expiry-updated': {
    en: '{clientId} changed its session expiry to {expirySec} s when disconnecting.',
    de: '{clientId} hat beim Trennen den Sitzungsablauf auf {expirySec} s geändert.',
  },
  'disconnect.normal': {
    en: '{clientId} disconnected properly, with DISCONNECT.',
    de: '{clientId} hat sich ordnungsgemäß getrennt, mit DISCONNECT.',
  },
  'disconnect.with-will': {
    en: '{clientId} disconnected with reason 0x04 "Disconnect with Will Message": its will is published.',
    de: '{clientId} hat sich mit Grund 0x04 (Trennung mit Testament) getrennt: Sein Testament wird veröffentlicht.',
  },
  'keepalive.expired': {
    en: 'No packet from {clientId} for {idleMs} ms, 1.5 × keep alive {keepAliveSec} s: the broker closes the connection as if the network had failed.',
    de: 'Kein Paket von {clientId} seit {idleMs} ms, 1,5 × Keep Alive {keepAliveSec} s: Der Broker schließt die Verbindung, als wäre das Netz ausgefallen.',
  },
  'broker.internal-error': {
    en: 'The broker failed on {event} of {clientId} ({message}): it closes that connection as after a protocol error (5.0: DISCONNECT 0x80), publishes its will and keeps serving the others.',
    de: 'Der Broker ist an {event} von {clientId} gescheitert ({message}): Er schließt diese Verbindung wie nach einem Protokollfehler (5.0: DISCONNECT 0x80), veröffentlicht ihr Testament und bedient die anderen weiter.',
  },
  'net.closed-without-disconnect': {
    en: 'The connection of {clientId} closed without DISCONNECT ({reason}).',
    de: 'Die Verbindung von {clientId} wurde ohne DISCONNECT beendet ({reason}).',
  },
  'net.malformed': {
    en: 'A malformed packet from {clientId}: {message}. The broker closes the connection (reason {reasonCode}).',
    de: 'Ein fehlerhaftes Paket von {clientId}: {message}. Der Broker schließt die Verbindung (Grund {reasonCode}).',
  },
  'net.malformed-unnamed': {
    en: 'A malformed packet on connection {connId} (no client id yet): {message}. The broker closes the connection (reason {reasonCode}).',
    de: 'Ein fehlerhaftes Paket auf Verbindung {connId} (noch ohne Client-ID): {message}. Der Broker schließt die Verbindung (Grund {reasonCode}).',
  },
  'ping.response': {
    en: 'PINGREQ from {clientId}: the broker answers with PINGRESP.',
    de: 'PINGREQ von {clientId}: Der Broker antwortet mit PINGRESP.',
  },
  'protocol.unexpected-packet': {
    en: 'A client must not send {packet} to the broker: protocol error, the connection is closed.',
    de: 'Ein Client darf dem Broker kein {packet} senden: Protokollfehler, die Verbindung wird geschlossen.',
  },
  'publish.no-subscribers': {
    en: 'No subscription matches {topic}: the message goes nowhere.',
    de: 'Kein Abonnement passt zu {topic}: Die Nachricht geht an niemanden.',
  },
  'publish.puback': {
    en: 'QoS 1 message {packetId} from {clientId} accepted: PUBACK.',
    de: 'QoS-1-Nachricht {packetId} von {clientId} angenommen: PUBACK.',
  },
  'publish.no-reader': {
    en: 'Subscriptions match {topic}, but the ACL allows none of their subscribers to read it: the message is delivered to nobody.',
    de: 'Abonnements passen zu {topic}, aber die ACL erlaubt keinem ihrer Abonnenten, es zu lesen: Die Nachricht wird niemandem zugestellt.',
  },
  'publish.puback-no-subscribers': {
    en: 'QoS 1 message {packetId} from {clientId} accepted, but nobody subscribed: PUBACK with 0x10 "No matching subscribers".',
    de: 'QoS-1-Nachricht {packetId} von {clientId} angenommen, aber niemand hat abonniert: PUBACK mit 0x10 (keine passenden Abonnenten).',
  },
  'publish.qos2-duplicate': {
    en: 'QoS 2 message {packetId} from {clientId} arrived again before PUBREL: PUBREC again, but it is not forwarded a second time.',
    de: 'QoS-2-Nachricht {packetId} von {clientId} kam vor dem PUBREL erneut an: Wieder PUBREC, aber sie wird kein zweites Mal weitergeleitet.',
  },
  'publish.qos2-stored': {
    en: 'QoS 2 message {packetId} from {clientId} is stored and acknowledged with PUBREC; like Mosquitto, the broker forwards it when PUBREL arrives.',
    de: 'QoS-2-Nachricht {packetId} von {clientId} wird gespeichert und mit PUBREC bestätigt; wie Mosquitto leitet der Broker sie beim Eintreffen von PUBREL weiter.',
  },
  'publish.retain-unavailable': {
    en: 'A retained PUBLISH on {topic}, but retained messages are not available: protocol error.',
    de: 'Ein gehaltenes PUBLISH auf {topic}, aber gehaltene Nachrichten sind nicht verfügbar: Protokollfehler.',
  },
  'publish.topic-alias-invalid': {
    en: 'Topic alias {alias} is not allowed: the Topic Alias Maximum the broker announced in its CONNACK is {max} (0, or none announced, means no aliases at all). A protocol error: DISCONNECT 0x94 "Topic Alias invalid".',
    de: 'Topic-Alias {alias} ist nicht erlaubt: Das Topic Alias Maximum, das der Broker im CONNACK angekündigt hat, ist {max} (0 oder keines heißt: gar keine Aliase). Ein Protokollfehler: DISCONNECT 0x94 (Topic Alias ungültig).',
  },
  'publish.topic-alias-set': {
    en: '{clientId} sets topic alias {alias} to {topic}.',
    de: '{clientId} legt Topic-Alias {alias} für {topic} fest.',
  },
  'publish.topic-alias-zero': {
    en: 'Topic alias 0 is not permitted (aliases start at 1). The packet is well-formed but breaks the protocol: a protocol error, DISCONNECT 0x82 (0x94 "Topic Alias invalid" is for an alias above the maximum; Mosquitto sends 0x81 Malformed Packet).',
    de: 'Topic-Alias 0 ist nicht erlaubt (Aliase beginnen bei 1). Das Paket ist wohlgeformt, verstößt aber gegen das Protokoll: ein Protokollfehler, DISCONNECT 0x82 (0x94, Topic Alias ungültig, gilt für einen Alias über dem Maximum; Mosquitto sendet 0x81, fehlerhaftes Paket).',
  },
  'publish.topic-alias-unknown': {
    en: 'Topic alias {alias} was used with an empty topic before it was set: protocol error.',
    de: 'Topic-Alias {alias} wurde mit leerem Topic benutzt, bevor er festgelegt war: Protokollfehler.',
  },
  'publish.topic-alias-used': {
    en: '{clientId} used topic alias {alias}: the topic is {topic}.',
    de: '{clientId} hat Topic-Alias {alias} benutzt: Das Topic ist {topic}.',
  },
  'publish.dollar-denied': {
    en: 'Topics starting with $SYS or $share are not for clients to publish on: like Mosquitto, the broker drops the message from {clientId} on {topic} but acknowledges it (5.0: 0x87 Not authorized).',
    de: 'Auf Topics, die mit $SYS oder $share beginnen, veröffentlichen Clients nicht: Wie Mosquitto verwirft der Broker die Nachricht von {clientId} auf {topic}, bestätigt sie aber (5.0: 0x87, nicht autorisiert).',
  },
  'publish.topic-invalid': {
    en: '"{topic}" is not a valid topic name (wildcards are only for subscriptions): protocol error, the connection is closed.',
    de: '„{topic}“ ist kein gültiger Topic-Name (Wildcards nur für Abonnements): Protokollfehler, die Verbindung wird geschlossen.',
  },
  'pubrel.forward': {
    en: 'PUBREL for {packetId} from {clientId}: the QoS 2 message on {topic} is now forwarded, then PUBCOMP.',
    de: 'PUBREL für {packetId} von {clientId}: Die QoS-2-Nachricht auf {topic} wird jetzt weitergeleitet, dann PUBCOMP.',
  },
  'pubrel.unknown-id': {
    en: 'PUBREL for unknown packet {packetId} from {clientId} (e.g. repeated after a reconnect): the broker still answers with PUBCOMP, in 5.0 with reason 0x92 "Packet Identifier not found", the spec\'s code for an unknown id (Mosquitto sends 0).',
    de: 'PUBREL für unbekanntes Paket {packetId} von {clientId} (z. B. nach einer Neuverbindung wiederholt): Der Broker antwortet trotzdem mit PUBCOMP, in 5.0 mit Grund 0x92 (Paket-ID unbekannt), dem Code der Spezifikation für eine unbekannte ID (Mosquitto sendet 0).',
  },
  'retain.cleared': {
    en: 'A retained PUBLISH with an empty payload on {topic}: the retained message for this topic is removed.',
    de: 'Ein gehaltenes PUBLISH mit leerem Inhalt auf {topic}: Die gehaltene Nachricht dieses Topics wird gelöscht.',
  },
  'retain.replaced': {
    en: 'The retained message on {topic} is replaced by the new one.',
    de: 'Die gehaltene Nachricht auf {topic} wird durch die neue ersetzt.',
  },
  'retain.stored': {
    en: 'The message on {topic} is stored as retained message for future subscribers.',
    de: 'Die Nachricht auf {topic} wird als gehaltene Nachricht für künftige Abonnenten gespeichert.',
  },
  'session.clean': {
    en: '{clientId} starts with a clean session: session present = 0.',
    de: '{clientId} beginnt mit einer leeren Sitzung: Session Present = 0.',
  },
  'session.discarded-clean': {
    en: 'Clean start: the stored session of {clientId} is discarded.',
    de: 'Clean Start: Die gespeicherte Sitzung von {clientId} wird verworfen.',
  },
  'session.ended-at-disconnect': {
    en: 'The session of {clientId} ends with its connection.',
    de: 'Die Sitzung von {clientId} endet mit ihrer Verbindung.',
  },
  'session.expired': {
    en: 'The session of {clientId} expired and is deleted.',
    de: 'Die Sitzung von {clientId} ist abgelaufen und wird gelöscht.',
  },
  'session.kept': {
    en: 'The session of {clientId} is kept after the connection closed: subscriptions stay, QoS 1/2 messages are stored.',
    de: 'Die Sitzung von {clientId} bleibt nach dem Verbindungsende erhalten: Abonnements bleiben, QoS-1/2-Nachrichten werden gespeichert.',
  },
  'session.kept-until': {
    en: 'The session of {clientId} is kept for {expirySec} s after the connection closed.',
    de: 'Die Sitzung von {clientId} bleibt nach dem Verbindungsende {expirySec} s erhalten.',
  },
  'session.new': {
    en: 'No stored session for {clientId}: a new one starts, session present = 0.',
    de: 'Keine gespeicherte Sitzung für {clientId}: Eine neue beginnt, Session Present = 0.',
  },
  'session.resend-inflight': {
    en: '{clientId} resumed its session: {count} unacknowledged messages are sent again (PUBLISH with DUP = 1, or PUBREL).',
    de: '{clientId} hat seine Sitzung fortgesetzt: {count} unbestätigte Nachrichten werden erneut gesendet (PUBLISH mit DUP = 1 oder PUBREL).',
  },
  'session.resumed': {
    en: '{clientId} resumes its session ({subscriptions} subscriptions; to it: {inflight} in flight, {queued} queued; from it: {inbound} QoS 2 waiting for PUBREL): session present = 1.',
    de: '{clientId} setzt seine Sitzung fort ({subscriptions} Abonnements; an ihn: {inflight} unterwegs, {queued} wartend; von ihm: {inbound} QoS 2 warten auf PUBREL): Session Present = 1.',
  },
  'shared.picked': {
    en: 'Shared subscription {group}/{filter}: this message goes to {clientId}, one of {members} members (round robin).',
    de: 'Geteiltes Abonnement {group}/{filter}: Diese Nachricht geht an {clientId}, eines von {members} Mitgliedern (reihum).',
  },
  'subscribe.filter-invalid': {
    en: '"{filter}" is not a valid topic filter: Mosquitto closes the connection.',
    de: '„{filter}“ ist kein gültiger Topic-Filter: Mosquitto schließt die Verbindung.',
  },
  'subscribe.granted': {
    en: '{clientId} subscribed to {filter}: QoS {granted} granted (requested {requested}).',
    de: '{clientId} hat {filter} abonniert: QoS {granted} gewährt (angefragt {requested}).',
  },
  'subscribe.replaced': {
    en: '{clientId} subscribed to {filter} again: the new subscription replaces the existing one completely, now with maximum QoS {granted}; the retained messages that match {filter} are sent again, and no message on the way is lost.',
    de: '{clientId} hat {filter} erneut abonniert: Das neue Abonnement ersetzt das bestehende ganz, jetzt mit höchstens QoS {granted}; die gehaltenen Nachrichten, die zu {filter} passen, werden erneut gesendet, und keine Nachricht unterwegs geht verloren.',
  },
  'subscribe.replaced-v5': {
    en: '{clientId} subscribed to {filter} again: the new subscription replaces the existing one with all its options: maximum QoS {granted}, No Local {noLocal}, Retain As Published {retainAsPublished}, Retain Handling {retainHandling} (and the Subscription Identifier). Retain Handling decides whether the retained messages that match {filter} are sent again: with 0 they are, with 1 (the subscription existed) and 2 they are not. No message on the way is lost.',
    de: '{clientId} hat {filter} erneut abonniert: Das neue Abonnement ersetzt das bestehende mit allen Optionen: höchstens QoS {granted}, No Local {noLocal}, Retain As Published {retainAsPublished}, Retain Handling {retainHandling} (samt Subscription Identifier). Retain Handling entscheidet, ob die gehaltenen Nachrichten, die zu {filter} passen, erneut gesendet werden: bei 0 ja, bei 1 (das Abonnement bestand schon) und 2 nicht. Keine Nachricht unterwegs geht verloren.',
  },
  'subscribe.retain-handling-1': {
    en: 'Retain handling 1 and {filter} was already subscribed: no retained messages are sent.',
    de: 'Retain Handling 1 und {filter} war schon abonniert: Es werden keine gehaltenen Nachrichten gesendet.',
  },
  'subscribe.retain-handling-2': {
    en: 'Retain handling 2: no retained messages are sent for {filter}.',
    de: 'Retain Handling 2: Für {filter} werden keine gehaltenen Nachrichten gesendet.',
  },
  'subscribe.retained-expired': {
    en: 'New subscription {filter}: the retained message on {topic} has expired (its Message Expiry Interval passed), so it is not sent.',
    de: 'Neues Abonnement {filter}: Die gehaltene Nachricht auf {topic} ist abgelaufen (ihr Message Expiry Interval ist verstrichen), darum wird sie nicht gesendet.',
  },
  'subscribe.retained-sent': {
    en: 'New subscription {filter}: the retained message on {topic} is sent with RETAIN = 1 and QoS {qos}.',
    de: 'Neues Abonnement {filter}: Die gehaltene Nachricht auf {topic} wird mit RETAIN = 1 und QoS {qos} gesendet.',
  },
  'subscribe.shared-no-local': {
    en: 'No Local on a shared subscription ({filter}) is a protocol error.',
    de: '„No Local“ bei einem geteilten Abonnement ({filter}) ist ein Protokollfehler.',
  },
  'subscribe.shared-no-retained': {
    en: '{filter} is a shared subscription: retained messages are not sent to it.',
    de: '{filter} ist ein geteiltes Abonnement: Gehaltene Nachrichten werden dafür nicht gesendet.',
  },
  'sys.published': {
    en: '$SYS: {count} broker statistics published as retained messages (every {intervalSec} s).',
    de: '$SYS: {count} Broker-Statistiken als gehaltene Nachrichten veröffentlicht (alle {intervalSec} s).',
  },
  'unsubscribe.none': {
    en: '{clientId} unsubscribed from {filter}, which it had not subscribed to: UNSUBACK anyway (5.0: 0x11 "No subscription existed").',
    de: '{clientId} hat {filter} abbestellt, ohne es abonniert zu haben: trotzdem UNSUBACK (5.0: 0x11, kein solches Abonnement).',
  },
  'unsubscribe.removed': {
    en: '{clientId} unsubscribed from {filter}.',
    de: '{clientId} hat {filter} abbestellt.',
  },
  'will.cancelled-reconnect': {
    en: '{clientId} reconnected before its will delay passed: the will is not published.',
    de: '{clientId} hat sich vor Ablauf der Testamentsverzögerung wieder verbunden: Das Testament wird nicht veröffentlicht.',
  },
  'will.delayed': {
    en: 'The will of {clientId} waits {delaySec} s (will delay interval): a reconnect in time cancels it.',
    de: 'Das Testament von {clientId} wartet {delaySec} s (Testamentsverzögerung): Eine rechtzeitige Neuverbindung hebt es auf.',
  },
  'will.discarded': {
    en: '{clientId} disconnected with DISCONNECT: its will is deleted without being published.',
    de: '{clientId} hat sich mit DISCONNECT getrennt: Sein Testament wird gelöscht, ohne veröffentlicht zu werden.',
  },
  'will.published': {
    en: 'The connection of {clientId} ended without a normal DISCONNECT: its will is published on {topic}.',
    de: 'Die Verbindung von {clientId} endete ohne normales DISCONNECT: Sein Testament wird auf {topic} veröffentlicht.',
  },
  'will.published-after-delay': {
    en: 'The will delay of {clientId} has passed: its will is published on {topic}.',
    de: 'Die Testamentsverzögerung von {clientId} ist abgelaufen: Sein Testament wird auf {topic} veröffentlicht.',
  },
  'will.published-session-end': {
    en: 'The session of {clientId} ends before its will delay passed: the will is published on {topic} now.',
    de: 'Die Sitzung von {clientId} endet vor Ablauf der Testamentsverzögerung: Das Testament wird jetzt auf {topic} veröffentlicht.',
  },
  'will.published-shutdown': {
    en: 'The broker is shutting down: like Mosquitto, it publishes the will of {clientId} on {topic}.',
    de: 'Der Broker fährt herunter: Wie Mosquitto veröffentlicht er das Testament von {clientId} auf {topic}.',
  },
} as const satisfies Record<string, MessageText>;

export type BrokerMessageKey = keyof typeof brokerMessages;

/** Fills `{param}` placeholders. Unknown keys give the key itself. */
export function formatBrokerMessage(
  key: string,
  lang: 'en' | 'de',
  params: Record<string, string | number | boolean> = {},
): string {
  const text = (brokerMessages as Record<string, MessageText>)[key];
  if (!text) return key;
  return text[lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
