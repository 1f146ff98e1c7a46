/**
 * From world commands back to scenario text: what a learner does by hand on the stage (connect,
 * publish, cut a cable, drop the next PUBACK, ...) becomes a line of the scenario, with the
 * same option names a learner would type, so nothing done by hand is lost on a re-run and the
 * line works with mosquitto_pub/sub later. The inverse of `compile.ts` for commands; a test
 * checks that every line compiles back to the command it came from.
 */
import type { Properties, Subscription } from '../core/codec/types.ts';
import type { WorldCommand } from '../sim/world.ts';
import type { Scenario } from './ast.ts';
import { escapedChar } from '../core/codec/shown-text.ts';

/** `text` as shown to a learner (goal results, the expectation's line): deceiving characters escaped. */
export { shownText } from '../core/codec/shown-text.ts';

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Whether `text` holds a C0 or C1 control other than tab, line feed and carriage return: binary data rather than text. */
function hasBinaryControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** Characters a word never holds as they are: controls, format characters (bidi overrides), line separators, lone surrogates. */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const HAS_UNSEEN = new RegExp(UNSEEN.source, 'u');
const SIMPLE: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * A word as the lexer reads it back: quoted when it holds spaces, quotes, `#` or is empty; a
 * control or format character (an ESC, a bidi override from a recorded client id) written as
 * an escape (`\x1b`, `\u{202e}`), so the line shows what it holds and reads back the same.
 */
export function quoteWord(word: string): string {
  if (word !== '' && /^[^\s'"#\\]+$/.test(word) && !HAS_UNSEEN.test(word)) return word;
  return `"${visibleText(word.replace(/[\\"\n\t\r]/g, (c) => SIMPLE[c]!))}"`;
}

/** `text` with each control or format character written as the lexer's escape (`\x1b`, `\u{202e}`): for a comment line. */
export function visibleText(text: string): string {
  return text.replace(UNSEEN, escapedChar);
}

/** A duration with the largest unit that keeps it exact (`1500ms`, `2s`, `3min`). */
export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}min`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms)}ms`;
}

/**
 * The payload as it reads back byte for byte: `-m TEXT` for text, `--payload-hex "..."` for
 * bytes that are no valid UTF-8 (a recorded binary payload would turn into U+FFFD as text) or
 * hold control characters (binary data that happens to decode), `-n` for none.
 */
export function payloadWords(payload: Uint8Array): string[] {
  if (payload.length === 0) return ['-n'];
  let decoded: string | undefined;
  try {
    decoded = strictDecoder.decode(payload);
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined || hasBinaryControl(decoded)) return ['--payload-hex', hexSegments(payload, [])];
  return ['-m', quoteWord(decoded)];
}

function propertyWords(command: string, properties: Properties | undefined): string[] {
  if (!properties) return [];
  const out: string[] = [];
  if (properties.messageExpiryIntervalSec !== undefined) out.push('-D', command, 'message-expiry-interval', String(properties.messageExpiryIntervalSec));
  if (properties.contentType !== undefined) out.push('-D', command, 'content-type', quoteWord(properties.contentType));
  if (properties.responseTopic !== undefined) out.push('-D', command, 'response-topic', quoteWord(properties.responseTopic));
  for (const [name, value] of properties.userProperties ?? []) out.push('-D', command, 'user-property', quoteWord(name), quoteWord(value));
  return out;
}

function subscribeWords(subscriptions: readonly Subscription[]): string[] {
  const out: string[] = [];
  for (const s of subscriptions) out.push('-t', quoteWord(s.topicFilter));
  const qos = subscriptions[0]?.qos ?? 0;
  if (qos !== 0) out.push('-q', String(qos));
  if (subscriptions.some((s) => s.noLocal)) out.push('--no-local');
  if (subscriptions.some((s) => s.retainAsPublished)) out.push('--retain-as-published');
  const rh = subscriptions[0]?.retainHandling;
  if (rh) out.push('--retain-handling', String(rh));
  return out;
}

/** The statement (without its time) for a command, or undefined when it has no line form. */
export function commandStatement(command: WorldCommand): string | undefined {
  switch (command.type) {
    case 'cable.cut':
      return `${command.client} cable-cut`;
    case 'cable.restore':
      return `${command.client} cable-restore`;
    case 'client.crash':
      return `${command.client} crash`;
    case 'broker.restart':
      return `broker restart${command.persistence ? ' persistence=on' : ''}`;
    case 'fault.add': {
      const r = command.rule;
      const direction = r.direction === 'up' ? 'from' : r.direction === 'down' ? 'to' : 'on';
      const count = r.remaining > 1 ? ` ${r.remaining}` : '';
      const packet = r.packetType === '*' ? 'ANY' : r.packetType.toUpperCase();
      const by = r.action === 'delay' ? ` by ${formatDuration(r.delayMs ?? 0)}` : '';
      return `${r.action} next${count} ${packet} ${direction} ${r.client}${by}`;
    }
    case 'client.event':
      return clientStatement(command.client, command.event as { type: string } & Record<string, unknown>);
    case 'raw.send':
      return `${command.client} send-hex ${hexSegments(command.bytes, command.segments ?? [])}`;
    default:
      return undefined;
  }
}

