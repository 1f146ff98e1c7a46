/**
 * The words the device export writes besides code: the comments in the generated programs and
 * the notes on what a target cannot express (also listed beside the preview), in English and
 * German. Code stays code: option names, scenario verbs (`cable-cut`), packet names, library
 * names and values are the same in both; only the sentences around them change. The German uses
 * the terminology of lessons/README.md (Testament, Keep Alive, Paket-ID, ...).
 */

/** The languages the export writes its notes in. */
export type NoteLang = 'en' | 'de';

/** Every sentence the generators write, by key. */
export interface DeviceNotes {
  notExpressible: (what: string) => string;
  /** The first line: the client `client` as a program of the kind `kind`. */
  header: (client: string, kind: string) => string;
  runIt: string;
  kindCli: string;
  kindJs: string;
  kindPy: string;
  kindIno: string;
  installArduino: string;
  sharedStart: string;
  processDies: string;
  deviceDies: string;
  cableCutProgram: (atMs: number) => string;
  cableCutArduino: (atMs: number) => string;
  /** A scenario verb (kept as it is) at a time. */
  verbAt: (verb: string, atMs: number) => string;
  linkSettings: (atMs: number) => string;
  rawPacket: (verb: string, atMs: number, keeper: string) => string;
  clientLibrary: string;
  connectOption: (option: string) => string;
  subscriptionOption: (option: string, filter: string) => string;
  willProperties: (names: string) => string;
  publishProperties: (names: string) => string;
  passwordWithoutUser: string;
  // mosquitto_pub / mosquitto_sub
  cliConnects: (client: string) => string;
  cliSecondSubscribe: (atMs: number) => string;
  cliKeepAlive: (asked: number, used: number) => string;
  cliEmptyIdKeepSession: string;
  libEmptyIdKeepSession: (library: string) => string;
  cliQosPerFilter: (qos: number) => string;
  cliAlsoSubscribes: (client: string, id: string) => string;
  cliPublishProperty: (name: string) => string;
  cliUnsubscribe: (filters: string, atMs: number) => string;
  cliSubDisconnects: string;
  cliCableCutKill: (atMs: number) => string;
  cliProcessDies: string;
  cliNoDisconnect: string;
  cliNoConnection: (verb: string, atMs: number) => string;
  cliSubscriberRuns: string;
  cliBinaryPayload: string;
  cliBinaryWill: string;
  cliPasswordNotArgument: string;
  // mqtt.js
  jsRepeatedUserProperties: string;
  jsReconnect: string;
  jsUntil: string;
  jsReport: string;
  jsShow: string;
  jsConnect: [string, string];
  // Python
  pyPasswordWithoutUser: string;
  pyLetSend: string;
  pyWaitUntil: string;
  // Arduino
  inoMqtt5: string;
  inoWillZeroByte: string;
  inoQos: (qos: number, topic: string) => string;
  inoQos2: (filter: string) => string;
  inoDisconnectReason: (code: number) => string;
  inoStepAt: (atMs: number) => string;
  inoBrokerAddress: string;
  inoBufferSize: string;
  inoLoop: string;
}

