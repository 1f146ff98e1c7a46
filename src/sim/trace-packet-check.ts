/**
 * How the compact trace store (trace-log.ts) makes sure a packet it keeps only as its bytes is
 * given back exactly: the protocol version of each connection, from the CONNECTs seen on it, and
 * a check that bytes decoded with a version give exactly the packet (its fields, their order).
 */
import { decode } from '../core/codec/index.ts';
import type { DecoderLimits, Packet, ProtocolVersion } from '../core/codec/types.ts';

/** Decoding kept bytes again: they decoded once, under the receiver's limits, so none apply. */
export const READ_LIMITS: DecoderLimits = { maxPacketSize: Number.MAX_SAFE_INTEGER, maxProperties: Number.MAX_SAFE_INTEGER, maxTopicFilters: Number.MAX_SAFE_INTEGER };

/** The protocol version of each connection of a trace (by its kept-string number; 0: none), from its CONNECTs. */
export class ConnVersions {
  readonly #version = new Map<number, ProtocolVersion>();
  /** Connections whose CONNECTs changed the version: every packet on them is checked. */
  readonly #unsettled = new Set<number>();

  /** The version a CONNECT set on `conn`, if one was seen. */
  get(conn: number): ProtocolVersion | undefined {
    return this.#version.get(conn);
  }

  /** A CONNECT of `version` on connection `conn` (0: none) sets the version of what follows on it. */
  connectOn(conn: number, version: ProtocolVersion): void {
    if (conn === 0) return;
    const before = this.#version.get(conn);
    if (before !== undefined && before !== version) this.#unsettled.add(conn);
    this.#version.set(conn, version);
  }

  /**
   * The protocol version that decodes `bytes` to exactly `packet` (its fields, their order),
   * or 0 when none does: then the packet is kept as it is. A sender's packet may differ from
   * its decoded bytes (a 5.0 PUBACK without `reasonCode`, which decoding gives as 0; a packet
   * its sender built with another field order), so it is decoded once here to be sure, or left
   * `pending` for its delivery to confirm when the connection's version is known. A delivery of
   * its send's bytes (`delivered`) was decoded by its receiver with the version of its
   * connection, which its CONNECT set: that needs no check, unless a later CONNECT on the
   * connection changed the version. A connection whose CONNECT is not in the log (a recording
   * that starts later) has every packet checked with both versions.
   */
  versionOf(conn: number, packet: Packet, bytes: Uint8Array, delivered: boolean): ProtocolVersion | 0 | 'pending' {
    if (packet.type === 'connect') {
      this.connectOn(conn, packet.protocolVersion);
      return decodesTo(bytes, packet.protocolVersion, packet) ? packet.protocolVersion : 0;
    }
    const known = conn === 0 ? undefined : this.#version.get(conn);
    if (known !== undefined) {
      if (!this.#unsettled.has(conn)) return delivered ? known : 'pending';
      if (decodesTo(bytes, known, packet)) return known;
    }
    for (const version of [4, 5] as const) if (version !== known && decodesTo(bytes, version, packet)) return version;
    return 0;
  }
}

/** Do `bytes`, decoded as `version`, give exactly `packet`? */
export function decodesTo(bytes: Uint8Array, version: ProtocolVersion, packet: Packet): boolean {
  const r = decode(bytes, version, READ_LIMITS);
  return r.kind === 'packet' && sameValue(r.packet, packet);
}

/**
 * Deep equality as a view or a file sees it: primitives, byte arrays, arrays and plain objects
 * with the same fields in the same order (a field holding undefined counts as absent, as in JSON).
 */
export function sameValue(x: unknown, y: unknown): boolean {
  if (Object.is(x, y)) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (x instanceof Uint8Array || y instanceof Uint8Array) {
    if (!(x instanceof Uint8Array && y instanceof Uint8Array) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(x) !== Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  const xs = x as Record<string, unknown>;
  const ys = y as Record<string, unknown>;
  // y's defined keys, in order, in a scratch list (one per depth: no allocation per packet).
  const keys = (keyScratch[depth] ??= []);
  keys.length = 0;
  for (const k in ys) if (ys[k] !== undefined) keys.push(k);
  let j = 0;
  depth++;
  try {
    for (const k in xs) {
      const v = xs[k];
      if (v === undefined) continue;
      if (keys[j++] !== k || !sameValue(v, ys[k])) return false;
    }
  } finally {
    depth--;
  }
  return j === keys.length;
}

const keyScratch: string[][] = [];
let depth = 0;