/** Bytes as `send-hex` words: `"30 0a ..."`, a `|` where a new TCP segment starts. */
export function hexSegments(bytes: Uint8Array, segments: readonly number[]): string {
  const cuts = [0, ...segments.filter((n) => n > 0 && n < bytes.length), bytes.length];
  const parts: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) parts.push(`"${Array.from(bytes.subarray(cuts[i], cuts[i + 1]), (b) => b.toString(16).padStart(2, '0')).join(' ')}"`);
  return parts.join(' | ');
}

function clientStatement(client: string, event: { type: string } & Record<string, unknown>): string | undefined {
  const words: string[] = [client];
  switch (event.type) {
    case 'APP.CONNECT': {
      const o = (event.options ?? {}) as {
        clientId?: string;
        protocolVersion?: number;
        clean?: boolean;
        keepAliveSec?: number;
        sessionExpiryIntervalSec?: number;
        username?: string;
        password?: Uint8Array;
        will?: { topic: string; payload: Uint8Array; qos: number; retain: boolean };
      };
      words.push('connect');
      if (o.clientId !== undefined) words.push('-i', quoteWord(o.clientId));
      if (o.protocolVersion !== undefined) words.push('-V', o.protocolVersion === 5 ? 'mqttv5' : 'mqttv311');
      if (o.keepAliveSec !== undefined) words.push('-k', String(o.keepAliveSec));
      if (o.clean === false) words.push('-c');
      if (o.sessionExpiryIntervalSec !== undefined) words.push('-x', String(o.sessionExpiryIntervalSec));
      if (o.username !== undefined) words.push('-u', quoteWord(o.username));
      if (o.password !== undefined) {
        // A password that is no text (MQTT's Password is binary data) in hex, so the replay sends the same bytes.
        const password = payloadWords(o.password);
        words.push(...(password[0] === '--payload-hex' ? ['--password-hex', password[1]!] : ['-P', password[0] === '-n' ? '""' : password[1]!]));
      }
      if (o.will) {
        const payload = payloadWords(o.will.payload);
        words.push('--will-topic', quoteWord(o.will.topic), ...(payload[0] === '--payload-hex' ? ['--will-payload-hex', payload[1]!] : ['--will-payload', payload[0] === '-n' ? '""' : payload[1]!]));
        if (o.will.qos) words.push('--will-qos', String(o.will.qos));
        if (o.will.retain) words.push('--will-retain');
      }
      return words.join(' ');
    }
    case 'APP.PUBLISH': {
      const payload = event.payload as Uint8Array;
      words.push('publish', '-t', quoteWord(String(event.topic)));
      words.push(...payloadWords(payload));
      if (event.qos) words.push('-q', String(event.qos));
      if (event.retain) words.push('-r');
      words.push(...propertyWords('publish', event.properties as Properties | undefined));
      return words.join(' ');
    }
    case 'APP.SUBSCRIBE':
      return [...words, 'subscribe', ...subscribeWords(event.subscriptions as Subscription[])].join(' ');
    case 'APP.UNSUBSCRIBE':
      return [...words, 'unsubscribe', ...(event.topicFilters as string[]).flatMap((t) => ['-t', quoteWord(t)])].join(' ');
    case 'APP.DISCONNECT':
      return `${client} disconnect`;
    default:
      return undefined;
  }
}

/** Virtual time as a scenario time (`at 1.25s`). */
export function formatAt(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : Number.isInteger(ms) ? `${ms}ms` : `${ms.toFixed(3)}ms`;
}

/**
 * `text` with `at T STATEMENT` inserted where it keeps the schedule in time order: after the
 * last scheduled line at or before T (or before the first one later than T), with a comment that
 * says where it came from.
 */
export function insertTimedLine(text: string, scenario: Scenario, atMs: number, statement: string, comment = 'added by hand'): string {
  const lines = text.split('\n');
  const line = `at ${formatAt(atMs).padEnd(6)} ${statement}   # ${comment}`;
  const before = scenario.steps.filter((s) => s.atMs <= atMs && s.action.kind !== 'end');
  const last = before[before.length - 1];
  let index: number;
  if (last) index = last.range.line; // 1-based line of the last step: insert after it
  else {
    const first = scenario.steps[0];
    index = first ? first.range.line - 1 : lines.length;
  }
  // A following `after D` line counted from the line before it; keep its time by making it absolute.
  const next = scenario.steps.find((s) => s.range.line > index);
  if (next) {
    const i = next.range.line - 1;
    lines[i] = (lines[i] ?? '').replace(/^(\s*)after\s+\S+/, (_m, indent: string) => `${indent}at ${formatAt(next.atMs)}`);
  }
  lines.splice(index, 0, line);
  return lines.join('\n');
}
