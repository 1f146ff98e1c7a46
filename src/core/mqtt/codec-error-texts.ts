/**
 * The decoder's verdicts in English and German, in one place. The codec itself speaks English:
 * each error has a key (`codec.error.truncated`, see src/core/codec/errors.ts), an English
 * message with the exact numbers and field names in it, and the same as data: a detail id and
 * its values (`detail`, src/core/codec/error-details.ts). Two ways to say it in the UI language:
 * - `codecErrorText`: the verdict in general terms, by the key, in both languages (the
 *   inspector's decode error, the marks on packets sent on purpose: `CLIENT send ...`, `send-hex`),
 *   with the detail in brackets;
 * - `codecDetailText`: the detail alone, English from the codec's table, German from
 *   `DETAILS_DE` (field names in German, spec names as they are), both from the id and values.
 * The notes that carry a decoder's message (`net.malformed`, `client.protocol.malformed`,
 * `connect.unsupported-level`) carry its key and detail too (`codecNoteParams`), and
 * `codecNoteMessage` says them from those. Trace files written before the detail was kept have
 * only the English message (and maybe the key): the detail is then read back from the message's
 * shape (`detailFromMessage`, patterns made from the codec's own English table); a message no
 * pattern knows reads as the key's general German text, and only one without a key shows itself.
 */
import { CODEC_DETAILS, detailKey, detailMessage, isCodecDetailId, type CodecDetail, type CodecDetailId } from '../codec/error-details.ts';
import type { CodecError } from '../codec/types.ts';

type Texts = { en: string; de: string };

