/**
 * Packets on the stage: which packets are on the wire (or were just lost) and where each one is.
 *
 * Theory of operation: the set of flights changes only when the world changes (a step), so
 * `flightsOf(world, trace)` runs once per step; what changes every frame is the virtual time
 * the picture shows, and `flightProgress` / `dropOpacity` turn it into a position along the
 * link and an opacity, without allocating. A packet on the wire is an `arrive` event in the
 * world's queue (its `sendSeq` points at the `send` entry, which gives the send time); a lost
 * packet is a `drop` entry in the trace. Position = (displayMs − sendAtMs) / (deliverAtMs −
 * sendAtMs) along the link from sender to receiver.
 */
import type { TraceEntry } from '../../sim/trace.ts';
import type { World } from '../../sim/world.ts';
import { BROKER_NAME as BROKER } from './node-state.ts';
import { packetGroup, packetLabel, type PacketGroup } from '../packet-style.ts';

/** One packet on the stage. */
export interface Flight {
  /** Stable key for keyed each blocks. */
  key: string;
  /** The trace entry a click selects: the `send` entry, or the `drop` entry of a lost packet. */
  seq: number;
  /** The client whose link it travels on. */
  client: string;
  /** True from client to broker. */
  up: boolean;
  group: PacketGroup;
  label: string;
  /** The full one-line summary (for the tooltip and the accessible name). */
  summary: string;
  sendAtMs: number;
  /** When it arrives (in flight), or when it was lost. */
  endAtMs: number;
  dropped: boolean;
  /** For a lost packet: where along the link it stopped (0..1). */
  stopAt: number;
  /** For a lost packet: virtual time over which it fades. */
  fadeMs: number;
  /** Sent on purpose (`send`, `send-hex`): its `send` entry says which rule it breaks. */
  deliberate: boolean;
}

/** Was this `send` entry a packet sent on purpose (issue 16)? */
export function isDeliberate(sent: TraceEntry | undefined): boolean {
  return sent?.explain?.key === 'raw.against' || sent?.explain?.key === 'raw.on-purpose';
}

type QueueNode = NonNullable<World['queue']>;
type QueuedItem = QueueNode['item'];

/** How far back (virtual ms, times the link latency) a lost packet is still shown. */
const FADE_LATENCIES = 3;
const MIN_FADE_MS = 30;
/** Bound on the trace entries looked at for recent losses. */
const MAX_DROP_SCAN = 4000;

/**
 * Every packet on the wire in `world`, and those lost recently enough to still fade out. `trace`
 * is the trace up to `world` (trace[i].seq === i).
 */
export function flightsOf(world: World, trace: readonly TraceEntry[]): Flight[] {
  const flights: Flight[] = [];
  // Walk the heap (order does not matter here; the view keys by send seq).
  const stack: Array<QueueNode | null> = [world.queue];
  let guard = 0;
  while (stack.length > 0 && guard++ < 100_000) {
    const node = stack.pop();
    if (!node) continue;
    stack.push(node.left, node.right);
    const item: QueuedItem = node.item;
    if (item.kind !== 'arrive') continue;
    const conn = world.conns.get(item.connId);
    const sent = entryAt(trace, item.sendSeq);
    if (!conn || !sent) continue;
    flights.push({
      key: `f${item.sendSeq}.${item.seq}`,
      seq: sent.seq,
      client: conn.client,
      up: item.toBroker,
      group: packetGroup(sent.packet?.type),
      label: packetLabel(sent.packet, sent.summary),
      summary: sent.summary ?? '',
      sendAtMs: sent.atMs,
      endAtMs: item.atMs,
      dropped: false,
      stopAt: 1,
      fadeMs: 0,
      deliberate: isDeliberate(sent),
    });
  }
  // Recent losses: walk back from the end of the trace.
  let maxLatency = 0;
  world.cables.forEach((c) => {
    if (c.latencyMs > maxLatency) maxLatency = c.latencyMs;
  });
  const horizon = world.nowMs - Math.max(FADE_LATENCIES * maxLatency, MIN_FADE_MS);
  for (let i = trace.length - 1, n = 0; i >= 0 && n < MAX_DROP_SCAN; i--, n++) {
    const e = trace[i]!;
    if (e.atMs < horizon) break;
    if (e.kind !== 'drop' || e.sendSeq === undefined) continue;
    const sent = entryAt(trace, e.sendSeq);
    const client = e.from === BROKER ? e.to : e.from;
    if (!sent || client === undefined) continue;
    const latencyMs = world.cables.get(client)?.latencyMs ?? 20;
    const lostAtSend = e.atMs === sent.atMs;
    flights.push({
      key: `d${e.seq}`,
      seq: e.seq,
      client,
      up: e.from !== BROKER,
      group: packetGroup(e.packet?.type ?? sent.packet?.type),
      label: packetLabel(e.packet ?? sent.packet, e.summary),
      summary: e.summary ?? sent.summary ?? '',
      sendAtMs: sent.atMs,
      endAtMs: e.atMs,
      dropped: true,
      // Lost on the way out (a rule, a cut cable, loss): it stops a third of the way; lost on
      // arrival (the cable was cut while it flew): it stops just short of the receiver.
      stopAt: lostAtSend ? 0.35 : 0.85,
      fadeMs: Math.max(FADE_LATENCIES * latencyMs, MIN_FADE_MS),
      deliberate: isDeliberate(sent),
    });
  }
  return flights;
}

