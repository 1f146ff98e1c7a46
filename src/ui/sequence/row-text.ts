/** The one line of text beside each row of the sequence diagram, in the UI language. */
import type { TraceEntry } from '../../sim/trace.ts';
import { commandText, explainText, type Lang } from '../format/explain.ts';
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
      return key('rowCommand', { summary: commandText(e, lang) });
    default:
      return `${e.kind} ${summary}`;
  }
}
