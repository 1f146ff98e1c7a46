/**
 * Packets sent on purpose: `CLIENT send PACKET [options]` (chosen fields, forged by
 * src/core/codec/forge.ts) and `CLIENT send-hex "30 0a 00 03 ..." [| "..."]` (raw bytes; `|`
 * between strings starts a new TCP segment; a line ending in `\` goes on on the next line).
 *
 * Theory of operation
 * -------------------
 * Both forms end as the same action, `{ kind: 'raw', bytes, segments, explain }`, which compiles
 * to the world command `raw.send`: the bytes go on the client's connection past its own
 * machine, and the broker reads them as a stream. The options of `send` are checked like those
 * of the other verbs (unknown option with "did you mean", an option that does not fit the
 * packet, a value out of its field's width) but never against the protocol: breaking it is the
 * point. What the packet breaks is worked out here (send-verdict.ts) from the bytes and what
 * the lines above say of the connection, and travels with the command as its explanation; the
 * editor shows it as an info on the line.
 */
import { forge, FORGE_PROPERTY_IDS, type ForgedProperty, type ForgeFields } from '../core/codec/forge.ts';
import type { ProtocolVersion } from '../core/codec/types.ts';
import type { PropertyType } from '../core/codec/properties.ts';
import type { Action } from './ast.ts';
import { readHex } from './hex.ts';
import { tokenRange, type Token } from './lexer.ts';
import { PROPERTY_COMMANDS, SEND_OPTION_BY_NAME, SEND_OPTIONS, SEND_PACKETS, type PropertyCommand, type SendOptionSpec } from './options.ts';
import type { ParseContext } from './parse-context.ts';
import { isOptionWord, readOptionWords, type GivenOption } from './read-options.ts';
import { breachesOf, sendExplain } from './send-verdict.ts';

const utf8 = new TextEncoder();
const PACKET_NAMES = Object.keys(SEND_PACKETS);

type Given = GivenOption<SendOptionSpec>;

/** What the broker knows of a client's connection after a raw action (for the lines below it). */
interface ConnState {
  connected: boolean;
  aliases: Set<number>;
  /** Protocol version of a CONNECT among the bytes. */
  version?: ProtocolVersion;
  /** The broker's Topic Alias Maximum, when the broker line sets one. */
  aliasMaximum?: number;
}
const AFTER = new WeakMap<Action, ConnState>();

/** The connection state of `client` as the lines so far leave it. */
function stateBefore(ctx: ParseContext, client: string): ConnState {
  const steps = ctx.scenario.steps;
  for (let i = steps.length - 1; i >= 0; i--) {
    const a = steps[i]!.action;
    if (a.kind === 'broker-restart') break;
    if (!('client' in a) || a.client !== client) continue;
    if (a.kind === 'connect') return { connected: true, aliases: new Set() };
    if (a.kind === 'disconnect' || a.kind === 'crash') break;
    if (a.kind === 'raw') {
      const s = AFTER.get(a);
      if (s) return { connected: s.connected, aliases: new Set(s.aliases) };
    }
  }
  return { connected: false, aliases: new Set() };
}

/**
 * Hex digits of a word into bytes (spaces, `,`, `:` and `0x` allowed between bytes); reports the
 * first bad character at its column, or an odd number of digits. Also read by `publish --payload-hex`.
 */
export function hexBytes(ctx: ParseContext, token: Token, out: number[]): boolean {
  const reading = readHex(token.text);
  if (reading.ok) {
    out.push(...reading.bytes);
    return true;
  }
  if (reading.problem === 'odd') {
    ctx.error('send.hex-odd', token, { count: reading.count });
    return false;
  }
  const column = token.column + (token.quoted ? 1 : 0) + reading.index;
  const range = token.raw.length === token.text.length + 2 || !token.quoted ? { line: token.line, column, endLine: token.line, endColumn: column + 1 } : tokenRange(token);
  ctx.report('error', 'send.hex-bad', range, { char: reading.char });
  return false;
}

/** The action for raw bytes, with the verdict on what they break, and an info on the line. */
function rawAction(ctx: ParseContext, client: string, verb: 'send' | 'send-hex', bytes: Uint8Array, segments: number[], at: Token, version: ProtocolVersion): Action {
  const state = stateBefore(ctx, client);
  // Without a CONNECT the broker reads a new connection as 3.1.1 until a CONNECT says otherwise.
  const max = ctx.scenario.broker.maxTopicAlias;
  if (max !== undefined) state.aliasMaximum = max;
  const breaches = breachesOf(bytes, state.connected ? version : 4, state);
  const explain = sendExplain(breaches);
  if (state.version !== undefined) ctx.clientVersion.set(client, state.version); // later lines speak the CONNECT's version
  if (breaches.length > 0) {
    const b = breaches[0]!;
    ctx.report('info', 'send.against', tokenRange(at), { ref: b.ref, what: b.en, whatDe: b.de });
  }
  const action: Action = { kind: 'raw', client, verb, bytes, ...(segments.length > 0 ? { segments } : {}), explain };
  AFTER.set(action, state);
  return action;
}

