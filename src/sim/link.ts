/**
 * The simulated TCP link between a client and the broker: the functions at the end (open, send,
 * transmit, arrive, hold, close, ...) act on the run that owns the world (`Step`, step.ts).
 *
 * The two directions of a connection's TCP link, as objects: `UP` (client to broker) and `DOWN`
 * (broker to client). A `Connection` keeps each direction's bookkeeping in mirrored fields
 * (`lastUpMs`/`lastDownMs`, `sentUp`/`sentDown`, ...); a direction reads and writes its own, so
 * the link model in step.ts is written once for both directions instead of branching on a
 * boolean in every method. The connection passed in is one the run owns (edited in place).
 */
import { Decoder, decode, encode, summarize } from '../core/codec/index.ts';
import type { DecoderLimits, Packet, ProtocolVersion } from '../core/codec/types.ts';
import type { Explain, NetSendParams } from '../core/mqtt/actor-contract.ts';
import type { Step } from './step.ts';
import { BROKER, type Connection, type QueuedEvent } from './world-types.ts';

export interface LinkDirection {
  /** The name fault rules use. */
  readonly name: 'up' | 'down';
  /** True for client to broker (the `toBroker` of queued events). */
  readonly toBroker: boolean;
  /** Whether the sending end still has the connection open. */
  senderOpen(c: Connection): boolean;
  /** Whether the receiving end still has the connection open. */
  receiverOpen(c: Connection): boolean;
  /** The latest arrival time queued in this direction (FIFO: jitter never reorders). */
  lastMs(c: Connection): number;
  /**
   * The next segment: it arrives no earlier than `earliestMs` and never before the segment ahead
   * of it (TCP is FIFO); `lastMs` becomes its arrival time. Returns its number.
   */
  nextSegment(c: Connection, earliestMs: number): number;
  /** The last segment delivered (or dropped with its connection) in order. */
  delivered(c: Connection): number;
  /** Counts segment `segment` as done. */
  passed(c: Connection, segment: number): void;
  /** Until when a lost segment of this direction is held for TCP's next try. */
  heldUntilMs(c: Connection): number;
  /** A lost segment is tried again at `atMs`: everything behind it waits until then. */
  hold(c: Connection, atMs: number): void;
}

export const UP: LinkDirection = {
  name: 'up',
  toBroker: true,
  senderOpen: (c) => c.clientOpen,
  receiverOpen: (c) => c.brokerOpen,
  lastMs: (c) => c.lastUpMs,
  nextSegment(c, earliestMs) {
    c.lastUpMs = Math.max(earliestMs, c.lastUpMs);
    return ++c.sentUp;
  },
  delivered: (c) => c.deliveredUp,
  passed(c, segment) {
    c.deliveredUp = Math.max(c.deliveredUp, segment);
  },
  heldUntilMs: (c) => c.heldUpUntilMs,
  hold(c, atMs) {
    c.lastUpMs = atMs;
    c.heldUpUntilMs = atMs;
  },
};

export const DOWN: LinkDirection = {
  name: 'down',
  toBroker: false,
  senderOpen: (c) => c.brokerOpen,
  receiverOpen: (c) => c.clientOpen,
  lastMs: (c) => c.lastDownMs,
  nextSegment(c, earliestMs) {
    c.lastDownMs = Math.max(earliestMs, c.lastDownMs);
    return ++c.sentDown;
  },
  delivered: (c) => c.deliveredDown,
  passed(c, segment) {
    c.deliveredDown = Math.max(c.deliveredDown, segment);
  },
  heldUntilMs: (c) => c.heldDownUntilMs,
  hold(c, atMs) {
    c.lastDownMs = atMs;
    c.heldDownUntilMs = atMs;
  },
};

/** The direction of a queued event (`toBroker`). */
export function directionOf(toBroker: boolean): LinkDirection {
  return toBroker ? UP : DOWN;
}

