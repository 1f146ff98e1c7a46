/**
 * The texts behind every explanation in the trace, in English and German: one table made of
 * the broker's, the client's, the topic rules' and the world's own messages, so the CLI, the
 * UI and lessons say the same words for the same rule.
 */
import { brokerMessages } from '../core/broker/index.ts';
import { clientMessages } from '../core/client/index.ts';
import { MESSAGES as topicMessages } from '../core/mqtt/index.ts';
import { codecNoteMessage } from '../core/mqtt/codec-error-texts.ts';
import { limitsText } from '../core/client/limits-text.ts';
import { reasonNameKey } from '../core/mqtt/reason-name-key.ts';
import { REASON_NAME_TEXTS } from '../core/mqtt/reason-names-de.ts';
import type { Explain } from '../core/mqtt/actor-contract.ts';
import { simMessages } from './messages.ts';
import { STATE_NAMES, stateValueWords } from './state-names.ts';

export type Lang = 'en' | 'de';

type Table = Record<string, { en: string; de: string }>;

/** Every explanation text by key. */
export const explanationTexts: Readonly<Table> = {
  ...(topicMessages as Table),
  ...(brokerMessages as Table),
  ...(clientMessages as Table),
  ...simMessages,
  ...REASON_NAME_TEXTS,
};

/** Params that carry a decoder's message (English from the codec), with its key and detail beside it (as src/ui/format/explain.ts, which keeps its own copy out of the first bundle). */
const CODEC_MESSAGE_PARAMS: ReadonlySet<string> = new Set(['message', 'level']);

/**
 * A parameter as the sentence says it. German sentences read flags as `ja`/`nein` (as the UI
 * does, src/ui/format/explain.ts); English keeps `true`/`false`, the words of the CLI's lines
 * and golden traces. A decoder's message reads in `lang` (`codecNoteMessage`, from its detail), a
 * broker's announced limits too (`limitsText`, from their values), a reason code's name
 * (`reasonNameKey`: `0x87 (nicht autorisiert)`) and how a connection ended (`net.close-reason.*`).
 */
function paramText(name: string, params: Readonly<Record<string, unknown>>, lang: Lang): string {
  const value = params[name];
  if (lang === 'de' && typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (CODEC_MESSAGE_PARAMS.has(name) && typeof value === 'string') return codecNoteMessage(value, lang, params);
  if (name === 'limits' && typeof value === 'string') return limitsText(params, lang);
  if (name === 'name' && typeof value === 'string') {
    const key = reasonNameKey(value, params);
    return (key !== undefined ? explanationTexts[key]?.[lang] : undefined) ?? value;
  }
  // How a connection ended without DISCONNECT (`peer-closed`, `reset`): a word of each language.
  if (name === 'reason' && typeof value === 'string') return explanationTexts[`net.close-reason.${value}`]?.[lang] ?? value;
  return String(value);
}

/** The explanation in `lang` with its parameters filled in; the key itself when unknown. */
export function explainText(explain: Pick<Explain, 'key' | 'params'>, lang: Lang = 'en'): string {
  const text = explanationTexts[explain.key];
  if (!text) return explain.key;
  const params = explain.params ?? {};
  return (text[lang] ?? text.en).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? paramText(name, params, lang) : whole));
}

/** A state value in German words, the inner state in parentheses (as src/ui/format/state-name.ts): `verbunden (bereit)`. */
function stateWordsDe(value: unknown): string {
  const names: Readonly<Record<string, string>> = STATE_NAMES.de;
  return stateValueWords(value, (state) => names[state] ?? state);
}

/**
 * A state entry's sentence: English as the golden traces write it (`alice is {"connected":"idle"}`),
 * German as the sequence diagram's row says it (`panels.sequence.rowState`):
 * `alice ist jetzt im Zustand „verbunden (bereit)“`.
 */
export function stateText(actor: string, value: unknown, lang: Lang = 'en'): string {
  return lang === 'de' ? `${actor} ist jetzt im Zustand „${stateWordsDe(value)}“` : `${actor} is ${JSON.stringify(value)}`;
}
