/**
 * The decoder's verdicts in English and German, by the codec error's key. The codec itself
 * keeps English messages with the exact numbers in them (src/core/codec/errors.ts has keys, not
 * texts); these are the same verdicts said in general terms, for the trace, the inspector and
 * the marks on packets sent on purpose (`CLIENT send ...`, `send-hex`).
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
};

/** The decoder's verdict in `lang`: the general text for its key, the codec's English message otherwise. */
export function codecErrorText(error: Pick<CodecError, 'key' | 'message'>, lang: 'en' | 'de'): string {
  const t = CODEC_ERROR_TEXTS[error.key];
  if (!t) return error.message;
  return lang === 'en' ? `${t.en} (${error.message})` : t.de;
}
