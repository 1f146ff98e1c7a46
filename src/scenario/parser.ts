/**
 * The parser: scenario text into a `Scenario` and diagnostics. It never throws and reads every
 * line even after errors, so the editor can show all problems at once.
 *
 * Theory of operation
 * -------------------
 * The text is split into lines and each line into words (`lexer.ts`). A first pass collects the
 * `client NAME` declarations, so a client may be used above its declaration and "did you mean"
 * knows every name. The second pass reads each line on its own:
 *
 *   [at TIME | after DURATION] HEAD ...
 *
 * A time prefix schedules the line: `at` is absolute virtual time, `after` is relative to the
 * previous timed line; a line without one happens at the time of the previous timed line (0 at
 * first). Lines must be written in time order (`time.backwards`). HEAD decides the form:
 * declarations (`broker`, `client`, `user`, `acl`, `link`, `seed`), `broker restart`, faults
 * (`drop`/`duplicate`/`delay next ...`), `end`, `expect ...`, or a client name followed by a
 * command (`parse-commands.ts`). A line that throws internally (a bug) becomes an `internal`
 * diagnostic on that line; the rest is still parsed.
 */
import type { Action, Scenario } from './ast.ts';
import { closest, type Diagnostic } from './diagnostics.ts';
import { lexLine, tokenRange, type Token } from './lexer.ts';
import { BROKER_SETTINGS, LINE_KEYWORDS, LINK_SETTINGS, VERBS, type SettingSpec, type Verb } from './options.ts';
import { parseFault, parseVerb } from './parse-commands.ts';
import { likelyDuration, ParseContext, parseDuration, showTime } from './parse-context.ts';
import { parseExpectation } from './parse-expect.ts';
import { hexBytes, parseSend, parseSendHex } from './parse-send.ts';
import type { LinkSettings } from '../sim/world.ts';

export interface ParseResult {
  scenario: Scenario;
  /** Errors, warnings and infos, in line order. */
  diagnostics: Diagnostic[];
}

const CLIENT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const COMMAND_VERBS = new Set<string>(['connect', 'disconnect', 'subscribe', 'unsubscribe', 'publish']);
const SEND_VERBS = new Set<string>(['send', 'send-hex']);
const FAULT_VERBS = new Set(['cable-cut', 'cable-restore', 'crash']);
const RESERVED = new Set([...LINE_KEYWORDS, ...Object.keys(VERBS), 'world', 'next', 'restart']);

/** An empty scenario (what a text with only comments parses to). */
export function emptyScenario(): Scenario {
  return { broker: { users: [], aclLines: [] }, clients: [], steps: [], expectations: [], maxKeepAliveSec: 0 };
}

/** Parse scenario text. Never throws; every problem is a diagnostic with its position. */
export function parseScenario(text: string): ParseResult {
  const scenario = emptyScenario();
  const ctx = new ParseContext(scenario);
  // A byte order mark (Windows editors write one) is not part of the first word.
  const lines = String(text).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lexed: Token[][] = joinContinued(ctx, lines, lines.map((line, i) => lexLine(line, i + 1, ctx.diagnostics)));
  for (const words of lexed) {
    if (words[0]?.text === 'client' && !words[0].quoted && words[1] && CLIENT_NAME.test(words[1].text) && !RESERVED.has(words[1].text) && !ctx.clients.has(words[1].text)) {
      ctx.clients.set(words[1].text, words[1].line);
    }
  }
  const state = { lastTimeMs: 0 };
  for (let i = 0; i < lexed.length; i++) {
    const words = lexed[i]!;
    if (words.length === 0) continue;
    try {
      parseLine(ctx, words, state);
    } catch (error) {
      ctx.report('error', 'internal', { line: i + 1, column: 1, endLine: i + 1, endColumn: lines[i]!.length + 1 }, { error: String(error) });
    }
  }
  ctx.checkTopicCase();
  goalsAfterEnd(ctx);
  scenario.steps.sort((a, b) => a.atMs - b.atMs);
  ctx.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { scenario, diagnostics: ctx.diagnostics };
}

/** A goal whose window opens after the run's `end`: it could never pass; a warning on the goal, saying when the run ends. */
function goalsAfterEnd(ctx: ParseContext): void {
  const end = ctx.scenario.endAtMs;
  if (end === undefined) return;
  for (const e of ctx.scenario.expectations) {
    const afterMs = 'afterMs' in e ? e.afterMs : undefined;
    if (afterMs !== undefined && afterMs > end) ctx.report('warning', 'expect.after-end', e.range, { after: showTime(afterMs), end: showTime(end) });
  }
}

