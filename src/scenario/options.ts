/**
 * The tables of the language: client command options (named as in mosquitto_pub and
 * mosquitto_sub), `-D` properties, broker settings and link settings, each with help texts in
 * English and German. The parser reads them; the editor's completion and hover docs will too.
 */

export type Lang = 'en' | 'de';
export type Texts = { en: string; de: string };

/** Client commands that take options. */
export type Verb = 'connect' | 'publish' | 'subscribe' | 'unsubscribe' | 'disconnect';

/** What an option's value is. */
export type ValueKind = 'none' | 'string' | 'hex' | 'int' | 'qos' | 'version' | 'topic' | 'property' | 'session-expiry' | 'retain-handling';

export interface OptionSpec {
  /** Internal id (`qos`). */
  id: string;
  /** Every spelling: short first (`-q`, `--qos`). */
  names: readonly string[];
  verbs: readonly Verb[];
  value: ValueKind;
  /** May be given more than once (`-t` of subscribe). */
  repeatable?: boolean;
  /** True when mosquitto_pub/sub know the option under this name. */
  mosquitto: boolean;
  help: Texts;
  valueHelp?: Texts;
}

const QOS_HELP: Texts = { en: '0, 1 or 2', de: '0, 1 oder 2' };

/** Every client command option. */
export const CLIENT_OPTIONS: readonly OptionSpec[] = [
  { id: 'id', names: ['-i', '--id'], verbs: ['connect'], value: 'string', mosquitto: true, help: { en: 'The client identifier sent in CONNECT. Default: the client\'s name in the scenario.', de: 'Die Client-ID im CONNECT. Standard: der Name des Clients im Szenario.' }, valueHelp: { en: 'a client identifier', de: 'eine Client-ID' } },
  { id: 'keepalive', names: ['-k', '--keepalive'], verbs: ['connect'], value: 'int', mosquitto: true, help: { en: 'Keep Alive in seconds (default 60). The broker gives up on a silent client after 1.5 times this (MQTT-3.1.2-24 in 3.1.1, MQTT-3.1.2-22 in 5.0); 0 turns keep-alive off.', de: 'Keep Alive in Sekunden (Standard 60). Der Broker gibt einen stummen Client nach dem 1,5-fachen auf (MQTT-3.1.2-24 in 3.1.1, MQTT-3.1.2-22 in 5.0); 0 schaltet Keep Alive ab.' }, valueHelp: { en: 'seconds from 0 to 65535', de: 'Sekunden von 0 bis 65535' } },
  { id: 'no-clean', names: ['-c', '--disable-clean-session'], verbs: ['connect'], value: 'none', mosquitto: true, help: { en: 'Keep the session: Clean Session (3.1.1) / Clean Start (5.0) is 0. In 5.0 the session then lasts forever unless -x says otherwise.', de: 'Die Sitzung behalten: Clean Session (3.1.1) / Clean Start (5.0) ist 0. In 5.0 hält die Sitzung dann unbegrenzt, außer -x sagt anderes.' } },
  { id: 'username', names: ['-u', '--username'], verbs: ['connect'], value: 'string', mosquitto: true, help: { en: 'User name for authentication.', de: 'Benutzername für die Anmeldung.' }, valueHelp: { en: 'a user name', de: 'ein Benutzername' } },
  { id: 'password', names: ['-P', '--pw'], verbs: ['connect'], value: 'string', mosquitto: true, help: { en: 'Password for authentication.', de: 'Passwort für die Anmeldung.' }, valueHelp: { en: 'a password', de: 'ein Passwort' } },
  { id: 'password-hex', names: ['--password-hex'], verbs: ['connect'], value: 'hex', mosquitto: false, help: { en: 'The password as bytes in hex, for a password that is no text (MQTT\'s Password is binary data), e.g. --password-hex "00 ff". Instead of -P.', de: 'Das Passwort als Bytes in Hex, für ein Passwort, das kein Text ist (das Password-Feld von MQTT sind Binärdaten), z. B. --password-hex "00 ff". Statt -P.' }, valueHelp: { en: 'hex bytes such as "00 ff 1a"', de: 'Hex-Bytes wie "00 ff 1a"' } },
  { id: 'version', names: ['-V', '--protocol-version'], verbs: ['connect'], value: 'version', mosquitto: true, help: { en: 'Protocol version: mqttv311 (or 311) or mqttv5 (or 5). Default: the broker line\'s `version`, else 3.1.1 as in mosquitto.', de: 'Protokollversion: mqttv311 (oder 311) oder mqttv5 (oder 5). Standard: `version` der broker-Zeile, sonst 3.1.1 wie bei mosquitto.' }, valueHelp: { en: 'mqttv311, 311, mqttv5 or 5', de: 'mqttv311, 311, mqttv5 oder 5' } },
  { id: 'will-topic', names: ['--will-topic'], verbs: ['connect'], value: 'topic', mosquitto: true, help: { en: 'Topic of the Last Will, which the broker publishes when the connection ends without DISCONNECT (MQTT-3.1.2-8).', de: 'Topic des Testaments, das der Broker veröffentlicht, wenn die Verbindung ohne DISCONNECT endet (MQTT-3.1.2-8).' }, valueHelp: { en: 'a topic name', de: 'ein Topic-Name' } },
  { id: 'will-payload', names: ['--will-payload'], verbs: ['connect'], value: 'string', mosquitto: true, help: { en: 'Payload of the Last Will.', de: 'Nutzdaten des Testaments.' }, valueHelp: { en: 'a text', de: 'ein Text' } },
  { id: 'will-payload-hex', names: ['--will-payload-hex'], verbs: ['connect'], value: 'hex', mosquitto: false, help: { en: 'Payload of the Last Will as bytes in hex, for a will that is no text, e.g. --will-payload-hex "00 ff". Instead of --will-payload.', de: 'Nutzdaten des Testaments als Bytes in Hex, für ein Testament, das kein Text ist, z. B. --will-payload-hex "00 ff". Statt --will-payload.' }, valueHelp: { en: 'hex bytes such as "00 ff 1a"', de: 'Hex-Bytes wie "00 ff 1a"' } },
  { id: 'will-qos', names: ['--will-qos'], verbs: ['connect'], value: 'qos', mosquitto: true, help: { en: 'QoS of the Last Will (default 0).', de: 'QoS des Testaments (Standard 0).' }, valueHelp: QOS_HELP },
  { id: 'will-retain', names: ['--will-retain'], verbs: ['connect'], value: 'none', mosquitto: true, help: { en: 'Publish the Last Will as a retained message.', de: 'Das Testament als gehaltene Nachricht veröffentlichen.' } },
  { id: 'session-expiry', names: ['-x', '--session-expiry-interval'], verbs: ['connect'], value: 'session-expiry', mosquitto: true, help: { en: 'MQTT 5.0 Session Expiry Interval in seconds; -1 or ∞ for never.', de: 'MQTT-5.0-Session-Expiry-Interval in Sekunden; -1 oder ∞ für nie.' }, valueHelp: { en: 'seconds, or -1 for never', de: 'Sekunden, oder -1 für nie' } },
  { id: 'property', names: ['-D', '--property'], verbs: ['connect', 'publish', 'subscribe', 'unsubscribe', 'disconnect'], value: 'property', repeatable: true, mosquitto: true, help: { en: 'An MQTT 5.0 property: -D COMMAND NAME VALUE, e.g. -D publish message-expiry-interval 10, -D publish user-property key value.', de: 'Eine MQTT-5.0-Property: -D BEFEHL NAME WERT, z. B. -D publish message-expiry-interval 10, -D publish user-property key value.' }, valueHelp: { en: 'COMMAND NAME VALUE', de: 'BEFEHL NAME WERT' } },
  { id: 'topic', names: ['-t', '--topic'], verbs: ['publish', 'subscribe', 'unsubscribe'], value: 'topic', repeatable: true, mosquitto: true, help: { en: 'The topic to publish to, or a topic filter to subscribe to (repeat -t for several filters).', de: 'Das Topic zum Veröffentlichen oder ein Topic-Filter zum Abonnieren (-t mehrfach für mehrere Filter).' }, valueHelp: { en: 'a topic', de: 'ein Topic' } },
  { id: 'unsubscribe-topic', names: ['-U', '--unsubscribe'], verbs: ['unsubscribe'], value: 'topic', repeatable: true, mosquitto: true, help: { en: 'A topic filter to unsubscribe from (same as -t here).', de: 'Ein Topic-Filter zum Abbestellen (hier wie -t).' }, valueHelp: { en: 'a topic filter', de: 'ein Topic-Filter' } },
  { id: 'message', names: ['-m', '--message'], verbs: ['publish'], value: 'string', mosquitto: true, help: { en: 'The payload, as text (quote it if it has spaces).', de: 'Die Nutzdaten als Text (in Anführungszeichen, wenn er Leerzeichen enthält).' }, valueHelp: { en: 'a text', de: 'ein Text' } },
  { id: 'payload-hex', names: ['--payload-hex'], verbs: ['publish'], value: 'hex', mosquitto: false, help: { en: 'The payload as bytes in hex, for a payload that is no text (binary sensor data, not valid UTF-8), e.g. --payload-hex "00 ff 1a". Instead of -m.', de: 'Die Nutzdaten als Bytes in Hex, für Nutzdaten, die kein Text sind (binäre Sensordaten, kein gültiges UTF-8), z. B. --payload-hex "00 ff 1a". Statt -m.' }, valueHelp: { en: 'hex bytes such as "00 ff 1a"', de: 'Hex-Bytes wie "00 ff 1a"' } },
  { id: 'null-message', names: ['-n', '--null-message'], verbs: ['publish'], value: 'none', mosquitto: true, help: { en: 'An empty payload; with -r it deletes the retained message of the topic.', de: 'Leere Nutzdaten; mit -r löscht das die gehaltene Nachricht des Topics.' } },
  { id: 'qos', names: ['-q', '--qos'], verbs: ['publish', 'subscribe'], value: 'qos', mosquitto: true, help: { en: 'Quality of Service: 0 at most once, 1 at least once, 2 exactly once.', de: 'Quality of Service: 0 höchstens einmal, 1 mindestens einmal, 2 genau einmal.' }, valueHelp: QOS_HELP },
  { id: 'retain', names: ['-r', '--retain'], verbs: ['publish'], value: 'none', mosquitto: true, help: { en: 'Ask the broker to keep this message as the topic\'s retained message.', de: 'Den Broker bitten, diese Nachricht als gehaltene Nachricht des Topics zu behalten.' } },
  { id: 'retain-as-published', names: ['--retain-as-published', '--rap'], verbs: ['subscribe'], value: 'none', mosquitto: true, help: { en: 'MQTT 5.0: keep the RETAIN flag as the publisher set it.', de: 'MQTT 5.0: das RETAIN-Flag so lassen, wie der Sender es gesetzt hat.' } },
  { id: 'no-local', names: ['--no-local', '--nl'], verbs: ['subscribe'], value: 'none', mosquitto: false, help: { en: 'MQTT 5.0: do not send this client its own messages back.', de: 'MQTT 5.0: diesem Client seine eigenen Nachrichten nicht zurückschicken.' } },
  { id: 'retain-handling', names: ['--retain-handling'], verbs: ['subscribe'], value: 'retain-handling', mosquitto: false, help: { en: 'MQTT 5.0 Retain Handling: 0 send retained messages on subscribe, 1 only for a new subscription, 2 never.', de: 'MQTT 5.0 Retain Handling: 0 gehaltene Nachrichten beim Abonnieren senden, 1 nur bei neuem Abonnement, 2 nie.' }, valueHelp: { en: '0, 1 or 2', de: '0, 1 oder 2' } },
  { id: 'no-retained', names: ['-R'], verbs: ['subscribe'], value: 'none', mosquitto: true, help: { en: 'Do not receive retained messages on subscribe (MQTT 5.0 Retain Handling 2).', de: 'Beim Abonnieren keine gehaltenen Nachrichten empfangen (MQTT 5.0 Retain Handling 2).' } },
  { id: 'reason-code', names: ['--reason-code'], verbs: ['disconnect'], value: 'int', mosquitto: false, help: { en: 'MQTT 5.0 DISCONNECT reason code, e.g. 4 to ask for the will to be published.', de: 'MQTT-5.0-DISCONNECT-Reason-Code, z. B. 4, damit das Testament trotzdem veröffentlicht wird.' }, valueHelp: { en: 'a number from 0 to 255', de: 'eine Zahl von 0 bis 255' } },
];

