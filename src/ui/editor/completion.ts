/**
 * Completion for the scenario language, as a pure function of the text and the cursor (Monaco
 * only maps the result to its types, in monaco.ts; tests call it directly).
 *
 * The words before the cursor on its line (read with the parser's lexer, so quotes and
 * comments are understood the same way) decide what fits next: line words and client names at
 * the start, the client commands after a client, the options of that command (each with its
 * meaning in the UI language) after it, values after an option that takes one (QoS levels,
 * protocol versions, topics already used in the scenario), packet types after `drop next`, the
 * forms of `expect`, and `key=` settings on declaration lines.
 */
import type { Diagnostic } from '../../scenario/diagnostics.ts';
import { lexLine, type Token } from '../../scenario/lexer.ts';
import {
  BROKER_SETTINGS,
  CLIENT_EXPECTATIONS,
  CLIENT_OPTIONS,
  LINK_SETTINGS,
  OPTION_BY_NAME,
  PACKET_WORDS,
  PROPERTIES,
  SEND_OPTION_BY_NAME,
  SEND_OPTIONS,
  SEND_PACKETS,
  VERBS,
  type Lang,
  type SettingSpec,
  type Texts,
  type Verb,
} from '../../scenario/options.ts';
import { CONNACK_PROPERTIES, DISCONNECT_PROPERTIES, MESSAGE_PROPERTIES } from '../../scenario/expect-properties.ts';
import { FORGE_PROPERTY_IDS } from '../../core/codec/forge.ts';
import { EXPECT_PROPERTY_DOC, KEYWORD_DOCS, PACKET_DOCS, text } from './docs.ts';

export type CompletionKind = 'keyword' | 'verb' | 'option' | 'client' | 'topic' | 'packet' | 'value' | 'setting' | 'property';

export interface Completion {
  label: string;
  kind: CompletionKind;
  insertText: string;
  /** One line next to the label (e.g. the other spelling of an option). */
  detail?: string;
  /** Markdown shown beside the list. */
  documentation?: string;
  /** Keeps the list in a useful order (Monaco sorts by this). */
  sortText: string;
}

export interface CompletionResult {
  /** 1-based column where the word being completed starts (the replaced range ends at the cursor). */
  startColumn: number;
  items: Completion[];
}

const COMMAND_VERBS = new Set(['connect', 'disconnect', 'subscribe', 'unsubscribe', 'publish']);
const TOPIC_OPTIONS = new Set(['-t', '--topic', '-U', '--unsubscribe', '--will-topic']);
const ACL_ACCESS = ['read', 'write', 'readwrite', 'deny'];

/** Declared client names and topics used anywhere in the text (in order of first use). */
export function scenarioNames(text: string): { clients: string[]; topics: string[] } {
  const clients = new Set<string>();
  const topics = new Set<string>();
  const sink: Diagnostic[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const words = lexLine(lines[i]!, i + 1, sink);
    const start = words[0]?.text === 'at' || words[0]?.text === 'after' ? 2 : 0;
    const w = words.slice(start);
    if (w[0]?.text === 'client' && w[1] && /^[A-Za-z][\w-]*$/.test(w[1].text)) clients.add(w[1].text);
    for (let j = 0; j + 1 < w.length; j++) if (!w[j]!.quoted && TOPIC_OPTIONS.has(w[j]!.text)) topics.add(w[j + 1]!.text);
    if (w[0]?.text === 'expect') {
      if ((w[2]?.text === 'receives' || w[2]?.text === 'never-receives') && w[3]) topics.add(w[3].text);
      if ((w[1]?.text === 'retained' || w[1]?.text === 'no-retained') && w[2]) topics.add(w[2].text);
    }
    if (w[0]?.text === 'acl' && (w[1]?.text === 'topic' || w[1]?.text === 'pattern')) {
      const t = w[3] ?? w[2];
      if (t && !ACL_ACCESS.includes(t.text)) topics.add(t.text);
    }
  }
  topics.delete('');
  return { clients: [...clients], topics: [...topics] };
}

