/**
 * Scenario comments in two languages. A scenario file (an exercise's start, the default
 * scenario) may carry each comment in English and German, as whole lines marked with the
 * language:
 *
 *     # en: The dashboard is switched on after the sensor has reported
 *     # de: Das Dashboard wird erst eingeschaltet, nachdem der Sensor gemeldet hat
 *
 * or, after a statement, as one comment with both (`at 5s sensor cable-cut  # en: the network
 * dies # de: das Netz stirbt`). The file runs as it is (the marks are comments), so lesson checks, locked lines (`# locked`)
 * and cheat files see one text; the editor shows `commentsIn(text, lang)`: the lines of the UI's
 * language without their mark, the other language's lines left out. A block has as many lines
 * in each language, so a line number (a goal's, an error's) is the same in both.
 */

/** The languages a comment can be marked with. */
export type CommentLang = 'en' | 'de';

const MARKED = /^(\s*)#\s?(en|de):\s?(.*)$/;
const TRAILING = /^(.*?\S)(\s+)#\s?en:\s?(.*?)\s+#\s?de:\s?(.*)$/;

/** True when `text` has comments marked `# en:` / `# de:`. */
export function hasBilingualComments(text: string): boolean {
  return text.split('\n').some((line) => MARKED.test(line) || TRAILING.test(line));
}

/** `text` with the comments of `lang` (marks removed) and without those of the other language. */
export function commentsIn(text: string, lang: CommentLang): string {
  if (!hasBilingualComments(text)) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const match = MARKED.exec(line);
    const trailing = match ? null : TRAILING.exec(line);
    if (trailing) out.push(`${trailing[1]}${trailing[2]}# ${lang === 'en' ? trailing[3] : trailing[4]}`);
    else if (!match) out.push(line);
    else if (match[2] === lang) out.push(`${match[1]}# ${match[3]}`.trimEnd());
  }
  return out.join('\n');
}

/** The comment language of a UI locale (`de-DE` -> `de`; anything else English). */
export function commentLangOf(locale: string | null | undefined): CommentLang {
  return locale?.startsWith('de') ? 'de' : 'en';
}
