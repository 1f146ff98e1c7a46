/**
 * What each decoded field means, in English and German: the inspector's "Meaning" column.
 *
 * Theory of operation: the codec's annotated decode (src/core/codec/annotate.ts) gives every
 * field a stable `key` (`codec.field.keep-alive`) and a one-line English `meaning`, often built
 * from the value ("at most 30 s between packets from the client"). The codec knows no UI
 * language, so this table says the same thing again in both languages, from the same inputs:
 * the field, its parent field, the packet type and the protocol version. A few keys are
 * families and are looked up by their shape (`meaningKey`): numbered fields (`subscription-2`),
 * the length and bytes halves of every length-prefixed string, and the value of a property.
 *
 * The WebSocket frame fields of src/lessons/widgets/websocket-frame.ts (`ws.field.*`) are here
 * too, so the inspector's WebSocket view speaks both languages as well.
 *
 * tests/ui/field-meanings.test.ts annotates a packet of every type (3.1.1 and 5.0, with every
 * property) and checks that every field has an entry here, and that the English entry says
 * exactly what the codec says, so the German one stays about the same thing.
 */
import { codecMessage } from '../../core/mqtt/codec-error-texts.ts';
import { packetName, PROPERTY_BY_ID } from '../../core/codec/properties.ts';
import { describeReasonCode, reasonCodeInfo } from '../../core/codec/reason-codes.ts';
import type { AnnotatedField, PacketType, ProtocolVersion } from '../../core/codec/types.ts';
import type { Lang } from '../format/explain.ts';

/** Everything a meaning may depend on. */
export interface MeaningContext {
  field: AnnotatedField;
  /** The field this one is a child of (undefined at the top level). */
  parent: AnnotatedField | undefined;
  /** Packet type number from the first byte (1 = CONNECT ... 15 = AUTH). */
  packetType: number;
  version: ProtocolVersion;
}

type Phrase = string | ((c: MeaningContext) => string);
type Bilingual = Readonly<Record<Lang, Phrase>>;

/** One function for both languages. */
const both = (say: (c: MeaningContext, lang: Lang) => string): Bilingual => ({ en: (c) => say(c, 'en'), de: (c) => say(c, 'de') });
const num = (c: MeaningContext): number => Number(c.field.value);
const on = (c: MeaningContext): boolean => c.field.value === true;
const bytesFollow = (n: number, lang: Lang): string => (lang === 'en' ? `${n} bytes follow` : `${n} ${n === 1 ? 'Byte folgt' : 'Bytes folgen'}`);
const fieldBytes = (c: MeaningContext): number => c.field.end - c.field.start;

const TYPE_MEANING: Record<Lang, readonly string[]> = {
  en: [
    'reserved', 'client asks to connect', 'server answers CONNECT', 'an application message', 'QoS 1 acknowledgement',
    'QoS 2, step 1: received', 'QoS 2, step 2: release', 'QoS 2, step 3: complete', 'client subscribes', 'server answers SUBSCRIBE',
    'client unsubscribes', 'server answers UNSUBSCRIBE', 'are you there?', 'yes, I am here', 'the connection ends', 'authentication exchange',
  ],
  de: [
    'reserviert', 'Client bittet um Verbindung', 'Server antwortet auf CONNECT', 'eine Anwendungsnachricht', 'Bestätigung für QoS 1',
    'QoS 2, Schritt 1: empfangen', 'QoS 2, Schritt 2: freigeben', 'QoS 2, Schritt 3: abgeschlossen', 'Client abonniert', 'Server antwortet auf SUBSCRIBE',
    'Client kündigt ein Abonnement', 'Server antwortet auf UNSUBSCRIBE', 'Bist du noch da?', 'Ja, ich bin da', 'die Verbindung endet', 'Austausch zur Authentifizierung',
  ],
};

const TYPE_NAMES: readonly PacketType[] = ['connect', 'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback', 'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth'];