/** Option spec by spelling. */
export const OPTION_BY_NAME: ReadonlyMap<string, OptionSpec> = new Map(CLIENT_OPTIONS.flatMap((o) => o.names.map((n) => [n, o] as const)));

/** Client commands with their help. */
export const VERBS: Readonly<Record<string, Texts>> = {
  connect: { en: 'Open a connection and send CONNECT (options as in mosquitto_pub).', de: 'Eine Verbindung öffnen und CONNECT senden (Optionen wie bei mosquitto_pub).' },
  disconnect: { en: 'Send DISCONNECT and close the connection: no will is published.', de: 'DISCONNECT senden und die Verbindung schließen: kein Testament wird veröffentlicht.' },
  subscribe: { en: 'Send SUBSCRIBE for one or more topic filters (-t, repeatable).', de: 'SUBSCRIBE für einen oder mehrere Topic-Filter senden (-t, wiederholbar).' },
  unsubscribe: { en: 'Send UNSUBSCRIBE for one or more topic filters.', de: 'UNSUBSCRIBE für einen oder mehrere Topic-Filter senden.' },
  publish: { en: 'Publish a message (-t topic, -m payload or --payload-hex bytes, -q QoS, -r retain).', de: 'Eine Nachricht veröffentlichen (-t Topic, -m Nutzdaten oder --payload-hex Bytes, -q QoS, -r Retain).' },
  'cable-cut': { en: 'Cut the client\'s network cable: packets on it are lost and nobody is told.', de: 'Das Netzwerkkabel des Clients trennen: Pakete darauf gehen verloren, niemand erfährt es.' },
  'cable-restore': { en: 'Plug the cable back in.', de: 'Das Kabel wieder einstecken.' },
  crash: { en: 'The client process dies; its operating system resets the TCP connection.', de: 'Der Client-Prozess stirbt; sein Betriebssystem setzt die TCP-Verbindung zurück.' },
  send: { en: 'Send a packet with chosen fields on purpose, also ones a correct client never sends: send PACKET [options], e.g. send CONNECT --protocol-level 6. Marked in the trace with the rule it breaks.', de: 'Absichtlich ein Paket mit frei gewählten Feldern senden, auch solche, die ein korrekter Client nie sendet: send PAKET [Optionen], z. B. send CONNECT --protocol-level 6. Im Trace mit der Regel markiert, gegen die es verstößt.' },
  'send-hex': { en: 'Send raw bytes on purpose: send-hex "30 0a 00 03 61 2f 62 68 65 6c 6c 6f"; `|` between strings starts a new TCP segment; end a line with \\ to go on on the next.', de: 'Absichtlich rohe Bytes senden: send-hex "30 0a 00 03 61 2f 62 68 65 6c 6c 6f"; `|` zwischen Strings beginnt ein neues TCP-Segment; eine Zeile mit \\ beenden, um in der nächsten weiterzuschreiben.' },
};

