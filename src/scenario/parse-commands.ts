/**
 * Client command lines (`sensor publish -t a/b -m hi -q 1`) and fault lines
 * (`drop next PUBACK to sensor`): options read with mosquitto_pub/sub's names, checked, and
 * turned into actions.
 *
 * Theory of operation
 * -------------------
 * `readOptions` walks the words after the verb (with read-options.ts's loop, which `send` shares): a word starting with `-` is an option, looked
 * up in the option table; it takes its value(s) from the following words. Everything is checked
 * as it is read (unknown option, wrong verb, missing or bad value), then `build*` turns the
 * collected options into one action and checks the rules between options (mosquitto's: a will
 * payload needs a will topic, `-m` and `-n` exclude each other, ...). Problems never stop the
 * reading: the line still yields an action whenever its essentials are there.
 */
import type { Properties, ProtocolVersion, QoS, Subscription } from '../core/codec/types.ts';
import type { FaultRule } from '../sim/world.ts';
import type { Action, ConnectOptions } from './ast.ts';
import { tokenRange, type Token } from './lexer.ts';
import { CLIENT_OPTIONS, OPTION_BY_NAME, PROPERTY_BY_NAME, PROPERTY_COMMANDS, PACKET_WORDS, propertyRange, type OptionSpec, type PropertyCommand, type PropertySpec, type Verb } from './options.ts';
import type { ParseContext } from './parse-context.ts';
import { hexBytes } from './parse-send.ts';
import { readOptionWords, type GivenOption } from './read-options.ts';

const utf8 = new TextEncoder();

/** One option as given: its spec, the option word, and its value words. */
type Given = GivenOption<OptionSpec>;

/** A `-D` property as given. */
interface GivenProperty {
  command: PropertyCommand;
  name: string;
  token: Token;
  values: Token[];
}

/** Option spellings valid for each verb (computed once: `filter().flatMap()` per line was a hot spot). */
const NAMES_FOR_VERB = new Map<Verb, readonly string[]>();
function namesFor(verb: Verb): readonly string[] {
  let names = NAMES_FOR_VERB.get(verb);
  if (!names) {
    names = CLIENT_OPTIONS.filter((o) => o.verbs.includes(verb)).flatMap((o) => o.names);
    NAMES_FOR_VERB.set(verb, names);
  }
  return names;
}

/** Read the options of a `verb` line from `words` (the loop is read-options.ts's). */
function readOptions(ctx: ParseContext, verb: Verb, words: readonly Token[]): { given: Given[]; properties: GivenProperty[] } {
  const properties: GivenProperty[] = [];
  const given = readOptionWords(ctx, words, 0, {
    byName: OPTION_BY_NAME,
    where: verb,
    names: () => namesFor(verb),
    misplaced: (spec, t) => {
      if (spec.verbs.includes(verb)) return false;
      ctx.error('option.wrong-verb', t, { option: t.text, verb, verbs: spec.verbs.map((v) => `\`${v}\``).join(', ') });
      return true;
    },
    readProperty: (t, i) => readProperty(ctx, t, words, i, properties),
  });
  return { given, properties };
}

/** `-D COMMAND NAME VALUE` (user-property: two values). Returns the index of its last word. */
function readProperty(ctx: ParseContext, option: Token, words: readonly Token[], i: number, out: GivenProperty[]): number {
  const command = words[i + 1];
  const name = words[i + 2];
  if (command === undefined || name === undefined) {
    ctx.error('option.missing-value', option, { option: option.text, valueHelp: 'COMMAND NAME VALUE', valueHelpDe: 'BEFEHL NAME WERT' });
    return words.length;
  }
  if (!PROPERTY_COMMANDS.includes(command.text as PropertyCommand)) {
    ctx.unknown(command, PROPERTY_COMMANDS, 'property.bad-command', { name: command.text });
    return Math.min(words.length, i + 3);
  }
  const spec = PROPERTY_BY_NAME.get(name.text);
  if (!spec) {
    ctx.unknown(name, PROPERTY_BY_NAME.keys(), 'property.unknown', { name: name.text });
    return Math.min(words.length, i + 3);
  }
  const count = spec.type === 'pair' ? 2 : 1;
  const values = words.slice(i + 3, i + 3 + count);
  if (values.length < count) {
    ctx.error('option.missing-value', name, { option: `-D ${command.text} ${name.text}`, ...propertyValueHelp(spec) });
    return words.length;
  }
  out.push({ command: command.text as PropertyCommand, name: name.text, token: option, values });
  return i + 2 + count;
}