// The TCP link model: connections opening, segments sent and arriving in order, losses held and
// sent again, ends closing. Each function acts on the run `s` (step.ts) that owns the world.

/** TCP's retransmission timeout: Linux starts at 200 ms, doubles, caps at 120 s, gives up after 15 re-sends. */
const MIN_RTO_MS = 200;
const MAX_RTO_MS = 120_000;
const MAX_RETRIES = 15;

export function open(s: Step, client: string): void {
  const id = `${client}#${++s.connCounter}`;
  const conn: Connection = {
    id,
    client,
    version: 4,
    clientOpen: true,
    brokerOpen: false,
    lastUpMs: s.nowMs,
    lastDownMs: s.nowMs,
    sentUp: 0,
    sentDown: 0,
    deliveredUp: 0,
    deliveredDown: 0,
    heldUpUntilMs: 0,
    heldDownUntilMs: 0,
  };
  s.conns.set(id, conn);
  s.scope.owned.add(conn);
  s.clientConn.set(client, id);
  const cable = s.cable(client);
  if (!cable.up) {
    s.enqueue({ atMs: s.nowMs + s.statics.connectTimeoutMs, kind: 'closed', connId: id, toBroker: false, reason: 'refused' });
    return;
  }
  // TCP handshake: SYN reaches the broker after one latency, SYN-ACK the client after two.
  s.enqueue({ atMs: s.nowMs + cable.latencyMs, kind: 'opened', connId: id, toBroker: true });
  s.enqueue({ atMs: s.nowMs + 2 * cable.latencyMs, kind: 'opened', connId: id, toBroker: false });
  conn.lastUpMs = s.nowMs + cable.latencyMs;
  conn.lastDownMs = s.nowMs + 2 * cable.latencyMs;
}

export function send(s: Step, actor: string, params: NetSendParams): void {
  const toBroker = actor !== BROKER;
  const connId = toBroker ? s.clientConn.get(actor) : params.connId;
  const conn = connId === undefined ? undefined : s.conns.get(connId);
  const bytes = encode(params.packet, params.version);
  const summary = s.summaryOf(params.packet);
  const to = toBroker ? BROKER : (conn?.client ?? '?');
  const sentSeq = s.recordSend(actor, to, connId, params.packet, bytes, summary, params.version);
  const direction = directionOf(toBroker);
  if (!conn || !direction.senderOpen(conn)) {
    s.trace({ kind: 'drop', from: actor, to, connId, packet: params.packet, summary, sendSeq: sentSeq, explain: { ref: 'sim', key: 'sim.drop.not-connected' } });
    return;
  }
  if (params.packet.type === 'connect') s.editConn(conn.id).version = params.packet.protocolVersion;
  let copies = 1;
  let extraDelayMs = 0;
  if (conn.broken) {
    s.trace({ kind: 'drop', from: actor, to, connId, packet: params.packet, summary, sendSeq: sentSeq, explain: { ref: 'sim', key: 'sim.drop.broken' } });
    return;
  }
  const fault = s.takeFault(conn.client, direction.name, params.packet.type);
  if (fault?.action === 'drop') {
    // Over TCP a packet cannot vanish from a working connection: it is lost with its connection.
    s.editConn(conn.id).broken = true;
    s.trace({ kind: 'drop', from: actor, to, connId, packet: params.packet, summary, sendSeq: sentSeq, explain: { ref: 'sim', key: 'sim.drop.rule', params: { packet: params.packet.type.toUpperCase() } } });
    return;
  }
  if (fault?.action === 'duplicate') {
    copies = 2;
    s.trace({ kind: 'note', from: actor, to, connId, explain: { ref: 'sim', key: 'sim.duplicate', params: { packet: params.packet.type.toUpperCase() } } });
  }
  if (fault?.action === 'delay') extraDelayMs = fault.delayMs ?? 0;
  for (let i = 0; i < copies; i++) transmit(s, { connId: conn.id, direction, bytes, sendSeq: sentSeq, summary, extraDelayMs });
}