const typeMeaning = (c: MeaningContext, lang: Lang): string => TYPE_MEANING[lang][c.packetType] ?? '';
/** The flags nibble a packet type must carry (section 2.1.3 / 2.2.2). */
const wantedFlags = (type: number): string => (type === 6 || type === 8 || type === 10 ? '0010' : '0000');

function reasonCode(c: MeaningContext, lang: Lang): string {
  const code = num(c);
  const type = TYPE_NAMES[c.packetType] ?? 'connect';
  const info = reasonCodeInfo(code, type, c.version);
  if (info) return `${describeReasonCode(code, type, c.version)}: ${info.meaning[lang]}`;
  return lang === 'en' ? `0x${code.toString(16)} is not a valid code for ${type.toUpperCase()}` : `0x${code.toString(16)} ist kein gültiger Code für ${type.toUpperCase()}`;
}

/** The 5.0 properties, by the key of their group field (`codec.field.topic-alias`). */
const PROPERTIES: Readonly<Record<string, Bilingual>> = {
  'codec.field.payload-format-indicator': { en: '0 = unspecified bytes, 1 = UTF-8 text', de: '0 = beliebige Bytes, 1 = UTF-8-Text' },
  'codec.field.message-expiry-interval': { en: 'seconds until the message expires', de: 'Sekunden, bis die Nachricht verfällt' },
  'codec.field.content-type': { en: 'the payload\'s content type (e.g. a MIME type)', de: 'Art des Inhalts der Nutzdaten (z. B. ein MIME-Typ)' },
  'codec.field.response-topic': { en: 'topic for a response (request/response)', de: 'Topic für die Antwort (Anfrage/Antwort)' },
  'codec.field.correlation-data': { en: 'ties a response to its request', de: 'ordnet eine Antwort ihrer Anfrage zu' },
  'codec.field.subscription-identifier': { en: 'identifies the subscription(s) that matched', de: 'kennzeichnet das passende Abonnement (oder mehrere)' },
  'codec.field.session-expiry-interval': { en: 'seconds the session outlives the connection', de: 'Sekunden, die die Sitzung die Verbindung überdauert' },
  'codec.field.assigned-client-identifier': { en: 'client ID chosen by the server', de: 'vom Server gewählte Client-ID' },
  'codec.field.server-keep-alive': { en: 'keep alive the server wants instead', de: 'Keep Alive, das der Server stattdessen verlangt' },
  'codec.field.authentication-method': { en: 'name of the extended authentication method', de: 'Name der erweiterten Authentifizierungsmethode' },
  'codec.field.authentication-data': { en: 'data of the authentication method', de: 'Daten der Authentifizierungsmethode' },
  'codec.field.request-problem-information': { en: 'may the server send reason strings/user properties on failures', de: 'darf der Server bei Fehlern Begründungstexte/User Properties schicken' },
  'codec.field.will-delay-interval': { en: 'seconds to wait before publishing the will', de: 'Sekunden Wartezeit, bevor das Testament veröffentlicht wird' },
  'codec.field.request-response-information': { en: 'ask the server for Response Information', de: 'bittet den Server um Response Information' },
  'codec.field.response-information': { en: 'basis for response topics', de: 'Grundlage für Antwort-Topics' },
  'codec.field.server-reference': { en: 'another server to use', de: 'ein anderer Server, den der Client nutzen soll' },
  'codec.field.reason-string': { en: 'human-readable diagnostic', de: 'Begründung zum Lesen für Menschen' },
  'codec.field.receive-maximum': { en: 'most unacknowledged QoS 1/2 messages accepted at once', de: 'höchstens so viele unbestätigte QoS-1/2-Nachrichten auf einmal' },
  'codec.field.topic-alias-maximum': { en: 'highest topic alias accepted', de: 'höchster angenommener Topic-Alias' },
  'codec.field.topic-alias': { en: 'number standing in for the topic name', de: 'Zahl, die für den Topic-Namen steht' },
  'codec.field.maximum-qos': { en: 'highest QoS the server supports', de: 'höchste QoS, die der Server unterstützt' },
  'codec.field.retain-available': { en: 'whether the server supports retained messages', de: 'ob der Server gehaltene Nachrichten unterstützt' },
  'codec.field.user-property': { en: 'application-defined name/value pair', de: 'Name-Wert-Paar der Anwendung' },
  'codec.field.maximum-packet-size': { en: 'largest packet the sender accepts', de: 'größtes Paket, das der Absender annimmt' },
  'codec.field.wildcard-subscription-available': { en: 'whether wildcard subscriptions are supported', de: 'ob Abonnements mit Wildcards unterstützt werden' },
  'codec.field.subscription-identifiers-available': { en: 'whether subscription identifiers are supported', de: 'ob Subscription Identifier unterstützt werden' },
  'codec.field.shared-subscription-available': { en: 'whether shared subscriptions are supported', de: 'ob Shared Subscriptions unterstützt werden' },
};

