/**
 * Share links: the scenario text, compressed into the URL fragment, so sharing needs no server
 * and the text never leaves the browser unless the learner sends the link.
 *
 *   https://…/#s=<base64url( DEFLATE-raw( UTF-8 text ) )>
 *
 * Decoding treats the link as hostile: only the base64url alphabet is accepted, the link length
 * and the unpacked size are capped (the inflater is fed 1 kB at a time and stopped as soon as the
 * output passes the cap, so a "zip bomb" costs at most about a megabyte), the bytes must be valid
 * UTF-8, and the result is only ever *text* handed to the parser and the editor: nothing in a
 * link is executed or rendered as HTML.
 *
 * This module pulls in fflate; load it with `import()` so the app shell stays small. Exercise
 * links (src/lessons/exercise-link.ts) carry their JSON through the same `packText`/`unpackText`.
 */
import { Inflate, deflateSync } from 'fflate';

/** The fragment parameter of a share link. */
export const SHARE_PARAM = 's';
/** Largest scenario (UTF-8 bytes) a link or a file may carry. */
export const MAX_SCENARIO_BYTES = 100_000;
/** Longest fragment value accepted (a 100 kB scenario of random text deflates to about this). */
export const MAX_LINK_CHARS = 140_000;
/** Input fed to the inflater per round (bounds the output of one round to about 1 MB). */
const INFLATE_CHUNK_BYTES = 1024;

export type LinkProblem = 'empty' | 'too-long' | 'not-base64' | 'corrupt' | 'too-large' | 'not-text';

export type DecodedLink = { ok: true; text: string } | { ok: false; problem: LinkProblem };

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) to bytes; undefined when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** `text` deflated and written as base64url: the fragment value of a link. */
export function packText(text: string): string {
  return toBase64Url(deflateSync(new TextEncoder().encode(text), { level: 9 }));
}

/** The fragment value (after `#s=`) that carries `text`. */
export function encodeScenario(text: string): string {
  return packText(text);
}

/** Inflate `data`, giving up as soon as the output passes `maxBytes`. */
function inflateCapped(data: Uint8Array, maxBytes: number): Uint8Array | 'corrupt' | 'too-large' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !tooLarge; i += INFLATE_CHUNK_BYTES) {
      inflater.push(data.subarray(i, i + INFLATE_CHUNK_BYTES), i + INFLATE_CHUNK_BYTES >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch {
    return tooLarge ? 'too-large' : 'corrupt';
  }
  if (tooLarge) return 'too-large';
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Unpack a value made by `packText`, with the caps of a hostile link, or say what is wrong. */
export function unpackText(value: string, caps: { maxLinkChars: number; maxBytes: number } = { maxLinkChars: MAX_LINK_CHARS, maxBytes: MAX_SCENARIO_BYTES }): DecodedLink {
  if (value.length === 0) return { ok: false, problem: 'empty' };
  if (value.length > caps.maxLinkChars) return { ok: false, problem: 'too-long' };
  const bytes = fromBase64Url(value);
  if (!bytes) return { ok: false, problem: 'not-base64' };
  const inflated = inflateCapped(bytes, caps.maxBytes);
  if (typeof inflated === 'string') return { ok: false, problem: inflated };
  const text = decodeText(inflated);
  return text === undefined ? { ok: false, problem: 'not-text' } : { ok: true, text };
}

/** Sentence punctuation a link picks up when it ends a sentence or sits in brackets (never base64url). */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}>'"]+$/;

/**
 * Decode a fragment value made by `encodeScenario`, or say what is wrong with it. A link travels
 * through mail and chat: percent-escapes a mail filter added (`%2D`) are undone, and punctuation
 * after it (`…#s=abc).`) is dropped. Neither is ever part of the value, so what remains is the
 * link as it was made, or damaged data that the inflater refuses.
 */
export function decodeScenario(value: string): DecodedLink {
  let cleaned = value;
  if (cleaned.includes('%')) {
    try {
      cleaned = decodeURIComponent(decodeURIComponent(cleaned));
    } catch {
      // not percent-encoding after all: the alphabet check below says so
    }
  }
  return unpackText(cleaned.replace(TRAILING_PUNCTUATION, ''));
}

/** Strict UTF-8 text without NUL characters, or undefined (binary data is not a scenario). */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The share link for `text`: `base` (a URL without fragment) plus `#s=...`. */
export function shareUrl(base: string, text: string): string {
  return `${base.split('#')[0]}#${SHARE_PARAM}=${encodeScenario(text)}`;
}
