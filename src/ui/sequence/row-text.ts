/** The one line of text beside each row of the sequence diagram, in the UI language. */
import type { TraceEntry } from '../../sim/trace.ts';
import { explainText, type Lang } from '../format/explain.ts';
import { stateValueText, type Translate } from '../format/state-name.ts';
import { packetRowText } from './packet-row-text.ts';

export type { Translate };

/** `TIMER.KEEPALIVE` -> the timer's name in words (`keep-alive`), from `panels.sequence.timerNames`. */
function timerName(name: string, t: Translate): string {
  const id = name.replace(/^TIMER\./, '');
  const key = `panels.sequence.timerNames.${id}`;
  const text = t(key);
  return text === key ? id.toLowerCase().replace(/_/g, ' ') : text;
}

/**
 * A scenario command in words: `dashboard APP.SUBSCRIBE` -> `dashboard subscribes`, `sensor
 * cable.cut` -> `sensor: the cable is cut`; others (fault rules, link settings) as they are.
 */
function commandText(summary: string, t: Translate): string {
  const words = otherCommandText(summary, t);
  if (words !== undefined) return words;
  const m = /^(\S+) ([A-Za-z]+\.[A-Za-z.]+)$/.exec(summary);
  if (!m) return summary;
  const key = `panels.sequence.commands.${m[2]!.replace(/\./g, '_')}`;
  const text = t(key, { values: { actor: m[1]! } });
  return text === key ? summary : text;
}

/**
 * The commands whose summary (src/sim/step.ts `commandSummary`) carries values: a raw send, a
 * fault rule, clearing fault rules, a broker restart with persistence. Undefined for the others.
 */
function otherCommandText(summary: string, t: Translate): string | undefined {
  const c = (k: string, values: Record<string, string | number> = {}) => t(`panels.sequence.commands.${k}`, { values });
  let m = /^(\S+) sends (\d+) bytes on purpose(?: in (\d+) TCP segments)?$/.exec(summary);
  if (m) return m[3] ? c('raw_send_segments', { actor: m[1]!, bytes: Number(m[2]), segments: Number(m[3]) }) : c('raw_send', { actor: m[1]!, bytes: Number(m[2]) });
  m = /^(drop|duplicate|delay) next (\d+) (\S+) (?:(\S+) -> broker|broker -> (\S+)|between (\S+) and broker)$/.exec(summary);
  if (m) {
    const [, action, count, packet, up, down, both] = m;
    const path = up !== undefined ? c('path_up', { client: up }) : down !== undefined ? c('path_down', { client: down }) : c('path_both', { client: both! });
    return c(`fault_${action!}`, { count: Number(count), packet: packet === '*' ? c('any_packet') : packet!, path });
  }
  if (summary === 'clear every fault rule') return c('fault_clear_all');
  m = /^clear the fault rules of (\S+)$/.exec(summary);
  if (m) return c('fault_clear', { actor: m[1]! });
  if (summary === 'broker restart (persistence on)') return c('broker_restart_persistent');
  return undefined;
}

export function rowText(e: TraceEntry, t: Translate, lang: Lang): string {
  const packet = packetRowText(e, t, lang);
  if (packet !== undefined) return packet;
  const summary = e.summary ?? '';
  const key = (k: string, values: Record<string, string | number>) => t(`panels.sequence.${k}`, { values });
  switch (e.kind) {
    case 'note':
      return key('rowNote', { actor: e.from === 'world' ? (e.to ?? e.from) : e.from, text: e.explain ? explainText(e.explain, lang) : '' });
    case 'timer':
      return key('rowTimer', { actor: e.from, name: timerName(summary.replace(/^timer /, ''), t) });
    case 'state':
      return key('rowState', { actor: e.from, state: stateValueText(e.state?.value, t) });
    case 'command':
      return key('rowCommand', { summary: commandText(summary, t) });
    default:
      return `${e.kind} ${summary}`;
  }
}