/**
 * Bytes as they are from `client` to the broker (WorldCommand `raw.send`), in one TCP segment
 * or split where `segments` says. The broker reads them as a stream (`arriveStream`).
 */
export function rawSend(s: Step, { client, bytes, segments = [], explain }: { client: string; bytes: Uint8Array; segments?: readonly number[]; explain?: Explain }): void {
  const current = s.clientConn.get(client);
  const opening = current === undefined || !s.conns.get(current)?.clientOpen;
  if (opening) open(s, client);
  const conn = s.conns.get(s.clientConn.get(client)!)!;
  // On a connection opened just now the bytes go out after TCP's handshake (SYN, SYN-ACK).
  const handshakeMs = opening ? 2 * s.cable(client).latencyMs : 0;
  const { packets, summary } = rawContents(bytes, conn.version, s.decoderLimits(BROKER));
  const packet = packets.length === 1 ? packets[0] : undefined;
  const entry = s.trace({ kind: 'send', from: client, to: BROKER, connId: conn.id, packet, bytes, summary, explain });
  if (explain) s.recordNote(client, explain);
  const cuts = [...new Set(segments)].filter((n) => n > 0 && n < bytes.length).sort((a, b) => a - b);
  let start = 0;
  for (const end of [...cuts, bytes.length]) {
    transmit(s, { connId: conn.id, direction: UP, bytes: bytes.subarray(start, end), sendSeq: entry.seq, summary, extraDelayMs: handshakeMs, raw: true });
    start = end;
  }
}

/** What `transmit` sends: bytes on a connection in one direction, for the `send` entry `sendSeq`. */
export interface Transmission {
  connId: string;
  direction: LinkDirection;
  bytes: Uint8Array;
  sendSeq: number;
  summary: string;
  /** Added to the link's latency (a `delay` fault rule, a TCP handshake still under way). */
  extraDelayMs?: number;
  /** Bytes sent as they are (`raw.send`): the broker reads them as a stream. */
  raw?: boolean;
}

/** Queue bytes to arrive after latency and jitter, never before the previous arrival. */
export function transmit(s: Step, { connId, direction, bytes, sendSeq, summary, extraDelayMs = 0, raw = false }: Transmission): void {
  const current = s.conns.get(connId);
  if (!current) return;
  const conn = s.own(current);
  const cable = s.cable(conn.client);
  const jitter = cable.jitterMs > 0 ? s.random() * cable.jitterMs : 0;
  const segment = direction.nextSegment(conn, s.nowMs + cable.latencyMs + jitter + extraDelayMs);
  const atMs = direction.lastMs(conn);
  const arrival: Extract<QueuedEvent, { kind: 'arrive' }> = { atMs, seq: s.seq++, kind: 'arrive', connId, toBroker: direction.toBroker, bytes, sendSeq, summary, segment };
  if (raw) arrival.raw = true;
  s.queue.push(arrival);
}

/** `actor` closes its end of a connection; the peer hears of it one latency later. */
export function close(s: Step, actor: string, connIdParam?: string): void {
  const fromBroker = actor === BROKER;
  const connId = fromBroker ? connIdParam : s.clientConn.get(actor);
  const conn = connId === undefined ? undefined : s.conns.get(connId);
  if (!conn) return;
  if (fromBroker ? !conn.brokerOpen : !conn.clientOpen) return;
  if (fromBroker) s.editConn(conn.id).brokerOpen = false;
  else s.editConn(conn.id).clientOpen = false;
  notifyClosed(s, conn.id, fromBroker ? DOWN : UP, 'peer-closed');
}

/** Tell the other end (after the data already on the way, if the cable is up). */
export function notifyClosed(s: Step, connId: string, direction: LinkDirection, reason: 'peer-closed' | 'reset'): void {
  const current = s.conns.get(connId);
  if (!current || current.broken) return;
  const conn = s.editConn(connId);
  const segment = direction.nextSegment(conn, s.nowMs + s.cable(conn.client).latencyMs);
  const atMs = direction.lastMs(conn);
  s.enqueue({ atMs, kind: 'closed', connId, toBroker: direction.toBroker, reason, segment });
}