/** A 5.0 property's meaning by its name in kebab case (`topic-alias`), for the editor's hover. */
export function propertyMeaning(name: string, lang: Lang): string | undefined {
  const text = PROPERTIES[`codec.field.${name}`]?.[lang];
  return typeof text === 'string' ? text : undefined;
}

/** Every field of an MQTT packet, by its (normalized) key. */
const FIELDS: Readonly<Record<string, Bilingual>> = {
  // Fixed header (section 2.1 / 2.2)
  'codec.field.fixed-header': {
    en: (c) => (c.field.end > 1 ? typeMeaning(c, 'en') : 'packet type and flags'),
    de: (c) => (c.field.end > 1 ? typeMeaning(c, 'de') : 'Pakettyp und Flags'),
  },
  'codec.field.packet-type-and-flags': {
    en: (c) => `${packetName(c.packetType)} with flags ${flagsOf(c)}`,
    de: (c) => `${packetName(c.packetType)} mit den Flags ${flagsOf(c)}`,
  },
  'codec.field.packet-type': {
    en: (c) => `${c.packetType} = ${packetName(c.packetType) || 'reserved'}: ${typeMeaning(c, 'en')}`,
    de: (c) => `${c.packetType} = ${packetName(c.packetType) || 'reserviert'}: ${typeMeaning(c, 'de')}`,
  },
  'codec.field.dup': {
    en: (c) => (on(c) ? 'a re-delivery of an earlier attempt' : 'first delivery attempt'),
    de: (c) => (on(c) ? 'eine Wiederholung eines früheren Versuchs' : 'erster Zustellversuch'),
  },
  'codec.field.qos': {
    en: (c) => (c.packetType === 3 ? ['at most once', 'at least once', 'exactly once', 'invalid (MQTT-3.3.1-4)'][num(c)]! : 'requested maximum QoS'),
    de: (c) => (c.packetType === 3 ? ['höchstens einmal', 'mindestens einmal', 'genau einmal', 'ungültig (MQTT-3.3.1-4)'][num(c)]! : 'gewünschte höchste QoS'),
  },
  'codec.field.retain': {
    en: (c) => (on(c) ? 'the broker keeps this as the retained message' : 'not retained'),
    de: (c) => (on(c) ? 'der Broker hebt dies als gehaltene Nachricht auf' : 'nicht gehalten (kein Retain)'),
  },
  'codec.field.reserved-flags': {
    en: (c) => `must be ${wantedFlags(c.packetType)}${c.field.value === wantedFlags(c.packetType) ? '' : ' — wrong!'}`,
    de: (c) => `muss ${wantedFlags(c.packetType)} sein${c.field.value === wantedFlags(c.packetType) ? '' : ' – falsch!'}`,
  },
  'codec.field.remaining-length': {
    en: (c) => `${num(c)} bytes follow (Variable Byte Integer, ${fieldBytes(c)} byte${fieldBytes(c) > 1 ? 's' : ''})`,
    de: (c) => `${bytesFollow(num(c), 'de')} (Variable Byte Integer, ${fieldBytes(c)} Byte)`,
  },

  // Length-prefixed strings and binary data (section 1.5.4, 1.5.6)
  'codec.field.*-length': both((c, lang) => bytesFollow(num(c), lang)),
  'codec.field.*-bytes': {
    en: (c) => (c.field.section === '1.5.6' ? 'binary data' : c.field.value === null ? 'not valid MQTT UTF-8' : 'UTF-8 text'),
    de: (c) => (c.field.section === '1.5.6' ? 'Binärdaten' : c.field.value === null ? 'kein gültiges MQTT-UTF-8' : 'UTF-8-Text'),
  },

  // CONNECT (section 3.1)
  'codec.field.protocol-name': { en: 'always "MQTT" (MQTT-3.1.2-1)', de: 'immer „MQTT“ (MQTT-3.1.2-1)' },
  'codec.field.protocol-version': {
    en: (c) => (num(c) === 5 ? '5 = MQTT 5.0' : num(c) === 4 ? '4 = MQTT 3.1.1' : `${num(c)}: not supported (MQTT-3.1.2-2)`),
    de: (c) => (num(c) === 5 ? '5 = MQTT 5.0' : num(c) === 4 ? '4 = MQTT 3.1.1' : `${num(c)}: nicht unterstützt (MQTT-3.1.2-2)`),
  },
  'codec.field.connect-flags': { en: 'which optional fields follow and how the session starts', de: 'welche optionalen Felder folgen und wie die Sitzung beginnt' },
  'codec.field.user-name-flag': { en: (c) => (on(c) ? 'a user name is in the payload' : 'no user name'), de: (c) => (on(c) ? 'ein Benutzername steht in den Nutzdaten' : 'kein Benutzername') },
  'codec.field.password-flag': { en: (c) => (on(c) ? 'a password is in the payload' : 'no password'), de: (c) => (on(c) ? 'ein Passwort steht in den Nutzdaten' : 'kein Passwort') },
  'codec.field.will-retain': { en: (c) => (on(c) ? 'the will is published as retained' : 'the will is not retained'), de: (c) => (on(c) ? 'das Testament wird als gehaltene Nachricht veröffentlicht' : 'das Testament wird nicht gehalten') },
  'codec.field.will-qos': { en: 'QoS of the will message', de: 'QoS der Testamentsnachricht' },
  'codec.field.will-flag': { en: (c) => (on(c) ? 'a will message is in the payload' : 'no will message'), de: (c) => (on(c) ? 'eine Testamentsnachricht steht in den Nutzdaten' : 'keine Testamentsnachricht') },
  'codec.field.clean-session': both(cleanStart),
  'codec.field.clean-start': both(cleanStart),
  'codec.field.reserved': both(reserved),
  'codec.field.keep-alive': {
    en: (c) => (num(c) === 0 ? 'keep alive is off' : `at most ${num(c)} s between packets from the client`),
    de: (c) => (num(c) === 0 ? 'Keep Alive ist aus' : `höchstens ${num(c)} s zwischen zwei Paketen des Clients`),
  },
  'codec.field.client-identifier': { en: 'identifies the client\'s session', de: 'kennzeichnet die Sitzung des Clients' },
  'codec.field.will-topic': { en: 'topic of the will message', de: 'Topic der Testamentsnachricht' },
  'codec.field.will-payload': { en: 'payload of the will message', de: 'Nutzdaten der Testamentsnachricht' },
  'codec.field.user-name': { en: 'for authentication', de: 'zur Anmeldung' },
  'codec.field.password': { en: 'for authentication (shown here: the sandbox hides nothing)', de: 'zur Anmeldung (hier sichtbar: die Sandbox verbirgt nichts)' },

  // CONNACK (section 3.2)
  'codec.field.connect-acknowledge-flags': { en: 'session state', de: 'Zustand der Sitzung' },
  'codec.field.session-present': {
    en: (c) => (on(c) ? 'the server still had a session for this client' : 'a new session'),
    de: (c) => (on(c) ? 'der Server hatte noch eine Sitzung für diesen Client' : 'eine neue Sitzung'),
  },
  'codec.field.return-code': both(reasonCode),
  'codec.field.reason-code': both(reasonCode),
  'codec.field.reason-code-n': both(reasonCode),

  // PUBLISH and the acknowledgements (sections 3.3 to 3.7)
  'codec.field.topic-name': { en: 'where the message is published', de: 'wohin die Nachricht veröffentlicht wird' },
  'codec.field.packet-identifier': { en: 'pairs this packet with its acknowledgement', de: 'verbindet dieses Paket mit seiner Bestätigung' },
  'codec.field.payload': { en: 'the application message', de: 'die Nachricht der Anwendung' },

  // SUBSCRIBE, SUBACK, UNSUBSCRIBE (sections 3.8 to 3.11)
  'codec.field.subscription-n': { en: 'a topic filter and its options', de: 'ein Topic-Filter und seine Optionen' },
  'codec.field.topic-filter': { en: 'which topics to subscribe to', de: 'welche Topics abonniert werden' },
  'codec.field.requested-qos': { en: 'the highest QoS the client wants', de: 'die höchste QoS, die der Client möchte' },
  'codec.field.subscription-options': { en: 'QoS and delivery options of this subscription', de: 'QoS und Zustelloptionen dieses Abonnements' },
  'codec.field.retain-handling': {
    en: (c) => ['send retained messages on subscribe', 'send retained messages only for a new subscription', 'do not send retained messages', 'invalid'][num(c)]!,
    de: (c) => ['gehaltene Nachrichten beim Abonnieren schicken', 'gehaltene Nachrichten nur bei einem neuen Abonnement schicken', 'keine gehaltenen Nachrichten schicken', 'ungültig'][num(c)]!,
  },
  'codec.field.retain-as-published': {
    en: (c) => (on(c) ? 'keep the RETAIN flag when forwarding' : 'clear the RETAIN flag when forwarding'),
    de: (c) => (on(c) ? 'RETAIN-Flag beim Weiterleiten behalten' : 'RETAIN-Flag beim Weiterleiten löschen'),
  },
  'codec.field.no-local': {
    en: (c) => (on(c) ? 'do not send my own messages back to me' : 'my own messages may come back'),
    de: (c) => (on(c) ? 'meine eigenen Nachrichten nicht an mich zurückschicken' : 'meine eigenen Nachrichten dürfen zurückkommen'),
  },
  'codec.field.topic-filter-n': { en: 'subscription to remove', de: 'Abonnement, das entfernt wird' },

  // Properties (section 2.2.2)
  'codec.field.properties': both(propertyCount),
  'codec.field.will-properties': both(propertyCount),
  'codec.field.property-length': {
    en: (c) => `${num(c)} bytes of properties follow`,
    de: (c) => `${num(c)} ${num(c) === 1 ? 'Byte' : 'Bytes'} Properties folgen`,
  },
  'codec.field.property-identifier': {
    en: (c) => (PROPERTY_BY_ID[num(c)] ? `${hex2(num(c))} = ${PROPERTY_BY_ID[num(c)]!.name}` : `0x${num(c).toString(16)} is not a property`),
    de: (c) => (PROPERTY_BY_ID[num(c)] ? `${hex2(num(c))} = ${PROPERTY_BY_ID[num(c)]!.name}` : `0x${num(c).toString(16)} ist keine Property`),
  },
  'codec.field.property-value': both((c, lang) => phrase(PROPERTIES[c.parent?.key ?? ''], c, lang) ?? ''),
  'codec.field.name': { en: 'user property name', de: 'Name der User Property' },
  'codec.field.user-property-value': { en: 'user property value', de: 'Wert der User Property' },

  // Bytes the walk could not explain
  'codec.field.unexplained-bytes': both(unexplained),
  ...PROPERTIES,
};

