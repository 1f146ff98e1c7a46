/**
 * Bytes written as hex, the way the scenario language reads them (`send-hex`, `--payload-hex`,
 * `--will-payload-hex`) and the stage's publish form takes them: pairs of hex digits, with
 * spaces, `,`, `:` or a `0x` before a byte allowed between them ("00 ff", "0x00,0xff", "00:ff").
 */

/** The bytes, or where the text stops being hex. `index` counts UTF-16 units from 0. */
export type HexReading =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: 'bad-char'; index: number; char: string }
  | { ok: false; problem: 'odd'; count: number };

/** Reads `text` as hex bytes; the first character that is no hex digit or separator is the problem. */
export function readHex(text: string): HexReading {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s|,|:/.test(c)) continue;
    if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && (i === 0 || /[\s,:]/.test(text[i - 1]!))) {
      i++;
      continue;
    }
    if (!/[0-9a-fA-F]/.test(c)) return { ok: false, problem: 'bad-char', index: i, char: c };
    digits += c;
  }
  if (digits.length % 2 === 1) return { ok: false, problem: 'odd', count: digits.length };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, bytes };
}


/** Bytes as lower-case hex pairs separated by spaces ("00 ff 1a"), the way `readHex` reads them back. */
export function writeHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