/** Is a segment to or from this client lost right now: on a cut cable, or by the link's loss ratio? */
export function lostOnTheWire(s: Step, client: string): 'cut' | 'loss' | undefined {
  const cable = s.cable(client);
  if (!cable.up) return 'cut';
  if (cable.lossRatio > 0 && s.random() < cable.lossRatio) return 'loss';
  return undefined;
}

/**
 * TCP keeps a lost segment and sends it again after a retransmission timeout that doubles each
 * time (200 ms, 400 ms, ... at most 2 min, like Linux), until it gets through or TCP gives up.
 * Later segments of the same direction wait behind it: TCP delivers in order. Returns the time
 * of the next try, or undefined when TCP gives up.
 */
export function hold(s: Step, event: Extract<QueuedEvent, { kind: 'arrive' | 'closed' }>): number | undefined {
  const retries = (event.retries ?? 0) + 1;
  if (retries > MAX_RETRIES) return undefined;
  const conn = s.editConn(event.connId);
  const rtoMs = Math.min(MIN_RTO_MS * 2 ** (retries - 1), MAX_RTO_MS);
  const direction = directionOf(event.toBroker);
  const atMs = Math.max(s.nowMs + rtoMs, direction.lastMs(conn));
  direction.hold(conn, atMs);
  const { seq: _seq, ...rest } = event;
  s.enqueue({ ...rest, atMs, retries });
  return atMs;
}

/**
 * TCP delivers in order: a segment that arrives while an earlier one of its direction is still
 * held waits until that one's next try (it is queued after it). True when it had to wait.
 */
export function waitInLine(s: Step, event: Extract<QueuedEvent, { kind: 'arrive' | 'closed' }>, conn: Connection): boolean {
  if (event.segment === undefined) return false;
  const direction = directionOf(event.toBroker);
  if (event.segment <= direction.delivered(conn) + 1) return false;
  const heldUntil = direction.heldUntilMs(conn);
  const { seq: _seq, ...rest } = event;
  s.enqueue({ ...rest, atMs: Math.max(heldUntil, s.nowMs) });
  return true;
}

/** Count a segment of a direction as done (delivered, or dropped with its connection). */
export function passed(s: Step, event: Extract<QueuedEvent, { kind: 'arrive' | 'closed' }>): void {
  const current = s.conns.get(event.connId);
  if (!current || event.segment === undefined) return;
  const conn = s.own(current);
  directionOf(event.toBroker).passed(conn, event.segment);
}

