/**
 * What exactly the decoder found, as data: a detail id and its values (`{ id:
 * 'truncated.remaining', params: { what: 'topic name' } }`), made where the decoder fails. The
 * codec speaks English: `CODEC_DETAILS` holds each detail's English sentence, the `message` a
 * `CodecError` carries (`topic name runs past the remaining length`). Other languages say the
 * same detail from its id and values (src/core/mqtt/codec-error-texts.ts), never by reading the
 * English sentence back, except for messages of older trace files that kept only the sentence.
 *
 * The encoder's refusals (a packet that cannot be put on the wire) are details too, at the end of
 * the table; where it says what the decoder says, it uses the same detail.
 *
 * An id is the error's key (`codec.error.<key>`, see errors.ts) or the key, a dot and a variant
 * (`truncated.property-block`): `detailKey` gives the key back. `{name}` is a value: `what` a
 * field of the packet as the codec names it (`topic name`, `client identifier`), `property` a
 * 5.0 property's spec name, `packet` a packet type's name, the rest numbers or codes.
 */

export const CODEC_DETAILS = {
  'truncated.remaining': '{what} runs past the remaining length',
  'truncated.property': '{what} runs past the property block',
  'truncated.property-length': 'the property length runs past the packet',
  'truncated.property-block': 'the property block runs past the packet',
  'utf8-nul': '{what} contains U+0000',
  'utf8-invalid': '{what} is not well-formed UTF-8',
  'trailing-bytes': '{count} bytes left over after the {what}',
  'trailing-bytes.frame': '{count} bytes follow the frame',
  'packet-id-zero': 'packet identifier 0 is not allowed',
  'reason-code': '{packet} may not carry reason code {code}',
  'packet-type': 'packet type {type} is reserved',
  'reserved-flags': 'the fixed-header flags of packet type {type} must be {flags}',
  qos3: 'a PUBLISH must not have both QoS bits set',
  'protocol-version.mqisdp': 'MQTT 3.1 (MQIsdp) with protocol level {level} is not supported',
  'protocol-version': 'protocol level {level} is not supported',
  'protocol-name': 'protocol name "{name}" is not "MQTT"',
  'connect-reserved': 'the reserved connect flag must be 0',
  'will-qos.without-will': 'Will QoS must be 0 when the Will Flag is 0',
  'will-qos': 'Will QoS must not be 3',
  'will-retain': 'Will Retain must be 0 when the Will Flag is 0',
  'password-without-username': 'the Password Flag requires the User Name Flag in 3.1.1',
  'dup-qos0': 'the DUP flag must be 0 for QoS 0',
  'topic-empty.alias': 'an empty topic name needs a Topic Alias',
  'topic-empty': 'a topic name must be at least one character long',
  'connack-reserved': 'CONNACK flag bits 7-1 must be 0',
  'too-many-filters': 'more than {max} topic filters',
  'too-many-filters.reason-codes': 'more than {max} reason codes',
  'subscribe-options.v311': 'requested QoS byte has reserved bits set or QoS 3',
  'subscribe-options': 'subscription option bits 7-6 are reserved',
  'subscribe-qos3': 'Maximum QoS 3 is a Protocol Error',
  'retain-handling': 'Retain Handling 3 is a Protocol Error',
  'no-local-shared': 'No Local on a shared subscription is a Protocol Error',
  'subscribe-empty': 'SUBSCRIBE must contain at least one topic filter',
  'suback-empty': 'SUBACK must contain a reason code per topic filter',
  'unsubscribe-empty': 'UNSUBSCRIBE must contain at least one topic filter',
  'unsuback-empty': 'a 5.0 UNSUBACK must contain a reason code per topic filter',
  'server-only-packet': 'packet type {type} is sent only by a server',
  'varint.remaining-long': 'the remaining length runs over 4 bytes',
  'varint.remaining-minimal': 'the remaining length is not minimally encoded',
  'varint.property-length': 'the property length is not a valid Variable Byte Integer',
  varint: '{what} is not a valid Variable Byte Integer',
  'packet-too-large': 'a {size}-byte packet exceeds the maximum packet size of {max}',
  'too-many-properties': 'more than {max} properties',
  'property-unknown': 'unknown property identifier {id}',
  'property-not-allowed': '{property} is not allowed in {packet}',
  'property-duplicate': '{property} appears more than once',
  'property-value.zero': '{property} must not be 0',
  'property-value.bool': '{property} must be 0 or 1',
  // The encoder (encode.ts, properties.ts): a packet that cannot be put on the wire.
  'packet-id': 'a packet identifier in 1..65535 is required',
  'packet-too-large.remaining': 'remaining length {length} exceeds 268,435,455',
  qos: '{what} must be 0, 1 or 2',
  'protocol-version.mismatch': 'CONNECT says level {level} but is encoded for {version}',
  'protocol-version.mqisdp-encode': 'MQTT 3.1 (MQIsdp) is encoded as protocol version 4',
  'keep-alive.range': 'keep alive must be in 0..65535 seconds',
  'password-without-username.encode': 'MQTT 3.1.1 allows a password only with a user name',
  'packet-id-qos0': 'a QoS 0 PUBLISH has no packet identifier',
  'not-binary.payload': 'the payload must be a Uint8Array',
  'subscribe-empty.encode': 'SUBSCRIBE needs at least one topic filter',
  'retain-handling.encode': 'Retain Handling must be 0, 1 or 2',
  'no-local-shared.encode': 'No Local on a shared subscription',
  'suback-empty.encode': 'SUBACK needs one reason code per topic filter',
  'unsubscribe-empty.encode': 'UNSUBSCRIBE needs at least one topic filter',
  'unsuback-empty.encode': 'a 5.0 UNSUBACK needs one reason code per topic filter',
  'auth-v311': 'AUTH exists in MQTT 5.0 only',
  'packet-type.unknown': 'unknown packet type {type}',
  'not-a-string': '{what} must be a string',
  'utf8-invalid.surrogate': '{what} contains a lone surrogate',
  'string-too-long': '{what} is {length} bytes long; the limit is 65,535',
  'not-binary': '{what} must be a Uint8Array',
  'binary-too-long': '{what} is {length} bytes long; the limit is 65,535',
  'property-value.range': '{property} must be an integer in 0..{max}',
  'property-unknown.name': 'unknown property {name}',
  'property-duplicate.subscription-id': 'SUBSCRIBE carries at most one Subscription Identifier',
  'bad-packet': 'cannot encode this object as a packet: {error}',
} as const satisfies Record<string, string>;

