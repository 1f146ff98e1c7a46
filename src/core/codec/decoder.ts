/**
 * The streaming decoder: bytes in any chunking in, packets out (h11 style: `push` bytes,
 * `next` events; no I/O, no callbacks).
 *
 * Theory of operation: the decoder holds the unconsumed bytes as `buf[pos, len)`. When it
 * holds nothing, `push` just keeps a reference to the caller's chunk (no copy; the common
 * case of one frame per chunk). When bytes are left over, it copies them and the new chunk
 * into a fresh array it owns, growing geometrically, and only ever appends into the unused
 * tail of that array. It never writes to a byte it has already handed out, so the packets'
 * `subarray` views (payloads, passwords, binary properties, `bytes`) stay valid for good.
 * `next` reads the first byte and the remaining length as soon as they arrive, so a bad
 * header or an oversize frame (`maxPacketSize`) is reported before its body is buffered.
 *
 * After an error the stream cannot be resynchronized (MQTT has no frame markers): `next`
 * keeps returning the same error until `reset`. A broker then closes the connection,
 * with a DISCONNECT carrying the reason code in 5.0.
 */
import { DecodeFailure, RC, REFS } from './errors.ts';
import { DEFAULT_LIMITS, checkFirstByte, decodeFrame } from './decode.ts';
import type { CodecError, DecodeResult, DecoderLimits, Packet, ProtocolVersion } from './types.ts';
import { readVarint, varintSize } from './varint.ts';

const EMPTY = new Uint8Array(0);
/** By packet type: 1 for CONNACK, SUBACK, UNSUBACK and PINGRESP, which only a server sends. */
const SERVER_ONLY = [0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0];
const NEED_MORE: DecodeResult = Object.freeze({ kind: 'need-more' });

/** Options of `new Decoder(...)`; limits default to `DEFAULT_LIMITS` (the protocol maxima). */
export interface DecoderOptions {
  /** The protocol version of the connection; a server sets it after CONNECT (`version = ...`). */
  version: ProtocolVersion;
  limits?: Partial<DecoderLimits>;
}

interface ScanState {
  e: CodecError | null;
  headerLen: number;
}

/** Header scan result: -1 need more, -2 error (in `err`), otherwise the frame's total length. */
function scanHeader(buf: Uint8Array, pos: number, len: number, version: ProtocolVersion, limits: DecoderLimits, err: ScanState): number {
  const first = buf[pos]!;
  const headerError = checkFirstByte(first, version);
  if (headerError !== null) {
    err.e = headerError;
    return -2;
  }
  if (limits.receiver === 'server' && SERVER_ONLY[first >> 4] === 1) {
    err.e = new DecodeFailure(RC.protocolError, 'mosquitto:server-only-packet', 'server-only-packet', { type: first >> 4 }, 0).toCodecError();
    return -2;
  }
  const rem = readVarint(buf, pos + 1, len);
  if (rem === -1) return -1;
  if (rem < 0) {
    err.e = new DecodeFailure(RC.malformed, REFS.varint(version), rem === -2 ? 'varint.remaining-long' : 'varint.remaining-minimal', undefined, 1).toCodecError();
    return -2;
  }
  err.headerLen = 1 + varintSize(rem);
  const total = err.headerLen + rem;
  if (total > limits.maxPacketSize) {
    err.e = new DecodeFailure(RC.packetTooLarge, '3.1.2.11.4', 'packet-too-large', { size: total, max: limits.maxPacketSize }, 1).toCodecError();
    return -2;
  }
  return total;
}

/**
 * A packet from the streaming decoder. Its `bytes` are cut from the buffer when asked for: a
 * broker that does not trace never asks, and a view costs more heap (about 90 bytes) than
 * the packet of an acknowledgement. Each read gives a new view of the same bytes.
 */
class DecodedFrame {
  readonly kind = 'packet';
  constructor(
    readonly packet: Packet,
    private readonly buf: Uint8Array,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** The exact bytes of this frame. */
  get bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }
}

/** Streaming MQTT decoder. `push(chunk)`, then call `next()` until it says `need-more`. */
export class Decoder {
  /** Protocol version used for every packet but CONNECT (which carries its own). Settable. */
  version: ProtocolVersion;
  readonly limits: DecoderLimits;
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private len = 0;
  private owned = false;
  private failed: DecodeResult | null = null;
  private readonly err: ScanState = { e: null, headerLen: 0 };