function entryAt(trace: readonly TraceEntry[], seq: number): TraceEntry | undefined {
  const e = trace[seq];
  return e?.seq === seq ? e : trace.find((x) => x.seq === seq);
}

/**
 * Fraction of the way from sender to receiver at `displayMs` (0..1). With reduced motion a
 * packet in flight sits in the middle of its link (it jumps there, then to its receiver).
 */
export function flightProgress(f: Flight, displayMs: number, reducedMotion: boolean): number {
  if (f.dropped) {
    if (reducedMotion) return f.stopAt;
    const span = f.endAtMs - f.sendAtMs;
    // Lost at send time: it shows where it stopped at once; on arrival: it flew until then.
    if (span <= 0) return f.stopAt;
    return Math.min(f.stopAt, clamp01((displayMs - f.sendAtMs) / span) * f.stopAt);
  }
  if (reducedMotion) return 0.5;
  const span = f.endAtMs - f.sendAtMs;
  return span <= 0 ? 1 : clamp01((displayMs - f.sendAtMs) / span);
}

/**
 * Opacity of a lost packet: fully visible while the picture stands at the moment it was lost,
 * then fading out over `fadeMs` of virtual time. Packets in flight are always 1.
 */
export function dropOpacity(f: Flight, displayMs: number): number {
  if (!f.dropped) return 1;
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

/** A drawn label: how many packets it stands for, and whether it sits below its packet. */
export interface PlacedLabel {
  count: number;
  below: boolean;
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

/**
 * Which packet labels to draw, and where, so that none covers another label or a node: each
 * label goes above its packet, or below it when above is taken. A label with no free place that
 * runs into another label is not drawn and counts towards that one instead (its packet rests at
 * the same node, or flies right beside it): the view then writes "3 packets". Greedy, in the
 * given order (put the selected and lost packets first so they keep their own label).
 */
export function planLabels(spots: readonly LabelSpot[], obstacles: readonly Box[]): Map<string, PlacedLabel> {
  const drawn: Array<Box & { key: string }> = [];
  const placed = new Map<string, PlacedLabel>();
  for (const s of spots) {
    const x0 = s.leftward ? s.x - LABEL_GAP - s.width : s.x + LABEL_GAP;
    const above = { x0, x1: x0 + s.width, y0: s.y + LABEL_Y_ABOVE - LABEL_H + 2, y1: s.y + LABEL_Y_ABOVE + 2 };
    const below = { x0, x1: x0 + s.width, y0: s.y + LABEL_Y_BELOW - LABEL_H + 2, y1: s.y + LABEL_Y_BELOW + 2 };
    const free = (b: Box) => !drawn.some((d) => overlaps(b, d)) && !obstacles.some((o) => overlaps(b, o));
    const spot = free(above) ? above : free(below) ? below : undefined;
    if (spot) {
      drawn.push({ ...spot, key: s.key });
      placed.set(s.key, { count: 1, below: spot === below });
      continue;
    }
    const host = drawn.find((d) => overlaps(above, d)) ?? drawn.find((d) => overlaps(below, d));
    if (host) placed.get(host.key)!.count++;
    else {
      // Only nodes in the way, no label to join: draw it above anyway rather than lose it.
      drawn.push({ ...above, key: s.key });
      placed.set(s.key, { count: 1, below: false });
    }
  }
  return placed;
}
