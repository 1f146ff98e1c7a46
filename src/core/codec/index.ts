/**
 * The MQTT 3.1.1 / 5.0 wire codec: bytes <-> packets, for the simulation, the broker, the
 * clients and the hex inspector alike. Pure TypeScript: no Node APIs, no packages.
 *
 * - `encode(packet, version)` -> Uint8Array (throws `CodecEncodeError`; `tryEncode` returns a result)
 * - `new Decoder({ version, limits })`, `push(chunk)`, `next()` -> DecodeResult (never throws)
 * - `decode(bytes, version)` -> DecodeResult for exactly one frame (never throws)
 * - `annotate(bytes, version)` -> AnnotatedPacket for the inspector (separate, slower path)
 * - `summarize(packet)` -> one line for traces and diagrams
 * Decoded payloads and binary fields are views into the input bytes (see decode.ts).
 */
export * from './types.ts';
export { encode, encodedLength, tryEncode } from './encode.ts';
export { Decoder, decode, type DecoderOptions } from './decoder.ts';
export { DEFAULT_LIMITS } from './decode.ts';
export { annotate } from './annotate.ts';
export { summarize, summarizePayload } from './summary.ts';
export { CodecEncodeError, codecNoteParams } from './errors.ts';
export { CODEC_DETAILS, detailMessage, type CodecDetail, type CodecDetailId, type CodecDetailParams } from './error-details.ts';
export {
  REASON_CODES_V5, REASON_NAMES, CONNACK_RETURN_CODES_V311, CONNACK_RETURN_NAMES_V311, SUBACK_RETURN_CODES_V311, reasonCodeInfo, isReasonCodeAllowed,
  describeReasonCode, toConnackReturnCodeV311, type ReasonCodeInfo, type Text,
} from './reason-codes.ts';
export { PROPERTY_TABLE, type PropertyDef, type PropertyType } from './properties.ts';
export { encodeUtf8, decodeUtf8, utf8Length } from './utf8.ts';