export function arrive(s: Step, event: Extract<QueuedEvent, { kind: 'arrive' }>): void {
  const conn = s.conns.get(event.connId);
  if (!conn) return;
  const from = event.toBroker ? conn.client : BROKER;
  const to = event.toBroker ? BROKER : conn.client;
  const result = decode(event.bytes, conn.version, s.decoderLimits(to));
  const packet = result.kind === 'packet' ? result.packet : undefined;
  const summary = packet ? s.arrivedSummary(packet, event.summary) : `${event.bytes.length} bytes`;
  if (conn.broken) {
    s.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.broken' } });
    return;
  }
  if (waitInLine(s, event, conn)) return;
  const direction = directionOf(event.toBroker);
  if (event.retries && !direction.senderOpen(conn)) {
    // The sender closed this connection while TCP was still re-sending: the re-sends stop
    // (a client that gives up on a dead connection aborts it; nothing old comes back to life).
    passed(s, event);
    s.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.sender-closed' } });
    return;
  }
  const lost = lostOnTheWire(s, conn.client);
  if (lost) {
    const retryAtMs = hold(s, event);
    if (retryAtMs === undefined) {
      passed(s, event);
      s.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.tcp-gave-up', params: { retries: MAX_RETRIES } } });
    } else if (!event.retries) {
      s.trace({ kind: 'note', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: lost === 'cut' ? 'sim.tcp-held' : 'sim.tcp-retransmit', params: { packet: summary, delayMs: Math.round(retryAtMs - s.nowMs) } } });
    } else if (lost === 'loss') {
      // A re-sent segment lost again on a lossy link: a note for each loss, with the wait TCP
      // really applies (doubled each time). A cut cable says once that TCP keeps trying.
      const params = { packet: summary, losses: event.retries + 1, delayMs: Math.round(retryAtMs - s.nowMs) };
      s.trace({ kind: 'note', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.tcp-retransmit-again', params } });
    }
    return;
  }
  passed(s, event);
  const open = direction.receiverOpen(conn);
  if (!open) {
    s.trace({ kind: 'drop', from, to, connId: conn.id, packet, summary, sendSeq: event.sendSeq, explain: { ref: 'sim', key: 'sim.drop.closed' } });
    // The closed end answers with a reset, so a sender that still thinks it is connected learns now.
    const senderOpen = direction.senderOpen(conn);
    if (senderOpen) {
      notifyClosed(s, conn.id, directionOf(!event.toBroker), 'reset');
    }
    return;
  }
  const late = event.retries ? { ref: 'sim', key: 'sim.tcp-late', params: { retries: event.retries } } : undefined;
  if (event.toBroker && (event.raw || conn.pendingUp)) return arriveStream(s, event, late);
  s.recordDeliver(from, to, conn.id, packet, event.bytes, summary, event.sendSeq, late, conn.version);
  if (result.kind === 'error') {
    const ev = { type: 'NET.MALFORMED', error: result.error };
    return s.deliver(to, event.toBroker ? { ...ev, connId: conn.id } : ev);
  }
  if (result.kind === 'need-more') return; // a frame is always whole on a simulated link
  if (event.toBroker && result.packet.type === 'connect') s.editConn(conn.id).version = result.packet.protocolVersion;
  const nowMs = s.nowMs;
  return s.deliverTimed(to, event.toBroker ? { type: 'NET.PACKET', connId: conn.id, packet: result.packet, nowMs } : { type: 'NET.PACKET', packet: result.packet, nowMs });
}

/**
 * Bytes for the broker read as TCP gives them, a stream: a raw send may hold half a packet
 * (the rest comes in the next segment) or several packets. Each complete frame is delivered
 * on its own, as `npm run broker`'s streaming decoder does; what is left waits in
 * `Connection.pendingUp`; a malformed frame ends the reading (the broker closes).
 */
function arriveStream(s: Step, event: Extract<QueuedEvent, { kind: 'arrive' }>, late: Explain | undefined): void {
  const conn = s.conns.get(event.connId)!;
  const pending = conn.pendingUp;
  let all = event.bytes;
  if (pending) {
    all = new Uint8Array(pending.length + event.bytes.length);
    all.set(pending, 0);
    all.set(event.bytes, pending.length);
  }
  const decoder = new Decoder({ version: conn.version, limits: s.decoderLimits(BROKER) ?? {} });
  decoder.push(all);
  let used = 0;
  for (;;) {
    if (!s.conns.get(conn.id)!.brokerOpen) {
      s.editConn(conn.id).pendingUp = undefined;
      return;
    }
    const r = decoder.next();
    if (r.kind === 'need-more') break;
    if (r.kind === 'error') {
      s.editConn(conn.id).pendingUp = undefined;
      s.recordDeliver(conn.client, BROKER, conn.id, undefined, all.subarray(used), rawSummary(all.subarray(used)), event.sendSeq, late, decoder.version);
      return s.deliver(BROKER, { type: 'NET.MALFORMED', error: r.error, connId: conn.id });
    }
    const bytes = all.subarray(used, used + r.bytes.length);
    used += r.bytes.length;
    if (r.packet.type === 'connect') {
      decoder.version = r.packet.protocolVersion;
      s.editConn(conn.id).version = r.packet.protocolVersion;
    }
    s.recordDeliver(conn.client, BROKER, conn.id, r.packet, bytes, s.summaryOf(r.packet), event.sendSeq, late, decoder.version);
    s.deliverTimed(BROKER, { type: 'NET.PACKET', connId: conn.id, packet: r.packet, nowMs: s.nowMs });
  }
  const rest = all.subarray(used);
  s.editConn(conn.id).pendingUp = rest.length > 0 ? rest.slice() : undefined;
  if (rest.length > 0) s.trace({ kind: 'note', from: BROKER, connId: conn.id, bytes: rest, explain: { ref: 'sim', key: 'sim.raw-partial', params: { bytes: rest.length } } });
}

export function closed(s: Step, event: Extract<QueuedEvent, { kind: 'closed' }>): void {
  const before = s.conns.get(event.connId);
  if (!before || (before.broken && event.reason !== 'refused')) return;
  if (event.reason !== 'refused') {
    if (waitInLine(s, event, before)) return;
    if (lostOnTheWire(s, before.client)) {
      if (hold(s, event) === undefined) passed(s, event);
      return;
    }
    passed(s, event);
  }
  const conn = s.conns.get(event.connId)!;
  if (directionOf(event.toBroker).receiverOpen(conn)) {
    const key = event.reason === 'refused' ? 'sim.tcp-refused' : event.reason === 'reset' ? 'sim.tcp-reset' : 'sim.tcp-closed';
    s.trace({ kind: 'note', from: event.toBroker ? BROKER : conn.client, connId: conn.id, explain: { ref: 'sim', key, params: { conn: conn.id } } });
  }
  if (event.toBroker) {
    if (!conn.brokerOpen) return;
    s.editConn(conn.id).brokerOpen = false;
    return s.deliver(BROKER, { type: 'NET.CLOSED', connId: conn.id, reason: event.reason === 'refused' ? 'reset' : event.reason });
  }
  if (!conn.clientOpen) return;
  s.editConn(conn.id).clientOpen = false;
  if (s.clientConn.get(conn.client) !== conn.id) return;
  return s.deliver(conn.client, { type: 'NET.CLOSED', reason: event.reason });
}

/**
 * What a raw send holds, read as the broker will read it: its packets, and a summary (`PUBLISH
 * q0 a/b "hello"`; several packets joined with `+`; what is left at the end as unfinished or
 * malformed bytes).
 */
function rawContents(bytes: Uint8Array, version: ProtocolVersion, limits: DecoderLimits | undefined): { packets: Packet[]; summary: string } {
  const decoder = new Decoder({ version, limits: limits ?? {} });
  decoder.push(bytes);
  const packets: Packet[] = [];
  const parts: string[] = [];
  let used = 0;
  for (let r = decoder.next(); ; r = decoder.next()) {
    if (r.kind === 'packet') {
      packets.push(r.packet);
      parts.push(summarize(r.packet));
      used += r.bytes.length;
      if (r.packet.type === 'connect') decoder.version = r.packet.protocolVersion;
      continue;
    }
    const rest = bytes.subarray(used);
    if (r.kind === 'error') parts.push(rawSummary(rest));
    else if (rest.length > 0) parts.push(`${RAW_TYPE_NAMES[rest[0]! >> 4]} ${rest.length} bytes, unfinished`);
    break;
  }
  return { packets, summary: parts.join(' + ') };
}

/** A raw send's summary when its bytes are no packet: the type its first byte names, and the size. */
function rawSummary(bytes: Uint8Array): string {
  const type = RAW_TYPE_NAMES[(bytes[0] ?? 0) >> 4]!;
  return `${type} ${bytes.length} bytes, malformed`;
}
const RAW_TYPE_NAMES = ['RESERVED', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];
