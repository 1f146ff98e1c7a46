/**
 * The decoder's verdicts in English and German, in one place. The codec itself speaks English:
 * each error has a key (`codec.error.truncated`, see src/core/codec/errors.ts) and an English
 * message with the exact numbers and field names in it. Two ways to say it in the UI language:
 * - `codecErrorText`: the verdict in general terms, by the key, in both languages (the
 *   inspector's decode error, the marks on packets sent on purpose: `CLIENT send ...`, `send-hex`);
 * - `codecMessage`: the codec's own message in German, found by its shape (a pattern per message,
 *   its parts carried over, field names in German). The notes that carry a decoder's message
 *   (`net.malformed`, `client.protocol.malformed`) carry its key too (`codecKey`): a message no
 *   pattern knows then reads as the key's general German text, never in English. Only a message
 *   without its key (a trace written before the key was kept) that no pattern knows shows itself.
 */
import type { CodecError } from '../codec/types.ts';

type Texts = { en: string; de: string };

export const CODEC_ERROR_TEXTS: Readonly<Record<string, Texts>> = {
  'codec.error.truncated': { en: 'a field runs past the end of the packet (Remaining Length)', de: 'ein Feld reicht über das Paketende hinaus (Remaining Length)' },
  'codec.error.trailing-bytes': { en: 'bytes are left over after the last field', de: 'nach dem letzten Feld bleiben Bytes übrig' },
  'codec.error.utf8-nul': { en: 'a UTF-8 string contains U+0000', de: 'ein UTF-8-String enthält U+0000' },
  'codec.error.utf8-invalid': { en: 'a string is not well-formed UTF-8', de: 'ein String ist kein gültiges UTF-8' },
  'codec.error.packet-id-zero': { en: 'the packet identifier is 0', de: 'die Packet Identifier ist 0' },
  'codec.error.packet-id': { en: 'the packet identifier is not allowed here', de: 'die Packet Identifier ist hier nicht erlaubt' },
  'codec.error.packet-id-qos0': { en: 'a QoS 0 PUBLISH carries a packet identifier', de: 'ein PUBLISH mit QoS 0 trägt eine Packet Identifier' },
  'codec.error.protocol-version': { en: 'the protocol level is not one the broker speaks (4 = 3.1.1, 5 = 5.0)', de: 'die Protokollstufe ist keine, die der Broker spricht (4 = 3.1.1, 5 = 5.0)' },
  'codec.error.protocol-name': { en: 'the protocol name is not "MQTT"', de: 'der Protokollname ist nicht "MQTT"' },
  'codec.error.connect-reserved': { en: 'the reserved bit 0 of the Connect Flags is set', de: 'das reservierte Bit 0 der Connect Flags ist gesetzt' },
  'codec.error.will-qos': { en: 'the Will QoS is 3, or set without a will', de: 'die Will-QoS ist 3 oder ohne Will gesetzt' },
  'codec.error.will-retain': { en: 'Will Retain is set without a will', de: 'Will Retain ist ohne Will gesetzt' },
  'codec.error.password-without-username': { en: 'the Password Flag is set without the User Name Flag (3.1.1)', de: 'das Password-Flag ist ohne das User-Name-Flag gesetzt (3.1.1)' },
  'codec.error.keep-alive': { en: 'the Keep Alive field is cut short', de: 'das Keep-Alive-Feld ist abgeschnitten' },
  'codec.error.dup-qos0': { en: 'DUP is set on a QoS 0 PUBLISH', de: 'DUP ist bei einem PUBLISH mit QoS 0 gesetzt' },
  'codec.error.qos3': { en: 'both QoS bits of the PUBLISH are set (QoS 3)', de: 'beide QoS-Bits des PUBLISH sind gesetzt (QoS 3)' },
  'codec.error.topic-empty': { en: 'the topic name is empty (and no Topic Alias stands in for it)', de: 'der Topic-Name ist leer (und kein Topic Alias steht dafür)' },
  'codec.error.connack-reserved': { en: 'reserved bits of the CONNACK flags are set', de: 'reservierte Bits der CONNACK-Flags sind gesetzt' },
  'codec.error.too-many-filters': { en: 'more topic filters than the broker takes in one packet', de: 'mehr Topic-Filter, als der Broker in einem Paket annimmt' },
  'codec.error.subscribe-options': { en: 'reserved bits of the subscription options are set', de: 'reservierte Bits der Abo-Optionen sind gesetzt' },
  'codec.error.subscribe-qos3': { en: 'a subscription asks for QoS 3', de: 'ein Abo verlangt QoS 3' },
  'codec.error.retain-handling': { en: 'Retain Handling is 3', de: 'Retain Handling ist 3' },
  'codec.error.no-local-shared': { en: 'No Local is set on a shared subscription', de: 'No Local ist bei einem Shared Subscription gesetzt' },
  'codec.error.subscribe-empty': { en: 'a SUBSCRIBE without a topic filter', de: 'ein SUBSCRIBE ohne Topic-Filter' },
  'codec.error.unsubscribe-empty': { en: 'an UNSUBSCRIBE without a topic filter', de: 'ein UNSUBSCRIBE ohne Topic-Filter' },
  'codec.error.suback-empty': { en: 'a SUBACK without a return code', de: 'ein SUBACK ohne Return Code' },
  'codec.error.unsuback-empty': { en: 'an UNSUBACK without a reason code', de: 'ein UNSUBACK ohne Reason Code' },
  'codec.error.packet-type': { en: 'the packet type is reserved', de: 'der Pakettyp ist reserviert' },
  'codec.error.reserved-flags': { en: 'the reserved flag bits of the fixed header are wrong', de: 'die reservierten Flag-Bits des festen Headers sind falsch' },
  'codec.error.server-only-packet': { en: 'only a server sends this packet type', de: 'nur ein Server sendet diesen Pakettyp' },
  'codec.error.packet-too-large': { en: 'the packet is larger than the broker accepts', de: 'das Paket ist größer, als der Broker annimmt' },
  'codec.error.varint': { en: 'a Variable Byte Integer is longer than 4 bytes or not minimal', de: 'ein Variable Byte Integer ist länger als 4 Bytes oder nicht minimal' },
  'codec.error.property-unknown': { en: 'an unknown property identifier', de: 'eine unbekannte Property-Kennung' },
  'codec.error.property-not-allowed': { en: 'a property that this packet type does not allow', de: 'eine Property, die dieser Pakettyp nicht erlaubt' },
  'codec.error.property-duplicate': { en: 'a property that may appear once appears twice', de: 'eine Property, die nur einmal vorkommen darf, kommt doppelt vor' },
  'codec.error.property-value': { en: 'a property has a value it may not have', de: 'eine Property hat einen unzulässigen Wert' },
  'codec.error.too-many-properties': { en: 'more properties than the broker takes', de: 'mehr Properties, als der Broker annimmt' },
  'codec.error.auth-v311': { en: 'AUTH does not exist in 3.1.1', de: 'AUTH gibt es in 3.1.1 nicht' },
  'codec.error.reason-code': { en: 'the packet carries a reason code its type does not allow', de: 'das Paket trägt einen Reason Code, den sein Typ nicht erlaubt' },
};