export const CODEC_ERROR_TEXTS: Readonly<Record<string, Texts>> = {
  'codec.error.truncated': { en: 'a field runs past the end of the packet (Remaining Length)', de: 'Ein Feld reicht über das Paketende hinaus (Remaining Length)' },
  'codec.error.trailing-bytes': { en: 'bytes are left over after the last field', de: 'Nach dem letzten Feld bleiben Bytes übrig' },
  'codec.error.utf8-nul': { en: 'a UTF-8 string contains U+0000', de: 'Ein UTF-8-String enthält U+0000' },
  'codec.error.utf8-invalid': { en: 'a string is not well-formed UTF-8', de: 'Ein String ist kein gültiges UTF-8' },
  'codec.error.packet-id-zero': { en: 'the packet identifier is 0', de: 'Die Paket-ID ist 0' },
  'codec.error.packet-id': { en: 'the packet identifier is not allowed here', de: 'Die Paket-ID ist hier nicht erlaubt' },
  'codec.error.packet-id-qos0': { en: 'a QoS 0 PUBLISH carries a packet identifier', de: 'Ein PUBLISH mit QoS 0 trägt eine Paket-ID' },
  'codec.error.protocol-version': { en: 'the protocol level is not one the broker speaks (4 = 3.1.1, 5 = 5.0)', de: 'Die Protokollstufe ist keine, die der Broker spricht (4 = 3.1.1, 5 = 5.0)' },
  'codec.error.protocol-name': { en: 'the protocol name is not "MQTT"', de: 'Der Protokollname ist nicht "MQTT"' },
  'codec.error.connect-reserved': { en: 'the reserved bit 0 of the Connect Flags is set', de: 'Das reservierte Bit 0 der Connect Flags ist gesetzt' },
  'codec.error.will-qos': { en: 'the Will QoS is 3, or set without a will', de: 'Die Will QoS ist 3 oder ohne Testament gesetzt' },
  'codec.error.will-retain': { en: 'Will Retain is set without a will', de: 'Will Retain ist ohne Testament gesetzt' },
  'codec.error.password-without-username': { en: 'the Password Flag is set without the User Name Flag (3.1.1)', de: 'Das Password-Flag ist ohne das User-Name-Flag gesetzt (3.1.1)' },
  'codec.error.keep-alive': { en: 'the Keep Alive field is cut short', de: 'Das Keep-Alive-Feld ist abgeschnitten' },
  'codec.error.dup-qos0': { en: 'DUP is set on a QoS 0 PUBLISH', de: 'DUP ist bei einem PUBLISH mit QoS 0 gesetzt' },
  'codec.error.qos3': { en: 'both QoS bits of the PUBLISH are set (QoS 3)', de: 'Beide QoS-Bits des PUBLISH sind gesetzt (QoS 3)' },
  'codec.error.topic-empty': { en: 'the topic name is empty (and no Topic Alias stands in for it)', de: 'Der Topic-Name ist leer (und kein Topic Alias steht dafür)' },
  'codec.error.connack-reserved': { en: 'reserved bits of the CONNACK flags are set', de: 'Reservierte Bits der CONNACK-Flags sind gesetzt' },
  'codec.error.too-many-filters': { en: 'more topic filters than the broker takes in one packet', de: 'mehr Topic-Filter, als der Broker in einem Paket annimmt' },
  'codec.error.subscribe-options': { en: 'reserved bits of the subscription options are set', de: 'Reservierte Bits der Abo-Optionen sind gesetzt' },
  'codec.error.subscribe-qos3': { en: 'a subscription asks for QoS 3', de: 'Ein Abo verlangt QoS 3' },
  'codec.error.retain-handling': { en: 'Retain Handling is 3', de: 'Retain Handling ist 3' },
  'codec.error.no-local-shared': { en: 'No Local is set on a shared subscription', de: 'No Local ist bei einem Shared Subscription gesetzt' },
  'codec.error.subscribe-empty': { en: 'a SUBSCRIBE without a topic filter', de: 'ein SUBSCRIBE ohne Topic-Filter' },
  'codec.error.unsubscribe-empty': { en: 'an UNSUBSCRIBE without a topic filter', de: 'ein UNSUBSCRIBE ohne Topic-Filter' },
  'codec.error.suback-empty': { en: 'a SUBACK without a return code', de: 'ein SUBACK ohne Return Code' },
  'codec.error.unsuback-empty': { en: 'an UNSUBACK without a reason code', de: 'ein UNSUBACK ohne Reason Code' },
  'codec.error.packet-type': { en: 'the packet type is reserved', de: 'Der Pakettyp ist reserviert' },
  'codec.error.reserved-flags': { en: 'the reserved flag bits of the fixed header are wrong', de: 'Die reservierten Flag-Bits des festen Headers sind falsch' },
  'codec.error.server-only-packet': { en: 'only a server sends this packet type', de: 'Nur ein Server sendet diesen Pakettyp' },
  'codec.error.packet-too-large': { en: 'the packet is larger than the broker accepts', de: 'Das Paket ist größer, als der Broker annimmt' },
  'codec.error.varint': { en: 'a Variable Byte Integer is longer than 4 bytes or not minimal', de: 'Ein Variable Byte Integer ist länger als 4 Bytes oder nicht minimal' },
  'codec.error.property-unknown': { en: 'an unknown property identifier', de: 'eine unbekannte Property-Kennung' },
  'codec.error.property-not-allowed': { en: 'a property that this packet type does not allow', de: 'eine Property, die dieser Pakettyp nicht erlaubt' },
  'codec.error.property-duplicate': { en: 'a property that may appear once appears twice', de: 'Eine Property, die nur einmal vorkommen darf, kommt doppelt vor' },
  'codec.error.property-value': { en: 'a property has a value it may not have', de: 'Eine Property hat einen unzulässigen Wert' },
  'codec.error.too-many-properties': { en: 'more properties than the broker takes', de: 'mehr Properties, als der Broker annimmt' },
  'codec.error.auth-v311': { en: 'AUTH does not exist in 3.1.1', de: 'AUTH gibt es in 3.1.1 nicht' },
  'codec.error.reason-code': { en: 'the packet carries a reason code its type does not allow', de: 'Das Paket trägt einen Reason Code, den sein Typ nicht erlaubt' },
  // The encoder's refusals: a packet that cannot be put on the wire.
  'codec.error.qos': { en: 'a QoS is not 0, 1 or 2', de: 'Eine QoS ist weder 0, 1 noch 2' },
  'codec.error.not-a-string': { en: 'a text field holds no text', de: 'Ein Textfeld enthält keinen Text' },
  'codec.error.string-too-long': { en: 'a text field is longer than 65,535 bytes', de: 'Ein Textfeld ist länger als 65.535 Bytes' },
  'codec.error.not-binary': { en: 'a binary field holds no bytes', de: 'Ein Binärfeld enthält keine Bytes' },
  'codec.error.binary-too-long': { en: 'a binary field is longer than 65,535 bytes', de: 'Ein Binärfeld ist länger als 65.535 Bytes' },
  'codec.error.bad-packet': { en: 'this object is no packet the codec can encode', de: 'Dieses Objekt ist kein Paket, das der Codec kodieren kann' },
};

