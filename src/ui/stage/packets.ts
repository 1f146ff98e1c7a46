/**
 * Packets on the stage: which packets are on the wire (or were just lost) and where each one is.
 *
 * Theory of operation: the flights come from the trace alone (src/ui/state/flights.ts, computed
 * once per timeline over its whole trace, so each knows when it will arrive); per step,
 * `packetsOnStage` picks those the picture at the cursor shows. What changes every frame is the
 * virtual time the picture shows, and `flightProgress` / `dropOpacity` turn it into a position
 * along the link and an opacity, without allocating. Position = (displayMs − startMs) /
 * (endAtMs − startMs) along the link from sender to receiver.
 */
import type { TraceEntry } from '../../sim/trace.ts';
import type { World } from '../../sim/world.ts';
import { flightsOf, inFlightAt, INSTANT_FLIGHT_MS, type Flight } from '../state/flights.ts';
import { packetGroup, packetLabel, type PacketGroup } from '../packet-style.ts';

/** Re-exported for the packet inspector, which reads it from here. */
export { isDeliberate } from '../state/flights.ts';

/** One packet on the stage: its flight, and how the stage draws it. */
export interface OnStage extends Flight {
  /** Stable key for keyed each blocks. */
  key: string;
  /** The trace entry a click selects: the `send` entry, or the `drop` entry of a lost packet. */
  seq: number;
  group: PacketGroup;
  label: string;
  /** When it arrives (in flight), when it was lost, or when the short flight of an instant packet ends. */
  endAtMs: number;
  /** For a lost packet: where along the link it stopped (0..1). */
  stopAt: number;
  /** For a lost packet: virtual time over which it fades. */
  fadeMs: number;
  /** It took no time on the wire (real traffic): it flies `INSTANT_FLIGHT_MS`, then is gone. */
  instant: boolean;
}

/** What `packetsOnStage` reads from the Simulation. */
export interface FlightSource {
  /** The flights of `fullTrace`, in send order. */
  flights: readonly Flight[];
  fullTrace: readonly TraceEntry[];
  /** The trace at the cursor (a prefix of `fullTrace`, or longer when the cursor went past it). */
  trace: readonly TraceEntry[];
}

/** How far back (virtual ms, times the link latency) a lost packet is still shown. */
const FADE_LATENCIES = 3;
const MIN_FADE_MS = 30;

/** Every packet on the wire at the cursor, and those lost recently enough to still fade out. */
export function packetsOnStage(src: FlightSource, world: World): OnStage[] {
  const lastSeq = src.trace.at(-1)?.seq ?? -1;
  // The cursor went past the precomputed run (its step bound): the flights of its own trace.
  const beyond = lastSeq > (src.fullTrace.at(-1)?.seq ?? -1);
  const entries = beyond ? src.trace : src.fullTrace;
  const flights = beyond ? flightsOf(src.trace) : src.flights;
  let maxLatency = 0;
  world.cables.forEach((c) => {
    if (c.latencyMs > maxLatency) maxLatency = c.latencyMs;
  });
  const nowMs = world.nowMs;
  const shown = inFlightAt(flights, {
    lastSeq,
    nowMs,
    lostSinceMs: nowMs - Math.max(FADE_LATENCIES * maxLatency, MIN_FADE_MS),
    instantSinceMs: nowMs - INSTANT_FLIGHT_MS,
  });
  return shown.map((f) => {
    const latencyMs = world.cables.get(f.client)?.latencyMs ?? 20;
    const lost = f.dropped && f.endSeq !== undefined && f.endSeq <= lastSeq;
    // The same object as at the previous step while nothing about it changed: the view's keyed
    // each block then leaves the packet alone (a step at 1,000 clients moves 100 packets).
    const cache = lost ? lostOnStage : flyingOnStage;
    const known = cache.get(f);
    if (known && (lost || known.instant || Number.isFinite(f.endMs) || known.endAtMs === f.startMs + latencyMs)) return known;
    const made = lost ? lostPacket(f, entries, latencyMs) : flyingPacket(f, entries, latencyMs);
    cache.set(f, made);
    return made;
  });
}

/** What `packetsOnStage` made of each flight, in flight and lost (flights are made anew per timeline). */
const flyingOnStage = new WeakMap<Flight, OnStage>();
const lostOnStage = new WeakMap<Flight, OnStage>();