/** `-D` property: where it goes and what its value is. */
export interface PropertySpec {
  name: string;
  type: 'int' | 'byte' | 'string' | 'binary' | 'pair';
  /** -D commands that may carry it (mosquitto's names). */
  commands: readonly PropertyCommand[];
  /** -D commands for which the simulated client models it. */
  supported: readonly PropertyCommand[];
  /** For `int`: the smallest and largest value MQTT 5.0 allows (default 0 to 4,294,967,295). */
  range?: readonly [number, number];
}

/** The values an `int` property may take. */
export function propertyRange(spec: PropertySpec): readonly [number, number] {
  return spec.range ?? (spec.type === 'byte' ? [0, 1] : [0, 0xffffffff]);
}
export type PropertyCommand = 'connect' | 'will' | 'publish' | 'subscribe' | 'unsubscribe' | 'disconnect';
export const PROPERTY_COMMANDS: readonly PropertyCommand[] = ['connect', 'will', 'publish', 'subscribe', 'unsubscribe', 'disconnect'];

const ALL_PUB: PropertyCommand[] = ['will', 'publish'];
/** MQTT 5.0 properties by mosquitto's names (section 2.2.2.2). */
export const PROPERTIES: readonly PropertySpec[] = [
  { name: 'payload-format-indicator', type: 'byte', commands: ALL_PUB, supported: ALL_PUB },
  { name: 'message-expiry-interval', type: 'int', commands: ALL_PUB, supported: ALL_PUB },
  { name: 'content-type', type: 'string', commands: ALL_PUB, supported: ALL_PUB },
  { name: 'response-topic', type: 'string', commands: ALL_PUB, supported: ALL_PUB },
  { name: 'correlation-data', type: 'binary', commands: ALL_PUB, supported: ALL_PUB },
  { name: 'subscription-identifier', type: 'int', commands: ['subscribe'], supported: ['subscribe'], range: [1, 268_435_455] },
  { name: 'session-expiry-interval', type: 'int', commands: ['connect', 'disconnect'], supported: ['connect', 'disconnect'] },
  { name: 'authentication-method', type: 'string', commands: ['connect'], supported: [] },
  { name: 'authentication-data', type: 'binary', commands: ['connect'], supported: [] },
  { name: 'request-problem-information', type: 'byte', commands: ['connect'], supported: [] },
  { name: 'will-delay-interval', type: 'int', commands: ['will'], supported: ['will'] },
  { name: 'request-response-information', type: 'byte', commands: ['connect'], supported: [] },
  { name: 'server-reference', type: 'string', commands: ['disconnect'], supported: ['disconnect'] },
  { name: 'reason-string', type: 'string', commands: ['disconnect'], supported: ['disconnect'] },
  { name: 'receive-maximum', type: 'int', commands: ['connect'], supported: ['connect'], range: [1, 65535] },
  { name: 'topic-alias-maximum', type: 'int', commands: ['connect'], supported: ['connect'], range: [0, 65535] },
  { name: 'topic-alias', type: 'int', commands: ['publish'], supported: ['publish'], range: [1, 65535] },
  { name: 'user-property', type: 'pair', commands: PROPERTY_COMMANDS, supported: PROPERTY_COMMANDS },
  { name: 'maximum-packet-size', type: 'int', commands: ['connect'], supported: ['connect'], range: [1, 0xffffffff] },
];
export const PROPERTY_BY_NAME: ReadonlyMap<string, PropertySpec> = new Map(PROPERTIES.map((p) => [p.name, p]));

