/**
 * Packets on the wire, read from the trace alone: a flight runs from a `send` entry to the
 * `deliver` or `drop` entry that names it (`sendSeq`). The stage, the transport's playback
 * stretches and anything else that asks "which packets are in the air" use these; nobody looks
 * into a world's event queue for them (so a live feed, whose worlds simulate nothing, shows its
 * packets the same way).
 *
 * `flightsOf` runs once per timeline over its whole precomputed trace (`Simulation.fullTrace`):
 * so a flight knows when it will arrive even while the cursor stands before that. `inFlightAt`
 * then picks, per step, the flights the picture at a cursor shows.
 */
import type { TraceEntry } from '../../sim/trace.ts';
import { BROKER } from '../../sim/world-types.ts';

/** A packet on the wire: from its `send` entry to its `deliver` (or `drop`) entry. */
export interface Flight {
  sendSeq: number;
  /** Seq of the entry that ended the flight (deliver or drop); undefined while in flight at the end. */
  endSeq: number | undefined;
  from: string;
  to: string;
  /** The client whose link it travels on. */
  client: string;
  /** True from client to broker. */
  up: boolean;
  /** The one-line summary of its `send` entry (of its `drop` entry once lost). */
  summary: string;
  startMs: number;
  /** Arrival (or loss) time; `startMs` for a packet that never left (dropped at the sender). */
  endMs: number;
  /** True when the packet was lost (`drop` entry). */
  dropped: boolean;
  /**
   * When TCP first failed to get it through (a cut cable or a lossy link): from then on it waits
   * for a re-send rather than flies, so playback does not crawl through the wait.
   */
  heldAtMs?: number;
  /** Sent on purpose (`send`, `send-hex`): its `send` entry says which rule it breaks (issue 16). */
  deliberate: boolean;
}

/**
 * How long (display ms) a packet that took no time on the wire flies on the stage. Real packets
 * in the live view arrive "instantly": the real broker records both ends of the wire at one
 * moment (src/sim/live-world.ts), so their flight would last 0 ms and nobody would see them go
 * by. A short flight of fixed length, starting when the packet was sent, lets the eye follow
 * each one to its receiver without making the picture lag behind the real traffic; the live
 * session runs the display time on the wall clock for that long after each step.
 */
export const INSTANT_FLIGHT_MS = 450;

/** Was this `send` entry a packet sent on purpose (issue 16)? */
export function isDeliberate(sent: TraceEntry | undefined): boolean {
  return sent?.explain?.key === 'raw.against' || sent?.explain?.key === 'raw.on-purpose';
}

/** The packets of a trace as flights, in send order. */
export function flightsOf(trace: readonly TraceEntry[]): Flight[] {
  const bySend = new Map<number, Flight>();
  const out: Flight[] = [];
  for (const e of trace) {
    if (e.kind === 'send') {
      const to = e.to ?? '';
      const up = e.from !== BROKER;
      const f: Flight = {
        sendSeq: e.seq,
        endSeq: undefined,
        from: e.from,
        to,
        client: up ? e.from : to,
        up,
        summary: e.summary ?? '',
        startMs: e.atMs,
        endMs: Number.POSITIVE_INFINITY,
        dropped: false,
        deliberate: isDeliberate(e),
      };
      bySend.set(e.seq, f);
      out.push(f);
    } else if (e.kind === 'note' && e.sendSeq !== undefined && (e.explain?.key === 'sim.tcp-held' || e.explain?.key === 'sim.tcp-retransmit')) {
      const f = bySend.get(e.sendSeq);
      if (f && f.heldAtMs === undefined) f.heldAtMs = e.atMs;
    } else if ((e.kind === 'deliver' || e.kind === 'drop') && e.sendSeq !== undefined) {
      const f = bySend.get(e.sendSeq);
      if (f && f.endSeq === undefined) {
        f.endSeq = e.seq;
        f.endMs = e.atMs;
        f.dropped = e.kind === 'drop';
        if (f.dropped && e.summary) f.summary = e.summary;
      }
    }
  }
  return out;
}

/** Which flights a picture at a cursor shows (`inFlightAt`). */
export interface FlightWindow {
  /** Seq of the last trace entry at the cursor (-1 for none). */
  lastSeq: number;
  /** Virtual time of the world at the cursor. */
  nowMs: number;
  /** Lost packets that ended at or after this time are still shown (they fade out). */
  lostSinceMs: number;
  /** Packets that arrived in no time (a live feed) and were sent at or after this time are still shown. */
  instantSinceMs: number;
}

/**
 * The flights a picture at a cursor shows, in send order: those sent and not yet delivered or
 * lost; those lost since `lostSinceMs`; and those that took no time at all (real traffic: the
 * live view records both ends at one instant) sent since `instantSinceMs`, so the stage can
 * give them a short flight of their own. `flights` must be in send order (as `flightsOf` makes them).
 */
export function inFlightAt(flights: readonly Flight[], at: FlightWindow): Flight[] {
  const out: Flight[] = [];
  // Flights sent after the cursor are not shown: skip them (binary search on sendSeq).
  const lo = firstIndex(flights.length, (i) => flights[i]!.sendSeq > at.lastSeq);
  // Nor the settled past: a prefix in which every flight ended before the cursor and before the
  // time window of recent losses and instant flights (binary search on the prefix maxima), so a
  // step in a long run looks at the packets of the last moments, not at every packet so far.
  const { endSeq, endMs } = prefixEnds(flights);
  const windowMs = Math.min(at.lostSinceMs, at.instantSinceMs);
  const from = Math.min(firstIndex(lo, (i) => endSeq[i]! > at.lastSeq), firstIndex(lo, (i) => endMs[i]! >= windowMs));
  for (let i = from; i < lo; i++) {
    const f = flights[i]!;
    if (f.endSeq === undefined || f.endSeq > at.lastSeq) out.push(f);
    else if (f.dropped) {
      if (f.endMs >= at.lostSinceMs) out.push(f);
    } else if (f.endMs === f.startMs && f.startMs >= at.instantSinceMs && f.startMs <= at.nowMs) out.push(f);
  }
  return out;
}

/** The first index below `n` for which `past(i)` holds (`past` false, then true, as i grows); `n` if none. */
function firstIndex(n: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Running maxima of the flights' end seq and end time (Infinity while one is in flight at the end). */
interface PrefixEnds {
  endSeq: Float64Array;
  endMs: Float64Array;
}

/** Computed once per flights array (a timeline's; `flightsOf` makes a new one when it grows). */
const prefixCache = new WeakMap<readonly Flight[], PrefixEnds>();

function prefixEnds(flights: readonly Flight[]): PrefixEnds {
  const cached = prefixCache.get(flights);
  if (cached && cached.endSeq.length === flights.length) return cached;
  const endSeq = new Float64Array(flights.length);
  const endMs = new Float64Array(flights.length);
  let maxSeq = Number.NEGATIVE_INFINITY;
  let maxMs = Number.NEGATIVE_INFINITY;
  flights.forEach((f, i) => {
    maxSeq = Math.max(maxSeq, f.endSeq ?? Number.POSITIVE_INFINITY);
    maxMs = Math.max(maxMs, f.endMs);
    endSeq[i] = maxSeq;
    endMs[i] = maxMs;
  });
  const ends = { endSeq, endMs };
  prefixCache.set(flights, ends);
  return ends;
}
