/** Small helpers shared by the codec tests. */
import type { AnnotatedField, Packet } from '../../src/core/codec/index.ts';

const te = new TextEncoder();

/** UTF-8 bytes of a string (test data only). */
export function utf8(s: string): Uint8Array {
  return te.encode(s);
}

/** `01 0a ff` -> bytes. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes -> `01 0a ff`. */
export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/**
 * A packet with every Uint8Array replaced by a plain number array, so that `toEqual` compares
 * contents and not the class (a subarray view and a fresh array compare equal).
 */
export function plain(p: Packet | null | undefined): unknown {
  return JSON.parse(JSON.stringify(p ?? null, (_k, v: unknown) => (v instanceof Uint8Array ? { bytes: Array.from(v) } : v)));
}

/** The first field called `name`, depth first (the annotated view of a packet or a frame). */
export function findField(fields: readonly AnnotatedField[], name: string): AnnotatedField | undefined {
  for (const f of fields) {
    if (f.name === name) return f;
    const inner = findField(f.children ?? [], name);
    if (inner) return inner;
  }
  return undefined;
}
