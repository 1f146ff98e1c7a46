/**
 * Command words recovered from older trace files (src/sim/trace-json.ts reads them here).
 *
 * Before command entries carried `command: { key, params }` (src/sim/command-text.ts), a trace
 * file gave a command only as an English `summary`, made by the world's `commandSummary`
 * (src/sim/step.ts up to commit 3198dfd): `sensor APP.CONNECT`, `drop next 1 PUBACK broker ->
 * sensor`, `sensor link {"latencyMs":50}`, `broker restart (persistence on)`, ... A view in
 * German showed those English words. Here each wording that writer produced is read back into
 * the words a new entry carries, so the entry reads in either language; so is a summary that
 * is already one of today's English sentences (`sensor connects`), or one as it was written
 * before the lines that do not start with the actor's name began with a capital (`the cable of
 * sensor is cut`, now `The cable of sensor is cut`). What cannot be recovered
 * exactly stays a summary, shown as it is: a delay rule (the old summary left out by how much),
 * a link change in today's words, anything else.
 *
 * Every recovery is checked by writing it again: the words must give back the summary, in the
 * old writer's format or as today's English sentence (its first letter in lower case where the
 * sentence starts with a word of its own), or they are not used.
 */
import type { PacketType } from '../core/codec/types.ts';
import { COMMAND_TEXTS, commandText, commandWords, type CommandWords } from './command-text.ts';
import type { FaultRule, LinkSettings, WorldCommand } from './world-types.ts';

const BROKER = 'broker';

/**
 * The words of an older command entry, from its English `summary` and its actor `to`, or
 * undefined when the summary is not one the old writer (or today's English) could have written.
 */
export function commandFromSummary(summary: string, to: string | undefined): CommandWords | undefined {
  const old = fromOldSummary(summary, to);
  if (old !== undefined && oldSummary(old.command) === summary) return old.words;
  const sentence = fromSentence(summary);
  if (sentence === undefined) return undefined;
  const today = commandText({ to, command: sentence.words }, 'en');
  const before = sentence.ownFirstWord ? lowerFirst(today) : today;
  return summary === today || summary === before ? sentence.words : undefined;
}

/** The text with its first letter in lower case (`The cable of sensor is cut` -> `the cable …`). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ── the old writer's format ─────────────────────────────────────────────────────────────────

/** A command the old writer knew, or raw bytes (whose words need only their counts). */
type Recovered = { words: CommandWords; command: OldCommand };
type OldCommand = WorldCommand | { type: 'raw.send.counts'; client: string; bytes: number; segments?: number };