/** Turn the properties given for `command` into a Properties object (checked). */
function buildProperties(ctx: ParseContext, given: readonly GivenProperty[], command: PropertyCommand): Properties | undefined {
  let props: Properties | undefined;
  for (const g of given) {
    if (g.command !== command) continue;
    const spec = PROPERTY_BY_NAME.get(g.name)!;
    const range = { ...tokenRange(g.token), endColumn: g.values[g.values.length - 1]!.endColumn };
    if (!spec.commands.includes(command)) {
      ctx.report('error', 'property.not-allowed', range, { name: g.name, command: command.toUpperCase() });
      continue;
    }
    if (!spec.supported.includes(command)) {
      ctx.report('warning', 'property.unsupported', range, { name: g.name });
      continue;
    }
    const v = g.values[0]!;
    let value: number | string | Uint8Array | undefined;
    if (spec.type === 'int' || spec.type === 'byte') {
      value = ctx.int(v.text);
      const [min, max] = propertyRange(spec);
      if (value === undefined || value < min || value > max) {
        ctx.error('option.bad-value', v, spec.type === 'byte' ? { value: v.text, option: g.name, valueHelp: '0 or 1', valueHelpDe: '0 oder 1' } : { value: v.text, option: g.name, ...wholeNumber(min, max) });
        continue;
      }
    } else if (spec.type === 'binary') value = utf8.encode(v.text);
    else value = v.text;
    props ??= {};
    setProperty(props, g.name, value, g.values[1]?.text);
  }
  return props;
}

/** What a property's value is, in both languages, for `option.missing-value`. */
function propertyValueHelp(spec: PropertySpec): { valueHelp: string; valueHelpDe: string } {
  if (spec.type === 'pair') return { valueHelp: 'KEY VALUE', valueHelpDe: 'SCHLÜSSEL WERT' };
  if (spec.type === 'byte') return { valueHelp: '0 or 1', valueHelpDe: '0 oder 1' };
  if (spec.type === 'int') return wholeNumber(...propertyRange(spec));
  return { valueHelp: 'a text', valueHelpDe: 'ein Text' };
}

/** "a whole number from MIN to MAX" in both languages, for `option.bad-value`. */
function wholeNumber(min: number, max: number): { valueHelp: string; valueHelpDe: string } {
  const en = (n: number) => n.toLocaleString('en-US');
  const de = (n: number) => n.toLocaleString('de-DE');
  return { valueHelp: `a whole number from ${en(min)} to ${en(max)}`, valueHelpDe: `eine ganze Zahl von ${de(min)} bis ${de(max)}` };
}

function setProperty(p: Properties, name: string, value: number | string | Uint8Array, second: string | undefined): void {
  switch (name) {
    case 'payload-format-indicator': p.payloadFormatIndicator = value as 0 | 1; return;
    case 'message-expiry-interval': p.messageExpiryIntervalSec = value as number; return;
    case 'content-type': p.contentType = value as string; return;
    case 'response-topic': p.responseTopic = value as string; return;
    case 'correlation-data': p.correlationData = value as Uint8Array; return;
    case 'subscription-identifier': p.subscriptionIdentifiers = [value as number]; return;
    case 'session-expiry-interval': p.sessionExpiryIntervalSec = value as number; return;
    case 'will-delay-interval': p.willDelayIntervalSec = value as number; return;
    case 'server-reference': p.serverReference = value as string; return;
    case 'reason-string': p.reasonString = value as string; return;
    case 'receive-maximum': p.receiveMaximum = value as number; return;
    case 'topic-alias-maximum': p.topicAliasMaximum = value as number; return;
    case 'topic-alias': p.topicAlias = value as number; return;
    case 'maximum-packet-size': p.maximumPacketSize = value as number; return;
    case 'user-property': p.userProperties = [...(p.userProperties ?? []), [value as string, second ?? '']]; return;
  }
}