/** A `key=value` setting of a declaration line. */
export interface SettingSpec {
  key: string;
  value: 'on-off' | 'int' | 'duration' | 'version' | 'ratio';
  help: Texts;
  valueHelp: Texts;
  /** Largest value an `int` setting takes (a 16-bit field on the wire, ...). */
  max?: number;
}

const ON_OFF: Texts = { en: 'on or off', de: 'on oder off' };
const COUNT: Texts = { en: 'a whole number', de: 'eine ganze Zahl' };

/** `broker` settings; names follow mosquitto.conf where it has one. */
export const BROKER_SETTINGS: readonly SettingSpec[] = [
  { key: 'version', value: 'version', help: { en: 'Default protocol version of the clients\' connect (`-V` overrides it): 311 or 5.', de: 'Standard-Protokollversion beim connect der Clients (`-V` überschreibt sie): 311 oder 5.' }, valueHelp: { en: '311, mqttv311, 5 or mqttv5', de: '311, mqttv311, 5 oder mqttv5' } },
  { key: 'persistence', value: 'on-off', help: { en: 'Keep sessions and retained messages across a broker restart (mosquitto: persistence).', de: 'Sitzungen und gehaltene Nachrichten über einen Neustart des Brokers behalten (mosquitto: persistence).' }, valueHelp: ON_OFF },
  { key: 'anonymous', value: 'on-off', help: { en: 'Accept clients without a user name (mosquitto: allow_anonymous).', de: 'Clients ohne Benutzernamen annehmen (mosquitto: allow_anonymous).' }, valueHelp: ON_OFF },
  { key: 'max-inflight', value: 'int', help: { en: 'QoS 1/2 messages in flight to one client at once (mosquitto: max_inflight_messages).', de: 'Gleichzeitig unterwegs befindliche QoS-1/2-Nachrichten je Client (mosquitto: max_inflight_messages).' }, valueHelp: COUNT },
  { key: 'max-queued', value: 'int', help: { en: 'Messages queued for an offline or busy client (mosquitto: max_queued_messages).', de: 'Für einen offline oder ausgelasteten Client gepufferte Nachrichten (mosquitto: max_queued_messages).' }, valueHelp: COUNT },
  { key: 'sys-interval', value: 'duration', help: { en: 'How often $SYS topics are published; 0s turns them off (mosquitto: sys_interval).', de: 'Wie oft $SYS-Topics veröffentlicht werden; 0s schaltet sie ab (mosquitto: sys_interval).' }, valueHelp: { en: 'a duration such as 10s', de: 'eine Dauer wie 10s' } },
  { key: 'retain', value: 'on-off', help: { en: 'Whether the broker supports retained messages (mosquitto: retain_available).', de: 'Ob der Broker gehaltene Nachrichten unterstützt (mosquitto: retain_available).' }, valueHelp: ON_OFF },
  { key: 'max-packet-size', value: 'int', help: { en: 'Largest packet the broker accepts, in bytes (mosquitto: max_packet_size).', de: 'Größtes Paket, das der Broker annimmt, in Bytes (mosquitto: max_packet_size).' }, valueHelp: COUNT },
  { key: 'queue-qos0', value: 'on-off', help: { en: 'Also queue QoS 0 messages for an offline client with a persistent session (mosquitto: queue_qos0_messages; default off).', de: 'Auch QoS-0-Nachrichten für einen offline Client mit dauerhafter Sitzung puffern (mosquitto: queue_qos0_messages; Standard aus).' }, valueHelp: ON_OFF },
  { key: 'max-topic-alias', value: 'int', help: { en: 'Highest topic alias a 5.0 client may use towards the broker, announced in CONNACK; 0 announces none and takes no aliases (mosquitto: max_topic_alias; default 10).', de: 'Höchster Topic-Alias, den ein 5.0-Client zum Broker hin benutzen darf, im CONNACK angekündigt; 0 kündigt keinen an und nimmt keine Aliase an (mosquitto: max_topic_alias; Standard 10).' }, valueHelp: { en: 'a whole number from 0 to 65535', de: 'eine ganze Zahl von 0 bis 65535' }, max: 65535 },
  { key: 'max-keepalive', value: 'int', help: { en: 'Largest keep-alive the broker allows, in seconds (mosquitto: max_keepalive).', de: 'Größtes vom Broker erlaubtes Keep Alive in Sekunden (mosquitto: max_keepalive).' }, valueHelp: COUNT },
];

