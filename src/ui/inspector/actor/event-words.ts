/**
 * The events of a state diagram's transitions in words. The machine graph names them as the
 * code does (`NET.PACKET [connackAccepted]`, `TIMER.KEEPALIVE`); a learner reads "CONNACK:
 * accepted" / "CONNACK: angenommen" instead (keys under `panels.actor.events`). The table's
 * order is the order in which an edge with several events names them: the most telling first
 * ("connection lost" before "malformed packet"). An event the table does not know (a machine
 * grew a new one) shows its code name rather than nothing.
 */
import type { Translate } from '../../format/state-name.ts';

const EVENT_WORDS: ReadonlyArray<readonly [event: string, key: string]> = [
  ['APP.CONNECT', 'connect'],
  ['NET.OPENED', 'opened'],
  ['NET.PACKET [connackAccepted]', 'connackAccepted'],
  ['NET.PACKET [isConnack]', 'connackRefused'],
  ['TIMER.KEEPALIVE', 'keepAliveDue'],
  ['NET.PACKET [isPingresp]', 'pingresp'],
  ['NET.CLOSED', 'closed'],
  ['APP.DISCONNECT', 'disconnect'],
  ['TIMER.PINGRESP', 'pingrespLate'],
  ['NET.PACKET [packetEndsConnection]', 'brokerEnds'],
  ['NET.PACKET [connackUnexpectedSession]', 'unexpectedSession'],
  ['NET.PACKET', 'packetBeforeConnack'],
  ['NET.MALFORMED', 'malformed'],
  ['SYS.CRASH', 'crash'],
  ['SYS.RESTART', 'restart'],
];

const ORDER = new Map(EVENT_WORDS.map(([event], i) => [event, i]));
const KEY = new Map(EVENT_WORDS);

/** One event (with its guard, as the machine graph writes it) in words. */
export function eventWords(event: string, t: Translate): string {
  const key = KEY.get(event);
  return key ? t(`panels.actor.events.${key}`) : event;
}

/** A transition's events, most telling first. */
export function orderedEvents(events: readonly string[]): string[] {
  const rank = (e: string) => ORDER.get(e) ?? EVENT_WORDS.length;
  return [...events].sort((a, b) => rank(a) - rank(b));
}

/**
 * The label of a transition: its most telling event in words, with "+N" when N more take it
 * too (all of them are in the tooltip, `eventsTitle`).
 */
export function edgeLabel(events: readonly string[], t: Translate): string {
  const [first, ...rest] = orderedEvents(events);
  if (first === undefined) return '';
  const words = eventWords(first, t);
  return rest.length === 0 ? words : `${words} +${rest.length}`;
}

/** Every event of a transition in words, one a line (the edge's tooltip). */
export function eventsTitle(events: readonly string[], t: Translate): string {
  return orderedEvents(events).map((e) => eventWords(e, t)).join('\n');
}
