/**
 * Variable Byte Integer (MQTT 5.0 section 1.5.5; 3.1.1 section 2.2.3, "Remaining Length"):
 * 7 bits a byte, least significant group first, high bit = "more follows", at most 4 bytes,
 * so the largest value is 268,435,455.
 */

/** Largest value a Variable Byte Integer can carry. */
export const VARINT_MAX = 268_435_455;

/** Bytes needed to encode `n` (1..4); `n` must be in 0..VARINT_MAX. */
export function varintSize(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/** Write `n` at `pos`; returns the position after it. */
export function writeVarint(buf: Uint8Array, pos: number, n: number): number {
  while (n >= 128) {
    buf[pos++] = (n & 127) | 128;
    n >>>= 7;
  }
  buf[pos++] = n;
  return pos;
}

/**
 * Read a Variable Byte Integer at `pos` without reading past `end`. Returns the value, or
 * -1 when more bytes are needed, -2 when it runs over 4 bytes, -3 when it is not minimal
 * (a trailing 0x00 group; MQTT-1.5.5-1). The encoded length is `varintSize(value)`.
 */
export function readVarint(buf: Uint8Array, pos: number, end: number): number {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 4; i++) {
    if (pos + i >= end) return -1;
    const b = buf[pos + i]!;
    value += (b & 127) * mul;
    if (b < 128) return i > 0 && b === 0 ? -3 : value;
    mul *= 128;
  }
  return -2;
}