/**
 * A line whose last word is a lone `\` goes on on the next line (long `send-hex` bytes): the
 * words of both are read as one line, each keeping its own position; the next line is then
 * empty. The next line must follow directly: a blank line, a comment-only line or the end of
 * the text after a `\` is an error at the `\` and the line is read without it (a `\` never
 * reaches past a blank line to swallow a line further down). Bounded by the number of lines.
 */
function joinContinued(ctx: ParseContext, lines: readonly string[], lexed: Token[][]): Token[][] {
  for (let i = 0; i < lexed.length; i++) {
    // The line a `\` at the end of line i (as joined so far) continues on.
    let next = i + 1;
    for (;;) {
      const words = lexed[i]!;
      const last = words[words.length - 1];
      if (last === undefined || last.quoted || last.text !== '\\') break;
      if (next < lexed.length && lexed[next]!.length > 0) {
        lexed[i] = [...words.slice(0, -1), ...lexed[next]!];
        lexed[next] = [];
        next++; // the joined line may end in `\` again
        continue;
      }
      lexed[i] = words.slice(0, -1);
      const line = { line: last.line, next: last.line + 1 };
      if (next >= lexed.length) ctx.report('error', 'line.continued-end', tokenRange(last), line);
      else if (lines[next]!.trim() === '') ctx.report('error', 'line.continued-blank', tokenRange(last), line);
      else ctx.report('error', 'line.continued-comment', tokenRange(last), line);
      break;
    }
  }
  return lexed;
}

function parseLine(ctx: ParseContext, all: Token[], state: { lastTimeMs: number }): void {
  let words = all;
  let timeToken: Token | undefined;
  let atMs = state.lastTimeMs;
  const first = words[0]!;
  if (!first.quoted && (first.text === 'at' || first.text === 'after')) {
    timeToken = first;
    const d = ctx.duration(words[1], first, first.text);
    words = words.slice(2);
    if (d === undefined) return;
    atMs = first.text === 'at' ? d : state.lastTimeMs + d;
    if (atMs < state.lastTimeMs) {
      ctx.report('error', 'time.backwards', { ...tokenRange(first), endColumn: all[1]!.endColumn }, { at: all[1]!.text, previous: showTime(state.lastTimeMs) });
      return;
    }
    state.lastTimeMs = atMs;
    if (words.length === 0) {
      ctx.report('error', 'line.missing', { ...tokenRange(first), endColumn: all[1]!.endColumn }, { what: 'something to do at this time', whatDe: 'etwas, das zu dieser Zeit geschieht' });
      return;
    }
  }
  const head = words[0]!;
  const rangeOf = (ws: readonly Token[]) => ({ ...tokenRange(ws[0]!), endLine: ws[ws.length - 1]!.line, endColumn: ws[ws.length - 1]!.endColumn });
  const step = (action: Action | undefined): void => {
    if (action) ctx.scenario.steps.push({ atMs, action, range: rangeOf(all) });
  };
  const noTime = (): boolean => {
    if (!timeToken) return true;
    ctx.report('error', 'time.not-here', { ...tokenRange(timeToken), endColumn: head.endColumn }, { word: head.text });
    return false;
  };
  const word = head.quoted ? '' : head.text;
  switch (word) {
    case 'broker':
      if (words[1]?.text === 'restart') return step(parseRestart(ctx, words));
      // `at 5s broker restrat`: a timed broker line can only be a restart.
      if (timeToken && ctx.misspelt(words[1], ['restart'])) return;
      if (noTime()) parseBroker(ctx, words);
      return;
    case 'client':
      if (noTime()) parseClientDecl(ctx, words);
      return;
    case 'link': {
      if (!timeToken) return parseLinkDecl(ctx, words);
      const client = words[1] ? ctx.checkClient(words[1]) : undefined;
      if (!client) return ctx.report('error', 'line.missing', tokenRange(head), { what: 'a client name', whatDe: 'ein Client-Name' });
      return step({ kind: 'link', client, settings: readLink(ctx, words.slice(2)) });
    }
    case 'user':
      if (noTime()) parseUser(ctx, words);
      return;
    case 'acl':
      if (noTime()) parseAcl(ctx, words);
      return;
    case 'seed':
      if (noTime()) parseSeed(ctx, words);
      return;
    case 'expect': {
      if (!noTime()) return;
      const e = parseExpectation(ctx, words);
      if (e) ctx.scenario.expectations.push(e);
      return;
    }
    case 'drop':
    case 'duplicate':
    case 'delay':
      return step(parseFault(ctx, words));
    case 'end':
      if (!timeToken) return ctx.report('error', 'time.missing', tokenRange(head), { word: 'at' });
      if (words[1]) ctx.error('line.extra', words[1], { word: words[1].raw });
      // The run stops at the first `end`: a later one is never reached.
      if (ctx.scenario.endAtMs !== undefined) return ctx.report('warning', 'end.repeated', { ...tokenRange(head), ...(timeToken ? { column: timeToken.column } : {}) }, { first: showTime(ctx.scenario.endAtMs) });
      ctx.scenario.endAtMs = atMs;
      return;
  }
  parseClientLine(ctx, words, step);
}