function lostPacket(f: Flight, entries: readonly TraceEntry[], latencyMs: number): OnStage {
  const sent = entryAt(entries, f.sendSeq);
  const lost = entryAt(entries, f.endSeq!);
  return {
    ...f,
    key: `d${f.endSeq}`,
    seq: f.endSeq!,
    group: packetGroup(lost?.packet?.type ?? sent?.packet?.type),
    label: packetLabel(lost?.packet ?? sent?.packet, lost?.summary),
    endAtMs: f.endMs,
    // Lost on the way out (a rule, a cut cable, loss): it stops a third of the way; lost on
    // arrival (the cable was cut while it flew): it stops just short of the receiver.
    stopAt: f.endMs === f.startMs ? 0.35 : 0.85,
    fadeMs: Math.max(FADE_LATENCIES * latencyMs, MIN_FADE_MS),
    instant: false,
  };
}

function flyingPacket(f: Flight, entries: readonly TraceEntry[], latencyMs: number): OnStage {
  const sent = entryAt(entries, f.sendSeq);
  const instant = f.endMs === f.startMs;
  return {
    ...f,
    key: `f${f.sendSeq}`,
    seq: f.sendSeq,
    // Not lost yet at the cursor, even if it will be.
    dropped: false,
    group: packetGroup(sent?.packet?.type),
    label: packetLabel(sent?.packet, sent?.summary),
    // Past the end of the precomputed run its arrival is not known: about one latency.
    endAtMs: instant ? f.startMs + INSTANT_FLIGHT_MS : Number.isFinite(f.endMs) ? f.endMs : f.startMs + latencyMs,
    stopAt: 1,
    fadeMs: 0,
    instant,
  };
}

function entryAt(trace: readonly TraceEntry[], seq: number): TraceEntry | undefined {
  const e = trace[seq];
  return e?.seq === seq ? e : trace.find((x) => x.seq === seq);
}

/**
 * Fraction of the way from sender to receiver at `displayMs` (0..1). With reduced motion a
 * packet in flight sits in the middle of its link (it jumps there, then to its receiver).
 */
export function flightProgress(f: OnStage, displayMs: number, reducedMotion: boolean): number {
  if (f.dropped) {
    if (reducedMotion) return f.stopAt;
    const span = f.endAtMs - f.startMs;
    // Lost at send time: it shows where it stopped at once; on arrival: it flew until then.
    if (span <= 0) return f.stopAt;
    return Math.min(f.stopAt, clamp01((displayMs - f.startMs) / span) * f.stopAt);
  }
  if (reducedMotion) return 0.5;
  const span = f.endAtMs - f.startMs;
  return span <= 0 ? 1 : clamp01((displayMs - f.startMs) / span);
}

/**
 * Opacity of a lost packet: fully visible while the picture stands at the moment it was lost,
 * then fading out over `fadeMs` of virtual time. Packets in flight are 1; an instant packet is
 * gone once its short flight is over.
 */