/** The fields of an RFC 6455 frame header (src/lessons/widgets/websocket-frame.ts). */
const WEBSOCKET_FIELDS: Readonly<Record<string, Bilingual>> = {
  'ws.field.fin-and-opcode': { en: 'first header byte', de: 'erstes Header-Byte' },
  'ws.field.fin': {
    en: (c) => (on(c) ? 'this is the final (here: the only) frame of the message' : 'more frames of this message follow'),
    de: (c) => (on(c) ? 'dies ist der letzte (hier: der einzige) Frame der Nachricht' : 'weitere Frames dieser Nachricht folgen'),
  },
  'ws.field.rsv1-3': { en: 'reserved for extensions; 0 without one', de: 'für Erweiterungen reserviert; 0 ohne Erweiterung' },
  'ws.field.opcode': {
    en: (c) => `${OPCODE_NAMES.en[num(c)] ?? 'reserved'} frame${num(c) === 2 ? ': MQTT packets travel in binary frames' : ''}`,
    de: (c) => {
      // German joins the words: Binärframe, Textframe.
      const name = OPCODE_NAMES.de[num(c)];
      return `${name === undefined ? 'reservierter Frame' : `${name}frame`}${num(c) === 2 ? ': MQTT-Pakete reisen in Binärframes' : ''}`;
    },
  },
  'ws.field.mask-and-payload-length': { en: 'second header byte', de: 'zweites Header-Byte' },
  'ws.field.mask': {
    en: (c) => (on(c) ? 'masked: every frame from a client is masked' : 'not masked: frames from the server are never masked'),
    de: (c) => (on(c) ? 'maskiert: jeder Frame eines Clients ist maskiert' : 'nicht maskiert: Frames vom Server sind nie maskiert'),
  },
  'ws.field.payload-length-7-bits': {
    en: (c) => (num(c) <= 125 ? `payload length ${num(c)} fits in 7 bits` : num(c) === 126 ? 'payload length is in the next 2 bytes (16-bit form)' : 'payload length is in the next 8 bytes (64-bit form)'),
    de: (c) => (num(c) <= 125 ? `Nutzdatenlänge ${num(c)} passt in 7 Bit` : num(c) === 126 ? 'die Nutzdatenlänge steht in den nächsten 2 Bytes (16-Bit-Form)' : 'die Nutzdatenlänge steht in den nächsten 8 Bytes (64-Bit-Form)'),
  },
  'ws.field.extended-payload-length-16-bits': { en: (c) => `${num(c)} bytes of payload`, de: (c) => `${num(c)} Bytes Nutzdaten` },
  'ws.field.extended-payload-length-64-bits': { en: (c) => `${num(c)} bytes of payload`, de: (c) => `${num(c)} Bytes Nutzdaten` },
  'ws.field.masking-key': {
    en: 'chosen at random by the client for each frame; the payload is XORed with it',
    de: 'wählt der Client für jeden Frame zufällig; die Nutzdaten werden damit per XOR verknüpft',
  },
  'ws.field.masked-payload': {
    en: (c) => `the MQTT packet XOR the masking key; unmasked: ${unmaskedOf(c)}`,
    de: (c) => `das MQTT-Paket XOR Maskierungsschlüssel; unmaskiert: ${unmaskedOf(c)}`,
  },
  'ws.field.payload': { en: 'the MQTT packet, byte for byte', de: 'das MQTT-Paket, Byte für Byte' },
};