/** `NAME VERB ...`, or an unknown first word. */
function parseClientLine(ctx: ParseContext, words: Token[], step: (a: Action | undefined) => void): void {
  const head = words[0]!;
  const verbToken = words[1];
  if (!ctx.clients.has(head.text)) {
    const looksLikeClient = verbToken !== undefined && (COMMAND_VERBS.has(verbToken.text) || FAULT_VERBS.has(verbToken.text) || SEND_VERBS.has(verbToken.text));
    if (looksLikeClient) ctx.checkClient(head);
    else if (COMMAND_VERBS.has(head.text) && verbToken && ctx.clients.has(verbToken.text)) {
      ctx.report('error', 'line.unknown-suggest', tokenRange(head), { word: head.text, suggestion: `${verbToken.text} ${head.text}` });
      return;
    } else {
      const suggestion = closest(head.text, [...LINE_KEYWORDS, ...ctx.clients.keys()]);
      if (suggestion !== undefined) ctx.report('error', 'line.unknown-suggest', tokenRange(head), { word: head.text, suggestion }, { title: `Change to ${suggestion}`, text: suggestion });
      else ctx.error('line.unknown', head, { word: head.raw });
      return;
    }
  }
  const client = head.text;
  if (!verbToken) return ctx.error('verb.missing', head, { client });
  const verb = verbToken.text;
  if (COMMAND_VERBS.has(verb)) return step(parseVerb(ctx, client, verb as Verb, verbToken, words.slice(2)));
  if (verb === 'send') return step(parseSend(ctx, client, verbToken, words.slice(2)));
  if (verb === 'send-hex') return step(parseSendHex(ctx, client, verbToken, words.slice(2)));
  if (FAULT_VERBS.has(verb)) {
    if (words[2]) ctx.error('line.extra', words[2], { word: words[2].raw });
    return step({ kind: verb as 'cable-cut' | 'cable-restore' | 'crash', client });
  }
  ctx.unknown(verbToken, Object.keys(VERBS), 'verb.unknown', { word: verb, client });
}

// ── declarations ──

/** Read `key=value` words against a settings table. */
function readSettings(ctx: ParseContext, words: readonly Token[], table: readonly SettingSpec[], what: string): Map<string, { value: number | boolean; token: Token }> {
  const out = new Map<string, { value: number | boolean; token: Token }>();
  for (const w of words) {
    const eq = w.text.indexOf('=');
    if (eq <= 0 || w.quoted) {
      ctx.error('setting.not-key-value', w, { word: w.raw });
      continue;
    }
    const key = w.text.slice(0, eq);
    const raw = w.text.slice(eq + 1);
    const spec = table.find((s) => s.key === key);
    if (!spec) {
      const keyRange = { line: w.line, column: w.column, endLine: w.line, endColumn: w.column + eq };
      const suggestion = closest(key, table.map((s) => s.key));
      if (suggestion) ctx.report('error', 'setting.unknown-suggest', keyRange, { key, suggestion }, { title: `Change to ${suggestion}`, text: suggestion });
      else ctx.report('error', 'setting.unknown', keyRange, { key, what });
      continue;
    }
    const value = settingValue(spec, raw);
    if (value === undefined) {
      const valueRange = { line: w.line, column: w.column + eq + 1, endLine: w.line, endColumn: w.endColumn };
      const likely = spec.value === 'duration' ? likelyDuration(raw) : undefined;
      if (likely !== undefined) ctx.report('error', 'time.invalid-suggest', valueRange, { text: raw, suggestion: likely }, { title: `Change to ${likely}`, text: likely });
      else ctx.report('error', 'setting.bad-value', valueRange, { key, value: raw, valueHelp: spec.valueHelp.en, valueHelpDe: spec.valueHelp.de });
      continue;
    }
    if (out.has(key)) ctx.error('setting.repeated', w, { key });
    out.set(key, { value, token: w });
  }
  return out;
}