const EN: DeviceNotes = {
  notExpressible: (what) => `not expressible here: ${what}`,
  header: (client, kind) => `MQTT Lab: the scenario client "${client}" as ${kind}.`,
  runIt: 'Run it:',
  kindCli: 'mosquitto_sub / mosquitto_pub command lines',
  kindJs: 'an mqtt.js program',
  kindPy: 'a Python program (paho-mqtt 1.6)',
  kindIno: 'an Arduino sketch (ESP32 / ESP8266, PubSubClient)',
  installArduino: 'Install the library "PubSubClient" (Nick O\'Leary) in the Arduino IDE, fill in your Wi-Fi and broker, upload.',
  sharedStart: 'Several exported clients run together when they share a start time: MQTT_LAB_START=<ms since 1970>.',
  processDies: 'The process dies: the socket closes without DISCONNECT, so the broker publishes the will.',
  deviceDies: 'The device dies: no DISCONNECT, so the broker publishes the will.',
  cableCutProgram: (atMs) => `cable-cut at ${atMs} ms: a program cannot pull its own cable; closing the socket instead (the broker notices at once, not after 1.5 x keep-alive)`,
  cableCutArduino: (atMs) => `cable-cut at ${atMs} ms: pull the cable or switch the access point off by hand; the sketch closes its socket instead`,
  verbAt: (verb, atMs) => `${verb} at ${atMs} ms`,
  linkSettings: (atMs) => `link settings at ${atMs} ms (latency, loss): set by the network, not the program`,
  rawPacket: (verb, atMs, keeper) => `a packet sent on purpose (${verb}) at ${atMs} ms: ${keeper} keeps the rules`,
  clientLibrary: 'a client library',
  connectOption: (option) => `connect option ${option}`,
  subscriptionOption: (option, filter) => `subscription option ${option} for ${filter}`,
  willProperties: (names) => `will properties ${names}`,
  publishProperties: (names) => `publish properties ${names}`,
  passwordWithoutUser: 'a password without a user name',
  cliConnects: (client) => `${client} connects: each mosquitto_pub below opens its own connection with these options.`,
  cliSecondSubscribe: (atMs) => `a second subscribe at ${atMs} ms on the running connection (mosquitto_sub takes its filters at start)`,
  cliKeepAlive: (asked, used) => `keep alive ${asked} s (mosquitto_pub and mosquitto_sub accept 5 to 65535 s; using ${used} s)`,
  cliEmptyIdKeepSession: 'an empty client id with -c (mosquitto_pub and mosquitto_sub need an id to keep a session; connecting with a clean session)',
  libEmptyIdKeepSession: (library) => `an empty client id with a kept session (${library} needs an id to keep a session; connecting with a clean session)`,
  cliQosPerFilter: (qos) => `different QoS per filter (mosquitto_sub asks for one QoS, here ${qos}, for all)`,
  cliAlsoSubscribes: (client, id) => `${client} also subscribes: this message goes out on a connection of its own, with the id ${id}.`,
  cliPublishProperty: (name) => `publish property ${name} (mosquitto_pub -D publish … could send it; not generated)`,
  cliUnsubscribe: (filters, atMs) => `unsubscribe from ${filters} at ${atMs} ms (mosquitto_sub cannot unsubscribe while it runs)`,
  cliSubDisconnects: 'mosquitto_sub sends DISCONNECT and exits',
  cliCableCutKill: (atMs) => `cable-cut at ${atMs} ms: killing the process instead`,
  cliProcessDies: 'the process dies',
  cliNoDisconnect: 'no DISCONNECT, so the broker publishes the will',
  cliNoConnection: (verb, atMs) => `${verb} at ${atMs} ms (no connection is held open here)`,
  cliSubscriberRuns: 'the subscriber keeps running; Ctrl-C stops it',
  cliBinaryPayload: 'the payload is bytes, not text: printf writes them and mosquitto_pub -s sends its input as the message',
  cliBinaryWill: 'a will payload that is bytes, not text (mosquitto_pub and mosquitto_sub take --will-payload as a text argument; leaving the will out)',
  cliPasswordNotArgument: 'a password with a zero byte or ending in a line feed (mosquitto_pub and mosquitto_sub take -P as a command line argument, which cannot hold them; leaving the password out)',
  jsRepeatedUserProperties: 'the order of repeated user properties (mqtt.js groups them by name)',
  jsReconnect: 'reconnectPeriod 0: the scenario, not the library, decides when to connect again.',
  jsUntil: 'Waits until `ms` milliseconds after the program started, as the scenario times it.',
  jsReport: 'A refused publish or subscription (5.0 reason code) is reported, and the program goes on.',
  jsShow: 'Prints every message received as "TOPIC PAYLOAD".',
  jsConnect: [
    'Connects and waits for the CONNACK; a refusal ends the program with its reason. The message',
    "handler is in place before the CONNACK: a resumed session's queued messages follow it at once.",
  ],
  pyPasswordWithoutUser: 'a password without a user name (paho sends a password only with a user name)',
  pyLetSend: 'let the network thread send DISCONNECT',
  pyWaitUntil: 'Sleeps until `ms` milliseconds after the program started, as the scenario times it.',
  inoMqtt5: 'MQTT 5.0 (PubSubClient speaks 3.1.1; the sketch connects with 3.1.1)',
  inoWillZeroByte: 'a will payload with a zero byte (PubSubClient takes the will as a C string)',
  inoQos: (qos, topic) => `QoS ${qos} for ${topic} (PubSubClient publishes with QoS 0 only)`,
  inoQos2: (filter) => `QoS 2 for ${filter} (PubSubClient subscribes with QoS 0 or 1; asking for 1)`,
  inoDisconnectReason: (code) => `DISCONNECT reason code ${code} (MQTT 5.0)`,
  inoStepAt: (atMs) => `at ${atMs} ms`,
  inoBrokerAddress: "the broker's address on your network",
  inoBufferSize: 'the default 256 bytes are too small for the largest message',
  inoLoop: 'reads incoming packets and sends PINGREQ when keep-alive is due',
};

