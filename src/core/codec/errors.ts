/**
 * Error values of the codec. Decoding never throws: it returns `{ kind: 'error', error }`.
 * Encoding throws exactly one kind of error, `CodecEncodeError`, which carries a `CodecError`
 * (use `tryEncode` for a result value instead).
 */
import type { CodecError, ProtocolVersion } from './types.ts';

/** Reason codes the codec itself produces (MQTT 5.0, section 2.4). */
export const RC = {
  malformed: 0x81,
  protocolError: 0x82,
  unsupportedVersion: 0x84,
  packetTooLarge: 0x95,
  quotaExceeded: 0x97,
} as const;

/** Thrown by `encode` for a packet that cannot be put on the wire; `error` says why. */
export class CodecEncodeError extends Error {
  readonly error: CodecError;
  constructor(error: CodecError) {
    super(`${error.message} [${error.ref}]`);
    this.name = 'CodecEncodeError';
    this.error = error;
  }
}

/**
 * Internal: thrown inside the decoder and caught at the frame boundary, where it becomes an
 * error value. Not an `Error` subclass, so no stack trace is captured (fuzzing stays fast).
 */
export class DecodeFailure {
  constructor(
    readonly reasonCode: number,
    readonly ref: string,
    readonly key: string,
    readonly message: string,
    readonly offset: number,
  ) {}
  toCodecError(base = 0): CodecError {
    return { reasonCode: this.reasonCode, ref: this.ref, key: `codec.error.${this.key}`, message: this.message, offset: this.offset - base };
  }
}

/** Make a `CodecError` value. */
export function codecError(reasonCode: number, ref: string, key: string, message: string, offset = 0): CodecError {
  return { reasonCode, ref, key: `codec.error.${key}`, message, offset };
}

/** Pick the conformance reference of the protocol version in use (5.0 first, then 3.1.1). */
export function ref(version: ProtocolVersion, v5: string, v4: string): string {
  return version === 5 ? v5 : v4;
}

/** The spec references that differ between 3.1.1 and 5.0, by rule. */
export const REFS = {
  utf8Invalid: (v: ProtocolVersion) => ref(v, 'MQTT-1.5.4-1', 'MQTT-1.5.3-1'),
  utf8Nul: (v: ProtocolVersion) => ref(v, 'MQTT-1.5.4-2', 'MQTT-1.5.3-2'),
  varint: (v: ProtocolVersion) => ref(v, 'MQTT-1.5.5-1', '2.2.3'),
  reservedFlags: (v: ProtocolVersion) => ref(v, 'MQTT-2.1.3-1', 'MQTT-2.2.2-1'),
  remainingLength: (v: ProtocolVersion) => ref(v, '2.1.4', '2.2.3'),
  packetIdNonZero: (v: ProtocolVersion) => ref(v, 'MQTT-2.2.1-3', 'MQTT-2.3.1-1'),
  packetIdQos0: (v: ProtocolVersion) => ref(v, 'MQTT-2.2.1-2', 'MQTT-2.3.1-5'),
  willQosWithoutWill: (v: ProtocolVersion) => ref(v, 'MQTT-3.1.2-11', 'MQTT-3.1.2-13'),
  willQos3: (v: ProtocolVersion) => ref(v, 'MQTT-3.1.2-12', 'MQTT-3.1.2-14'),
  willRetainWithoutWill: (v: ProtocolVersion) => ref(v, 'MQTT-3.1.2-13', 'MQTT-3.1.2-15'),
  subscribeEmpty: (v: ProtocolVersion) => ref(v, 'MQTT-3.8.3-2', 'MQTT-3.8.3-3'),
  subscribeOptionsReserved: (v: ProtocolVersion) => ref(v, 'MQTT-3.8.3-5', 'MQTT-3-8.3-4'),
} as const;
