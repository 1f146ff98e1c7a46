/**
 * The sequence diagram as data: lifelines (lanes), one row per trace entry (time runs down, in
 * trace order), and one arrow per packet from its `send` row to its `deliver` or `drop` row.
 *
 * Built once per timeline from the whole precomputed trace; the view shows the prefix up to
 * the cursor (`visibleRows`), so a step only changes a count and the layout never moves.
 */
import type { ProtocolVersion } from '../../core/codec/types.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { summaryLabel } from '../packet-style.ts';

export const BROKER = 'broker';

export interface SequenceArrow {
  sendSeq: number;
  from: number;
  to: number;
  /** Row of the send entry. */
  startRow: number;
  /** Row of the deliver or drop entry (undefined when the run ends with it on the wire). */
  endRow: number | undefined;
  dropped: boolean;
  /** Short label for the arrow (`PUBLISH q1 id=3`); the full summary is on the row. */
  label: string;
  summary: string;
  packetType: string;
}

export interface SequenceModel {
  /** Lifelines: actor names, or a group's key (`group:sensor`) for a group's one column. */
  lanes: string[];
  /** What each lane's header says (the actor's name, or "sensor × 195"). */
  laneLabels: string[];
  /** Entries shown as rows, in trace order. */
  rows: TraceEntry[];
  /** Lane index of each row's mark (for a packet: its sender on `send`, receiver otherwise). */
  rowLane: number[];
  /** Arrows sorted by start row. */
  arrows: SequenceArrow[];
  /** Arrow index by send seq. */
  arrowBySend: Map<number, number>;
  /** The longest arrow in rows (to find arrows crossing a window quickly). */
  maxSpan: number;
  /** Protocol version of each connection (from its CONNECT). */
  connVersion: Map<string, ProtocolVersion>;
}

/** Lifelines: the broker in the middle, clients split to its left and right, in given order. */
export function laneOrder(actors: readonly string[]): string[] {
  const clients = actors.filter((a) => a !== BROKER);
  const left = clients.slice(0, Math.floor(clients.length / 2));
  const right = clients.slice(left.length);
  return [...left, BROKER, ...right];
}

const SHOWN = new Set(['send', 'deliver', 'drop', 'app', 'note', 'timer', 'state', 'command']);

/**
 * What the diagram shows: packets only (the beginner's default: packets, losses and messages
 * handed to an application), packets and rules (plus the notes that explain a rule), or
 * everything (plus timers, state changes and scenario commands).
 */
export type SequenceFilter = 'packets' | 'rules' | 'all';
export const SEQUENCE_FILTERS: readonly SequenceFilter[] = ['packets', 'rules', 'all'];

const FILTER_KINDS: Record<SequenceFilter, ReadonlySet<string>> = {
  packets: new Set(['send', 'deliver', 'drop', 'app']),
  rules: new Set(['send', 'deliver', 'drop', 'app', 'note']),
  all: SHOWN,
};

export interface SequenceOptions {
  filter?: SequenceFilter;
  /** Clients whose lifelines are hidden (with every row that happens at them or travels to or from them). */
  hidden?: readonly string[];
  /**
   * The column a client is drawn in, when not its own (a closed group's key); `laneLabel` says
   * what that column's header reads. Crowds: src/ui/client-groups.ts.
   */
  laneOf?: (actor: string) => string;
  laneLabel?: (lane: string) => string;
}

/**
 * The actor an entry happens at. A fault rule (drop, duplicate or delay the next packets) is a
 * command for no actor (its entry's `to` is the broker), but it acts on one client's link: it
 * stands in that client's column, beside the packets it will catch, and goes with the client
 * when its lifeline is hidden. Clearing every rule stays with the broker.
 */
export function entryActor(e: TraceEntry): string {
  switch (e.kind) {
    case 'deliver':
    case 'app':
      return e.to ?? e.from;
    case 'command':
      return faultClient(e) ?? e.to ?? BROKER;
    default:
      return e.from === 'world' ? (e.to ?? BROKER) : e.from;
  }
}

/** The client whose link a fault rule acts on, or undefined for any other entry. */
function faultClient(e: TraceEntry): string | undefined {
  const client = e.command?.key === 'fault' ? e.command.params?.client : undefined;
  return typeof client === 'string' ? client : undefined;
}

