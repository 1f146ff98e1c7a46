/**
 * Text from the wire as shown to a learner (packet summaries, goal results): the characters that
 * would make a topic or payload look like something else written as the scenario language's
 * escapes (`\x1b`, `\u{202e}`), so `x/\u{202e}gnp.exe` never reads as `x/exe.png`.
 */

/**
 * Controls, line separators and the characters that reorder text around them (bidi overrides,
 * isolates, marks). Joiners and variation selectors stay (emoji).
 */
const DECEIVING = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` as shown to a learner: deceiving characters escaped, anything else as it is. */
export function shownText(text: string): string {
  return text.replace(DECEIVING, escapedChar);
}

/** One character as the lexer's escape: `\x1b` up to U+00FF, `\u{202e}` above. */
export function escapedChar(c: string): string {
  const code = c.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
