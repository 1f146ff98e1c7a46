/**
 * Short digests for exercise links and completion codes: SHA-256 (@noble/hashes, synchronous and
 * pure JavaScript, so it also works where the browser offers no Web Crypto: a page served over
 * plain http on the classroom network), written as base32 without look-alike letters.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** Crockford's base32 alphabet: no I, L, O, U (easy to read aloud and to type). */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `chars` base32 characters (5 bits each) of the SHA-256 of `text`'s UTF-8 bytes. */
export function shortDigest(text: string, chars = 16): string {
  const hash = sha256(new TextEncoder().encode(text));
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of hash) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}