const PACKET_TYPES: ReadonlySet<string> = new Set<PacketType>([
  'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'suback',
  'unsubscribe', 'unsuback', 'pingreq', 'pingresp', 'disconnect', 'auth',
]);
const EVENT_TYPE = /^[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*$/;
const OLD_FAULT = /^(drop|duplicate) next (\d+) (\*|[A-Z]+) (?:(.+) -> broker|broker -> (.+)|between (.+) and broker)$/;
const OLD_RAW = /^(.+) sends (\d+) bytes on purpose(?: in (\d+) TCP segments)?$/;
const OLD_LINK = /^(.+?) link (\{.*\})$/;
const LINK_KEYS: Readonly<Record<string, 'number' | 'boolean'>> = { latencyMs: 'number', jitterMs: 'number', lossRatio: 'number', tls: 'boolean' };

function recovered(command: WorldCommand): Recovered {
  return { words: commandWords(command), command };
}

function fromOldSummary(summary: string, to: string | undefined): Recovered | undefined {
  if (summary === 'clear every fault rule') return recovered({ type: 'fault.clear' });
  if (summary === 'broker restart') return recovered({ type: 'broker.restart' });
  if (summary === 'broker restart (persistence on)') return recovered({ type: 'broker.restart', persistence: true });
  const clear = /^clear the fault rules of (.+)$/.exec(summary);
  if (clear) return recovered({ type: 'fault.clear', client: clear[1]! });
  const fault = OLD_FAULT.exec(summary);
  if (fault) {
    const [, action, count, packet, up, down, both] = fault;
    if (packet !== '*' && !PACKET_TYPES.has(packet!.toLowerCase())) return undefined;
    const rule: FaultRule = {
      client: (up ?? down ?? both)!,
      direction: up !== undefined ? 'up' : down !== undefined ? 'down' : 'both',
      packetType: packet === '*' ? '*' : (packet!.toLowerCase() as PacketType),
      action: action as 'drop' | 'duplicate',
      remaining: Number(count),
    };
    return recovered({ type: 'fault.add', rule });
  }
  const raw = OLD_RAW.exec(summary);
  if (raw) {
    const [, client, bytes, segments] = raw;
    const params = { bytes: Number(bytes), ...(segments !== undefined ? { segments: Number(segments) } : {}) };
    return { words: { key: 'raw-send', params }, command: { type: 'raw.send.counts', client: client!, ...params } };
  }
  const link = OLD_LINK.exec(summary);
  if (link) {
    const settings = linkSettings(link[2]!);
    return settings === undefined ? undefined : recovered({ type: 'link.set', client: link[1]!, settings });
  }
  // `CLIENT TYPE`: an application event, or a command the old writer named by its type.
  const actor = to ?? BROKER;
  if (!summary.startsWith(`${actor} `)) return undefined;
  const rest = summary.slice(actor.length + 1);
  if (EVENT_TYPE.test(rest)) {
    return recovered(actor === BROKER ? { type: 'broker.event', event: { type: rest } } : { type: 'client.event', client: actor, event: { type: rest } });
  }
  if (actor === BROKER) return undefined;
  if (rest === 'cable.cut' || rest === 'cable.restore' || rest === 'client.crash') return recovered({ type: rest, client: actor });
  return undefined;
}

/** `{"latencyMs":50,"lossRatio":0.1}` as link settings, or undefined for anything else. */
function linkSettings(json: string): Partial<LinkSettings> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const type = LINK_KEYS[k];
    if (type === undefined || typeof v !== type || (typeof v === 'number' && !Number.isFinite(v))) return undefined;
  }
  return value as Partial<LinkSettings>;
}

/** What the old writer (`commandSummary`, step.ts before commit 3198dfd) said for a command. */
function oldSummary(c: OldCommand): string {
  switch (c.type) {
    case 'client.event':
      return `${c.client} ${c.event.type}`;
    case 'broker.event':
      return `broker ${c.event.type}`;
    case 'fault.add': {
      const r = c.rule;
      const path = r.direction === 'up' ? `${r.client} -> broker` : r.direction === 'down' ? `broker -> ${r.client}` : `between ${r.client} and broker`;
      return `${r.action} next ${r.remaining} ${r.packetType.toUpperCase()} ${path}`;
    }
    case 'fault.clear':
      return c.client === undefined ? 'clear every fault rule' : `clear the fault rules of ${c.client}`;
    case 'link.set':
      return `${c.client} link ${JSON.stringify(c.settings)}`;
    case 'broker.restart':
      return `broker restart${c.persistence ? ' (persistence on)' : ''}`;
    case 'raw.send.counts':
      return `${c.client} sends ${c.bytes} bytes on purpose${c.segments !== undefined ? ` in ${c.segments} TCP segments` : ''}`;
    default:
      return `${c.client} ${c.type}`;
  }
}

// ── today's English sentences ───────────────────────────────────────────────────────────────