const DE: DeviceNotes = {
  notExpressible: (what) => `hier nicht ausdrückbar: ${what}`,
  header: (client, kind) => `MQTT Lab: der Client „${client}“ des Szenarios als ${kind}.`,
  runIt: 'Starten:',
  kindCli: 'Befehlszeilen für mosquitto_sub / mosquitto_pub',
  kindJs: 'mqtt.js-Programm',
  kindPy: 'Python-Programm (paho-mqtt 1.6)',
  kindIno: 'Arduino-Sketch (ESP32 / ESP8266, PubSubClient)',
  installArduino: 'Die Bibliothek „PubSubClient“ (Nick O\'Leary) in der Arduino-IDE installieren, WLAN und Broker eintragen, hochladen.',
  sharedStart: 'Mehrere exportierte Clients laufen gemeinsam, wenn sie eine Startzeit teilen: MQTT_LAB_START=<ms seit 1970>.',
  processDies: 'Der Prozess stirbt: Der Socket schließt ohne DISCONNECT, also veröffentlicht der Broker das Testament.',
  deviceDies: 'Das Gerät stirbt: kein DISCONNECT, also veröffentlicht der Broker das Testament.',
  cableCutProgram: (atMs) => `cable-cut bei ${atMs} ms: Ein Programm kann sein eigenes Kabel nicht ziehen; stattdessen wird der Socket geschlossen (der Broker merkt es sofort, nicht erst nach dem 1,5-Fachen des Keep Alive)`,
  cableCutArduino: (atMs) => `cable-cut bei ${atMs} ms: Kabel von Hand ziehen oder den Access Point ausschalten; der Sketch schließt stattdessen seinen Socket`,
  verbAt: (verb, atMs) => `${verb} bei ${atMs} ms`,
  linkSettings: (atMs) => `Verbindungseinstellungen bei ${atMs} ms (Latenz, Verlust): Sache des Netzes, nicht des Programms`,
  rawPacket: (verb, atMs, keeper) => `ein absichtlich regelwidriges Paket (${verb}) bei ${atMs} ms: ${keeper} hält sich an die Regeln`,
  clientLibrary: 'eine Client-Bibliothek',
  connectOption: (option) => `Verbindungsoption ${option}`,
  subscriptionOption: (option, filter) => `Abonnement-Option ${option} für ${filter}`,
  willProperties: (names) => `Eigenschaften des Testaments ${names}`,
  publishProperties: (names) => `Eigenschaften der Nachricht ${names}`,
  passwordWithoutUser: 'ein Passwort ohne Benutzernamen',
  cliConnects: (client) => `${client} verbindet sich: Jedes mosquitto_pub unten öffnet mit diesen Optionen eine eigene Verbindung.`,
  cliSecondSubscribe: (atMs) => `ein zweites Abonnieren bei ${atMs} ms auf der laufenden Verbindung (mosquitto_sub nimmt seine Filter nur beim Start)`,
  cliKeepAlive: (asked, used) => `Keep Alive ${asked} s (mosquitto_pub und mosquitto_sub nehmen 5 bis 65535 s; verwendet: ${used} s)`,
  cliEmptyIdKeepSession: 'eine leere Client-ID mit -c (mosquitto_pub und mosquitto_sub brauchen eine ID, um eine Sitzung zu behalten; es wird mit Clean Session verbunden)',
  libEmptyIdKeepSession: (library) => `eine leere Client-ID mit behaltener Sitzung (${library} braucht eine ID, um eine Sitzung zu behalten; es wird mit Clean Session verbunden)`,
  cliQosPerFilter: (qos) => `verschiedene QoS je Filter (mosquitto_sub verlangt eine QoS für alle, hier ${qos})`,
  cliAlsoSubscribes: (client, id) => `${client} abonniert auch: Diese Nachricht wird über eine eigene Verbindung mit der ID ${id} gesendet.`,
  cliPublishProperty: (name) => `Eigenschaft ${name} der Nachricht (mosquitto_pub -D publish … könnte sie senden; nicht erzeugt)`,
  cliUnsubscribe: (filters, atMs) => `Abonnement von ${filters} bei ${atMs} ms beenden (mosquitto_sub kann während des Laufs kein Abonnement beenden)`,
  cliSubDisconnects: 'mosquitto_sub sendet DISCONNECT und endet',
  cliCableCutKill: (atMs) => `cable-cut bei ${atMs} ms: stattdessen wird der Prozess beendet`,
  cliProcessDies: 'der Prozess stirbt',
  cliNoDisconnect: 'kein DISCONNECT, also veröffentlicht der Broker das Testament',
  cliNoConnection: (verb, atMs) => `${verb} bei ${atMs} ms (hier bleibt keine Verbindung offen)`,
  cliSubscriberRuns: 'der Abonnent läuft weiter; Strg-C beendet ihn',
  cliBinaryPayload: 'die Nutzdaten sind Bytes, kein Text: printf schreibt sie, und mosquitto_pub -s sendet seine Eingabe als Nachricht',
  cliBinaryWill: 'ein Testament mit Bytes statt Text als Nutzdaten (mosquitto_pub und mosquitto_sub nehmen --will-payload als Text-Argument; das Testament fällt weg)',
  cliPasswordNotArgument: 'ein Passwort mit einem Null-Byte oder einem Zeilenumbruch am Ende (mosquitto_pub und mosquitto_sub nehmen -P als Kommandozeilen-Argument, das so etwas nicht enthalten kann; das Passwort fällt weg)',
  jsRepeatedUserProperties: 'die Reihenfolge wiederholter User Properties (mqtt.js fasst sie nach Namen zusammen)',
  jsReconnect: 'reconnectPeriod 0: Das Szenario, nicht die Bibliothek, entscheidet, wann neu verbunden wird.',
  jsUntil: 'Wartet bis `ms` Millisekunden nach dem Programmstart, so wie das Szenario es zeitlich vorgibt.',
  jsReport: 'Eine abgelehnte Nachricht oder ein abgelehntes Abonnement (Reason Code in 5.0) wird gemeldet, und das Programm läuft weiter.',
  jsShow: 'Gibt jede empfangene Nachricht als „TOPIC PAYLOAD“ aus.',
  jsConnect: [
    'Verbindet und wartet auf das CONNACK; eine Ablehnung beendet das Programm mit ihrem Grund. Der',
    'Nachrichten-Handler steht vor dem CONNACK bereit: Die wartenden Nachrichten einer fortgesetzten Sitzung folgen sofort.',
  ],
  pyPasswordWithoutUser: 'ein Passwort ohne Benutzernamen (paho sendet ein Passwort nur mit Benutzernamen)',
  pyLetSend: 'den Netzwerk-Thread DISCONNECT senden lassen',
  pyWaitUntil: 'Schläft bis `ms` Millisekunden nach dem Programmstart, so wie das Szenario es zeitlich vorgibt.',
  inoMqtt5: 'MQTT 5.0 (PubSubClient spricht 3.1.1; der Sketch verbindet sich mit 3.1.1)',
  inoWillZeroByte: 'ein Testament mit einem Null-Byte in der Nutzlast (PubSubClient nimmt das Testament als C-String)',
  inoQos: (qos, topic) => `QoS ${qos} für ${topic} (PubSubClient veröffentlicht nur mit QoS 0)`,
  inoQos2: (filter) => `QoS 2 für ${filter} (PubSubClient abonniert mit QoS 0 oder 1; verlangt wird 1)`,
  inoDisconnectReason: (code) => `DISCONNECT mit Reason Code ${code} (MQTT 5.0)`,
  inoStepAt: (atMs) => `bei ${atMs} ms`,
  inoBrokerAddress: 'die Adresse des Brokers in deinem Netz',
  inoBufferSize: 'die voreingestellten 256 Bytes sind für die größte Nachricht zu klein',
  inoLoop: 'liest ankommende Pakete und sendet PINGREQ, wenn das Keep Alive fällig ist',
};

/** The notes in `lang`. */
export function deviceNotes(lang: NoteLang): DeviceNotes {
  return lang === 'de' ? DE : EN;
}