/** `client NAME ...` and `link NAME ...` settings. */
export const LINK_SETTINGS: readonly SettingSpec[] = [
  { key: 'latency', value: 'duration', help: { en: 'One-way delay of the client\'s link (default 20ms).', de: 'Einfache Verzögerung der Verbindung des Clients (Standard 20ms).' }, valueHelp: { en: 'a duration such as 20ms', de: 'eine Dauer wie 20ms' } },
  { key: 'jitter', value: 'duration', help: { en: 'Random extra delay up to this much (packets stay in order, as on TCP).', de: 'Zufällige zusätzliche Verzögerung bis zu diesem Wert (die Reihenfolge bleibt, wie bei TCP).' }, valueHelp: { en: 'a duration such as 5ms', de: 'eine Dauer wie 5ms' } },
  { key: 'loss', value: 'ratio', help: { en: 'Share of packets lost: 0.1 or 10%.', de: 'Anteil verlorener Pakete: 0.1 oder 10%.' }, valueHelp: { en: 'a ratio from 0 to 1, or a percentage', de: 'ein Anteil von 0 bis 1 oder eine Prozentangabe' } },
  { key: 'tls', value: 'on-off', help: { en: 'The client talks to the broker through TLS: the inspector shows what a sniffer sees on the wire (TLS records: a 5-byte header, then opaque bytes) beside the MQTT bytes inside the tunnel. Packet timing is unchanged (the handshake and the record overhead are not simulated).', de: 'Der Client spricht über TLS mit dem Broker: der Inspektor zeigt, was ein Mitschnitt auf der Leitung sieht (TLS-Records: 5 Byte Kopf, dann undurchschaubare Bytes), neben den MQTT-Bytes im Tunnel. Das Timing der Pakete bleibt gleich (Handshake und Record-Overhead werden nicht simuliert).' }, valueHelp: ON_OFF },
];