function first(given: readonly Given[], id: string): Given | undefined {
  let found: Given | undefined;
  for (const g of given) if (g.spec.id === id) found = g; // the last one wins, as in mosquitto
  return found;
}
function all(given: readonly Given[], ...ids: string[]): Given[] {
  return given.filter((g) => ids.includes(g.spec.id));
}

/** `-D` commands allowed on each verb's line. */
const PROPERTY_COMMANDS_OF: Record<Verb, PropertyCommand[]> = {
  connect: ['connect', 'will'],
  publish: ['publish'],
  subscribe: ['subscribe'],
  unsubscribe: ['unsubscribe'],
  disconnect: ['disconnect'],
};

/** Parse a client command `CLIENT VERB OPTIONS...` into an action (or undefined). */
export function parseVerb(ctx: ParseContext, client: string, verb: Verb, verbToken: Token, words: readonly Token[]): Action | undefined {
  const { given, properties } = readOptions(ctx, verb, words);
  for (const p of properties) {
    if (!PROPERTY_COMMANDS_OF[verb].includes(p.command)) ctx.error('property.wrong-command', p.token, { command: p.command, verb });
  }
  switch (verb) {
    case 'connect':
      return buildConnect(ctx, client, given, properties);
    case 'publish':
      return buildPublish(ctx, client, verbToken, given, properties);
    case 'subscribe':
      return buildSubscribe(ctx, client, verbToken, given, properties);
    case 'unsubscribe': {
      const filters = all(given, 'topic', 'unsubscribe-topic').map((g) => ctx.topic(g.values[0]!, true, ctx.versionOf(client)));
      if (filters.length === 0) ctx.report('error', 'line.missing', tokenRange(verbToken), { what: 'a topic filter (-t FILTER)', whatDe: 'ein Topic-Filter (-t FILTER)' });
      const props = v5Properties(ctx, client, properties, 'unsubscribe');
      return { kind: 'unsubscribe', client, topicFilters: filters, ...(props ? { properties: props } : {}) };
    }
    case 'disconnect': {
      const rc = first(given, 'reason-code');
      let reasonCode: number | undefined;
      if (rc) {
        reasonCode = ctx.int(rc.values[0]!.text);
        if (reasonCode === undefined || reasonCode > 255) {
          ctx.error('option.bad-value', rc.values[0]!, { value: rc.values[0]!.text, option: rc.token.text, valueHelp: rc.spec.valueHelp!.en, valueHelpDe: rc.spec.valueHelp!.de });
          reasonCode = undefined;
        } else if (!CLIENT_DISCONNECT_CODES.includes(reasonCode)) {
          ctx.error('option.disconnect-reason-code', rc.values[0]!, { value: rc.values[0]!.text, codes: CLIENT_DISCONNECT_LIST });
          reasonCode = undefined;
        }
      }
      const props = v5Properties(ctx, client, properties, 'disconnect');
      return { kind: 'disconnect', client, ...(reasonCode !== undefined ? { reasonCode } : {}), ...(props ? { properties: props } : {}) };
    }
  }
}

/**
 * The DISCONNECT reason codes a client may send: the "Client" rows of table 3-10 (5.0 section
 * 3.14.2.1); the others (0x8B server shutting down, 0x8E session taken over, ...) are the server's.
 */
const CLIENT_DISCONNECT_CODES: readonly number[] = [0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99];
const CLIENT_DISCONNECT_LIST = CLIENT_DISCONNECT_CODES.map((c) => `0x${c.toString(16).padStart(2, '0')}`).join(', ');

/** Properties for a non-connect line, with a warning when the client speaks 3.1.1. */
function v5Properties(ctx: ParseContext, client: string, given: readonly GivenProperty[], command: PropertyCommand): Properties | undefined {
  const mine = given.filter((g) => g.command === command);
  if (mine.length > 0 && ctx.versionOf(client) === 4) ctx.report('warning', 'property.v311', tokenRange(mine[0]!.token));
  return buildProperties(ctx, given, command);
}

