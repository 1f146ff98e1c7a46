/**
 * Texts for trace explanations (`explain.key` + `params`) in the UI language, looked up in the
 * tables that live beside the rules: the broker's, the client's, the topic rules' and the
 * world's own. Placeholders `{name}` are filled from the params; an unknown key shows itself.
 * Command entries (`command.key` + `params`) are said by the world's `commandText`, which
 * arrives with the tables.
 */
import type { Explain } from '../../core/mqtt/actor-contract.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { specUrl } from '../../lessons/links.ts';
import { limitsText } from '../../core/client/limits-text.ts';
import { reasonNameKey } from '../../core/mqtt/reason-name-key.ts';

export type Lang = 'en' | 'de';
/** Texts by message key, in both languages. */
export type ExplanationTable = Readonly<Record<string, { en: string; de: string }>>;

/**
 * The table is the world's (`src/sim/explain-text.ts`: broker, client, topic rules and the
 * world's own messages, the same words the CLI prints). It is large, so it arrives with the
 * lazily loaded simulation kernel (src/ui/default-scenario.ts, `explanationTables`); until then
 * there is no trace to explain.
 */
let tables: readonly ExplanationTable[] = [];

/**
 * A codec error message that a note carries, in the UI language, from the note's params (its
 * detail, or for an older trace its key and the message's shape: `codecNoteMessage` of
 * src/core/mqtt/codec-error-texts.ts, lazily loaded with the tables).
 */
export type CodecMessageText = (message: string, lang: Lang, params: Readonly<Record<string, unknown>>) => string;
let codecMessage: CodecMessageText = (message) => message;

/** A command entry in words, in the UI language (`commandText` of src/sim/command-text.ts, lazily loaded with the tables). */
export type CommandText = (e: Pick<TraceEntry, 'to' | 'command' | 'summary'>, lang: Lang) => string;
let commandWords: CommandText = (e) => e.summary ?? e.command?.key ?? '';

/** The tables, the codec's messages and the commands' words in the UI language (all arrive with the kernel). */
export function provideExplanations(next: readonly ExplanationTable[], codecMessages?: CodecMessageText, commands?: CommandText): void {
  tables = next;
  if (codecMessages) codecMessage = codecMessages;
  if (commands) commandWords = commands;
}

/** What a command entry says (`sensor connects`, `Das Kabel von sensor wird getrennt`). */
export function commandText(e: Pick<TraceEntry, 'to' | 'command' | 'summary'>, lang: Lang): string {
  return commandWords(e, lang);
}

/** The UI language for a svelte-i18n locale string (`de-DE` -> `de`). */
export function langOf(locale: string | null | undefined): Lang {
  return locale?.startsWith('de') ? 'de' : 'en';
}

/** Yes and no for a learner (`clean true` reads as `clean yes`, `Session Present: nein`). */
const BOOLEAN_WORDS: Record<Lang, { true: string; false: string }> = { en: { true: 'yes', false: 'no' }, de: { true: 'ja', false: 'nein' } };

/** Params that carry a codec error message (English from the codec: shown in the UI language, from the note's `codecDetail` or `codecKey`). */
const CODEC_MESSAGE_PARAMS: ReadonlySet<string> = new Set(['message', 'level']);

function paramText(name: string, params: Readonly<Record<string, unknown>>, lang: Lang): string {
  const value = params[name];
  if (typeof value === 'boolean') return BOOLEAN_WORDS[lang][value ? 'true' : 'false'];
  if (CODEC_MESSAGE_PARAMS.has(name) && typeof value === 'string') return codecMessage(value, lang, params);
  // The limits a broker announced in CONNACK (client.connack.limits): property names as the spec spells them.
  if (name === 'limits' && typeof value === 'string') return limitsText(params, lang);
  // A reason code's name in running text (`0x87 (nicht autorisiert)`, from the tables); a client's name stays as it is.
  if (name === 'name' && typeof value === 'string') {
    const key = reasonNameKey(value, params);
    return (key !== undefined ? lookup(key)?.[lang] : undefined) ?? value;
  }
  // How a connection ended without DISCONNECT (`peer-closed`, `reset`), as src/sim/explain-text.ts says it.
  if (name === 'reason' && typeof value === 'string') return lookup(`net.close-reason.${value}`)?.[lang] ?? value;
  return String(value);
}

/** A text by key, from the first table that has it. */
function lookup(key: string): { en: string; de: string } | undefined {
  for (const table of tables) {
    const text = table[key];
    if (text) return text;
  }
  return undefined;
}

/** The explanation in `lang`, with its parameters filled in (booleans as words). */
export function explainText(explain: Pick<Explain, 'key' | 'params'>, lang: Lang): string {
  const text = lookup(explain.key);
  if (!text) return explain.key;
  const params = explain.params ?? {};
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? paramText(name, params, lang) : whole));
}

const SPEC_URL = {
  5: 'https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html',
  4: 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html',
} as const;

export interface SpecLink {
  /** The conformance ID or section as the trace gives it (`MQTT-3.1.2-8`, `4.3`). */
  ref: string;
  /** The section it belongs to (`3.1.2`). */
  section: string;
  /** The specification of that protocol version (OASIS numbers sections, but anchors are opaque ids). */
  href: string;
  version: '5.0' | '3.1.1';
}

/**
 * Where to read about a rule: `MQTT-3.1.2-8` is in section 3.1.2; a bare section (`4.3`,
 * `3.2.2.3`) is itself. Refs that are not spec rules (`sim`, `mosquitto:...`) have no link.
 */
export function specLink(ref: string, version: 4 | 5): SpecLink | undefined {
  const conformance = /^MQTT-(\d+(?:\.\d+)*)-\d+$/.exec(ref);
  const section = conformance ? conformance[1]! : /^\d+(?:\.\d+)*$/.test(ref) ? ref : undefined;
  if (section === undefined) return undefined;
  const spec = version === 5 ? '5.0' : '3.1.1';
  // A conformance statement opens at its own text (the lessons' link scheme); a section at the top.
  return { ref, section, href: conformance ? specUrl(ref, spec) : SPEC_URL[version], version: spec };
}