/**
 * The decoder's verdict in `lang`: the general text for its key with the detail in brackets
 * (German where the detail is known, from the error's `detail` or, for an error of an older
 * trace, from the message's shape; German leaves out a detail it cannot say in German); the
 * codec's English message for an unknown key.
 */
export function codecErrorText(error: Pick<CodecError, 'key' | 'message' | 'detail'>, lang: 'en' | 'de'): string {
  const t = CODEC_ERROR_TEXTS[error.key];
  if (!t) return error.message;
  if (lang === 'en') return `${t.en} (${error.message})`;
  const detail = error.detail ?? detailFromMessage(error.message, error.key);
  return detail === undefined ? t.de : `${t.de} (${inSentence(codecDetailText(detail, 'de'))})`;
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
  qos: 'die QoS',
  'will qos': 'die QoS des Testaments',
  'requested qos': 'die gewünschte QoS',
};

const field = (what: unknown): string => FIELD_DE[String(what).toLowerCase()] ?? String(what);
/** A field at the start of a German sentence. */
const Field = (what: unknown): string => {
  const f = field(what);
  return f.charAt(0).toUpperCase() + f.slice(1);
};
/** A field after "nach": its article in the dative (`der Nutzlast des CONNECT`, `dem Topic-Namen`). */
const DATIVE: Record<string, string> = { 'der ': 'dem ', 'die ': 'der ', 'das ': 'dem ' };
const fieldDative = (what: unknown): string => field(what).replace(/^(der |die |das )/, (a) => DATIVE[a]!);

type DetailValues = Readonly<Record<string, string | number>>;