/** An on/off value, as every setting and option of the language spells it: on|true|yes, off|false|no. */
function parseOnOff(raw: string): boolean | undefined {
  return raw === 'on' || raw === 'true' || raw === 'yes' ? true : raw === 'off' || raw === 'false' || raw === 'no' ? false : undefined;
}

function settingValue(spec: SettingSpec, raw: string): number | boolean | undefined {
  switch (spec.value) {
    case 'on-off':
      return parseOnOff(raw);
    case 'int':
      return /^\d{1,9}$/.test(raw) && Number(raw) <= (spec.max ?? Infinity) ? Number(raw) : undefined;
    case 'duration':
      return parseDuration(raw) ?? (raw === '0' ? 0 : undefined);
    case 'version': {
      const v = raw.toLowerCase();
      return v === '5' || v === 'mqttv5' ? 5 : v === '311' || v === 'mqttv311' || v === '4' ? 4 : undefined;
    }
    case 'ratio': {
      const pct = /^(\d{1,3}(?:\.\d+)?)%$/.exec(raw);
      const n = pct ? Number(pct[1]) / 100 : /^\d(?:\.\d+)?$/.test(raw) ? Number(raw) : NaN;
      return n >= 0 && n <= 1 ? n : undefined;
    }
  }
}

function parseBroker(ctx: ParseContext, words: Token[]): void {
  const b = ctx.scenario.broker;
  for (const [key, { value }] of readSettings(ctx, words.slice(1), BROKER_SETTINGS, 'broker')) {
    const n = value as number;
    switch (key) {
      case 'version': b.version = n as 4 | 5; break;
      case 'persistence': b.persistence = value as boolean; break;
      case 'anonymous': b.anonymous = value as boolean; break;
      case 'max-inflight': b.maxInflight = n; break;
      case 'max-queued': b.maxQueued = n; break;
      case 'sys-interval': b.sysIntervalMs = n; break;
      case 'retain': b.retain = value as boolean; break;
      case 'max-packet-size': b.maxPacketSize = n; break;
      case 'max-keepalive': b.maxKeepalive = n; break;
      case 'max-topic-alias': b.maxTopicAlias = n; break;
      case 'queue-qos0': b.queueQos0 = value as boolean; break;
    }
  }
}

function readLink(ctx: ParseContext, words: readonly Token[]): Partial<LinkSettings> {
  const link: Partial<LinkSettings> = {};
  for (const [key, { value }] of readSettings(ctx, words, LINK_SETTINGS, 'link')) {
    if (key === 'latency') link.latencyMs = value as number;
    if (key === 'jitter') link.jitterMs = value as number;
    if (key === 'loss') link.lossRatio = value as number;
    if (key === 'tls') link.tls = value as boolean;
  }
  return link;
}

function parseClientDecl(ctx: ParseContext, words: Token[]): void {
  const nameToken = words[1];
  if (!nameToken) return ctx.report('error', 'line.missing', tokenRange(words[0]!), { what: 'a client name', whatDe: 'ein Client-Name' });
  const name = nameToken.text;
  if (!CLIENT_NAME.test(name) || RESERVED.has(name) || nameToken.quoted) return ctx.error('client.bad-name', nameToken, { name });
  if (ctx.clients.get(name) !== nameToken.line) return ctx.error('client.duplicate', nameToken, { name, first: ctx.clients.get(name) ?? 0 });
  ctx.scenario.clients.push({ name, link: readLink(ctx, words.slice(2)), range: { ...tokenRange(words[0]!), endColumn: words[words.length - 1]!.endColumn } });
}

function parseLinkDecl(ctx: ParseContext, words: Token[]): void {
  const nameToken = words[1];
  if (!nameToken) return ctx.report('error', 'line.missing', tokenRange(words[0]!), { what: 'a client name', whatDe: 'ein Client-Name' });
  const name = ctx.checkClient(nameToken);
  const settings = readLink(ctx, words.slice(2));
  const decl = ctx.scenario.clients.find((c) => c.name === name);
  if (decl) decl.link = { ...decl.link, ...settings };
  else if (ctx.clients.has(name)) ctx.scenario.steps.push({ atMs: 0, action: { kind: 'link', client: name, settings }, range: tokenRange(words[0]!) });
}