/** Packet type words of fault lines (`drop next PUBACK ...`). */
export const PACKET_WORDS: readonly string[] = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH', 'ANY'];

/** Words that start a line (besides client names); also reserved as client names. */
export const LINE_KEYWORDS: readonly string[] = ['broker', 'client', 'user', 'acl', 'link', 'seed', 'expect', 'drop', 'duplicate', 'delay', 'end', 'at', 'after'];

/** Expectation forms after `expect CLIENT`. */
export const CLIENT_EXPECTATIONS: readonly string[] = ['receives', 'never-receives', 'connack', 'suback', 'unsuback', 'puback', 'pubrec', 'disconnect', 'will-registered', 'disconnects-cleanly', 'closed-without-connack'];

/** Packet words of `CLIENT send PACKET ...`, with their type numbers (`RESERVED` is type 0). */
export const SEND_PACKETS: Readonly<Record<string, number>> = {
  CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, PUBREC: 5, PUBREL: 6, PUBCOMP: 7, SUBSCRIBE: 8, SUBACK: 9,
  UNSUBSCRIBE: 10, UNSUBACK: 11, PINGREQ: 12, PINGRESP: 13, DISCONNECT: 14, AUTH: 15, RESERVED: 0,
};

/** What the value of a `send` option is. */
export type SendValueKind = 'none' | 'string' | 'int' | 'hex' | 'version' | 'property';

/** An option of `CLIENT send PACKET ...`: the fields of the packet, chosen freely. */
export interface SendOptionSpec {
  id: string;
  names: readonly string[];
  /** Packet words it applies to; empty: every packet. */
  packets: readonly string[];
  value: SendValueKind;
  /** For `int`: the largest value (the field's width). */
  max?: number;
  repeatable?: boolean;
  help: Texts;
  valueHelp?: Texts;
}