/** The text ids whose English sentence names the whole command, by the key of their words. */
const SENTENCE_KEYS: ReadonlyArray<readonly [keyof typeof COMMAND_TEXTS, string]> = [
  ['connect', 'connect'], ['disconnect', 'disconnect'], ['publish', 'publish'], ['subscribe', 'subscribe'],
  ['unsubscribe', 'unsubscribe'], ['event', 'event'], ['cable-cut', 'cable-cut'], ['cable-restore', 'cable-restore'],
  ['crash', 'crash'], ['broker-restart', 'broker-restart'], ['broker-restart.persistent', 'broker-restart'],
  ['raw-send', 'raw-send'], ['raw-send.segments', 'raw-send'], ['fault-clear', 'fault-clear'], ['fault-clear.all', 'fault-clear'],
];
const NUMBER_PARAMS = new Set(['bytes', 'segments', 'count', 'delayMs']);

/**
 * An English template as a pattern: each `{name}` a named group (a number where it is one); a
 * first letter of the text's own in either case (the lines began in lower case before).
 */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const groups = escaped.replace(/\{(\w+)\}/g, (_m, name: string) => (NUMBER_PARAMS.has(name) ? `(?<${name}>\\d+)` : `(?<${name}>.+?)`));
  const first = groups.charAt(0);
  const start = first.toLowerCase() === first.toUpperCase() ? first : `[${first.toLowerCase()}${first.toUpperCase()}]`;
  return new RegExp(`^${start}${groups.slice(1)}$`);
}

/** True when the template starts with a word of its own, not with a `{name}`. */
function ownFirstWord(template: string): boolean {
  return /^\p{L}/u.test(template);
}

const SENTENCES: ReadonlyArray<{ pattern: RegExp; id: string; key: string; ownFirstWord: boolean }> = SENTENCE_KEYS.map(([id, key]) => ({
  pattern: templatePattern(COMMAND_TEXTS[id].en),
  id,
  key,
  ownFirstWord: ownFirstWord(COMMAND_TEXTS[id].en),
}));

/** The fault sentences, with their path and packet put in: action × one/other × direction. */
const FAULT_SENTENCES: ReadonlyArray<{ pattern: RegExp; action: string; direction: string }> = (['drop', 'duplicate', 'delay'] as const).flatMap((action) =>
  (['one', 'other'] as const).flatMap((number) =>
    (['up', 'down', 'both'] as const).map((direction) => ({
      action,
      direction,
      pattern: templatePattern(COMMAND_TEXTS[`fault.${action}.${number}`].en.replace('{path}', COMMAND_TEXTS[`fault.path.${direction}`].en)),
    })),
  ),
);

/** The words a sentence says, and whether it starts with a word of its own (not the actor's name). */
function fromSentence(summary: string): { words: CommandWords; ownFirstWord: boolean } | undefined {
  for (const { pattern, id, key, ownFirstWord } of SENTENCES) {
    const match = pattern.exec(summary);
    if (match === null) continue;
    // A sentence without values (`The broker restarts`) has no groups at all.
    const groups = match.groups ?? {};
    const params: Record<string, string | number | boolean> = {};
    for (const [name, value] of Object.entries(groups)) if (name !== 'actor') params[name] = NUMBER_PARAMS.has(name) ? Number(value) : value;
    if (id === 'broker-restart.persistent') params.persistence = true;
    if (id === 'fault-clear.all') params.all = true;
    return { words: Object.keys(params).length === 0 ? { key } : { key, params }, ownFirstWord };
  }
  for (const { pattern, action, direction } of FAULT_SENTENCES) {
    const groups = pattern.exec(summary)?.groups;
    if (groups === undefined) continue;
    const count = groups.count === undefined ? 1 : Number(groups.count);
    const packet = groups.packet === 'packet' || groups.packet === 'packets' ? '*' : groups.packet!;
    if (packet !== '*' && !PACKET_TYPES.has(packet.toLowerCase())) continue;
    const params: Record<string, string | number> = { action, count, packet, direction, client: groups.client! };
    if (groups.delayMs !== undefined) params.delayMs = Number(groups.delayMs);
    return { words: { key: 'fault', params }, ownFirstWord: true };
  }
  return undefined;
}