function buildConnect(ctx: ParseContext, client: string, given: Given[], properties: GivenProperty[]): Action {
  const vGiven = first(given, 'version');
  let version: ProtocolVersion = ctx.scenario.broker.version ?? 4;
  if (properties.length > 0) version = 5; // mosquitto: -D implies MQTT 5
  if (vGiven) {
    const v = ctx.version(vGiven.values[0]!);
    if (v !== undefined) version = v;
    if (v === 4 && properties.length > 0) ctx.report('error', 'property.v311', tokenRange(properties[0]!.token));
  }
  const options: ConnectOptions = { clientId: client, protocolVersion: version, clean: true, keepAliveSec: 60 };
  const id = first(given, 'id');
  if (id) options.clientId = id.values[0]!.text;
  if (first(given, 'no-clean')) options.clean = false;
  const k = first(given, 'keepalive');
  if (k) {
    const n = ctx.int(k.values[0]!.text);
    if (n === undefined || n > 65535) ctx.error('option.bad-value', k.values[0]!, { value: k.values[0]!.text, option: k.token.text, valueHelp: k.spec.valueHelp!.en, valueHelpDe: k.spec.valueHelp!.de });
    else options.keepAliveSec = n;
  }
  const user = first(given, 'username');
  if (user) options.username = user.values[0]!.text;
  const pw = first(given, 'password');
  const ph = first(given, 'password-hex');
  if (pw && ph) ctx.report('error', 'option.conflict', tokenRange(pw.token.column > ph.token.column ? pw.token : ph.token), { en: 'Only one of -P and --password-hex can be given.', de: 'Nur eines von -P und --password-hex ist möglich.' });
  if (pw) options.password = utf8.encode(pw.values[0]!.text);
  else if (ph) {
    const bytes: number[] = [];
    if (hexBytes(ctx, ph.values[0]!, bytes)) options.password = Uint8Array.from(bytes);
  }
  const password = pw ?? ph;
  if (password && !user && version === 4) ctx.error('option.password-needs-username', password.token, { option: password.token.text });
  const x = first(given, 'session-expiry');
  if (x) {
    const text = x.values[0]!.text;
    const n = text === '-1' || text === '∞' ? 0xffffffff : ctx.int(text);
    if (n === undefined || n > 0xffffffff) ctx.error('option.bad-value', x.values[0]!, { value: text, option: x.token.text, valueHelp: x.spec.valueHelp!.en, valueHelpDe: x.spec.valueHelp!.de });
    else if (version === 4) ctx.report('warning', 'property.v311', tokenRange(x.token));
    else options.sessionExpiryIntervalSec = n;
  } else if (!options.clean && version === 5) options.sessionExpiryIntervalSec = 0xffffffff; // mosquitto: -c without -x
  const cp = buildProperties(ctx, properties, 'connect');
  if (cp) {
    if (cp.sessionExpiryIntervalSec !== undefined) options.sessionExpiryIntervalSec = cp.sessionExpiryIntervalSec;
    if (cp.receiveMaximum !== undefined) options.receiveMaximum = cp.receiveMaximum;
    if (cp.topicAliasMaximum !== undefined) options.topicAliasMaximum = cp.topicAliasMaximum;
    if (cp.maximumPacketSize !== undefined) options.maximumPacketSize = cp.maximumPacketSize;
    if (cp.userProperties) options.userProperties = cp.userProperties;
  }
  const wt = first(given, 'will-topic');
  const wp = first(given, 'will-payload');
  const wh = first(given, 'will-payload-hex');
  if (wp && wh) ctx.report('error', 'option.conflict', tokenRange(wp.token.column > wh.token.column ? wp.token : wh.token), { en: 'Only one of --will-payload and --will-payload-hex can be given.', de: 'Nur eines von --will-payload und --will-payload-hex ist möglich.' });
  let willPayload = utf8.encode(wp?.values[0]!.text ?? '');
  if (wh && !wp) {
    const bytes: number[] = [];
    if (hexBytes(ctx, wh.values[0]!, bytes)) willPayload = Uint8Array.from(bytes);
  }
  const wq = first(given, 'will-qos');
  const wr = first(given, 'will-retain');
  const willProps = buildProperties(ctx, properties, 'will');
  if (wt) {
    options.will = {
      topic: ctx.topic(wt.values[0]!, false, version),
      payload: willPayload,
      qos: (wq ? ctx.qos(wq.values[0]!) : 0) ?? 0,
      retain: wr !== undefined,
      ...(willProps ? { properties: willProps } : {}),
    };
  } else {
    for (const g of [wp, wh, wq, wr]) if (g) ctx.error('option.requires', g.token, { option: g.token.text, needs: '--will-topic' });
    const w = properties.find((p) => p.command === 'will');
    if (w) ctx.error('option.requires', w.token, { option: '-D will', needs: '--will-topic' });
  }
  ctx.clientVersion.set(client, version);
  ctx.scenario.maxKeepAliveSec = Math.max(ctx.scenario.maxKeepAliveSec, options.keepAliveSec);
  return { kind: 'connect', client, options };
}

