/**
 * UTF-8 for MQTT strings, hand-rolled (TextEncoder/TextDecoder cost more than the work for
 * the short strings MQTT carries), strict as the spec requires:
 * - well-formed UTF-8 only: no overlong forms, no code points above U+10FFFF, no encoded
 *   surrogates U+D800..U+DFFF (MQTT-1.5.4-1 / 3.1.1: MQTT-1.5.3-1);
 * - no U+0000 (MQTT-1.5.4-2 / MQTT-1.5.3-2).
 * ASCII fast path both ways: a string whose byte length equals its UTF-16 length is ASCII.
 */

/** Error result: ill-formed UTF-8 or a surrogate (MQTT-1.5.4-1). Negative, never a length. */
export const UTF8_INVALID = -1;
/** Error result: U+0000 (MQTT-1.5.4-2). */
export const UTF8_NUL = -2;

/**
 * Encoded byte length of `s`, or UTF8_INVALID for a lone surrogate, UTF8_NUL for U+0000.
 */
export function utf8Length(s: string): number {
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) return UTF8_NUL;
      continue;
    }
    if (c < 0x800) len += 1;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair (4 bytes for 2 units) is fine; a lone surrogate is not.
      if (c > 0xdbff || i + 1 >= n) return UTF8_INVALID;
      const d = s.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return UTF8_INVALID;
      len += 2;
      i++;
    } else len += 2;
  }
  return len;
}

/** Write `s` (validated by `utf8Length`, which returned `byteLength`) at `pos`; returns the end. */
export function writeUtf8(buf: Uint8Array, pos: number, s: string, byteLength: number): number {
  const n = s.length;
  if (byteLength === n) {
    for (let i = 0; i < n; i++) buf[pos + i] = s.charCodeAt(i);
    return pos + n;
  }
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) buf[pos++] = c;
    else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      buf[pos++] = 0xf0 | (c >> 18);
      buf[pos++] = 0x80 | ((c >> 12) & 63);
      buf[pos++] = 0x80 | ((c >> 6) & 63);
      buf[pos++] = 0x80 | (c & 63);
    } else {
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 63);
      buf[pos++] = 0x80 | (c & 63);
    }
  }
  return pos;
}

/** Encode a string to a fresh array; null when it is not a valid MQTT string. */
export function encodeUtf8(s: string): Uint8Array | null {
  const len = utf8Length(s);
  if (len < 0) return null;
  const out = new Uint8Array(len);
  writeUtf8(out, 0, s, len);
  return out;
}

const CHUNK = 4096;
/** Scratch space for UTF-16 code units; an MQTT string has at most 65,535 bytes. */
let units = new Uint16Array(256);

function fromUnits(n: number): string {
  if (n <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/**
 * Decode `buf[start, end)` as an MQTT UTF-8 string. Returns the string, or UTF8_INVALID /
 * UTF8_NUL (numbers) when the bytes break MQTT-1.5.4-1 / MQTT-1.5.4-2.
 */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string | number {
  // ASCII fast path: check (hashing the bytes on the way), then take the string from the cache
  // of recent ones or build it straight from the input bytes.
  let i = start;
  let hash = 0x811c9dc5;
  for (; i < end; i++) {
    const b = buf[i]!;
    if (b === 0) return UTF8_NUL;
    if (b >= 0x80) break;
    hash = Math.imul(hash ^ b, 0x01000193);
  }
  if (i === end) {
    const n = end - start;
    if (n === 0) return '';
    if (n <= INTERN_MAX_LENGTH) return internedAscii(buf, start, n, hash);
    if (n <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return decodeSlow(buf, start, end);
}

/**
 * Recently decoded short ASCII strings by the FNV-1a hash of their bytes. MQTT sends the same
 * topics, client identifiers and property names again and again; the cache hands out the
 * string decoded before (compared byte for byte, so a hash collision only misses) instead of
 * building and keeping a new copy for every packet. Bounded: emptied when full.
 */
const interned = new Map<number, string>();
const INTERN_MAX_LENGTH = 128;
const INTERN_MAX_ENTRIES = 8192;

function internedAscii(buf: Uint8Array, start: number, n: number, hash: number): string {
  const known = interned.get(hash);
  if (known !== undefined && known.length === n) {
    let same = true;
    for (let k = 0; k < n; k++) {
      if (known.charCodeAt(k) !== buf[start + k]) {
        same = false;
        break;
      }
    }
    if (same) return known;
  }
  const s = String.fromCharCode.apply(null, buf.subarray(start, start + n) as unknown as number[]);
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  interned.set(hash, s);
  return s;
}

function decodeSlow(buf: Uint8Array, start: number, end: number): string | number {
  if (units.length < end - start) units = new Uint16Array(Math.max(end - start, units.length * 2));
  let n = 0;
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    if (b < 0x80) {
      if (b === 0) return UTF8_NUL;
      units[n++] = b;
      i++;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= end) return UTF8_INVALID;
      const b1 = buf[i + 1]!;
      if ((b1 & 0xc0) !== 0x80) return UTF8_INVALID;
      units[n++] = ((b & 0x1f) << 6) | (b1 & 0x3f);
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= end) return UTF8_INVALID;
      const b1 = buf[i + 1]!;
      const b2 = buf[i + 2]!;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80) return UTF8_INVALID;
      const c = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return UTF8_INVALID; // overlong or surrogate
      units[n++] = c;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= end) return UTF8_INVALID;
      const b1 = buf[i + 1]!;
      const b2 = buf[i + 2]!;
      const b3 = buf[i + 3]!;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return UTF8_INVALID;
      const c = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      if (c < 0x10000 || c > 0x10ffff) return UTF8_INVALID;
      const d = c - 0x10000;
      units[n++] = 0xd800 + (d >> 10);
      units[n++] = 0xdc00 + (d & 0x3ff);
      i += 4;
    } else return UTF8_INVALID; // continuation byte first, 0xC0/0xC1 (overlong), 0xF5..0xFF
  }
  return fromUnits(n);
}