/** Each detail in German, from its values (the English is the codec's, `CODEC_DETAILS`). */
const DETAILS_DE: { readonly [Id in CodecDetailId]: (p: DetailValues) => string } = {
  'truncated.remaining': (p) => `${Field(p.what)} reicht über die Restlänge hinaus`,
  'truncated.property': (p) => `${Field(p.what)} reicht über den Property-Block hinaus`,
  'truncated.property-length': () => 'Die Property-Länge reicht über das Paket hinaus',
  'truncated.property-block': () => 'Der Property-Block reicht über das Paket hinaus',
  'utf8-nul': (p) => `${Field(p.what)} enthält U+0000`,
  'utf8-invalid': (p) => `${Field(p.what)} ist kein gültiges UTF-8`,
  'trailing-bytes': (p) => `${p.count} Bytes übrig nach ${fieldDative(p.what)}`,
  'trailing-bytes.frame': (p) => `${p.count} Bytes folgen nach dem Paket`,
  'packet-id-zero': () => 'Paket-ID 0 ist nicht erlaubt',
  'reason-code': (p) => `${p.packet} darf den Reason Code ${p.code} nicht tragen`,
  'packet-type': (p) => `Pakettyp ${p.type} ist reserviert`,
  'reserved-flags': (p) => `Die Flags im festen Header von Pakettyp ${p.type} müssen ${p.flags} sein`,
  qos3: () => 'Ein PUBLISH darf nicht beide QoS-Bits gesetzt haben',
  'protocol-version.mqisdp': (p) => `MQTT 3.1 (MQIsdp) mit Protokollstufe ${p.level} wird nicht unterstützt`,
  'protocol-version': (p) => `Protokollstufe ${p.level} wird nicht unterstützt`,
  'protocol-name': (p) => `Der Protokollname „${p.name}“ ist nicht „MQTT“`,
  'connect-reserved': () => 'Das reservierte CONNECT-Flag muss 0 sein',
  'will-qos.without-will': () => 'Will QoS muss 0 sein, wenn das Will Flag 0 ist',
  'will-qos': () => 'Will QoS darf nicht 3 sein',
  'will-retain': () => 'Will Retain muss 0 sein, wenn das Will Flag 0 ist',
  'password-without-username': () => 'In 3.1.1 verlangt das Password Flag das User Name Flag',
  'dup-qos0': () => 'Bei QoS 0 muss das DUP-Flag 0 sein',
  'topic-empty.alias': () => 'Ein leerer Topic-Name braucht einen Topic Alias',
  'topic-empty': () => 'Ein Topic-Name muss mindestens ein Zeichen lang sein',
  'connack-reserved': () => 'Die Flag-Bits 7–1 im CONNACK müssen 0 sein',
  'too-many-filters': (p) => `Mehr als ${p.max} Topic-Filter`,
  'too-many-filters.reason-codes': (p) => `Mehr als ${p.max} Reason Codes`,
  'subscribe-options.v311': () => 'Im Byte der gewünschten QoS sind reservierte Bits gesetzt oder QoS 3',
  'subscribe-options': () => 'Die Bits 7–6 der Subscription Options sind reserviert',
  'subscribe-qos3': () => 'Maximum QoS 3 ist ein Protocol Error',
  'retain-handling': () => 'Retain Handling 3 ist ein Protocol Error',
  'no-local-shared': () => 'No Local bei einem Shared Subscription ist ein Protocol Error',
  'subscribe-empty': () => 'SUBSCRIBE muss mindestens einen Topic-Filter enthalten',
  'suback-empty': () => 'SUBACK muss je Topic-Filter einen Reason Code enthalten',
  'unsubscribe-empty': () => 'UNSUBSCRIBE muss mindestens einen Topic-Filter enthalten',
  'unsuback-empty': () => 'Ein UNSUBACK in 5.0 muss je Topic-Filter einen Reason Code enthalten',
  'server-only-packet': (p) => `Pakettyp ${p.type} sendet nur ein Server`,
  'varint.remaining-long': () => 'Die Restlänge ist länger als 4 Bytes',
  'varint.remaining-minimal': () => 'Die Restlänge ist nicht minimal kodiert',
  'varint.property-length': () => 'Die Property-Länge ist kein gültiger Variable Byte Integer',
  varint: (p) => `${Field(p.what)} ist kein gültiger Variable Byte Integer`,
  'packet-too-large': (p) => `Ein Paket mit ${p.size} Bytes überschreitet die maximale Paketgröße von ${p.max}`,
  'too-many-properties': (p) => `Mehr als ${p.max} Properties`,
  'property-unknown': (p) => `Unbekannte Property-ID ${p.id}`,
  'property-not-allowed': (p) => `${p.property} ist in ${p.packet} nicht erlaubt`,
  'property-duplicate': (p) => `${p.property} kommt mehr als einmal vor`,
  'property-value.zero': (p) => `${p.property} darf nicht 0 sein`,
  'property-value.bool': (p) => `${p.property} muss 0 oder 1 sein`,
  // The encoder's refusals
  'packet-id': () => 'Eine Paket-ID von 1 bis 65535 ist nötig',
  'packet-too-large.remaining': (p) => `Die Restlänge ${p.length} überschreitet 268.435.455`,
  qos: (p) => `${Field(p.what)} muss 0, 1 oder 2 sein`,
  'protocol-version.mismatch': (p) => `Das CONNECT nennt Protokollstufe ${p.level}, wird aber für ${p.version} kodiert`,
  'protocol-version.mqisdp-encode': () => 'MQTT 3.1 (MQIsdp) wird als Protokollversion 4 kodiert',
  'keep-alive.range': () => 'Keep Alive muss zwischen 0 und 65535 Sekunden liegen',
  'password-without-username.encode': () => 'MQTT 3.1.1 erlaubt ein Passwort nur mit Benutzername',
  'packet-id-qos0': () => 'Ein PUBLISH mit QoS 0 hat keine Paket-ID',
  'not-binary.payload': () => 'Die Nutzlast muss ein Uint8Array sein',
  'subscribe-empty.encode': () => 'SUBSCRIBE braucht mindestens einen Topic-Filter',
  'retain-handling.encode': () => 'Retain Handling muss 0, 1 oder 2 sein',
  'no-local-shared.encode': () => 'No Local bei einem Shared Subscription',
  'suback-empty.encode': () => 'SUBACK braucht je Topic-Filter einen Reason Code',
  'unsubscribe-empty.encode': () => 'UNSUBSCRIBE braucht mindestens einen Topic-Filter',
  'unsuback-empty.encode': () => 'Ein UNSUBACK in 5.0 braucht je Topic-Filter einen Reason Code',
  'auth-v311': () => 'AUTH gibt es nur in MQTT 5.0',
  'packet-type.unknown': (p) => `Unbekannter Pakettyp ${p.type}`,
  'not-a-string': (p) => `${Field(p.what)} muss ein Text sein`,
  'utf8-invalid.surrogate': (p) => `${Field(p.what)} enthält ein einzelnes Surrogat`,
  'string-too-long': (p) => `${Field(p.what)} ist ${p.length} Bytes lang; die Grenze ist 65.535`,
  'not-binary': (p) => `${Field(p.what)} muss ein Uint8Array sein`,
  'binary-too-long': (p) => `${Field(p.what)} ist ${p.length} Bytes lang; die Grenze ist 65.535`,
  'property-value.range': (p) => `${p.property} muss eine ganze Zahl von 0 bis ${p.max} sein`,
  'property-unknown.name': (p) => `Unbekannte Property ${p.name}`,
  'property-duplicate.subscription-id': () => 'SUBSCRIBE trägt höchstens einen Subscription Identifier',
  'bad-packet': (p) => `Dieses Objekt lässt sich nicht als Paket kodieren: ${p.error}`,
};