function buildPublish(ctx: ParseContext, client: string, verbToken: Token, given: Given[], properties: GivenProperty[]): Action | undefined {
  const version = ctx.versionOf(client);
  const topics = all(given, 'topic');
  if (topics.length > 1) ctx.report('warning', 'option.repeated', tokenRange(topics[1]!.token), { option: topics[1]!.token.text });
  const t = topics[topics.length - 1];
  if (!t) ctx.report('error', 'line.missing', tokenRange(verbToken), { what: 'a topic (-t TOPIC)', whatDe: 'ein Topic (-t TOPIC)' });
  const m = first(given, 'message');
  const n = first(given, 'null-message');
  const h = first(given, 'payload-hex');
  const payloads = [m, n, h].filter((g) => g !== undefined).sort((a, b) => a.token.column - b.token.column);
  if (payloads.length > 1) ctx.report('error', 'option.conflict', tokenRange(payloads[1]!.token), { en: 'Only one of -m, -n and --payload-hex can be given: one message at a time.', de: 'Nur eines von -m, -n und --payload-hex ist möglich: eine Nachricht auf einmal.' });
  if (payloads.length === 0) ctx.report('error', 'line.missing', tokenRange(verbToken), { what: 'a message (-m TEXT, --payload-hex BYTES, or -n for an empty one)', whatDe: 'eine Nachricht (-m TEXT, --payload-hex BYTES, oder -n für eine leere)' });
  let payload = utf8.encode(m?.values[0]!.text ?? '');
  if (h && !m) {
    const bytes: number[] = [];
    if (hexBytes(ctx, h.values[0]!, bytes)) payload = Uint8Array.from(bytes);
  }
  const q = first(given, 'qos');
  const qos: QoS = (q ? ctx.qos(q.values[0]!) : 0) ?? 0;
  const props = v5Properties(ctx, client, properties, 'publish');
  if (!t) return undefined;
  const topic = ctx.topic(t.values[0]!, false, version);
  return { kind: 'publish', client, topic, payload, qos, retain: first(given, 'retain') !== undefined, ...(props ? { properties: props } : {}) };
}

