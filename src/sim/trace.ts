/**
 * The trace: the one data model every view reads (ARCHITECTURE.md, "Trace entry").
 *
 * Kinds: `send` (a packet leaves an actor), `deliver` (it arrives), `drop` (it is lost, with
 * the reason), `timer` (a timer fired), `state` (an actor's state value changed), `command`
 * (a scenario or UI command ran), `check` (an expectation was evaluated), `note` (a rule was
 * applied: `explain` says which), and `app` (a message was handed to a client's application:
 * what "receives" means in expectations; an addition to the architecture's list).
 */
import type { Packet } from '../core/codec/types.ts';
import type { Explain } from '../core/mqtt/actor-contract.ts';
import { commandText } from './command-text.ts';
import { explainText, stateText, type Lang } from './explain-text.ts';

export type TraceKind = 'send' | 'deliver' | 'drop' | 'timer' | 'state' | 'command' | 'check' | 'note' | 'app';

export interface TraceEntry {
  /** Position in the whole trace, from 0. */
  seq: number;
  /** The history step that produced the entry (entries of one step belong together). */
  step: number;
  atMs: number;
  kind: TraceKind;
  /** Actor name: `broker` or a client's name; for a command, `world`. */
  from: string;
  /** Receiver of a packet, or the actor a command or timer is for. */
  to?: string;
  /** The connection a packet travels on. */
  connId?: string;
  packet?: Packet;
  bytes?: Uint8Array;
  /** One-line summary (`PUBLISH q1 id=3 plant/hall1/temp "21.5"`, `keep-alive timer`, ...). */
  summary?: string;
  /** For `deliver` and `drop`: the `seq` of the `send` entry of that packet. */
  sendSeq?: number;
  /** For `state`: the new state value and the learner view of the actor. */
  state?: { value: unknown; view?: unknown };
  explain?: Explain;
  /** For `command`: what ran, in words of both languages (src/sim/command-text.ts); the actor is `to`. */
  command?: Pick<Explain, 'key' | 'params'>;
}

/**
 * Virtual time as the trace writes it: `12.345s` in English; in German as the German UI writes
 * it (src/ui/format/virtual-time.ts), with a decimal comma and a space before the unit,
 * `12,345 s`.
 */
export function formatTime(ms: number, lang: Lang = 'en'): string {
  const sec = (ms / 1000).toFixed(3);
  return lang === 'de' ? `${sec.replace('.', ',')} s` : `${sec}s`;
}

/** The few words of a trace line that are not a packet's summary or a rule's text. */
const WORDS = {
  en: { arrived: 'arrived', lost: 'lost', received: 'received', command: 'command' },
  de: { arrived: 'angekommen', lost: 'verloren', received: 'empfängt', command: 'Befehl' },
} as const satisfies Record<Lang, Record<string, string>>;

/** Timers by name (`TIMER.KEEPALIVE`) as the German UI names them (src/ui/i18n/de.ts, `timerNames`). */
const TIMER_NAMES_DE: Readonly<Record<string, string>> = {
  KEEPALIVE: 'Keep Alive',
  PINGRESP: 'Warten auf PINGRESP',
  SESSION_EXPIRY: 'Sitzungsablauf',
  SYS: '$SYS-Aktualisierung',
  WILL: 'Testamentsverzögerung',
};

/**
 * A packet's summary in `lang`. The protocol's words stay as the German UI shows them too (packet
 * names, `q1 id=3`, `rc=0x82`, topics, payloads); the simulation's own words around them read
 * German as in the UI's sequence diagram (src/ui/sequence/packet-row-text.ts): bytes that are no
 * whole packet (`PUBLISH 10 bytes, malformed` -> `PUBLISH 10 Bytes, fehlerhaft`, `unfinished` ->
 * `unvollständig`) and a payload that is no text (`<2 bytes>` -> `<2 Bytes>`).
 */
export function summaryText(summary: string, lang: Lang): string {
  if (lang === 'en') return summary;
  return summary
    .replace(/\b(\d+) bytes, (malformed|unfinished)\b/g, (_all, n: string, what: string) => `${n} Bytes, ${what === 'malformed' ? 'fehlerhaft' : 'unvollständig'}`)
    .replace(/<(\d+) bytes>/g, '<$1 Bytes>');
}

/** A timer entry's line after the actor: English keeps the trace's own words (`timer TIMER.KEEPALIVE`). */
function timerText(summary: string | undefined, lang: Lang): string {
  if (lang === 'en' || summary === undefined) return summary ?? 'timer';
  const id = summary.replace(/^timer /, '').replace(/^TIMER\./, '');
  return `Timer ${TIMER_NAMES_DE[id] ?? id.toLowerCase().replace(/_/g, ' ')} abgelaufen`;
}

/** One human line for an entry, as the scenario runner and `npm run broker --trace` print it. */
export function formatEntry(e: TraceEntry, lang: Lang = 'en'): string {
  const t = formatTime(e.atMs, lang).padStart(9);
  const summary = summaryText(e.summary ?? '', lang);
  switch (e.kind) {
    case 'send':
      return `${t}  ${e.from} -> ${e.to}  ${summary}`;
    case 'deliver':
      return `${t}  ${e.from} -> ${e.to}  ${summary} (${WORDS[lang].arrived})`;
    case 'drop':
      return `${t}  ${e.from} -x ${e.to}  ${summary} (${e.explain ? explainText(e.explain, lang) : WORDS[lang].lost})`;
    case 'app':
      return `${t}  ${e.to} ${WORDS[lang].received} ${summary}`;
    case 'note':
      return `${t}  ${e.from}: ${e.explain ? `${explainText(e.explain, lang)}${e.explain.ref === 'sim' ? '' : ` [${e.explain.ref}]`}` : ''}`;
    case 'state':
      return `${t}  ${stateText(e.from, e.state?.value, lang)}`;
    case 'command':
      return `${t}  ${WORDS[lang].command}: ${commandText(e, lang)}`;
    case 'timer':
      return `${t}  ${e.from}: ${timerText(e.summary, lang)}`;
    default:
      return `${t}  ${e.kind} ${e.from}${e.to && e.to !== e.from ? ` -> ${e.to}` : ''} ${summary}`.trimEnd();
  }
}