/**
 * The decoder's verdict in `lang`: the general text for its key with the codec's own message in
 * brackets, the detail (in German where a pattern knows the message, `germanDetail`; German
 * leaves out a detail it cannot say in German); the codec's English message for an unknown key.
 */
export function codecErrorText(error: Pick<CodecError, 'key' | 'message'>, lang: 'en' | 'de'): string {
  const t = CODEC_ERROR_TEXTS[error.key];
  if (!t) return error.message;
  if (lang === 'en') return `${t.en} (${error.message})`;
  const detail = germanDetail(error.message, error.key);
  return detail === undefined ? t.de : `${t.de} (${inSentence(detail)})`;
}

/** Words that open a German detail and are no noun: lower case inside a sentence ("(die Client-ID …)"). */
const SENTENCE_OPENERS = new Set(['Die', 'Der', 'Das', 'Ein', 'Eine', 'Mehr', 'Bei', 'In', 'Im', 'Unbekannte']);

/** A German detail (a sentence of its own) as a part of another sentence. */
function inSentence(detail: string): string {
  const first = detail.split(' ', 1)[0]!;
  return SENTENCE_OPENERS.has(first) ? detail.charAt(0).toLowerCase() + detail.slice(1) : detail;
}

/** Field names the codec puts into its messages, in German (spec property names stay as they are). */
const FIELD_DE: Record<string, string> = {
  'topic name': 'der Topic-Name',
  'topic filter': 'der Topic-Filter',
  'client identifier': 'die Client-ID',
  'client id': 'die Client-ID',
  'will topic': 'das Topic des Testaments',
  'will payload': 'die Nutzlast des Testaments',
  'will message': 'das Testament',
  'user name': 'der Benutzername',
  username: 'der Benutzername',
  password: 'das Passwort',
  'keep alive': 'Keep Alive',
  'protocol name': 'der Protokollname',
  'protocol level': 'die Protokollstufe',
  'packet identifier': 'die Paket-ID',
  'reason code': 'der Reason Code',
  'connect flags': 'die CONNECT-Flags',
  'variable header': 'der variable Header',
  payload: 'die Nutzlast',
  'property block': 'der Property-Block',
  'connect acknowledge flags': 'die Flags des CONNACK',
  'subscription options': 'die Subscription Options',
  'connect payload': 'die Nutzlast des CONNECT',
};

