/**
 * A cursor over one frame (`Reader`), for the packet decoders of decode.ts.
 *
 * Theory of operation: the reader walks `buf[pos, end)` by direct index arithmetic and reads one
 * field a call (byte, two-byte integer, UTF-8 string, binary data, properties, packet
 * identifier, reason code). The rules that belong to a field are checked where it is read, with
 * their conformance IDs: truncation, well-formed UTF-8 without U+0000, a non-zero packet
 * identifier, a reason code allowed for the packet, no trailing bytes. A violation throws a
 * `DecodeFailure` (`fail`), which `decodeFrame` turns into a `CodecError` value.
 */
import { DecodeFailure, RC, REFS } from './errors.ts';
import type { CodecDetailId, CodecDetailParams } from './error-details.ts';
import type { CodecRef, SpecRef } from './spec-ref.ts';
import { readProperties } from './properties.ts';
import { isReasonCodeAllowed, reasonCodeRef } from './reason-codes.ts';
import type { DecoderLimits, PacketType, Properties, ProtocolVersion } from './types.ts';
import { UTF8_NUL, decodeUtf8 } from './utf8.ts';

/** Stops decoding with a rule's violation at `offset` (thrown; `decodeFrame` catches it). */
export function fail(reasonCode: number, ref: CodecRef, detail: CodecDetailId, params: CodecDetailParams | undefined, offset: number): never {
  throw new DecodeFailure(reasonCode, ref, detail, params, offset);
}

/** A cursor over one frame. */
export class Reader {
  pos: number;
  /** Reused out-parameter for readProperties. */
  readonly out = { pos: 0 };
  constructor(
    public buf: Uint8Array,
    /** Where the frame starts (its first byte). */
    public start: number,
    pos: number,
    public end: number,
    public version: ProtocolVersion,
    public limits: DecoderLimits,
  ) {
    this.pos = pos;
  }

  /** The reader set to another frame (`decodeFrame` reuses one: decoding never nests). */
  reset(buf: Uint8Array, start: number, pos: number, end: number, version: ProtocolVersion, limits: DecoderLimits): this {
    this.buf = buf;
    this.start = start;
    this.pos = pos;
    this.end = end;
    this.version = version;
    this.limits = limits;
    return this;
  }

  short(what: string): never {
    return fail(RC.malformed, REFS.remainingLength(this.version), 'truncated.remaining', { what }, this.pos);
  }

  u8(what: string): number {
    if (this.pos >= this.end) this.short(what);
    return this.buf[this.pos++]!;
  }

  u16(what: string): number {
    const p = this.pos;
    if (p + 2 > this.end) this.short(what);
    this.pos = p + 2;
    return (this.buf[p]! << 8) | this.buf[p + 1]!;
  }

  str(what: string): string {
    const p = this.pos;
    if (p + 2 > this.end) this.short(what);
    const n = (this.buf[p]! << 8) | this.buf[p + 1]!;
    const e = p + 2 + n;
    if (e > this.end) this.short(what);
    const s = decodeUtf8(this.buf, p + 2, e);
    if (typeof s === 'number') {
      // MQTT-1.5.4-1 / -2 (3.1.1: MQTT-1.5.3-1 / -2)
      if (s === UTF8_NUL) fail(RC.malformed, REFS.utf8Nul(this.version), 'utf8-nul', { what }, p);
      fail(RC.malformed, REFS.utf8Invalid(this.version), 'utf8-invalid', { what }, p);
    }
    this.pos = e;
    return s;
  }

  bin(what: string): Uint8Array {
    const p = this.pos;
    if (p + 2 > this.end) this.short(what);
    const e = p + 2 + ((this.buf[p]! << 8) | this.buf[p + 1]!);
    if (e > this.end) this.short(what);
    this.pos = e;
    return this.buf.subarray(p + 2, e);
  }

  props(packet: number): Properties | undefined {
    const props = readProperties(this.buf, this.pos, this.end, packet, this.limits, this.out);
    this.pos = this.out.pos;
    return props;
  }

  done(what: string): void {
    if (this.pos !== this.end) {
      fail(RC.malformed, REFS.remainingLength(this.version), 'trailing-bytes', { count: this.end - this.pos, what }, this.pos);
    }
  }

  packetId(): number {
    const id = this.u16('packet identifier');
    // MQTT-2.2.1-3 (3.1.1: MQTT-2.3.1-1): packet identifiers are non-zero.
    if (id === 0) fail(RC.protocolError, REFS.packetIdNonZero(this.version), 'packet-id-zero', undefined, this.pos - 2);
    return id;
  }

  reasonCode(type: PacketType): number {
    const at = this.pos;
    const code = this.u8('reason code');
    if (!isReasonCodeAllowed(code, type, this.version)) {
      fail(RC.protocolError, reasonCodeRef(type, this.version), 'reason-code', { packet: type.toUpperCase(), code: `0x${code.toString(16)}` }, at);
    }
    return code;
  }

  /** The payload of a SUBACK or 5.0 UNSUBACK: one reason code per topic filter, at least one. */
  reasonCodeList(type: 'suback' | 'unsuback', emptyRef: SpecRef): number[] {
    const reasonCodes: number[] = [];
    while (this.pos < this.end) {
      if (reasonCodes.length >= this.limits.maxTopicFilters) fail(RC.quotaExceeded, 'limit:maxTopicFilters', 'too-many-filters.reason-codes', { max: this.limits.maxTopicFilters }, this.pos);
      reasonCodes.push(this.reasonCode(type));
    }
    if (reasonCodes.length === 0) fail(RC.protocolError, emptyRef, `${type}-empty`, undefined, this.pos);
    return reasonCodes;
  }
}