/** `CLIENT send-hex "HEX" ["HEX" ...] [| "HEX" ...]`. */
export function parseSendHex(ctx: ParseContext, client: string, verbToken: Token, words: readonly Token[]): Action | undefined {
  const out: number[] = [];
  const segments: number[] = [];
  let ok = true;
  let last: Token = verbToken;
  for (const w of words) {
    last = w;
    if (!w.quoted && w.text === '|') {
      if (out.length === 0 || segments[segments.length - 1] === out.length) ctx.error('send.hex-empty-segment', w);
      else segments.push(out.length);
      continue;
    }
    if (!w.quoted && w.text === '\\') continue;
    ok = hexBytes(ctx, w, out) && ok;
  }
  if (out.length === 0) {
    if (ok) ctx.report('error', 'line.missing', tokenRange(verbToken), { what: 'the bytes in hex (send-hex "30 0a ...")', whatDe: 'die Bytes in Hex (send-hex "30 0a ...")' });
    return undefined;
  }
  if (segments[segments.length - 1] === out.length) ctx.error('send.hex-empty-segment', last);
  return rawAction(ctx, client, 'send-hex', Uint8Array.from(out), segments.filter((s) => s < out.length), verbToken, ctx.versionOf(client));
}

/** `-D [COMMAND] NAME VALUE [VALUE]`; returns the index of its last word. */
function readProperty(ctx: ParseContext, option: Token, words: readonly Token[], i: number, out: ForgedProperty[]): number {
  let j = i + 1;
  if (words[j] && PROPERTY_COMMANDS.includes(words[j]!.text as PropertyCommand) && words[j + 1] && FORGE_PROPERTY_IDS.has(words[j + 1]!.text)) j++;
  const name = words[j];
  if (!name) {
    ctx.error('option.missing-value', option, { option: option.text, valueHelp: 'NAME VALUE', valueHelpDe: 'NAME WERT' });
    return words.length;
  }
  const def = FORGE_PROPERTY_IDS.get(name.text);
  if (!def) {
    ctx.unknown(name, FORGE_PROPERTY_IDS.keys(), 'property.unknown', { name: name.text });
    return j + 1;
  }
  const count = def.type === 'pair' ? 2 : 1;
  const values = words.slice(j + 1, j + 1 + count);
  if (values.length < count) {
    const help = count === 2 ? ['KEY VALUE', 'SCHLÜSSEL WERT'] : def.type === 'utf8' || def.type === 'binary' ? ['a text', 'ein Text'] : [`a whole number from 0 to ${maxOf(def.type)}`, `eine ganze Zahl von 0 bis ${maxOf(def.type)}`];
    ctx.error('option.missing-value', name, { option: `${option.text} ${name.text}`, valueHelp: help[0]!, valueHelpDe: help[1]! });
    return words.length;
  }
  const v = values[0]!;
  if (def.type === 'pair') out.push({ id: def.id, value: [v.text, values[1]!.text] });
  else if (def.type === 'utf8') out.push({ id: def.id, value: v.text });
  else if (def.type === 'binary') out.push({ id: def.id, value: utf8.encode(v.text) });
  else {
    const n = ctx.int(v.text);
    const max = maxOf(def.type);
    if (n === undefined || n > max) ctx.error('option.bad-value', v, { value: v.text, option: name.text, valueHelp: `a whole number from 0 to ${max}`, valueHelpDe: `eine ganze Zahl von 0 bis ${max}` });
    else out.push({ id: def.id, value: n });
  }
  return j + count;
}

