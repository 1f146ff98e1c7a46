/**
 * Commands in words, in English and German: what a `command` trace entry says ("sensor
 * connects", "Lose the next PUBACK from the broker to sensor"). A line starts as a sentence
 * does, with a capital or with the actor's name as the user wrote it.
 *
 * Theory of operation: a command entry carries `command: { key, params }` (like a note's
 * `explain`), made here from the WorldCommand by `commandWords`; the actor it is for is the
 * entry's `to`, so the words of a command without values (connect, publish, a cable cut, ...)
 * are one shared object and cost nothing per entry. `commandText` turns them into a sentence in
 * either language from `COMMAND_TEXTS`, the one table the CLI (`formatEntry`), the sequence
 * diagram, the caption and the inspector read. Entries of older trace files carry only an
 * English `summary`: reading the file recovers their words where it can (command-legacy.ts);
 * a summary it cannot recover is shown as it is.
 */
import type { Explain } from '../core/mqtt/actor-contract.ts';
import type { Lang } from './explain-text.ts';
import type { FaultRule, LinkSettings, WorldCommand } from './world-types.ts';

/** What a command entry says: a key (below) and its values; the actor is the entry's `to`. */
export type CommandWords = Pick<Explain, 'key' | 'params'>;

/**
 * Every text by id, in both languages. An entry's key is an id here, except `fault`, `link`,
 * `raw-send`, `broker-restart` and `fault-clear`, whose sentences are put together from the
 * ids that start with their key. `{actor}` is the entry's `to`; other placeholders are params.
 */
export const COMMAND_TEXTS = {
  connect: { en: '{actor} connects', de: '{actor} verbindet sich' },
  disconnect: { en: '{actor} disconnects', de: '{actor} trennt die Verbindung' },
  publish: { en: '{actor} publishes', de: '{actor} veröffentlicht' },
  subscribe: { en: '{actor} subscribes', de: '{actor} abonniert' },
  unsubscribe: { en: '{actor} unsubscribes', de: '{actor} kündigt ein Abonnement' },
  event: { en: '{actor} gets the event {event}', de: '{actor} erhält das Ereignis {event}' },
  'cable-cut': { en: 'The cable of {actor} is cut', de: 'Das Kabel von {actor} wird getrennt' },
  'cable-restore': { en: 'The cable of {actor} is back', de: 'Das Kabel von {actor} ist wieder da' },
  crash: { en: '{actor} crashes', de: '{actor} stürzt ab' },
  'broker-restart': { en: 'The broker restarts', de: 'Der Broker startet neu' },
  'broker-restart.persistent': { en: 'The broker restarts (persistence on)', de: 'Der Broker startet neu (mit Persistenz)' },
  'raw-send': { en: '{actor} sends {bytes} bytes on purpose', de: '{actor} sendet absichtlich {bytes} Bytes' },
  'raw-send.segments': { en: '{actor} sends {bytes} bytes on purpose, in {segments} TCP segments', de: '{actor} sendet absichtlich {bytes} Bytes, in {segments} TCP-Segmenten' },
  'fault-clear': { en: 'Clear the fault rules of {actor}', de: 'Die Fehlerregeln von {actor} werden aufgehoben' },
  'fault-clear.all': { en: 'Clear every fault rule', de: 'Alle Fehlerregeln werden aufgehoben' },
  'fault.drop.one': { en: 'Lose the next {packet} {path}', de: 'Das nächste {packet} {path} geht verloren' },
  'fault.drop.other': { en: 'Lose the next {count} {packet} {path}', de: 'Die nächsten {count} {packet} {path} gehen verloren' },
  'fault.duplicate.one': { en: 'Duplicate the next {packet} {path}', de: 'Das nächste {packet} {path} kommt doppelt an' },
  'fault.duplicate.other': { en: 'Duplicate the next {count} {packet} {path}', de: 'Die nächsten {count} {packet} {path} kommen doppelt an' },
  'fault.delay.one': { en: 'Delay the next {packet} {path} by {delayMs} ms', de: 'Das nächste {packet} {path} wird um {delayMs} ms verzögert' },
  'fault.delay.other': { en: 'Delay the next {count} {packet} {path} by {delayMs} ms', de: 'Die nächsten {count} {packet} {path} werden um {delayMs} ms verzögert' },
  'fault.path.up': { en: 'from {client} to the broker', de: 'von {client} zum Broker' },
  'fault.path.down': { en: 'from the broker to {client}', de: 'vom Broker zu {client}' },
  'fault.path.both': { en: 'between {client} and the broker', de: 'zwischen {client} und dem Broker' },
  'fault.any.one': { en: 'packet', de: 'Paket' },
  'fault.any.other': { en: 'packets', de: 'Pakete' },
  link: { en: 'The link of {actor} changes: {settings}', de: 'Die Leitung von {actor} ändert sich: {settings}' },
  'link.none': { en: 'The link of {actor} stays as it is', de: 'Die Leitung von {actor} bleibt, wie sie ist' },
  'link.latencyMs': { en: 'latency {value} ms', de: 'Latenz {value} ms' },
  'link.jitterMs': { en: 'jitter {value} ms', de: 'Jitter {value} ms' },
  'link.lossPercent': { en: 'loss {value} %', de: 'Verlust {value} %' },
  'link.tls.on': { en: 'TLS on', de: 'TLS an' },
  'link.tls.off': { en: 'TLS off', de: 'TLS aus' },
} as const satisfies Record<string, { en: string; de: string }>;

type TextId = keyof typeof COMMAND_TEXTS;