  constructor(options: DecoderOptions) {
    this.version = options.version;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** Bytes received but not yet returned as packets. */
  get buffered(): number {
    return this.len - this.pos;
  }

  /** Append received bytes. The chunk is referenced, not copied: do not modify it afterwards. */
  push(chunk: Uint8Array): void {
    if (this.failed !== null || chunk.length === 0) return;
    const rest = this.len - this.pos;
    if (rest === 0) {
      this.buf = chunk;
      this.pos = 0;
      this.len = chunk.length;
      this.owned = false;
      return;
    }
    if (this.owned && this.buf.length - this.len >= chunk.length) {
      this.buf.set(chunk, this.len); // append into bytes never handed out
      this.len += chunk.length;
      return;
    }
    const next = new Uint8Array(Math.max(rest + chunk.length, rest * 2, 64));
    next.set(this.buf.subarray(this.pos, this.len), 0);
    next.set(chunk, rest);
    this.buf = next;
    this.pos = 0;
    this.len = rest + chunk.length;
    this.owned = true;
  }

  /** The next packet, `need-more`, or an error (sticky until `reset`). Never throws. */
  next(): DecodeResult {
    if (this.failed !== null) return this.failed;
    const pos = this.pos;
    const avail = this.len - pos;
    if (avail === 0) return NEED_MORE;
    const buf = this.buf;
    const total = scanHeader(buf, pos, this.len, this.version, this.limits, this.err);
    if (total === -1 || (total > 0 && total > avail)) return NEED_MORE;
    if (total === -2) return this.fail(this.err.e!);
    const end = pos + total;
    const r = decodeFrame(buf, pos, pos + this.err.headerLen, end, this.version, this.limits);
    this.pos = end;
    if (end === this.len) {
      this.buf = EMPTY;
      this.pos = this.len = 0;
      this.owned = false;
    }
    if ((r as Packet).type === undefined) return this.fail(r as CodecError);
    return new DecodedFrame(r as Packet, buf, pos, end);
  }

  /** Forget buffered bytes and any error (e.g. for a new connection). */
  reset(): void {
    this.buf = EMPTY;
    this.pos = this.len = 0;
    this.owned = false;
    this.failed = null;
  }

  private fail(error: CodecError): DecodeResult {
    this.failed = { kind: 'error', error };
    return this.failed;
  }
}

/**
 * Decode exactly one complete frame. `need-more` when `bytes` is a frame's beginning; an error
 * when it is malformed or followed by extra bytes. Payloads alias `bytes`. Never throws.
 */
export function decode(bytes: Uint8Array, version: ProtocolVersion, limits?: Partial<DecoderLimits>): DecodeResult {
  // The streaming decoder's steps without its buffering (this runs for every simulated packet).
  if (bytes.length === 0) return NEED_MORE;
  const lim = limits === undefined ? DEFAULT_LIMITS : isComplete(limits) ? limits : { ...DEFAULT_LIMITS, ...limits };
  const scan = oneShotScan;
  const total = scanHeader(bytes, 0, bytes.length, version, lim, scan);
  if (total === -1 || (total > 0 && total > bytes.length)) return NEED_MORE;
  if (total === -2) return { kind: 'error', error: scan.e! };
  const r = decodeFrame(bytes, 0, scan.headerLen, total, version, lim);
  if ((r as Packet).type === undefined) return { kind: 'error', error: r as CodecError };
  if (total < bytes.length) {
    return { kind: 'error', error: new DecodeFailure(RC.malformed, REFS.remainingLength(version), 'trailing-bytes.frame', { count: bytes.length - total }, total).toCodecError() };
  }
  return { kind: 'packet', packet: r as Packet, bytes };
}

/** All of the limits given (then `decode` uses the object as it is: one per broker, no copy per packet). */
function isComplete(limits: Partial<DecoderLimits>): limits is DecoderLimits {
  return limits.maxPacketSize !== undefined && limits.maxProperties !== undefined && limits.maxTopicFilters !== undefined;
}

/** `decode`'s header scan state: read right after each scan, so one object serves every call. */
const oneShotScan: ScanState = { e: null, headerLen: 0 };