/** `CLIENT send PACKET [options]`. */
export function parseSend(ctx: ParseContext, client: string, verbToken: Token, words: readonly Token[]): Action | undefined {
  const packetToken = words[0];
  if (!packetToken || isOptionWord(packetToken)) {
    ctx.report('error', 'line.missing', tokenRange(verbToken), { what: `a packet type (${PACKET_NAMES.slice(0, 4).join(', ')}, ...)`, whatDe: `ein Pakettyp (${PACKET_NAMES.slice(0, 4).join(', ')}, ...)` });
    return undefined;
  }
  const packetName = packetToken.text.toUpperCase();
  const type = SEND_PACKETS[packetName];
  if (type === undefined) {
    ctx.unknown(packetToken, PACKET_NAMES, 'send.packet', { word: packetToken.text });
    return undefined;
  }
  const properties: ForgedProperty[] = [];
  const given = readOptionWords(ctx, words, 1, {
    byName: SEND_OPTION_BY_NAME,
    where: `send ${packetName}`,
    names: () => SEND_OPTIONS.filter((o) => o.packets.length === 0 || o.packets.includes(packetName)).flatMap((o) => o.names),
    misplaced: (spec, t) => {
      if (spec.packets.length === 0 || spec.packets.includes(packetName)) return false;
      ctx.error('send.option-packet', t, { option: t.text, packet: packetName, packets: spec.packets.join(', ') });
      return true;
    },
    readProperty: (t, i) => readProperty(ctx, t, words, i, properties),
  });
  const last = (id: string): Given | undefined => given.filter((g) => g.spec.id === id).pop();
  const int = (id: string): number | undefined => {
    const g = last(id);
    if (!g) return undefined;
    const n = ctx.int(g.values[0]!.text);
    if (n === undefined || n > (g.spec.max ?? 0xffffffff)) {
      ctx.error('option.bad-value', g.values[0]!, { value: g.values[0]!.text, option: g.token.text, valueHelp: g.spec.valueHelp?.en ?? '', valueHelpDe: g.spec.valueHelp?.de ?? '' });
      return undefined;
    }
    return n;
  };
  const str = (id: string): string | undefined => last(id)?.values[0]!.text;
  const flag = (id: string): boolean => last(id) !== undefined;
  const bit = (id: string): boolean | undefined => {
    const n = int(id);
    return n === undefined ? undefined : n === 1;
  };

  let version: ProtocolVersion = ctx.versionOf(client);
  const vGiven = last('version');
  if (vGiven) version = ctx.version(vGiven.values[0]!) ?? version;
  else if (properties.length > 0) version = 5;
  const level = int('protocol-level');
  if (type === 1 && !vGiven && (level === 4 || level === 5)) version = level;
  const fields: ForgeFields = { type, version };
  const flags = int('flags');
  if (flags !== undefined) fields.flags = flags;
  if (properties.length > 0) fields.properties = properties;
  const packetId = int('packet-id');
  if (packetId !== undefined) fields.packetId = packetId;
  const reasonCode = int('reason-code');
  if (reasonCode !== undefined) fields.reasonCode = reasonCode;
  switch (packetName) {
    case 'CONNECT': {
      if (level !== undefined) fields.protocolLevel = level;
      const name = str('protocol-name');
      if (name !== undefined) fields.protocolName = name;
      fields.clientId = str('id') ?? client;
      fields.clean = !flag('no-clean');
      const k = int('keepalive');
      if (k !== undefined) fields.keepAliveSec = k;
      const user = str('username');
      if (user !== undefined) fields.username = user;
      const pw = str('password');
      const ph = last('password-hex');
      if (pw !== undefined) fields.password = utf8.encode(pw);
      else if (ph) {
        const bytes: number[] = [];
        hexBytes(ctx, ph.values[0]!, bytes);
        fields.password = Uint8Array.from(bytes);
      }
      const uf = bit('username-flag');
      if (uf !== undefined) fields.usernameFlag = uf;
      const pf = bit('password-flag');
      if (pf !== undefined) fields.passwordFlag = pf;
      if (flag('reserved-flag')) fields.reservedConnectFlag = true;
      const wt = str('will-topic');
      if (wt !== undefined) fields.will = { topic: wt, payload: utf8.encode(str('will-payload') ?? ''), qos: int('will-qos') ?? 0, retain: flag('will-retain') };
      else for (const id of ['will-payload', 'will-qos', 'will-retain']) if (last(id)) ctx.error('option.requires', last(id)!.token, { option: last(id)!.token.text, needs: '--will-topic' });
      break;
    }
    case 'PUBLISH': {
      const topics = given.filter((g) => g.spec.id === 'topic');
      if (topics.length > 1) ctx.report('warning', 'option.repeated', tokenRange(topics[1]!.token), { option: topics[1]!.token.text });
      fields.topic = str('topic') ?? '';
      if (topics.length === 0 && !properties.some((p) => p.id === 0x23)) ctx.report('error', 'line.missing', tokenRange(packetToken), { what: 'a topic (-t TOPIC, or -t "" with -D topic-alias N)', whatDe: 'ein Topic (-t TOPIC, oder -t "" mit -D topic-alias N)' });
      const hex = last('payload-hex');
      if (hex) {
        const bytes: number[] = [];
        hexBytes(ctx, hex.values[0]!, bytes);
        fields.payload = Uint8Array.from(bytes);
      } else fields.payload = utf8.encode(str('message') ?? '');
      const qos = int('qos');
      if (qos !== undefined) fields.qos = qos;
      fields.retain = flag('retain');
      fields.dup = flag('dup');
      break;
    }
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      const options = int('options') ?? int('qos') ?? 0;
      fields.filters = given.filter((g) => g.spec.id === 'topic').map((g) => ({ filter: g.values[0]!.text, options }));
      break;
    }
    case 'CONNACK':
      fields.sessionPresent = flag('session-present');
      break;
  }
  const bytes = forge(fields);
  const segments: number[] = [];
  for (const g of given.filter((x) => x.spec.id === 'split-at')) {
    const n = ctx.int(g.values[0]!.text);
    if (n === undefined || n <= 0 || n >= bytes.length) ctx.error('send.split-range', g.values[0]!, { value: g.values[0]!.text, length: bytes.length });
    else segments.push(n);
  }
  return rawAction(ctx, client, 'send', bytes, [...new Set(segments)].sort((a, b) => a - b), verbToken, version);
}

/** The largest value of a number property of a packet sent on purpose. */
function maxOf(type: PropertyType): number {
  return type === 'byte' ? 255 : type === 'u16' ? 65535 : type === 'varint' ? 268_435_455 : 0xffffffff;
}