const ACKS = ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'];
const WITH_ID = ['PUBLISH', ...ACKS, 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK'];
const BYTE: Texts = { en: 'a number from 0 to 255 (or 0xHH)', de: 'eine Zahl von 0 bis 255 (oder 0xHH)' };
const BIT: Texts = { en: '0 or 1', de: '0 oder 1' };

/** Every option of `send`; mosquitto's names where the field has one. */
export const SEND_OPTIONS: readonly SendOptionSpec[] = [
  { id: 'version', names: ['-V', '--protocol-version'], packets: [], value: 'version', help: { en: 'Lay the packet out as 3.1.1 (no properties) or 5.0. Default: the version of the client\'s connection.', de: 'Das Paket wie 3.1.1 (ohne Properties) oder 5.0 aufbauen. Standard: die Version der Verbindung des Clients.' }, valueHelp: { en: 'mqttv311, 311, mqttv5 or 5', de: 'mqttv311, 311, mqttv5 oder 5' } },
  { id: 'protocol-level', names: ['--protocol-level'], packets: ['CONNECT'], value: 'int', max: 255, help: { en: 'The Protocol Level byte of CONNECT (4 = 3.1.1, 5 = 5.0; 6 is a version that does not exist).', de: 'Das Protocol-Level-Byte des CONNECT (4 = 3.1.1, 5 = 5.0; 6 ist eine Version, die es nicht gibt).' }, valueHelp: BYTE },
  { id: 'protocol-name', names: ['--protocol-name'], packets: ['CONNECT'], value: 'string', help: { en: 'The Protocol Name of CONNECT (default MQTT; MQIsdp for level 3).', de: 'Der Protokollname des CONNECT (Standard MQTT; MQIsdp bei Stufe 3).' }, valueHelp: { en: 'a name', de: 'ein Name' } },
  { id: 'id', names: ['-i', '--id'], packets: ['CONNECT'], value: 'string', help: { en: 'The client identifier (default: the client\'s name; "" for an empty one).', de: 'Die Client-ID (Standard: der Name des Clients; "" für eine leere).' }, valueHelp: { en: 'a client identifier', de: 'eine Client-ID' } },
  { id: 'no-clean', names: ['-c', '--disable-clean-session'], packets: ['CONNECT'], value: 'none', help: { en: 'Clean Session (3.1.1) / Clean Start (5.0) = 0.', de: 'Clean Session (3.1.1) / Clean Start (5.0) = 0.' } },
  { id: 'keepalive', names: ['-k', '--keepalive'], packets: ['CONNECT'], value: 'int', max: 65535, help: { en: 'Keep Alive in seconds (default 60).', de: 'Keep Alive in Sekunden (Standard 60).' }, valueHelp: { en: 'seconds from 0 to 65535', de: 'Sekunden von 0 bis 65535' } },
  { id: 'username', names: ['-u', '--username'], packets: ['CONNECT'], value: 'string', help: { en: 'A user name (sets the User Name Flag).', de: 'Ein Benutzername (setzt das User-Name-Flag).' }, valueHelp: { en: 'a user name', de: 'ein Benutzername' } },
  { id: 'password', names: ['-P', '--pw'], packets: ['CONNECT'], value: 'string', help: { en: 'A password (sets the Password Flag), also without a user name.', de: 'Ein Passwort (setzt das Password-Flag), auch ohne Benutzernamen.' }, valueHelp: { en: 'a password', de: 'ein Passwort' } },
  { id: 'password-hex', names: ['--password-hex'], packets: ['CONNECT'], value: 'hex', help: { en: 'The password as hex bytes, e.g. "ff fe" (not valid UTF-8); sets the Password Flag.', de: 'Das Passwort als Hex-Bytes, z. B. "ff fe" (kein gültiges UTF-8); setzt das Password-Flag.' }, valueHelp: { en: 'hex bytes such as "ff fe 00"', de: 'Hex-Bytes wie "ff fe 00"' } },
  { id: 'username-flag', names: ['--username-flag'], packets: ['CONNECT'], value: 'int', max: 1, help: { en: 'Set the User Name Flag to 0 or 1 whatever the payload holds.', de: 'Das User-Name-Flag auf 0 oder 1 setzen, egal was die Nutzdaten enthalten.' }, valueHelp: BIT },
  { id: 'password-flag', names: ['--password-flag'], packets: ['CONNECT'], value: 'int', max: 1, help: { en: 'Set the Password Flag to 0 or 1 whatever the payload holds.', de: 'Das Password-Flag auf 0 oder 1 setzen, egal was die Nutzdaten enthalten.' }, valueHelp: BIT },
  { id: 'reserved-flag', names: ['--reserved-flag'], packets: ['CONNECT'], value: 'none', help: { en: 'Set the reserved bit 0 of the Connect Flags (MQTT-3.1.2-3: the server closes).', de: 'Das reservierte Bit 0 der Connect Flags setzen (MQTT-3.1.2-3: der Server schließt).' } },
  { id: 'will-topic', names: ['--will-topic'], packets: ['CONNECT'], value: 'string', help: { en: 'Will Topic (sets the Will Flag).', de: 'Will-Topic (setzt das Will-Flag).' }, valueHelp: { en: 'a topic', de: 'ein Topic' } },
  { id: 'will-payload', names: ['--will-payload'], packets: ['CONNECT'], value: 'string', help: { en: 'Will payload.', de: 'Will-Nutzdaten.' }, valueHelp: { en: 'a text', de: 'ein Text' } },
  { id: 'will-qos', names: ['--will-qos'], packets: ['CONNECT'], value: 'int', max: 3, help: { en: 'Will QoS, 0 to 3 (3 is not allowed: MQTT-3.1.2-14 / MQTT-3.1.2-12).', de: 'Will-QoS, 0 bis 3 (3 ist nicht erlaubt: MQTT-3.1.2-14 / MQTT-3.1.2-12).' }, valueHelp: { en: '0, 1, 2 or 3', de: '0, 1, 2 oder 3' } },
  { id: 'will-retain', names: ['--will-retain'], packets: ['CONNECT'], value: 'none', help: { en: 'Will Retain.', de: 'Das Will-Retain-Flag.' } },
  { id: 'topic', names: ['-t', '--topic'], packets: ['PUBLISH', 'SUBSCRIBE', 'UNSUBSCRIBE'], value: 'string', repeatable: true, help: { en: 'The topic name of PUBLISH (wildcards and "" included), or a topic filter of SUBSCRIBE / UNSUBSCRIBE (repeat for several).', de: 'Der Topic-Name des PUBLISH (auch Wildcards und ""), oder ein Topic-Filter von SUBSCRIBE / UNSUBSCRIBE (mehrfach für mehrere).' }, valueHelp: { en: 'a topic', de: 'ein Topic' } },
  { id: 'message', names: ['-m', '--message'], packets: ['PUBLISH'], value: 'string', help: { en: 'The payload as text (UTF-8).', de: 'Die Nutzdaten als Text (UTF-8).' }, valueHelp: { en: 'a text', de: 'ein Text' } },
  { id: 'null-message', names: ['-n', '--null-message'], packets: ['PUBLISH'], value: 'none', help: { en: 'An empty payload.', de: 'Leere Nutzdaten.' } },
  { id: 'payload-hex', names: ['--payload-hex'], packets: ['PUBLISH'], value: 'hex', help: { en: 'The payload as hex bytes, e.g. "ff fe" (not valid UTF-8).', de: 'Die Nutzdaten als Hex-Bytes, z. B. "ff fe" (kein gültiges UTF-8).' }, valueHelp: { en: 'hex bytes such as "ff fe 00"', de: 'Hex-Bytes wie "ff fe 00"' } },
  { id: 'qos', names: ['-q', '--qos'], packets: ['PUBLISH', 'SUBSCRIBE'], value: 'int', max: 3, help: { en: 'QoS, 0 to 3 (3 is a deliberate error); for SUBSCRIBE the requested QoS of each filter.', de: 'QoS, 0 bis 3 (3 ist ein absichtlicher Fehler); bei SUBSCRIBE die gewünschte QoS jedes Filters.' }, valueHelp: { en: '0, 1, 2 or 3', de: '0, 1, 2 oder 3' } },
  { id: 'retain', names: ['-r', '--retain'], packets: ['PUBLISH'], value: 'none', help: { en: 'The RETAIN flag.', de: 'Das RETAIN-Flag.' } },
  { id: 'dup', names: ['--dup'], packets: ['PUBLISH'], value: 'none', help: { en: 'The DUP flag (on QoS 0 a deliberate error: MQTT-3.3.1-2).', de: 'Das DUP-Flag (bei QoS 0 ein absichtlicher Fehler: MQTT-3.3.1-2).' } },
  { id: 'packet-id', names: ['--packet-id'], packets: WITH_ID, value: 'int', max: 65535, help: { en: 'The packet identifier (default 1; 0 is not allowed; on a QoS 0 PUBLISH it is written anyway).', de: 'Die Paket-ID (Standard 1; 0 ist nicht erlaubt; bei einem PUBLISH mit QoS 0 wird sie trotzdem geschrieben).' }, valueHelp: { en: 'a number from 0 to 65535', de: 'eine Zahl von 0 bis 65535' } },
  { id: 'flags', names: ['--flags'], packets: [], value: 'int', max: 15, help: { en: 'The four flag bits of the fixed header, e.g. 0x3; reserved bits set on purpose (MQTT-2.2.2-1 / MQTT-2.1.3-1).', de: 'Die vier Flag-Bits des festen Headers, z. B. 0x3; reservierte Bits absichtlich gesetzt (MQTT-2.2.2-1 / MQTT-2.1.3-1).' }, valueHelp: { en: 'a number from 0 to 15', de: 'eine Zahl von 0 bis 15' } },
  { id: 'reason-code', names: ['--reason-code'], packets: ['CONNACK', ...ACKS, 'DISCONNECT', 'AUTH'], value: 'int', max: 255, help: { en: 'The reason code (5.0) or the CONNACK return code.', de: 'Der Reason Code (5.0) oder der Return Code des CONNACK.' }, valueHelp: BYTE },
  { id: 'session-present', names: ['--session-present'], packets: ['CONNACK'], value: 'none', help: { en: 'The Session Present flag of CONNACK.', de: 'Das Session-Present-Flag des CONNACK.' } },
  { id: 'options', names: ['--options'], packets: ['SUBSCRIBE'], value: 'int', max: 255, help: { en: 'The whole subscription options byte of each filter (bits 6-7 are reserved), instead of -q.', de: 'Das ganze Abo-Optionen-Byte jedes Filters (Bits 6-7 sind reserviert), statt -q.' }, valueHelp: BYTE },
  { id: 'property', names: ['-D', '--property'], packets: [], value: 'property', repeatable: true, help: { en: 'A 5.0 property, also one the packet type does not allow: -D NAME VALUE (e.g. -D topic-alias 1; -D user-property KEY VALUE).', de: 'Eine 5.0-Property, auch eine, die der Pakettyp nicht erlaubt: -D NAME WERT (z. B. -D topic-alias 1; -D user-property SCHLÜSSEL WERT).' }, valueHelp: { en: 'NAME VALUE', de: 'NAME WERT' } },
  { id: 'split-at', names: ['--split-at'], packets: [], value: 'int', max: 268_435_460, repeatable: true, help: { en: 'Send the bytes in two TCP segments, the second starting at this byte offset (repeat for more).', de: 'Die Bytes in zwei TCP-Segmenten senden, das zweite ab diesem Byte-Offset (mehrfach für mehr).' }, valueHelp: { en: 'a byte offset', de: 'ein Byte-Offset' } },
];

/** `send` option spec by spelling. */
export const SEND_OPTION_BY_NAME: ReadonlyMap<string, SendOptionSpec> = new Map(SEND_OPTIONS.flatMap((o) => o.names.map((n) => [n, o] as const)));
