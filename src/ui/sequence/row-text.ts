/** The one line of text beside each row of the sequence diagram, in the UI language. */
import type { TraceEntry } from '../../sim/trace.ts';
import { explainText, type Lang } from '../format/explain.ts';
import { stateValueText, type Translate } from '../format/state-name.ts';

export type { Translate };

export function rowText(e: TraceEntry, t: Translate, lang: Lang): string {
  const summary = e.summary ?? '';
  const key = (k: string, values: Record<string, string | number>) => t(`panels.sequence.${k}`, { values });
  switch (e.kind) {
    case 'send':
      return key('rowSend', { from: e.from, to: e.to ?? '', summary });
    case 'deliver':
      return key('rowDeliver', { to: e.to ?? '', summary });
    case 'drop':
      return key('rowDrop', { summary, reason: e.explain ? explainText(e.explain, lang) : '' });
    case 'app':
      return key('rowApp', { to: e.to ?? e.from, summary });
    case 'note':
      return key('rowNote', { actor: e.from === 'world' ? (e.to ?? e.from) : e.from, text: e.explain ? explainText(e.explain, lang) : '' });
    case 'timer':
      return key('rowTimer', { actor: e.from, name: summary.replace(/^timer /, '') });
    case 'state':
      return key('rowState', { actor: e.from, state: stateValueText(e.state?.value, t) });
    case 'command':
      return key('rowCommand', { summary });
    default:
      return `${e.kind} ${summary}`;
  }
}