/** The words of commands without values, one object each (entries share them). */
const PLAIN = {
  connect: Object.freeze({ key: 'connect' }),
  disconnect: Object.freeze({ key: 'disconnect' }),
  publish: Object.freeze({ key: 'publish' }),
  subscribe: Object.freeze({ key: 'subscribe' }),
  unsubscribe: Object.freeze({ key: 'unsubscribe' }),
  'cable-cut': Object.freeze({ key: 'cable-cut' }),
  'cable-restore': Object.freeze({ key: 'cable-restore' }),
  crash: Object.freeze({ key: 'crash' }),
  'broker-restart': Object.freeze({ key: 'broker-restart' }),
  'fault-clear': Object.freeze({ key: 'fault-clear' }),
} as const satisfies Partial<Record<TextId, CommandWords>>;

/** A client's application events by their words (`APP.CONNECT` -> connects). */
const APP_EVENTS: Readonly<Record<string, CommandWords>> = {
  'APP.CONNECT': PLAIN.connect,
  'APP.DISCONNECT': PLAIN.disconnect,
  'APP.PUBLISH': PLAIN.publish,
  'APP.SUBSCRIBE': PLAIN.subscribe,
  'APP.UNSUBSCRIBE': PLAIN.unsubscribe,
};

/** The words of a command, for its trace entry. */
export function commandWords(c: WorldCommand): CommandWords {
  switch (c.type) {
    case 'client.event':
    case 'broker.event':
      return APP_EVENTS[c.event.type] ?? { key: 'event', params: { event: c.event.type } };
    case 'cable.cut':
      return PLAIN['cable-cut'];
    case 'cable.restore':
      return PLAIN['cable-restore'];
    case 'client.crash':
      return PLAIN.crash;
    case 'broker.restart':
      return c.persistence ? { key: 'broker-restart', params: { persistence: true } } : PLAIN['broker-restart'];
    case 'link.set':
      return { key: 'link', params: linkParams(c.settings) };
    case 'fault.add':
      return { key: 'fault', params: faultParams(c.rule) };
    case 'fault.clear':
      return c.client === undefined ? { key: 'fault-clear', params: { all: true } } : PLAIN['fault-clear'];
    case 'raw.send':
      return { key: 'raw-send', params: { bytes: c.bytes.length, ...(c.segments?.length ? { segments: c.segments.length + 1 } : {}) } };
  }
}

function linkParams(s: Partial<LinkSettings>): Record<string, number | boolean> {
  const p: Record<string, number | boolean> = {};
  if (s.latencyMs !== undefined) p.latencyMs = s.latencyMs;
  if (s.jitterMs !== undefined) p.jitterMs = s.jitterMs;
  if (s.lossRatio !== undefined) p.lossPercent = Math.round(s.lossRatio * 10000) / 100;
  if (s.tls !== undefined) p.tls = s.tls;
  return p;
}

function faultParams(r: FaultRule): Record<string, string | number> {
  return {
    action: r.action,
    count: r.remaining,
    packet: r.packetType === '*' ? '*' : r.packetType.toUpperCase(),
    direction: r.direction,
    client: r.client,
    ...(r.action === 'delay' ? { delayMs: r.delayMs ?? 0 } : {}),
  };
}

type Params = Readonly<Record<string, string | number | boolean | undefined>>;

/** A number as the language writes it (`0,5` in German). */
function numberText(n: number, lang: Lang): string {
  return lang === 'de' ? String(n).replace('.', ',') : String(n);
}

function fill(id: TextId, params: Params, lang: Lang): string {
  return COMMAND_TEXTS[id][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : typeof v === 'number' ? numberText(v, lang) : String(v);
  });
}

function isTextId(id: string): id is TextId {
  return Object.hasOwn(COMMAND_TEXTS, id);
}

/**
 * A command entry in `lang`: from its `command` words, the actor being its `to`; an entry of an
 * older trace file whose words could not be recovered says its English `summary`.
 */
export function commandText(e: { to?: string; command?: CommandWords; summary?: string }, lang: Lang = 'en'): string {
  const words = e.command;
  if (words === undefined) return e.summary ?? '';
  const p: Params = { actor: e.to ?? 'broker', ...words.params };
  switch (words.key) {
    case 'fault':
      return faultText(p, lang);
    case 'link':
      return linkText(p, lang);
    case 'broker-restart':
      return fill(p.persistence ? 'broker-restart.persistent' : 'broker-restart', p, lang);
    case 'raw-send':
      return fill(p.segments !== undefined ? 'raw-send.segments' : 'raw-send', p, lang);
    case 'fault-clear':
      return fill(p.all ? 'fault-clear.all' : 'fault-clear', p, lang);
    default:
      // A key this version does not know (a newer file): the summary if any, else the key.
      return isTextId(words.key) ? fill(words.key, p, lang) : (e.summary ?? `${p.actor} ${words.key}`);
  }
}

function faultText(p: Params, lang: Lang): string {
  const action = p.action === 'duplicate' || p.action === 'delay' ? p.action : 'drop';
  const number = p.count === 1 ? 'one' : 'other';
  const direction = p.direction === 'up' || p.direction === 'down' ? p.direction : 'both';
  const path = fill(`fault.path.${direction}`, p, lang);
  const packet = p.packet === '*' ? fill(`fault.any.${number}`, p, lang) : String(p.packet);
  return fill(`fault.${action}.${number}`, { ...p, path, packet }, lang);
}

const LINK_SETTINGS = ['latencyMs', 'jitterMs', 'lossPercent'] as const;

function linkText(p: Params, lang: Lang): string {
  const parts = LINK_SETTINGS.filter((k) => p[k] !== undefined).map((k) => fill(`link.${k}`, { value: p[k] }, lang));
  if (p.tls !== undefined) parts.push(fill(p.tls ? 'link.tls.on' : 'link.tls.off', p, lang));
  return parts.length === 0 ? fill('link.none', p, lang) : fill('link', { ...p, settings: parts.join(', ') }, lang);
}