const field = (what: string): string => FIELD_DE[what.toLowerCase()] ?? what;
/** A field at the start of a German sentence. */
const Field = (what: string): string => {
  const f = field(what);
  return f.charAt(0).toUpperCase() + f.slice(1);
};

type Rule = readonly [key: string, pattern: RegExp, german: (m: RegExpExecArray) => string];

/** One rule per message shape the decoder produces (decode.ts, decoder.ts, properties.ts). */
const RULES: readonly Rule[] = [
  ['truncated', /^the property length runs past the packet$/, () => 'Die Property-Länge reicht über das Paket hinaus'],
  ['truncated', /^the property block runs past the packet$/, () => 'Der Property-Block reicht über das Paket hinaus'],
  ['truncated', /^(.+) runs past the remaining length$/, (m) => `${Field(m[1]!)} reicht über die Restlänge hinaus`],
  ['truncated', /^(.+) runs past the property block$/, (m) => `${Field(m[1]!)} reicht über den Property-Block hinaus`],
  ['utf8-nul', /^(.+) contains U\+0000$/, (m) => `${Field(m[1]!)} enthält U+0000`],
  ['utf8-invalid', /^(.+) is not well-formed UTF-8$/, (m) => `${Field(m[1]!)} ist kein gültiges UTF-8`],
  ['trailing-bytes', /^(\d+) bytes left over after the (.+)$/, (m) => `${m[1]} Bytes übrig nach ${field(m[2]!).replace(/^der |^die |^das /, (a) => ({ 'der ': 'dem ', 'die ': 'der ', 'das ': 'dem ' })[a]!)}`],
  ['trailing-bytes', /^(\d+) bytes follow the frame$/, (m) => `${m[1]} Bytes folgen nach dem Paket`],
  ['packet-id-zero', /^packet identifier 0 is not allowed$/, () => 'Paket-ID 0 ist nicht erlaubt'],
  ['reason-code', /^([A-Z]+) may not carry reason code (0x[0-9a-f]+)$/, (m) => `${m[1]} darf den Reason Code ${m[2]} nicht tragen`],
  ['packet-type', /^packet type (\d+) is reserved$/, (m) => `Pakettyp ${m[1]} ist reserviert`],
  ['reserved-flags', /^the fixed-header flags of packet type (\d+) must be ([01]+)$/, (m) => `Die Flags im festen Header von Pakettyp ${m[1]} müssen ${m[2]} sein`],
  ['qos3', /^a PUBLISH must not have both QoS bits set$/, () => 'Ein PUBLISH darf nicht beide QoS-Bits gesetzt haben'],
  ['protocol-version', /^MQTT 3\.1 \(MQIsdp\) with protocol level (\d+) is not supported$/, (m) => `MQTT 3.1 (MQIsdp) mit Protokollstufe ${m[1]} wird nicht unterstützt`],
  ['protocol-version', /^protocol level (\d+) is not supported$/, (m) => `Protokollstufe ${m[1]} wird nicht unterstützt`],
  ['protocol-name', /^protocol name "(.*)" is not "MQTT"$/, (m) => `Der Protokollname „${m[1]}“ ist nicht „MQTT“`],
  ['connect-reserved', /^the reserved connect flag must be 0$/, () => 'Das reservierte CONNECT-Flag muss 0 sein'],
  ['will-qos', /^Will QoS must be 0 when the Will Flag is 0$/, () => 'Will QoS muss 0 sein, wenn das Will Flag 0 ist'],
  ['will-qos', /^Will QoS must not be 3$/, () => 'Will QoS darf nicht 3 sein'],
  ['will-retain', /^Will Retain must be 0 when the Will Flag is 0$/, () => 'Will Retain muss 0 sein, wenn das Will Flag 0 ist'],
  ['password-without-username', /^the Password Flag requires the User Name Flag in 3\.1\.1$/, () => 'In 3.1.1 verlangt das Password Flag das User Name Flag'],
  ['dup-qos0', /^the DUP flag must be 0 for QoS 0$/, () => 'Bei QoS 0 muss das DUP-Flag 0 sein'],
  ['topic-empty', /^an empty topic name needs a Topic Alias$/, () => 'Ein leerer Topic-Name braucht einen Topic Alias'],
  ['topic-empty', /^a topic name must be at least one character long$/, () => 'Ein Topic-Name muss mindestens ein Zeichen lang sein'],
  ['connack-reserved', /^CONNACK flag bits 7-1 must be 0$/, () => 'Die Flag-Bits 7–1 im CONNACK müssen 0 sein'],
  ['too-many-filters', /^more than (\d+) topic filters$/, (m) => `Mehr als ${m[1]} Topic-Filter`],
  ['too-many-filters', /^more than (\d+) reason codes$/, (m) => `Mehr als ${m[1]} Reason Codes`],
  ['subscribe-options', /^requested QoS byte has reserved bits set or QoS 3$/, () => 'Im Byte der gewünschten QoS sind reservierte Bits gesetzt oder QoS 3'],
  ['subscribe-options', /^subscription option bits 7-6 are reserved$/, () => 'Die Bits 7–6 der Subscription Options sind reserviert'],
  ['subscribe-qos3', /^Maximum QoS 3 is a Protocol Error$/, () => 'Maximum QoS 3 ist ein Protocol Error'],
  ['retain-handling', /^Retain Handling 3 is a Protocol Error$/, () => 'Retain Handling 3 ist ein Protocol Error'],
  ['no-local-shared', /^No Local on a shared subscription is a Protocol Error$/, () => 'No Local bei einem Shared Subscription ist ein Protocol Error'],
  ['subscribe-empty', /^SUBSCRIBE must contain at least one topic filter$/, () => 'SUBSCRIBE muss mindestens einen Topic-Filter enthalten'],
  ['suback-empty', /^SUBACK must contain a reason code per topic filter$/, () => 'SUBACK muss je Topic-Filter einen Reason Code enthalten'],
  ['unsubscribe-empty', /^UNSUBSCRIBE must contain at least one topic filter$/, () => 'UNSUBSCRIBE muss mindestens einen Topic-Filter enthalten'],
  ['unsuback-empty', /^a 5\.0 UNSUBACK must contain a reason code per topic filter$/, () => 'Ein UNSUBACK in 5.0 muss je Topic-Filter einen Reason Code enthalten'],
  ['server-only-packet', /^packet type (\d+) is sent only by a server$/, (m) => `Pakettyp ${m[1]} sendet nur ein Server`],
  ['varint', /^the remaining length runs over 4 bytes$/, () => 'Die Restlänge ist länger als 4 Bytes'],
  ['varint', /^the remaining length is not minimally encoded$/, () => 'Die Restlänge ist nicht minimal kodiert'],
  ['varint', /^the property length is not a valid Variable Byte Integer$/, () => 'Die Property-Länge ist kein gültiger Variable Byte Integer'],
  ['varint', /^(.+) is not a valid Variable Byte Integer$/, (m) => `${Field(m[1]!)} ist kein gültiger Variable Byte Integer`],
  ['packet-too-large', /^a (\d+)-byte packet exceeds the maximum packet size of (\d+)$/, (m) => `Ein Paket mit ${m[1]} Bytes überschreitet die maximale Paketgröße von ${m[2]}`],
  ['too-many-properties', /^more than (\d+) properties$/, (m) => `Mehr als ${m[1]} Properties`],
  ['property-unknown', /^unknown property identifier (0x[0-9a-f]+)$/, (m) => `Unbekannte Property-ID ${m[1]}`],
  ['property-not-allowed', /^(.+) is not allowed in (.+)$/, (m) => `${m[1]} ist in ${m[2]} nicht erlaubt`],
  ['property-duplicate', /^(.+) appears more than once$/, (m) => `${m[1]} kommt mehr als einmal vor`],
  ['property-value', /^(.+) must not be 0$/, (m) => `${m[1]} darf nicht 0 sein`],
  ['property-value', /^(.+) must be 0 or 1$/, (m) => `${m[1]} muss 0 oder 1 sein`],
  ['property-value', /^(.+) must be an integer in 0\.\.(\d+)$/, (m) => `${m[1]} muss eine ganze Zahl von 0 bis ${m[2]} sein`],
];

/**
 * A codec error message in `lang`. `key` (`codec.error.truncated` or `truncated`), when known,
 * narrows the search, and a German message no pattern knows reads as the key's general text
 * (`CODEC_ERROR_TEXTS`); without a key (a message from an older trace) the message's shape
 * decides, and an unknown shape shows the message as it is.
 */
export function codecMessage(message: string, lang: 'en' | 'de', key?: string): string {
  if (lang === 'en') return message;
  const detail = germanDetail(message, key);
  if (detail !== undefined) return detail;
  const short = key?.replace(/^codec\.error\./, '');
  const general = short === undefined ? undefined : CODEC_ERROR_TEXTS[`codec.error.${short}`]?.de;
  return general === undefined ? message : general.charAt(0).toUpperCase() + general.slice(1);
}

/** The codec's message in German when a pattern knows its shape (narrowed by `key` when known), else undefined. */
function germanDetail(message: string, key?: string): string | undefined {
  const short = key?.replace(/^codec\.error\./, '');
  for (const [ruleKey, pattern, german] of RULES) {
    if (short !== undefined && ruleKey !== short) continue;
    const m = pattern.exec(message);
    if (m) return german(m);
  }
  return undefined;
}
