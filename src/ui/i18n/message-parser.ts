/**
 * The part of ICU MessageFormat that the UI's texts use, parsed in a few hundred bytes instead of
 * @formatjs/icu-messageformat-parser's ~55 kB (with its date/number skeleton parsers and CLDR
 * time data, ~9 kB gzip of the first load). vite.config.ts puts this module in the parser's place
 * (`resolve.alias`): intl-messageformat, under svelte-i18n, calls `parse` when a message with
 * values is first shown, and formats the tree as before (plural rules and numbers from `Intl`).
 *
 * Supported, with the real parser's quoting rules (`''` is one apostrophe; `'{`, `'}`, `'<`,
 * `'>` and, inside a plural, `'#` start a quoted run up to the next lone apostrophe):
 *   - text; `{name}`;
 *   - `{name, plural, [offset:N] one {…} other {…}}` with `=N` and CLDR category selectors, and
 *     `#` for the number inside.
 * Anything else (`select`, `number`, `date`, `time`, `selectordinal`, a missing `other`) throws
 * a SyntaxError; svelte-i18n then shows the raw text and warns. tests/ui/message-parser.test.ts
 * parses every en/de message with both parsers and expects the same trees, so a text that needs
 * more of ICU fails there, not in front of a learner.
 */
import { TYPE, type MessageFormatElement, type PluralOrSelectOption } from '@formatjs/icu-messageformat-parser/lib/types.js';

export * from '@formatjs/icu-messageformat-parser/lib/types.js';

const SELECTOR = /^(?:=\d+|zero|one|two|few|many|other)$/;

class MiniParser {
  #at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** Elements up to the end, or up to the `}` that closes a plural option (`inPlural`). */
  message(inPlural: boolean): MessageFormatElement[] {
    const out: MessageFormatElement[] = [];
    const text = this.#text;
    while (this.#at < text.length) {
      const ch = text[this.#at];
      if (ch === '{') out.push(this.#argument());
      else if (ch === '#' && inPlural) {
        this.#at++;
        out.push({ type: TYPE.pound });
      } else if (ch === '}' && inPlural) break;
      else out.push({ type: TYPE.literal, value: this.#literal(inPlural) });
    }
    return out;
  }

  /** Text up to the next `{`, or `#` / `}` inside a plural, with ICU's apostrophe quoting. */
  #literal(inPlural: boolean): string {
    const text = this.#text;
    let value = '';
    while (this.#at < text.length) {
      const ch = text[this.#at]!;
      const next = text[this.#at + 1];
      if (ch === "'" && next === "'") {
        value += "'";
        this.#at += 2;
      } else if (ch === "'" && next !== undefined && ('{}<>'.includes(next) || (next === '#' && inPlural))) {
        // A quoted run: up to the next lone apostrophe (or the end); '' inside is one apostrophe.
        this.#at++;
        value += text[this.#at++];
        while (this.#at < text.length) {
          if (text[this.#at] === "'") {
            if (text[this.#at + 1] !== "'") {
              this.#at++;
              break;
            }
            this.#at++;
          }
          value += text[this.#at++];
        }
      } else if (ch === '{' || (inPlural && (ch === '#' || ch === '}'))) break;
      else {
        value += ch;
        this.#at++;
      }
    }
    return value;
  }

  #fail(what: string): never {
    throw new SyntaxError(`${what} at ${this.#at} in "${this.#text}" (src/ui/i18n/message-parser.ts parses only {name} and plural)`);
  }

  #skipSpace(): void {
    while (/\s/.test(this.#text[this.#at] ?? '')) this.#at++;
  }

  #expect(ch: string): void {
    this.#skipSpace();
    if (this.#text[this.#at] !== ch) this.#fail(`expected "${ch}"`);
    this.#at++;
  }

  /** A word: a name, a type or a selector (up to white space or ICU syntax). */
  #word(): string {
    this.#skipSpace();
    const match = /^[^\s{}#,:'<>]+/.exec(this.#text.slice(this.#at));
    if (!match) this.#fail('expected a name');
    this.#at += match[0].length;
    return match[0];
  }

  /** `{name}` or `{name, plural, …}`, from its `{`. */
  #argument(): MessageFormatElement {
    this.#at++;
    const name = this.#word();
    this.#skipSpace();
    if (this.#text[this.#at] === '}') {
      this.#at++;
      return { type: TYPE.argument, value: name };
    }
    this.#expect(',');
    if (this.#word() !== 'plural') this.#fail('unsupported argument type');
    this.#expect(',');
    this.#skipSpace();
    let offset = 0;
    if (this.#text.startsWith('offset:', this.#at)) {
      this.#at += 'offset:'.length;
      offset = Number(this.#word());
      if (!Number.isInteger(offset)) this.#fail('expected an integer offset');
    }
    const options: Record<string, PluralOrSelectOption> = {};
    for (;;) {
      this.#skipSpace();
      if (this.#text[this.#at] === '}') break;
      const selector = this.#word();
      if (!SELECTOR.test(selector) || selector in options) this.#fail(`bad plural selector "${selector}"`);
      this.#expect('{');
      options[selector] = { value: this.message(true) };
      this.#expect('}');
    }
    this.#at++;
    if (!('other' in options)) this.#fail('a plural needs an "other" option');
    return { type: TYPE.plural, value: name, options, offset, pluralType: 'cardinal' };
  }
}

/** `message` as intl-messageformat's element tree (no locations), as the real parser gives it. */
export function parse(message: string): MessageFormatElement[] {
  return new MiniParser(message).message(false);
}
