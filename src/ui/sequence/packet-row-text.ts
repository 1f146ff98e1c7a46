/**
 * The text beside a packet's row of the sequence diagram (sent, delivered, dropped, handed to
 * the application), in the UI language; row-text.ts adds the other kinds of rows.
 *
 * Kept apart from the state names (state-name.ts imports the English table itself): the
 * worksheet's diagrams (src/ui/print/), which show packets only, import this lazily, and
 * importing en.ts on that path made the bundler move en.ts out of the initial chunk (+2 kB gzip).
 */
import type { TraceEntry } from '../../sim/trace.ts';
import { explainText, type Lang } from '../format/explain.ts';
import type { Translate } from '../format/state-name.ts';

/** The row's text, or undefined when the entry is not a packet's row. */
export function packetRowText(e: TraceEntry, t: Translate, lang: Lang): string | undefined {
  const summary = rawSizeText(e.summary ?? '', t);
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
    default:
      return undefined;
  }
}

/**
 * The simulation's words for bytes that are no whole packet (`PUBLISH 22 bytes, malformed`,
 * `… 3 bytes, unfinished`, src/sim/link.ts) and for a payload that is no text (`<2 bytes>`,
 * src/core/codec/summary.ts) in the UI language; the packet's name stays (the CLI says the same:
 * `summaryText` in src/sim/trace.ts).
 */
function rawSizeText(summary: string, t: Translate): string {
  return summary
    .replace(/\b(\d+) bytes, (malformed|unfinished)\b/g, (_all, n: string, what: string) => t(`panels.sequence.raw.${what}`, { values: { bytes: Number(n) } }))
    .replace(/<(\d+) bytes>/g, (_all, n: string) => t('panels.sequence.raw.payload', { values: { bytes: Number(n) } }));
}
