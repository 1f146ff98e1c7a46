/**
 * Error values of the codec. Decoding never throws: it returns `{ kind: 'error', error }`.
 * Encoding throws exactly one kind of error, `CodecEncodeError`, which carries a `CodecError`
 * (use `tryEncode` for a result value instead).
 */
import { CODEC_RULES, type CodecRef, type CodecRule, type SpecRef } from './spec-ref.ts';
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
    readonly ref: CodecRef,
    readonly key: string,
    readonly message: string,
    readonly offset: number,
  ) {}
  toCodecError(base = 0): CodecError {
    return { reasonCode: this.reasonCode, ref: this.ref, key: `codec.error.${this.key}`, message: this.message, offset: this.offset - base };
  }
}

/** Make a `CodecError` value. */
export function codecError(reasonCode: number, ref: CodecRef, key: string, message: string, offset = 0): CodecError {
  return { reasonCode, ref, key: `codec.error.${key}`, message, offset };
}

/**
 * The codec's rules as lookups by version, e.g. `REFS.utf8Nul(version)`; the table itself is
 * `CODEC_RULES` (spec-ref.ts), one entry per rule with its 3.1.1 and 5.0 reference.
 */
export const REFS = Object.fromEntries(
  Object.entries(CODEC_RULES).map(([name, refs]) => [name, (v: ProtocolVersion): SpecRef => refs[v]]),
) as { readonly [R in CodecRule]: (v: ProtocolVersion) => SpecRef };
