/**
 * The option loop shared by the client verbs (parse-commands.ts) and `send` (parse-send.ts):
 * walks the words of a line, looks each option up in its table and takes its value from the
 * following word. Everything is checked as it is read: a positional word, an unknown option
 * ("did you mean"), an option that does not fit here (the caller says which and reports why), a
 * missing value, an option given twice. `-D` properties are read by the caller's `readProperty`,
 * because the verbs and `send` keep different things of them.
 */
import { tokenRange, type Token } from './lexer.ts';
import type { ParseContext } from './parse-context.ts';

/** What the loop needs of an option's spec. */
export interface OptionShape {
  /** `'none'`: a flag; `'property'`: a `-D` property (the caller reads it); otherwise one value word. */
  value: string;
  repeatable?: boolean;
  valueHelp?: { en: string; de: string };
}

/** One option as given: its spec, the option word, and its value words. */
export interface GivenOption<S> {
  spec: S;
  token: Token;
  values: Token[];
}

/** Where the options stand and how to treat what does not belong there. */
export interface OptionRules<S extends OptionShape> {
  byName: ReadonlyMap<string, S>;
  /** Where the options stand, for the "unknown option" message: a verb, `send PUBLISH`. */
  where: string;
  /** The spellings valid here, offered for an unknown option (asked only then). */
  names: () => Iterable<string>;
  /** Reports and returns true where `spec` may not stand here (wrong verb, wrong packet). */
  misplaced: (spec: S, option: Token) => boolean;
  /** Reads the `-D` property whose option word is `words[i]`; returns the index of its last word. */
  readProperty: (option: Token, i: number) => number;
}

/** An option word: `-x` or `--long`, not quoted; `-5` is a value, not an option. */
export function isOptionWord(t: Token): boolean {
  const s = t.text;
  if (t.quoted || s.length < 2 || s.charCodeAt(0) !== 0x2d) return false;
  const c = s.charCodeAt(1);
  return c < 0x30 || c > 0x39;
}

/** Reads the options in `words` from index `from` on; problems are reported, never thrown. */
export function readOptionWords<S extends OptionShape>(ctx: ParseContext, words: readonly Token[], from: number, rules: OptionRules<S>): GivenOption<S>[] {
  const given: GivenOption<S>[] = [];
  for (let i = from; i < words.length; i++) {
    const t = words[i]!;
    if (!isOptionWord(t)) {
      ctx.error('option.positional', t, { word: t.raw });
      continue;
    }
    const next = words[i + 1];
    const valueFollows = next !== undefined && !isOptionWord(next);
    const spec = rules.byName.get(t.text);
    if (!spec) {
      ctx.unknown(t, rules.names(), 'option.unknown', { option: t.text, verb: rules.where });
      // Skip a likely value so one typo gives one error.
      if (valueFollows) i++;
      continue;
    }
    if (rules.misplaced(spec, t)) {
      if (spec.value !== 'none' && valueFollows) i++;
      continue;
    }
    if (spec.value === 'property') {
      i = rules.readProperty(t, i);
      continue;
    }
    const values: Token[] = [];
    if (spec.value !== 'none') {
      if (next === undefined || (!next.quoted && rules.byName.has(next.text))) {
        ctx.error('option.missing-value', t, { option: t.text, valueHelp: spec.valueHelp?.en ?? '', valueHelpDe: spec.valueHelp?.de ?? '' });
        continue;
      }
      values.push(next);
      i++;
    }
    if (!spec.repeatable && given.some((g) => g.spec === spec)) ctx.report('warning', 'option.repeated', tokenRange(t), { option: t.text });
    given.push({ spec, token: t, values });
  }
  return given;
}