/** Completions at a 1-based (line, column) of `text`, with documentation in `lang`. */
export function completionsAt(text: string, line: number, column: number, lang: Lang): CompletionResult {
  const lineText = text.split(/\r\n|\n|\r/)[line - 1] ?? '';
  const before = lineText.slice(0, column - 1);
  // The word being typed: back to the last space (a quote starts it too: `'plant/`).
  let start = before.length;
  while (start > 0 && !/\s/.test(before[start - 1]!)) start--;
  const wordStart = start;
  let partial = before.slice(start);
  if (partial.startsWith('"') || partial.startsWith("'")) {
    partial = partial.slice(1);
    start++;
  }
  // Inside a comment (the lexer stops at it) or an open string there is nothing to complete.
  const problems: Diagnostic[] = [];
  const all = lexLine(before, line, problems);
  const lastEnd = all.length > 0 ? all[all.length - 1]!.endColumn - 1 : 0;
  if (/(^|\s)#/.test(before.slice(lastEnd))) return { startColumn: column, items: [] };
  if (problems.some((p) => p.code === 'lex.unterminated-string' && p.column - 1 < wordStart)) return { startColumn: column, items: [] };
  const words = lexLine(before.slice(0, wordStart), line, []);
  const names = scenarioNames(text);
  const items = suggest(words, partial, names, lang);
  // `key=value`: complete the value after `=`.
  const eq = partial.indexOf('=');
  return { startColumn: (eq >= 0 ? start + eq + 1 : start) + 1, items };
}

let order = 0;
function item(label: string, kind: CompletionKind, documentation?: string, detail?: string, insertText = label): Completion {
  return { label, kind, insertText, sortText: String(order++).padStart(4, '0'), ...(documentation ? { documentation } : {}), ...(detail ? { detail } : {}) };
}

function keyword(word: string, lang: Lang): Completion {
  const doc = KEYWORD_DOCS[word];
  return item(word, 'keyword', doc ? text(doc, lang) : undefined);
}

function settingItems(table: readonly SettingSpec[], given: readonly Token[], lang: Lang): Completion[] {
  const used = new Set(given.map((t) => t.text.split('=')[0]));
  return table.filter((s) => !used.has(s.key)).map((s) => item(`${s.key}=`, 'setting', `${text(s.help, lang)}\n\n${text(s.valueHelp, lang)}`, undefined, `${s.key}=`));
}

function settingValues(spec: SettingSpec | undefined): string[] {
  switch (spec?.value) {
    case 'on-off':
      return ['on', 'off'];
    case 'version':
      return ['5', '311'];
    case 'duration':
      return ['20ms', '100ms', '1s', '10s'];
    case 'ratio':
      return ['0.1', '10%'];
    default:
      return [];
  }
}

const QOS_DOCS: Record<string, Texts> = {
  '0': { en: 'QoS 0: at most once, no acknowledgement.', de: 'QoS 0: höchstens einmal, ohne Bestätigung.' },
  '1': { en: 'QoS 1: at least once (PUBACK); duplicates are possible.', de: 'QoS 1: mindestens einmal (PUBACK); Duplikate sind möglich.' },
  '2': { en: 'QoS 2: exactly once (PUBREC, PUBREL, PUBCOMP).', de: 'QoS 2: genau einmal (PUBREC, PUBREL, PUBCOMP).' },
};

function optionDoc(o: (typeof CLIENT_OPTIONS)[number], lang: Lang): string {
  const value = o.valueHelp ? `\n\n${lang === 'de' ? 'Wert' : 'Value'}: ${text(o.valueHelp, lang)}` : '';
  return `${text(o.help, lang)}${value}`;
}

function suggest(wordsIn: readonly Token[], partial: string, names: { clients: string[]; topics: string[] }, lang: Lang): Completion[] {
  order = 0;
  const timed = wordsIn[0]?.text === 'at' || wordsIn[0]?.text === 'after';
  if (timed && wordsIn.length < 2) return []; // a time comes next
  const words = timed ? wordsIn.slice(2) : wordsIn;
  const w = words.map((t) => t.text);
  const n = w.length;
  const head = w[0];
  const clients = names.clients;
  const clientItems = (exclude: string[] = []) => clients.filter((c) => !exclude.includes(c)).map((c) => item(c, 'client', undefined, lang === 'de' ? 'Client' : 'client'));
  const topicItems = () => names.topics.map((t) => item(t, 'topic', undefined, 'topic', /[\s#'"]/.test(t) && t !== '#' ? `'${t}'` : t));

  if (n === 0) {
    const starts = timed ? ['broker', 'link', 'drop', 'duplicate', 'delay', 'end'] : ['broker', 'client', 'user', 'acl', 'link', 'seed', 'expect', 'at', 'after', 'drop', 'duplicate', 'delay'];
    return [...clientItems(), ...starts.map((k) => keyword(k, lang))];
  }

  switch (head) {
    case 'broker': {
      if (w[1] === 'restart') return n === 2 ? [item('persistence=', 'setting', text(BROKER_SETTINGS.find((s) => s.key === 'persistence')!.help, lang))] : [];
      const eq = partial.indexOf('=');
      if (eq > 0) return settingValues(BROKER_SETTINGS.find((s) => s.key === partial.slice(0, eq))).map((v) => item(v, 'value'));
      const settings = timed ? [] : settingItems(BROKER_SETTINGS, words.slice(1), lang);
      return n === 1 ? [keyword('restart', lang), ...settings] : settings;
    }
    case 'client':
    case 'link': {
      if (n === 1) return head === 'link' ? clientItems() : [];
      const eq = partial.indexOf('=');
      if (eq > 0) return settingValues(LINK_SETTINGS.find((s) => s.key === partial.slice(0, eq))).map((v) => item(v, 'value'));
      return settingItems(LINK_SETTINGS, words.slice(2), lang);
    }
    case 'acl':
      if (n === 1) return ['user', 'topic', 'pattern'].map((k) => item(k, 'keyword'));
      if ((w[1] === 'topic' || w[1] === 'pattern') && n === 2) return [...ACL_ACCESS.map((a) => item(a, 'value')), ...topicItems()];
      if ((w[1] === 'topic' || w[1] === 'pattern') && n === 3 && ACL_ACCESS.includes(w[2]!)) return topicItems();
      return [];
    case 'user':
    case 'seed':
    case 'end':
      return [];
    case 'drop':
    case 'duplicate':
    case 'delay':
      return faultItems(w, clientItems, lang);
    case 'expect':
      return expectItems(w, clientItems, topicItems, lang);
  }

  // A client line.
  if (n === 1) return Object.entries(VERBS).map(([verb, help]) => item(verb, 'verb', text(help, lang)));
  const verb = w[1]!;
  if (verb === 'send') return sendItems(words.slice(2), partial, lang);
  if (verb === 'send-hex') return n === 2 ? [item('"30 0a 00 03 61 2f 62 68 65 6c 6c 6f"', 'value', text(VERBS['send-hex']!, lang))] : [item('|', 'keyword', text(KEYWORD_DOCS['|']!, lang)), item('\\', 'keyword', text(KEYWORD_DOCS['\\']!, lang))];
  if (!COMMAND_VERBS.has(verb)) return [];
  const last = w[n - 1]!;
  const lastSpec = !words[n - 1]!.quoted ? OPTION_BY_NAME.get(last) : undefined;
  if (lastSpec && lastSpec.value !== 'none') {
    switch (lastSpec.value) {
      case 'qos':
        return ['0', '1', '2'].map((q) => item(q, 'value', text(QOS_DOCS[q]!, lang)));
      case 'retain-handling':
        return ['0', '1', '2'].map((q) => item(q, 'value'));
      case 'version':
        return [item('mqttv5', 'value', 'MQTT 5.0'), item('mqttv311', 'value', 'MQTT 3.1.1')];
      case 'topic':
        return topicItems();
      case 'hex':
        return [item('"00 ff"', 'value', text(lastSpec.help, lang))];
      case 'property':
        return ['connect', 'will', 'publish', 'subscribe', 'unsubscribe', 'disconnect'].map((c) => item(c, 'value'));
      default:
        return [];
    }
  }
  // `-D COMMAND NAME`: the properties that COMMAND may carry.
  if (n >= 3 && (w[n - 2] === '-D' || w[n - 2] === '--property')) {
    return PROPERTIES.filter((p) => p.commands.includes(last as never)).map((p) => item(p.name, 'property', undefined, p.supported.includes(last as never) ? undefined : lang === 'de' ? 'nicht simuliert' : 'not simulated'));
  }
  if (n >= 4 && (w[n - 3] === '-D' || w[n - 3] === '--property')) return [];
  const given = new Set(words.slice(2).map((t) => OPTION_BY_NAME.get(t.text)).filter((o) => o !== undefined));
  const out: Completion[] = [];
  for (const o of CLIENT_OPTIONS) {
    if (!o.verbs.includes(verb as Verb)) continue;
    if (given.has(o) && !o.repeatable) continue;
    const doc = optionDoc(o, lang);
    // The long spelling first when the learner typed `--`, else the short one (as in mosquitto's help).
    const spellings = partial.startsWith('--') ? [...o.names].reverse() : o.names;
    for (const name of spellings) out.push(item(name, 'option', doc, o.names.filter((x) => x !== name).join(', ') || undefined));
  }
  return out;
}

/** `CLIENT send PACKET [options]`: the packet types, then the options that fit the packet, then values. */
function sendItems(args: readonly Token[], partial: string, lang: Lang): Completion[] {
  const n = args.length;
  if (n === 0) return Object.keys(SEND_PACKETS).map((p) => item(p, 'packet', PACKET_DOCS[p] ? text(PACKET_DOCS[p]!, lang) : undefined));
  const packet = args[0]!.text.toUpperCase();
  const last = args[n - 1]!;
  const lastSpec = !last.quoted ? SEND_OPTION_BY_NAME.get(last.text) : undefined;
  if (lastSpec?.value === 'version') return [item('mqttv5', 'value', 'MQTT 5.0'), item('mqttv311', 'value', 'MQTT 3.1.1')];
  if (lastSpec?.value === 'property') return [...FORGE_PROPERTY_IDS.keys()].map((p) => item(p, 'property'));
  if (lastSpec?.id === 'protocol-level') return [item('4', 'value', 'MQTT 3.1.1'), item('5', 'value', 'MQTT 5.0'), item('6', 'value', lang === 'de' ? 'gibt es nicht' : 'does not exist')];
  if (lastSpec?.id === 'qos' || lastSpec?.id === 'will-qos') return ['0', '1', '2', '3'].map((q) => item(q, 'value', QOS_DOCS[q] ? text(QOS_DOCS[q]!, lang) : lang === 'de' ? 'gibt es nicht' : 'does not exist'));
  if (lastSpec && lastSpec.value !== 'none') return [];
  if (n >= 2 && (args[n - 2]!.text === '-D' || args[n - 2]!.text === '--property')) return [];
  const given = new Set(args.slice(1).map((t) => SEND_OPTION_BY_NAME.get(t.text)).filter((o) => o !== undefined));
  const out: Completion[] = [];
  for (const o of SEND_OPTIONS) {
    if (o.packets.length > 0 && !o.packets.includes(packet)) continue;
    if (given.has(o) && !o.repeatable) continue;
    const value = o.valueHelp ? `\n\n${lang === 'de' ? 'Wert' : 'Value'}: ${text(o.valueHelp, lang)}` : '';
    const spellings = partial.startsWith('--') ? [...o.names].reverse() : o.names;
    for (const name of spellings) out.push(item(name, 'option', `${text(o.help, lang)}${value}`, o.names.filter((x) => x !== name).join(', ') || undefined));
  }
  return out;
}

function faultItems(w: readonly string[], clientItems: () => Completion[], lang: Lang): Completion[] {
  const n = w.length;
  if (n === 1) return [keyword('next', lang)];
  const countGiven = n >= 3 && /^\d+$/.test(w[2]!);
  const typeAt = countGiven ? 3 : 2;
  if (n === typeAt) return PACKET_WORDS.map((p) => item(p, 'packet', PACKET_DOCS[p] ? text(PACKET_DOCS[p]!, lang) : undefined));
  if (n === typeAt + 1) return ['to', 'from', 'on'].map((k) => keyword(k, lang));
  if (n === typeAt + 2) return clientItems();
  if (n === typeAt + 3 && w[0] === 'delay') return [keyword('by', lang)];
  return [];
}

/** Modifiers of `receives` (a client's or the broker's). */
const RECEIVE_MODIFIERS = ['qos', 'retained', 'not-retained', 'dup', 'not-dup', 'property', 'times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'before'];
/** Words after which the learner types a value, not a keyword. */
const VALUE_AFTER = new Set(['times', 'exactly', 'at-least', 'at-most', 'after', 'by', 'before']);

/** The modifiers still open on a `receives` line (`words` after the topic), or the values of the last one. */
function receiveModifiers(words: readonly string[], lang: Lang): Completion[] {
  const last = words[words.length - 1];
  if (last === 'qos') return ['0', '1', '2'].map((q) => item(q, 'value', text(QOS_DOCS[q]!, lang)));
  if (last === 'property') return Object.keys(MESSAGE_PROPERTIES).map((p) => item(p, 'property', text(EXPECT_PROPERTY_DOC, lang)));
  if (last !== undefined && VALUE_AFTER.has(last)) return [];
  const used = new Set(words);
  const exclusive: Record<string, string[]> = { times: ['exactly', 'at-least', 'at-most'], exactly: ['times', 'at-least', 'at-most'], 'at-least': ['times', 'exactly'], 'at-most': ['times', 'exactly'], retained: ['not-retained'], 'not-retained': ['retained'], dup: ['not-dup'], 'not-dup': ['dup'] };
  return RECEIVE_MODIFIERS.filter((k) => (k === 'property' || !used.has(k)) && !(exclusive[k] ?? []).some((x) => used.has(x))).map((k) => keyword(k, lang));
}

function expectItems(w: readonly string[], clientItems: (exclude?: string[]) => Completion[], topicItems: () => Completion[], lang: Lang): Completion[] {
  const n = w.length;
  if (n === 1) return [...clientItems(), ...['broker', 'session', 'retained', 'no-retained', 'topics'].map((k) => keyword(k, lang))];
  const subject = w[1]!;
  if (subject === 'broker') {
    if (n === 2) return ['sent-will', 'no-will', 'receives', 'disconnects'].map((k) => keyword(k, lang));
    if (w[2] === 'receives') {
      if (n === 3) return topicItems();
      const from = w.indexOf('from');
      if (from < 0) return [keyword('from', lang)];
      if (n === from + 1) return clientItems();
      return receiveModifiers(w.slice(from + 2), lang);
    }
    if (n === 3) return clientItems();
    if (n === 4 && w[2] === 'sent-will') return ['after', 'by'].map((k) => keyword(k, lang));
    return [];
  }
  if (subject === 'session') {
    if (n === 2) return clientItems();
    if (n === 3) return ['exists', 'absent'].map((k) => keyword(k, lang));
    return [];
  }
  if (subject === 'retained' || subject === 'no-retained') {
    if (n === 2) return topicItems();
    if (subject === 'retained' && (n === 3 || n === 4) && !w.includes('from-will')) return [keyword('from-will', lang)];
    return subject === 'retained' && w[n - 1] === 'from-will' ? clientItems() : [];
  }
  if (subject === 'topics') return n === 2 ? [keyword('clean', lang)] : [];
  if (n === 2) return CLIENT_EXPECTATIONS.map((k) => keyword(k, lang));
  const form = w[2]!;
  if (form === 'receives' || form === 'never-receives') {
    if (n === 3) return topicItems();
    if (form === 'never-receives') return [];
    return receiveModifiers(w.slice(4), lang);
  }
  if (form === 'connack') {
    if (n === 3) return ['session-present', 'property'].map((k) => keyword(k, lang));
    if (n === 4 && w[3] === 'session-present') return ['0', '1'].map((v) => item(v, 'value'));
    if (n === 4 && w[3] === 'property') return Object.keys(CONNACK_PROPERTIES).map((p) => item(p, 'property', text(EXPECT_PROPERTY_DOC, lang)));
    return [];
  }
  if (form === 'disconnect') {
    if (n === 3) return [keyword('property', lang), ...['0x00', '0x04', '0x81', '0x82', '0x8e', '0x95'].map((c) => item(c, 'value'))];
    if (n === 4 && w[3] === 'property') return Object.keys(DISCONNECT_PROPERTIES).map((p) => item(p, 'property', text(EXPECT_PROPERTY_DOC, lang)));
    return [];
  }
  if (form === 'will-registered') return n === 3 ? topicItems() : [];
  if (form === 'disconnects-cleanly') return n === 3 ? ['after', 'by'].map((k) => keyword(k, lang)) : [];
  return [];
}