const OPCODE_NAMES: Record<Lang, Readonly<Record<number, string>>> = {
  en: { 0x0: 'continuation', 0x1: 'text', 0x2: 'binary', 0x8: 'close', 0x9: 'ping', 0xa: 'pong' },
  de: { 0x0: 'Fortsetzungs', 0x1: 'Text', 0x2: 'Binär', 0x8: 'Schließ', 0x9: 'Ping', 0xa: 'Pong' },
};

function hex2(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

function flagsOf(c: MeaningContext): string {
  return (parseInt(String(c.field.value), 16) & 15).toString(2).padStart(4, '0');
}

function cleanStart(c: MeaningContext, lang: Lang): string {
  if (lang === 'en') return on(c) ? 'discard any existing session' : 'resume an existing session if there is one';
  return on(c) ? 'eine bestehende Sitzung verwerfen' : 'eine bestehende Sitzung fortsetzen, falls es eine gibt';
}

function reserved(c: MeaningContext, lang: Lang): string {
  const must = lang === 'en' ? 'must be 0' : 'muss 0 sein';
  switch (c.field.section) {
    case '3.1.2.3': // CONNECT flags, bit 0
      return num(c) ? `${must}${lang === 'en' ? ' — wrong!' : ' – falsch!'} (MQTT-3.1.2-3)` : `${must} (MQTT-3.1.2-3)`;
    case '3.8.3.1': // 5.0 subscription options, bits 7-6
      return `${must} (MQTT-3.8.3-5)`;
    default:
      return must;
  }
}

function propertyCount(c: MeaningContext, lang: Lang): string {
  const n = num(c);
  if (lang === 'en') return n === 0 ? 'no properties' : `${n} ${n === 1 ? 'property' : 'properties'}`;
  return n === 0 ? 'keine Properties' : `${n} ${n === 1 ? 'Property' : 'Properties'}`;
}

function unexplained(c: MeaningContext, lang: Lang): string {
  // The decoder's message is English (src/core/codec/errors.ts has keys, not texts): codec-error.ts.
  const english = c.field.meaning;
  if (english.startsWith('not decoded: ')) return lang === 'en' ? english : `nicht dekodiert: ${codecMessage(english.slice('not decoded: '.length), lang)}`;
  return lang === 'en' ? 'bytes after the frame' : 'Bytes nach dem Paket';
}

function unmaskedOf(c: MeaningContext): string {
  return c.field.meaning.split('unmasked: ')[1] ?? '';
}

function phrase(entry: Bilingual | undefined, c: MeaningContext, lang: Lang): string | undefined {
  if (entry === undefined) return undefined;
  const p = entry[lang];
  return typeof p === 'string' ? p : p(c);
}

/**
 * The table key of a field: its own `key`, except for families. `Topic Filter 2` ->
 * `codec.field.topic-filter-n`; the `length` / `bytes` halves of a length-prefixed field ->
 * `codec.field.*-length` / `*-bytes`; a property's `Value` -> `codec.field.property-value`
 * (its meaning is the property's), the value half of a user property ->
 * `codec.field.user-property-value`.
 */
export function meaningKey(field: AnnotatedField, parent: AnnotatedField | undefined): string {
  if (parent !== undefined && field.name === `${parent.name} length`) return 'codec.field.*-length';
  if (parent !== undefined && field.name === `${parent.name} bytes`) return 'codec.field.*-bytes';
  if (field.key === 'codec.field.value') return field.section === '1.5.7' ? 'codec.field.user-property-value' : 'codec.field.property-value';
  if (field.key === 'codec.field.maximum-qos' && field.bits !== undefined) return 'codec.field.requested-qos';
  return field.key.startsWith('codec.') ? field.key.replace(/-\d+$/, '-n') : field.key;
}

/** True when the table has both languages for this field. */
export function hasMeaning(field: AnnotatedField, parent: AnnotatedField | undefined): boolean {
  const key = meaningKey(field, parent);
  if (key === 'codec.field.property-value') return parent !== undefined && parent.key in PROPERTIES;
  return key in FIELDS || key in WEBSOCKET_FIELDS;
}

/**
 * The meaning of a field in `lang`, or undefined when the table has no entry (the inspector then
 * shows the codec's English text, marked as English).
 */
export function fieldMeaning(c: MeaningContext, lang: Lang): string | undefined {
  if (!hasMeaning(c.field, c.parent)) return undefined;
  const key = meaningKey(c.field, c.parent);
  return phrase(FIELDS[key] ?? WEBSOCKET_FIELDS[key], c, lang);
}