/** What the decoder found, in `lang`: the codec's English sentence, or its German from the same id and values. */
export function codecDetailText(detail: CodecDetail, lang: 'en' | 'de'): string {
  return lang === 'en' ? detailMessage(detail.id, detail.params) : DETAILS_DE[detail.id](detail.params ?? {});
}

/** The names of a detail's values (`{what}` ...), in the order its English sentence has them. */
function placeholders(id: CodecDetailId): string[] {
  return [...(CODEC_DETAILS[id] as string).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/**
 * The codec's English sentences as patterns, to read a message of an older trace back into its
 * detail: the sentence with each value a group. Sentences with fewer values come first, so a
 * fixed sentence wins over one with a value that would match it too
 * (`the property length is not a valid …` before `{what} is not a valid …`).
 */
const PATTERNS: readonly { id: CodecDetailId; names: string[]; pattern: RegExp }[] = (Object.keys(CODEC_DETAILS) as CodecDetailId[])
  .map((id) => {
    const names = placeholders(id);
    const source = (CODEC_DETAILS[id] as string).split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.+)');
    return { id, names, pattern: new RegExp(`^${source}$`) };
  })
  .sort((a, b) => a.names.length - b.names.length);

/**
 * The detail behind an English message of the codec (a trace file written before errors kept
 * their detail), narrowed by its key when known (`codec.error.truncated` or `truncated`);
 * undefined when no sentence of the codec has this shape.
 */
export function detailFromMessage(message: string, key?: string): CodecDetail | undefined {
  const short = key?.replace(/^codec\.error\./, '');
  for (const { id, names, pattern } of PATTERNS) {
    if (short !== undefined && detailKey(id) !== short) continue;
    const m = pattern.exec(message);
    if (!m) continue;
    if (names.length === 0) return { id };
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = m[i + 1]!));
    return { id, params };
  }
  return undefined;
}

/** The key's general German text, as a sentence. */
function generalGerman(key: string | undefined): string | undefined {
  const short = key?.replace(/^codec\.error\./, '');
  const general = short === undefined ? undefined : CODEC_ERROR_TEXTS[`codec.error.${short}`]?.de;
  return general === undefined ? undefined : general.charAt(0).toUpperCase() + general.slice(1);
}

/**
 * A codec error message in `lang`, for a message that came without its detail (an older trace,
 * the inspector's `not decoded: …`): English as it is; German from the detail its shape gives
 * (`detailFromMessage`), else the key's general text, else the message as it is.
 */
export function codecMessage(message: string, lang: 'en' | 'de', key?: string): string {
  if (lang === 'en') return message;
  const detail = detailFromMessage(message, key);
  if (detail !== undefined) return codecDetailText(detail, 'de');
  return generalGerman(key) ?? message;
}

/**
 * The detail a note carries (`codecDetail` and its values `codec.NAME`, see `codecNoteParams`
 * in src/core/codec/errors.ts), or undefined when it carries none this version knows or a value
 * its sentence needs is missing.
 */
export function detailFromNote(params: Readonly<Record<string, unknown>>): CodecDetail | undefined {
  const id = params.codecDetail;
  if (typeof id !== 'string' || !isCodecDetailId(id)) return undefined;
  const names = placeholders(id);
  if (names.length === 0) return { id };
  const values: Record<string, string | number> = {};
  for (const name of names) {
    const v = params[`codec.${name}`];
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    values[name] = v;
  }
  return { id, params: values };
}

/**
 * A decoder's message that a note carries (`message`, or `level` of `connect.unsupported-level`)
 * in `lang`: from the note's detail when it has one; else, for a note of an older trace, from the
 * message and the key (`codecMessage`). English is the message as the codec wrote it.
 */
export function codecNoteMessage(message: string, lang: 'en' | 'de', params: Readonly<Record<string, unknown>>): string {
  if (lang === 'en') return message;
  const detail = detailFromNote(params);
  if (detail !== undefined) return codecDetailText(detail, 'de');
  return codecMessage(message, lang, typeof params.codecKey === 'string' ? params.codecKey : undefined);
}
