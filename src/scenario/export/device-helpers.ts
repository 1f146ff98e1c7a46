/**
 * What the device generators share (src/scenario/export/device.ts explains the export): the
 * input they get, and small helpers for payloads, times and options that a target may not
 * express.
 */
import type { Properties, QoS, Subscription, UserProperty } from '../../core/codec/types.ts';
import type { Action, ConnectOptions, Scenario } from '../ast.ts';
import { visibleText } from '../unparse.ts';
import type { DeviceNotes } from './device-notes.ts';

/** One step of the client, as the generators see it. */
export interface ClientStep {
  atMs: number;
  action: Exclude<Action, { kind: 'broker-restart' | 'fault' | 'end' }>;
}

/** What a generator gets: the client's steps, the target's options, and a place to say what it cannot do. */
export interface GeneratorInput {
  client: string;
  steps: readonly ClientStep[];
  host: string;
  port: number;
  /** The sentences to write around the code, in the UI's language. */
  notes: DeviceNotes;
  /** Records a limitation; returns the comment text to write at that place. */
  unsupported(what: string): string;
}

export interface Generator {
  extension: string;
  generate(input: GeneratorInput): string;
}

/**
 * `text` as one line that is safe inside a `#` or `//` comment of any target: a topic, client id
 * or user property from the scenario may hold a line break (`-t "a\nrm -rf ~"`), which would end
 * the comment and turn the rest into code. Each control or format character is written as the
 * scenario language writes it (`\n`, `\x1b`, `\u{2028}`; src/scenario/unparse.ts).
 */
export function commentSafe(text: string): string {
  return visibleText(text.replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')));
}

/** Strict, and keeping a leading byte order mark (the default decoder drops it from the text). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The payload as text when it is valid UTF-8, else undefined (the generators then write bytes). */
export function payloadText(payload: Uint8Array): string | undefined {
  try {
    return utf8.decode(payload);
  } catch {
    return undefined;
  }
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Seconds with up to three decimals, for `sleep` and `time.sleep`. */
export function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** The 5.0 properties of a step that a target must name if it cannot send them. */
export function propertyNames(p: Properties | undefined): string[] {
  if (!p) return [];
  return Object.entries(p)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => k);
}

/** `subscriptions` grouped by QoS (for targets with one QoS per call). */
export function byQos(subscriptions: readonly Subscription[]): Map<QoS, string[]> {
  const out = new Map<QoS, string[]>();
  for (const s of subscriptions) out.set(s.qos, [...(out.get(s.qos) ?? []), s.topicFilter]);
  return out;
}

/** The subscription options beyond QoS (5.0) that a target may not express. */
export function subscriptionExtras(s: Subscription): string[] {
  const out: string[] = [];
  if (s.noLocal) out.push('no-local');
  if (s.retainAsPublished) out.push('retain-as-published');
  if (s.retainHandling !== undefined && s.retainHandling !== 0) out.push(`retain-handling ${s.retainHandling}`);
  return out;
}

/** The connect options' 5.0 extras (besides will, user name, password, clean, keep-alive, id). */
export function connectExtras(o: ConnectOptions): string[] {
  const out: string[] = [];
  if (o.sessionExpiryIntervalSec !== undefined) out.push(`session-expiry-interval ${o.sessionExpiryIntervalSec}`);
  if (o.receiveMaximum !== undefined) out.push(`receive-maximum ${o.receiveMaximum}`);
  if (o.topicAliasMaximum !== undefined) out.push(`topic-alias-maximum ${o.topicAliasMaximum}`);
  if (o.maximumPacketSize !== undefined) out.push(`maximum-packet-size ${o.maximumPacketSize}`);
  if (o.userProperties && o.userProperties.length > 0) out.push(`user properties ${o.userProperties.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return out;
}

/** User properties as an object for libraries that take one (duplicates become arrays; order of names is kept). */
export function userPropertyObject(props: readonly UserProperty[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of props) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The client's steps in time order (faults and broker commands of others are left out). */
export function clientSteps(scenario: Scenario, client: string): ClientStep[] {
  const out: ClientStep[] = [];
  for (const step of scenario.steps) {
    const a = step.action;
    if ('client' in a && a.client === client) out.push({ atMs: step.atMs, action: a as ClientStep['action'] });
  }
  return out;
}

