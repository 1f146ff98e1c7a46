/**
 * Error values of the codec. Decoding never throws: it returns `{ kind: 'error', error }`.
 * Encoding throws exactly one kind of error, `CodecEncodeError`, which carries a `CodecError`
 * (use `tryEncode` for a result value instead).
 */
import { CODEC_RULES, type CodecRef, type CodecRule, type SpecRef } from './spec-ref.ts';
import type { CodecError, ProtocolVersion } from './types.ts';
import { detailErrorKey, detailMessage, type CodecDetailId, type CodecDetailParams } from './error-details.ts';

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
  /**
   * `detail` says what exactly was found (error-details.ts): the error's key and its English
   * message are made from it, when the failure becomes a `CodecError`.
   */
  constructor(
    readonly reasonCode: number,
    readonly ref: CodecRef,
    readonly detail: CodecDetailId,
    readonly params: CodecDetailParams | undefined,
    readonly offset: number,
  ) {}
  toCodecError(base = 0): CodecError {
    const detail = this.params === undefined ? { id: this.detail } : { id: this.detail, params: this.params };
    return { reasonCode: this.reasonCode, ref: this.ref, key: detailErrorKey(this.detail), message: detailMessage(this.detail, this.params), offset: this.offset - base, detail };
  }
}

/**
 * The parameters a trace note carries for a decoder's error besides its English `message`: the
 * key (`codecKey`), and what exactly was found (`codecDetail`, its values as `codec.NAME`), so a
 * view says the note in its language from the values, not from the English words (flat values:
 * a trace file's params are text, numbers and booleans).
 */
export function codecNoteParams(error: Pick<CodecError, 'key' | 'detail'>): Record<string, string | number> {
  const out: Record<string, string | number> = { codecKey: error.key };
  if (error.detail === undefined) return out;
  out.codecDetail = error.detail.id;
  if (error.detail.params !== undefined) for (const [name, value] of Object.entries(error.detail.params)) out[`codec.${name}`] = value;
  return out;
}

/** Make a `CodecError` value: its key and English message from `detail` (error-details.ts). */
export function codecError(reasonCode: number, ref: CodecRef, detail: CodecDetailId, params?: CodecDetailParams, offset = 0): CodecError {
  return { reasonCode, ref, key: detailErrorKey(detail), message: detailMessage(detail, params), offset, detail: params === undefined ? { id: detail } : { id: detail, params } };
}

/**
 * The codec's rules as lookups by version, e.g. `REFS.utf8Nul(version)`; the table itself is
 * `CODEC_RULES` (spec-ref.ts), one entry per rule with its 3.1.1 and 5.0 reference.
 */
export const REFS = Object.fromEntries(
  Object.entries(CODEC_RULES).map(([name, refs]) => [name, (v: ProtocolVersion): SpecRef => refs[v]]),
) as { readonly [R in CodecRule]: (v: ProtocolVersion) => SpecRef };
