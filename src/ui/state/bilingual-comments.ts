/**
 * The comment language of the scenario text. A text with comments in two languages (`# en:` /
 * `# de:` lines, src/scenario/comment-language.ts) is shown with the comments of one language
 * only; its bilingual source is remembered while the text shown is that source in the current
 * language, so a language switch can swap the comments in place (same line count: the run and
 * its line numbers stay valid). A text the learner changed is left alone.
 */
import { commentsIn, hasBilingualComments, type CommentLang } from '../../scenario/comment-language.ts';

export class BilingualComments {
  #lang: CommentLang = 'en';
  /** The bilingual source of the text shown, while that text is the source in `#lang`. */
  #source: string | null = null;

  /** `text` with the comments of the current language; remembers it as the source when bilingual. */
  localise(text: string): string {
    this.#source = hasBilingualComments(text) ? text : null;
    return commentsIn(text, this.#lang);
  }

  /** Remember `source` when `shown` is it in one of the languages (an autosaved, unchanged default text). */
  recognise(source: string, shown: string): void {
    if (!hasBilingualComments(source)) return;
    if ((['en', 'de'] as const).some((lang) => commentsIn(source, lang) === shown)) this.#source = source;
  }

  /** Switch to `lang`: the text to show instead of `shown`, or null when it stays as it is. */
  switchTo(lang: CommentLang, shown: string): string | null {
    const old = this.#lang;
    if (lang === old) return null;
    this.#lang = lang;
    const source = this.#source;
    if (source === null || shown !== commentsIn(source, old)) return null;
    const text = commentsIn(source, lang);
    return text === shown ? null : text;
  }
}