export function buildSequence(trace: readonly TraceEntry[], actors: readonly string[], options: SequenceOptions = {}): SequenceModel {
  const kinds = FILTER_KINDS[options.filter ?? 'all'];
  const hidden = new Set((options.hidden ?? []).filter((h) => h !== BROKER));
  const isHidden = (e: TraceEntry) => hidden.size > 0 && (hidden.has(entryActor(e)) || hidden.has(e.from) || (e.to !== undefined && hidden.has(e.to)));
  const known = new Set(actors);
  for (const e of trace) {
    if (e.kind === 'send' || e.kind === 'deliver') {
      if (e.from !== 'world') known.add(e.from);
      if (e.to) known.add(e.to);
    }
  }
  const column = options.laneOf ?? ((a: string) => a);
  const lanes = laneOrder([...new Set([...known].filter((a) => !hidden.has(a)).map(column))]);
  const laneLabels = lanes.map((l) => options.laneLabel?.(l) ?? l);
  const laneIndex = new Map(lanes.map((l, i) => [l, i]));
  const lane = (name: string | undefined) => laneIndex.get(column(name ?? BROKER)) ?? laneIndex.get(BROKER)!;
  const rows: TraceEntry[] = [];
  const rowLane: number[] = [];
  const arrows: SequenceArrow[] = [];
  const arrowBySend = new Map<number, number>();
  const connVersion = new Map<string, ProtocolVersion>();
  let maxSpan = 0;
  for (const e of trace) {
    if (!kinds.has(e.kind) || isHidden(e)) continue;
    const row = rows.length;
    rows.push(e);
    rowLane.push(lane(entryActor(e)));
    if (e.kind === 'send') {
      if (e.packet?.type === 'connect' && e.connId) connVersion.set(e.connId, e.packet.protocolVersion);
      const summary = e.summary ?? '';
      arrowBySend.set(e.seq, arrows.length);
      arrows.push({ sendSeq: e.seq, from: lane(e.from), to: lane(e.to), startRow: row, endRow: undefined, dropped: false, label: summaryLabel(summary), summary, packetType: e.packet?.type ?? '' });
    } else if ((e.kind === 'deliver' || e.kind === 'drop') && e.sendSeq !== undefined) {
      const index = arrowBySend.get(e.sendSeq);
      const arrow = index === undefined ? undefined : arrows[index];
      if (arrow && arrow.endRow === undefined) {
        arrow.endRow = row;
        arrow.dropped = e.kind === 'drop';
        maxSpan = Math.max(maxSpan, row - arrow.startRow);
      }
    }
  }
  for (const a of arrows) if (a.endRow === undefined) maxSpan = Math.max(maxSpan, rows.length - a.startRow);
  return { lanes, laneLabels, rows, rowLane, arrows, arrowBySend, maxSpan, connVersion };
}

/** How many rows belong to a trace prefix of `traceLength` entries. */
export function visibleRows(model: SequenceModel, traceLength: number): number {
  let lo = 0;
  let hi = model.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.rows[mid]!.seq < traceLength) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Arrows that cross rows [first, last) among the first `count` rows. */
export function arrowsInWindow(model: SequenceModel, first: number, last: number, count: number): SequenceArrow[] {
  const out: SequenceArrow[] = [];
  const from = first - model.maxSpan;
  // Arrows are sorted by start row: binary search the first that may reach the window.
  let lo = 0;
  let hi = model.arrows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.arrows[mid]!.startRow < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < model.arrows.length; i++) {
    const a = model.arrows[i]!;
    if (a.startRow >= Math.min(last, count)) break;
    const end = a.endRow === undefined || a.endRow >= count ? count : a.endRow;
    if (end >= first) out.push(a);
  }
  return out;
}

/** The protocol version a packet entry was encoded with. */
export function entryVersion(model: SequenceModel, e: TraceEntry): ProtocolVersion {
  if (e.packet?.type === 'connect') return e.packet.protocolVersion;
  return (e.connId ? model.connVersion.get(e.connId) : undefined) ?? 4;
}
