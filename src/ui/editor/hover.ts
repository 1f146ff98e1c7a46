/**
 * Hover documentation for the scenario language, as a pure function of one line and a column:
 * every client command, every option (with the commands it belongs to and its value), every
 * `key=` setting, every `-D` property, packet types and the language's own words, in English
 * or German (src/scenario/options.ts and docs.ts).
 */
import type { Diagnostic } from '../../scenario/diagnostics.ts';
import { lexLine } from '../../scenario/lexer.ts';
import { BROKER_SETTINGS, LINK_SETTINGS, OPTION_BY_NAME, PROPERTIES, SEND_OPTION_BY_NAME, SEND_PACKETS, VERBS, type Lang } from '../../scenario/options.ts';
import { CONNACK_PROPERTIES, DISCONNECT_PROPERTIES, MESSAGE_PROPERTIES } from '../../scenario/expect-properties.ts';
import { FORGE_PROPERTY_IDS } from '../../core/codec/forge.ts';
import { propertyMeaning } from '../inspector/field-meanings.ts';
import { EXPECT_PROPERTY_DOC, KEYWORD_DOCS, PACKET_DOCS, text } from './docs.ts';

export interface Hover {
  /** 1-based columns of the word, end exclusive. */
  startColumn: number;
  endColumn: number;
  /** Markdown. */
  markdown: string;
}

const COMMAND_VERBS = new Set(['connect', 'disconnect', 'subscribe', 'unsubscribe', 'publish']);

/** The documentation of the word at `column` (1-based) of `lineText`, if it has any. */
export function hoverAt(lineText: string, column: number, lang: Lang): Hover | null {
  const sink: Diagnostic[] = [];
  const tokens = lexLine(lineText, 1, sink);
  const index = tokens.findIndex((t) => t.column <= column && column < t.endColumn);
  const token = tokens[index];
  if (!token || token.quoted) return null;
  const at = (markdown: string, startColumn = token.column, endColumn = token.endColumn): Hover => ({ startColumn, endColumn, markdown });
  const word = token.text;
  const timed = tokens[0]?.text === 'at' || tokens[0]?.text === 'after';
  const head = tokens[timed ? 2 : 0]?.text;

  const verbWord = tokens[timed ? 3 : 1]?.text;
  if (verbWord === 'send' && index > (timed ? 3 : 1)) {
    const sendHover = hoverSend(tokens.slice((timed ? 3 : 1) + 1).map((t) => t.text), index - (timed ? 3 : 1) - 1, lang);
    if (sendHover) return at(sendHover);
  }
  const option = OPTION_BY_NAME.get(word);
  if (option && word.startsWith('-')) {
    const verbs = option.verbs.map((v) => `\`${v}\``).join(', ');
    const value = option.valueHelp ? `\n\n${lang === 'de' ? 'Wert' : 'Value'}: ${text(option.valueHelp, lang)}` : '';
    const mosquitto = option.mosquitto ? '' : `\n\n_${lang === 'de' ? 'Nicht in mosquitto_pub/mosquitto_sub.' : 'Not in mosquitto_pub/mosquitto_sub.'}_`;
    return at(`**${option.names.map((n) => `\`${n}\``).join(', ')}** (${verbs})\n\n${text(option.help, lang)}${value}${mosquitto}`);
  }
  // `key=value` on a broker, client or link line: document the key.
  const eq = word.indexOf('=');
  if (eq > 0 && (head === 'broker' || head === 'client' || head === 'link')) {
    const key = word.slice(0, eq);
    const table = head === 'broker' ? BROKER_SETTINGS : LINK_SETTINGS;
    const spec = table.find((s) => s.key === key) ?? (key === 'persistence' ? BROKER_SETTINGS.find((s) => s.key === key) : undefined);
    if (spec) return at(`**\`${key}=\`**\n\n${text(spec.help, lang)}\n\n${lang === 'de' ? 'Wert' : 'Value'}: ${text(spec.valueHelp, lang)}`, token.column, token.column + eq + 1);
  }
  const previous = tokens[index - 1]?.text;
  // A client command: the word after a client name.
  if (VERBS[word] && index === (timed ? 3 : 1)) return at(`**\`${word}\`**\n\n${text(VERBS[word]!, lang)}`);
  // A `-D` property name.
  if (tokens[index - 2]?.text === '-D' || tokens[index - 2]?.text === '--property') {
    const p = PROPERTIES.find((x) => x.name === word);
    if (p) {
      const where = p.commands.join(', ');
      const note = p.supported.length === 0 ? (lang === 'de' ? ' Vom simulierten Client nicht modelliert.' : ' Not modelled by the simulated client.') : '';
      return at(`**\`${word}\`** (MQTT 5.0)\n\n${lang === 'de' ? 'Erlaubt in' : 'Allowed in'}: ${where}.${note}`);
    }
  }
  // A property name in an expectation (`property content-type ...`).
  if (previous === 'property' && tokens.some((t) => t.text === 'expect') && (word in MESSAGE_PROPERTIES || word in CONNACK_PROPERTIES || word in DISCONNECT_PROPERTIES)) {
    return at(`**\`${word}\`** (MQTT 5.0)\n\n${text(EXPECT_PROPERTY_DOC, lang)}`);
  }
  if (PACKET_DOCS[word.toUpperCase()] && (previous === 'next' || /^\d+$/.test(previous ?? '')) && /^[A-Za-z]+$/.test(word)) {
    return at(`**${word.toUpperCase()}**\n\n${text(PACKET_DOCS[word.toUpperCase()]!, lang)}`);
  }
  const keywordDoc = KEYWORD_DOCS[word];
  if (keywordDoc && !(COMMAND_VERBS.has(word) && index !== 1 && head !== 'expect')) return at(`**\`${word}\`**\n\n${text(keywordDoc, lang)}`);
  return null;
}

/** Hover text for word `i` of the words after `send` (the packet, an option, a property). */
function hoverSend(words: readonly string[], i: number, lang: Lang): string | undefined {
  const word = words[i]!;
  if (i === 0 && SEND_PACKETS[word.toUpperCase()] !== undefined) {
    const doc = PACKET_DOCS[word.toUpperCase()];
    const type = SEND_PACKETS[word.toUpperCase()]!;
    return `**${word.toUpperCase()}** (${lang === 'de' ? 'Pakettyp' : 'packet type'} ${type})${doc ? `\n\n${text(doc, lang)}` : ''}`;
  }
  const spec = SEND_OPTION_BY_NAME.get(word);
  if (spec) {
    const packets = spec.packets.length > 0 ? spec.packets.join(', ') : lang === 'de' ? 'alle Pakete' : 'every packet';
    const value = spec.valueHelp ? `\n\n${lang === 'de' ? 'Wert' : 'Value'}: ${text(spec.valueHelp, lang)}` : '';
    return `**${spec.names.map((n) => `\`${n}\``).join(', ')}** (\`send\`: ${packets})\n\n${text(spec.help, lang)}${value}`;
  }
  const def = FORGE_PROPERTY_IDS.get(word);
  if (def && (words[i - 1] === '-D' || words[i - 1] === '--property' || words[i - 2] === '-D' || words[i - 2] === '--property')) {
    return `**\`${word}\`** (MQTT 5.0, ${def.name}, 0x${def.id.toString(16).padStart(2, '0')})\n\n${propertyMeaning(word, lang) ?? def.meaning}`;
  }
  return undefined;
}