export type CodecDetailId = keyof typeof CODEC_DETAILS;

/** A detail's values: field and property names, packet names, numbers. */
export type CodecDetailParams = Readonly<Record<string, string | number>>;

/** What exactly the decoder found: which detail, with which values. */
export interface CodecDetail {
  id: CodecDetailId;
  params?: CodecDetailParams;
}

/** The error key (`truncated`) of a detail id (`truncated.remaining`). */
export function detailKey(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

/** Whether `id` is a detail this codec knows. */
export function isCodecDetailId(id: string): id is CodecDetailId {
  return Object.hasOwn(CODEC_DETAILS, id);
}

/**
 * Each sentence split once at its values (`['', 'what', ' runs past …']`: text, name, text, …) and
 * its error key, so an error costs a few concatenations (the fuzzer decodes 10^6 bad frames).
 */
const COMPILED = new Map<string, { key: string; parts: readonly string[] }>(
  Object.entries(CODEC_DETAILS).map(([id, sentence]) => [id, { key: `codec.error.${detailKey(id)}`, parts: sentence.split(/\{(\w+)\}/) }]),
);

/** The error key of a detail (`codec.error.truncated` for `truncated.remaining`). */
export function detailErrorKey(id: CodecDetailId): string {
  return COMPILED.get(id)!.key;
}

/** The detail's English sentence with its values filled in: the `message` of the codec's error. */
export function detailMessage(id: CodecDetailId, params?: CodecDetailParams): string {
  const parts = COMPILED.get(id)!.parts;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params?.[parts[i]!];
    out += (value === undefined ? `{${parts[i]}}` : String(value)) + parts[i + 1]!;
  }
  return out;
}