function parseUser(ctx: ParseContext, words: Token[]): void {
  const missing = { what: 'a user name and a password (`user NAME PASSWORD` or `user NAME --password-hex HEX`)', whatDe: 'ein Benutzername und ein Passwort (`user NAME PASSWORT` oder `user NAME --password-hex HEX`)' };
  if (words.length < 3) return ctx.report('error', 'line.missing', { ...tokenRange(words[0]!), endColumn: words[words.length - 1]!.endColumn }, missing);
  // A password that is no text (MQTT's Password is binary data) as bytes in hex.
  const hex = words[2]!.text === '--password-hex' && !words[2]!.quoted;
  if (hex && !words[3]) return ctx.report('error', 'line.missing', tokenRange(words[2]!), missing);
  const extra = words[hex ? 4 : 3];
  if (extra) ctx.error('line.extra', extra, { word: extra.raw });
  const name = words[1]!;
  if (!fileLineValue(ctx, name)) return;
  // mosquitto_passwd refuses it: a password_file line is NAME:HASH, split at the first `:`.
  if (name.text.includes(':')) return ctx.error('user.colon', name, { name: name.text });
  if (!hex) return void ctx.scenario.broker.users.push({ name: name.text, password: words[2]!.text });
  const bytes: number[] = [];
  if (hexBytes(ctx, words[3]!, bytes)) ctx.scenario.broker.users.push({ name: name.text, password: Uint8Array.from(bytes) });
}

/**
 * A user name or ACL topic becomes one line of Mosquitto's password or ACL file (the export, and
 * the simulated broker reads the same text): a control character (a line break would start a
 * line of its own, `acl user "a\nuser admin"`) is an error at its place. Mosquitto closes any
 * connection whose user name or topic holds one, so such an entry could never apply anyway.
 */
function fileLineValue(ctx: ParseContext, token: Token): boolean {
  const i = token.text.search(/\p{Cc}/u);
  if (i < 0) return true;
  const code = token.text.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0');
  ctx.error('value.control', token, { value: token.raw, char: `U+${code}` });
  return false;
}

const ACL_ACCESS = ['read', 'write', 'readwrite', 'deny'];

function parseAcl(ctx: ParseContext, words: Token[]): void {
  const kind = words[1];
  const acl = ctx.scenario.broker.aclLines;
  if (kind?.text === 'user' && words[2]) {
    if (words[3]) ctx.error('line.extra', words[3], { word: words[3].raw });
    if (!fileLineValue(ctx, words[2])) return;
    acl.push(`user ${words[2].text}`);
    return;
  }
  if (kind && !['user', 'topic', 'pattern'].includes(kind.text) && ctx.misspelt(kind, ['user', 'topic', 'pattern'])) return;
  if ((kind?.text === 'topic' || kind?.text === 'pattern') && words[2]) {
    let access = 'readwrite';
    let topicToken = words[2];
    if (words[3]) {
      if (!ACL_ACCESS.includes(words[2].text)) {
        ctx.unknown(words[2], ACL_ACCESS, 'option.unknown', { option: words[2].text, verb: 'acl' });
        return;
      }
      access = words[2].text;
      topicToken = words[3];
      if (words[4]) ctx.error('line.extra', words[4], { word: words[4].raw });
    }
    if (!fileLineValue(ctx, topicToken)) return;
    const probe = { ...topicToken, text: topicToken.text.replace(/%[cu]/g, 'x') };
    ctx.topic(probe, true, 5);
    acl.push(`${kind.text} ${access} ${topicToken.text}`);
    return;
  }
  ctx.error('acl.bad', kind ?? words[0]!);
}

function parseSeed(ctx: ParseContext, words: Token[]): void {
  const v = words[1];
  if (!v) return ctx.report('error', 'line.missing', tokenRange(words[0]!), { what: 'a number', whatDe: 'eine Zahl' });
  const n = /^\d{1,10}$/.test(v.text) ? Number(v.text) : NaN;
  if (!(n <= 0xffffffff)) return ctx.error('seed.bad', v, { value: v.text });
  if (words[2]) ctx.error('line.extra', words[2], { word: words[2].raw });
  ctx.scenario.seed = n;
}

function parseRestart(ctx: ParseContext, words: Token[]): Action {
  let persistence: boolean | undefined;
  for (const w of words.slice(2)) {
    const value = w.text.startsWith('persistence=') ? parseOnOff(w.text.slice('persistence='.length)) : undefined;
    if (value !== undefined) persistence = value;
    else if (w.text.includes('=') && !w.text.startsWith('persistence=')) ctx.unknown({ ...w, endColumn: w.column + w.text.indexOf('=') }, ['persistence'], 'setting.unknown', { key: w.text.slice(0, w.text.indexOf('=')), what: 'broker restart' });
    else ctx.error('setting.not-key-value', w, { word: w.raw });
  }
  return { kind: 'broker-restart', ...(persistence !== undefined ? { persistence } : {}) };
}