export function dropOpacity(f: OnStage, displayMs: number): number {
  if (!f.dropped) return f.instant && displayMs > f.endAtMs ? 0 : 1;
  const since = displayMs - f.endAtMs;
  if (since <= 0) return 1;
  return clamp01(1 - since / f.fadeMs);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** A packet label that wants to be drawn this frame: where its packet is and how wide it is. */
export interface LabelSpot {
  key: string;
  x: number;
  y: number;
  /** Label width in pixels (estimated from its text). */
  width: number;
  /** True: the label extends to the left of the packet (it faces the broker on the left). */
  leftward: boolean;
}

/** A rectangle labels must not cover (a node, a node's name, the broker). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A drawn label: how many packets it stands for, where it sits beside its packet. */
export interface PlacedLabel {
  count: number;
  below: boolean;
  /** True: it extends to the left of its packet (as `LabelSpot.leftward` asked, or turned to find room). */
  leftward: boolean;
  /** Moved away from its usual place (pixels) to keep clear of a node: outwards, up when above, down when below. */
  shift?: { dx: number; dy: number };
}

/** What labels keep clear of: `text` (names, state words, the broker's name) is never covered; `shapes` (nodes) only when there is no other room. */
export interface Obstacles {
  text: readonly Box[];
  shapes: readonly Box[];
}

/** Label height and gap from the packet, in pixels (the `.label` style: 10.5 px mono). */
const LABEL_H = 12;
const LABEL_GAP = 9;
/** Baseline of a label above / below its packet (the view's `y`). */
export const LABEL_Y_ABOVE = -7;
export const LABEL_Y_BELOW = 15;
/** Width of one character of the label font, in pixels (monospace 10.5 px, with some slack). */
export const LABEL_CHAR_PX = 6.6;

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** How far a label may move from its usual place to keep clear of a node (pixels, in steps of `SHIFT_STEP_PX`): still read as its packet's. */
const SHIFT_MAX_PX = 28;
const SHIFT_STEP_PX = 4;

type Place = Box & { below: boolean; leftward: boolean; shift?: { dx: number; dy: number } };

/**
 * The four places moved a little away from their packet, nearest first: each away from the
 * packet's line (up when above, down when below) or further out to its side. On a short link a
 * node is right beside the packet; a few pixels clear it.
 */
function shiftedPlaces(places: readonly Place[]): Place[] {
  const out: Place[] = [];
  for (let d = SHIFT_STEP_PX; d <= SHIFT_MAX_PX; d += SHIFT_STEP_PX) {
    for (const p of places) {
      const dy = p.below ? d : -d;
      const dx = p.leftward ? -d : d;
      out.push({ ...p, y0: p.y0 + dy, y1: p.y1 + dy, shift: { dx: 0, dy } });
      out.push({ ...p, x0: p.x0 + dx, x1: p.x1 + dx, shift: { dx, dy: 0 } });
    }
  }
  return out;
}

/** The four places of a label, best first: on the side it faces, above then below; then on the other side. */
function labelPlaces(s: LabelSpot): Place[] {
  const places: Place[] = [];
  for (const leftward of [s.leftward, !s.leftward]) {
    const x0 = leftward ? s.x - LABEL_GAP - s.width : s.x + LABEL_GAP;
    for (const below of [false, true]) {
      const y = s.y + (below ? LABEL_Y_BELOW : LABEL_Y_ABOVE);
      places.push({ x0, x1: x0 + s.width, y0: y - LABEL_H + 2, y1: y + 2, below, leftward });
    }
  }
  return places;
}

/**
 * Which packet labels to draw, and where, so that none covers another label, a node's name or
 * state word, or a node: each label goes above its packet, or below it, on the side it faces,
 * else on the other side, else a few pixels further away from its packet (a short link between
 * nodes close together). A label with no free place that runs into another label is not drawn
 * and counts towards that one instead (its packet rests at the same node, or flies right beside
 * it): the view then writes "3 packets". Else it may cover a node, but never text; with no such
 * place it is not drawn (its packet keeps its tooltip, and the inspector shows it when
 * selected). Greedy, in the given order (put the selected and lost packets first so they keep
 * their own label).
 */
export function planLabels(spots: readonly LabelSpot[], obstacles: Obstacles): Map<string, PlacedLabel> {
  const drawn: Array<Box & { key: string }> = [];
  const placed = new Map<string, PlacedLabel>();
  const onText = (b: Box) => obstacles.text.some((o) => overlaps(b, o));
  const onShape = (b: Box) => obstacles.shapes.some((o) => overlaps(b, o));
  const onLabel = (b: Box) => drawn.find((d) => overlaps(b, d));
  const free = (b: Box) => !onLabel(b) && !onText(b) && !onShape(b);
  for (const s of spots) {
    const places = labelPlaces(s);
    const facing = places.slice(0, 2);
    // Free on the side it faces; else join a label in the way there; else the other side; else over a node.
    const host = facing.some(free) ? undefined : (onLabel(facing[0]!) ?? onLabel(facing[1]!));
    const spot = host ? undefined : (places.find(free) ?? shiftedPlaces(places).find(free) ?? places.find((b) => !onLabel(b) && !onText(b)));
    if (spot) {
      drawn.push({ ...spot, key: s.key });
      placed.set(s.key, { count: 1, below: spot.below, leftward: spot.leftward, ...(spot.shift ? { shift: spot.shift } : {}) });
    } else if (host) placed.get(host.key)!.count++;
  }
  return placed;
}