function buildSubscribe(ctx: ParseContext, client: string, verbToken: Token, given: Given[], properties: GivenProperty[]): Action {
  const version = ctx.versionOf(client);
  const q = first(given, 'qos');
  const qos: QoS = (q ? ctx.qos(q.values[0]!) : 0) ?? 0;
  let retainHandling: 0 | 1 | 2 | undefined;
  const rh = first(given, 'retain-handling');
  if (rh) {
    const n = ctx.int(rh.values[0]!.text);
    if (n === 0 || n === 1 || n === 2) retainHandling = n;
    else ctx.error('option.bad-value', rh.values[0]!, { value: rh.values[0]!.text, option: rh.token.text, valueHelp: rh.spec.valueHelp!.en, valueHelpDe: rh.spec.valueHelp!.de });
  }
  if (first(given, 'no-retained')) retainHandling = 2;
  const noLocal = first(given, 'no-local') !== undefined;
  const rap = first(given, 'retain-as-published') !== undefined;
  const subscriptions: Subscription[] = all(given, 'topic').map((g) => ({
    topicFilter: ctx.topic(g.values[0]!, true, version),
    qos,
    ...(noLocal ? { noLocal } : {}),
    ...(rap ? { retainAsPublished: rap } : {}),
    ...(retainHandling !== undefined ? { retainHandling } : {}),
  }));
  if (subscriptions.length === 0) ctx.report('error', 'line.missing', tokenRange(verbToken), { what: 'a topic filter (-t FILTER)', whatDe: 'ein Topic-Filter (-t FILTER)' });
  const shared = noLocal && version === 5 ? subscriptions.find((s) => s.topicFilter.startsWith('$share/')) : undefined;
  if (shared) ctx.error('option.no-local-shared', first(given, 'no-local')!.token, { option: first(given, 'no-local')!.token.text, filter: shared.topicFilter });
  const props = v5Properties(ctx, client, properties, 'subscribe');
  return { kind: 'subscribe', client, subscriptions, ...(props ? { properties: props } : {}) };
}

/**
 * `drop|duplicate|delay next [N] PACKET to|from|on CLIENT [by DURATION]` → a fault rule.
 * `to CLIENT`: broker -> client; `from CLIENT`: client -> broker; `on CLIENT`: both ways.
 */
export function parseFault(ctx: ParseContext, words: readonly Token[]): Action | undefined {
  const head = words[0]!;
  const action = head.text as FaultRule['action'];
  const bad = (at: Token): undefined => {
    ctx.error('fault.bad', at, { word: action, by: action === 'delay' ? ' by 2s' : '' });
    return undefined;
  };
  let i = 1;
  if (words[i]?.text !== 'next') return ctx.misspelt(words[i], ['next']) ? undefined : bad(words[i] ?? head);
  i++;
  let remaining = 1;
  const maybeCount = words[i];
  if (maybeCount && /^\d+$/.test(maybeCount.text)) {
    const n = ctx.int(maybeCount.text);
    if (n === undefined || n < 1 || n > 1000) ctx.error('count.bad', maybeCount, { value: maybeCount.text, max: 1000 });
    else remaining = n;
    i++;
  }
  const typeToken = words[i];
  if (!typeToken) return bad(words[i - 1]!);
  let type = typeToken.text.toUpperCase();
  if (type.endsWith('S') && PACKET_WORDS.includes(type.slice(0, -1))) type = type.slice(0, -1); // PUBACKS
  if (!PACKET_WORDS.includes(type)) {
    ctx.unknown(typeToken, PACKET_WORDS, 'fault.packet', { word: typeToken.text });
    return undefined;
  }
  i++;
  const dirToken = words[i];
  const direction = dirToken?.text === 'to' ? 'down' : dirToken?.text === 'from' ? 'up' : dirToken?.text === 'on' ? 'both' : undefined;
  if (!dirToken || !direction) return ctx.misspelt(dirToken, ['to', 'from', 'on']) ? undefined : bad(dirToken ?? typeToken);
  const clientToken = words[i + 1];
  if (!clientToken) return bad(dirToken);
  const client = ctx.checkClient(clientToken);
  i += 2;
  let delayMs: number | undefined;
  if (action === 'delay') {
    if (words[i]?.text !== 'by') return ctx.misspelt(words[i], ['by']) ? undefined : bad(words[i] ?? clientToken);
    delayMs = ctx.duration(words[i + 1], words[i]!, 'by');
    if (delayMs === undefined) return undefined;
    i += 2;
  }
  if (words[i]) ctx.error('line.extra', words[i]!, { word: words[i]!.raw });
  const packetType = (type === 'ANY' ? '*' : type.toLowerCase()) as FaultRule['packetType'];
  return { kind: 'fault', rule: { client, direction, packetType, action, remaining, ...(delayMs !== undefined ? { delayMs } : {}) } };
}
