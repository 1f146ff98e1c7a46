/**
 * The client's protocol logic as pure functions: context + input -> new context + effects.
 *
 * Theory of operation
 * -------------------
 * Like rumqttc's `state.rs`, nothing here does I/O: each handler takes the (immutable) context
 * and returns a `Step` with the next context and a list of effects (send a packet, deliver a
 * message, explain a rule, start or cancel a timer). The machine (`client.machine.ts`) decides
 * the state (disconnected, opening, connecting, connected.idle, ...) and turns the effects into
 * the contract's actions. Contexts are never mutated: every change makes new objects, with
 * Immutable.js collections for the lists and maps, because the world keeps old snapshots.
 *
 * Choices, with where they were checked:
 * - Outgoing QoS 1/2 messages keep their packet identifier until PUBACK / PUBCOMP (or a 5.0
 *   PUBACK/PUBREC >= 0x80). They are re-sent only when a session is resumed (CONNACK with
 *   Session Present = 1), PUBLISH with DUP = 1 or PUBREL, in their original order. There is no
 *   retransmission on a timer while connected: 5.0 forbids it (MQTT-4.4.0-1), 3.1.1 only
 *   requires the reconnect case; the "resend after a timeout" of textbooks is MQTT 3.1.
 * - Receive Maximum (5.0) is the send quota; like libmosquitto (`message__reconnect_reset`,
 *   `message__release_to_inflight`) every unfinished QoS 1/2 message counts, a PUBREL re-send too.
 * - Incoming QoS 2 uses Method A of the spec's figure 4.3: store the message and PUBREC, deliver
 *   to the application on PUBREL, then PUBCOMP. This is what MQTT.js (`handlers/pubrel.ts`) and
 *   libmosquitto 1.x (`lib/handle_pubrel.c`) do; a duplicate PUBLISH before PUBREL only replaces
 *   the stored copy and gets a PUBREC again, so it is never delivered twice (MQTT-4.3.3-2).
 * - Keep-alive: PINGREQ after keepAliveSec without sending; if no PINGRESP arrives within
 *   another keepAliveSec the connection is closed (libmosquitto `mosquitto__check_keepalive` and
 *   `mosquitto_loop_misc` wait exactly one keep-alive period for the PINGRESP).
 */
import { List, Map as IMap, OrderedMap, Set as ISet } from 'immutable';
import type {
  ConnackPacket,
  ConnectPacket,
  Packet,
  Properties,
  ProtocolVersion,
  PublishPacket,
  QoS,
  Subscription,
} from '../codec/types.ts';
import { tryEncode } from '../codec/encode.ts';
import { CONNACK_RETURN_NAMES_V311, REASON_NAMES } from '../codec/reason-codes.ts';
import type { Explain } from '../mqtt/actor-contract.ts';
import { validateTopicFilter, validateTopicName, type TopicProblem } from '../mqtt/index.ts';
import type { CloseReason } from './messages.ts';
import { ref, type RefName } from './refs.ts';
import type {
  ClientContext,
  ClientTimerEvent,
  ConnectOptions,
  Effect,
  OutgoingMessage,
  PendingRequest,
  PublishRequest,
  ResolvedOptions,
  ServerLimits,
  Step,
} from './types.ts';

export const DEFAULT_KEEP_ALIVE_SEC = 60;
const MAX_PACKET_ID = 65535;

const DEFAULT_SERVER: ServerLimits = {
  receiveMaximum: 65535,
  maximumQoS: 2,
  retainAvailable: true,
  topicAliasMaximum: 0,
  maximumPacketSize: null,
  assignedClientId: null,
  serverKeepAliveSec: null,
};

/** A fresh client: what the process holds in memory right after it starts. */
export function initialContext(name: string): ClientContext {
  return {
    name,
    options: null,
    clientId: '',
    keepAliveSec: 0,
    server: DEFAULT_SERVER,
    hasSessionState: false,
    sessionPresent: null,
    connectedAtMs: null,
    keepAliveArmed: false,
    lastSentMs: null,
    pingSentAtMs: null,
    lastPacketId: 0,
    outgoing: List(),
    pending: List(),
    incomingQos2: OrderedMap(),
    awaitingAck: IMap(),
    subscriptions: OrderedMap(),
    inboundAliases: IMap(),
    lastConnack: null,
    lastSuback: null,
    lastCloseReason: null,
    receivedCount: 0,
  };
}

/** Applies the defaults (mosquitto_pub/sub's: 3.1.1, clean, keep-alive 60 s). */
export function resolveOptions(options: ConnectOptions = {}): ResolvedOptions {
  return {
    clientId: options.clientId ?? '',
    protocolVersion: options.protocolVersion ?? 4,
    clean: options.clean ?? true,
    keepAliveSec: options.keepAliveSec ?? DEFAULT_KEEP_ALIVE_SEC,
    sessionExpiryIntervalSec: options.sessionExpiryIntervalSec ?? 0,
    will: options.will,
    username: options.username,
    password: options.password,
    receiveMaximum: options.receiveMaximum ?? 65535,
    topicAliasMaximum: options.topicAliasMaximum ?? 0,
    maximumPacketSize: options.maximumPacketSize,
    userProperties: options.userProperties,
  };
}

/** The version in use (3.1.1 before the first CONNECT). */
export function versionOf(ctx: ClientContext): ProtocolVersion {
  return ctx.options?.protocolVersion ?? 4;
}

/**
 * Whether the session outlives the network connection: 3.1.1 Clean Session = 0; 5.0 a Session
 * Expiry Interval > 0 (MQTT-3.1.2-23 in 5.0; Clean Start only says whether to resume one).
 */
export function sessionOutlivesConnection(options: ResolvedOptions | null): boolean {
  if (options === null) return false;
  return options.protocolVersion === 5 ? options.sessionExpiryIntervalSec > 0 : !options.clean;
}

// ── The step builder ──────────────────────────────────────────────────────────────────────

/**
 * A copy of the context as a literal, fields in `initialContext`'s order: V8 builds an object
 * spread of two dozen fields field by field (ten times slower), and this runs for nearly every
 * packet. TypeScript flags a field missing here.
 */
function copyContext(c: ClientContext): ClientContext {
  return {
    name: c.name,
    options: c.options,
    clientId: c.clientId,
    keepAliveSec: c.keepAliveSec,
    server: c.server,
    hasSessionState: c.hasSessionState,
    sessionPresent: c.sessionPresent,
    connectedAtMs: c.connectedAtMs,
    keepAliveArmed: c.keepAliveArmed,
    lastSentMs: c.lastSentMs,
    pingSentAtMs: c.pingSentAtMs,
    lastPacketId: c.lastPacketId,
    outgoing: c.outgoing,
    pending: c.pending,
    incomingQos2: c.incomingQos2,
    awaitingAck: c.awaitingAck,
    subscriptions: c.subscriptions,
    inboundAliases: c.inboundAliases,
    lastConnack: c.lastConnack,
    lastSuback: c.lastSuback,
    lastCloseReason: c.lastCloseReason,
    receivedCount: c.receivedCount,
  };
}

/**
 * The objects a run of steps has copied (actor-contract.ts, `RunScope`), lent while the fast
 * path runs one handler (`lendRun`), else undefined. A run keeps only its latest snapshot, so a
 * context this run copied is edited in place by the run's later handlers instead of being
 * copied for every packet (and the snapshot around it with it). Handlers therefore read the
 * context through their Builder (`b.ctx`), never an earlier reference, after an edit.
 */
let runOwned: Set<object> | undefined;

/** Lends the run's owned set to the Builders made from now on (see `runOwned`); undefined ends the loan. */
export function lendRun(owned: Set<object> | undefined): void {
  runOwned = owned;
}

/**
 * Collects effects while replacing the context. Local to one handler call: the context it is
 * given belongs to a snapshot and is never mutated; the first `set` or `edit` copies it, and
 * later ones change that private copy in place (a handler sets several fields, and a copy of the
 * whole context each time was a tenth of the client's work).
 */
class Builder {
  effects: Effect[] = [];
  /** Whether `ctx` is a copy this handler (or the run it is part of, see `lendRun`) made. */
  private ownsCtx: boolean;
  constructor(
    public ctx: ClientContext,
    readonly nowMs: number,
  ) {
    this.ownsCtx = runOwned !== undefined && runOwned.has(ctx);
  }

  get version(): ProtocolVersion {
    return versionOf(this.ctx);
  }

  set(patch: Partial<ClientContext>): void {
    Object.assign(this.edit(), patch);
  }

  /** The context as this handler's own copy, for setting a field directly (`set` without a patch object). */
  edit(): ClientContext {
    if (!this.ownsCtx) {
      this.ctx = copyContext(this.ctx);
      this.ownsCtx = true;
      runOwned?.add(this.ctx);
    }
    return this.ctx;
  }

  explain(rule: RefName | { ref: string }, key: string, params?: Explain['params']): void {
    const r = typeof rule === 'string' ? ref(rule, this.version) : rule.ref;
    this.explained(params ? { ref: r, key, params } : { ref: r, key });
  }

  explained(explain: Explain): void {
    this.effects.push({ type: 'trace.explain', params: explain });
  }

  /** Sends a packet; any sent control packet restarts the keep-alive timer (MQTT-3.1.2-23). */
  send(packet: Packet): void {
    this.effects.push({ type: 'net.send', params: { packet, version: this.version } });
    this.edit().lastSentMs = this.nowMs;
    if (this.ctx.keepAliveArmed && this.ctx.keepAliveSec > 0) {
      this.cancelTimer('keepAlive');
      this.startTimer('keepAlive', this.ctx.keepAliveSec * 1000);
    }
  }

  open(): void {
    this.effects.push({ type: 'net.open', params: {} });
  }

  close(): void {
    this.effects.push({ type: 'net.close', params: {} });
  }

  deliver(packet: PublishPacket): void {
    this.effects.push({ type: 'app.deliver', params: { packet } });
  }

  /** A timer as xstate's delayed `raise` gives it; the event carries the time it fires at. */
  startTimer(id: 'keepAlive' | 'pingresp', delayMs: number): void {
    const event: ClientTimerEvent = { type: id === 'keepAlive' ? 'TIMER.KEEPALIVE' : 'TIMER.PINGRESP', nowMs: this.nowMs + delayMs };
    this.effects.push({ type: 'xstate.raise', params: { event, id, delay: delayMs } });
  }

  cancelTimer(id: 'keepAlive' | 'pingresp'): void {
    this.effects.push({ type: 'xstate.cancel', params: { sendId: id } });
  }

  step(): Step {
    return { context: this.ctx, effects: this.effects };
  }
}

// ── Connecting ────────────────────────────────────────────────────────────────────────────

/** Why these options cannot be sent, or null. */
export function connectOptionsProblem(options: ConnectOptions | undefined): Explain | null {
  const o = resolveOptions(options);
  if (o.protocolVersion === 4 && o.clientId === '' && !o.clean) {
    // mosquitto_sub refuses `-c` without `-i` for the same reason.
    return { ref: ref('emptyIdNeedsClean', 4), key: 'client.connect.empty-id-needs-clean' };
  }
  const willProblem = o.will ? validateTopicName(o.will.topic, o.protocolVersion)[0] : undefined;
  if (o.will && willProblem) {
    return { ref: willProblem.ref, key: 'client.connect.will-topic-invalid', params: { topic: o.will.topic, problem: willProblem.key } };
  }
  // Whatever else the codec refuses (a password without a user name in 3.1.1, MQTT-3.1.2-22; a
  // property out of its range): the client does not send a CONNECT the protocol forbids.
  const encoded = tryEncode(buildConnect(o), o.protocolVersion);
  if (!encoded.ok) return { ref: encoded.error.ref, key: 'client.connect.cannot-encode', params: { message: encoded.error.message } };
  return null;
}

/**
 * APP.CONNECT while a connection is open or being opened: ignored, with an explanation. A client
 * sends CONNECT only once per network connection (section 3.1); a broker would treat a second
 * one as a protocol violation and disconnect (MQTT-3.1.0-2).
 */
export function connectAlready(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('connectOnce', 'client.connect.already', { name: ctx.name });
  return b.step();
}

/** APP.CONNECT: remember the options, open the network connection. */
export function startConnect(ctx: ClientContext, options: ConnectOptions | undefined, nowMs: number): Step {
  const o = resolveOptions(options);
  const b = new Builder(ctx, nowMs);
  b.set({
    options: o,
    clientId: o.clientId,
    keepAliveSec: o.keepAliveSec,
    server: DEFAULT_SERVER,
    sessionPresent: null,
    lastCloseReason: null,
    inboundAliases: IMap(),
    pingSentAtMs: null,
  });
  if (o.clean && (ctx.outgoing.size > 0 || ctx.incomingQos2.size > 0 || ctx.subscriptions.size > 0)) {
    // MQTT-3.1.2-6 (3.1.1) / MQTT-3.1.2-4 (5.0): clean start discards the previous session.
    b.set({ outgoing: List(), incomingQos2: OrderedMap(), subscriptions: OrderedMap(), awaitingAck: IMap() });
    b.explain('cleanDiscards', 'client.session.clean-discards', {
      outgoing: ctx.outgoing.size,
      incoming: ctx.incomingQos2.size,
    });
  }
  b.set({ hasSessionState: o.clean ? false : b.ctx.hasSessionState });
  b.open();
  b.explain({ ref: ref('firstPacketConnect', o.protocolVersion) }, 'client.connect.open', {
    version: o.protocolVersion === 5 ? '5.0' : '3.1.1',
  });
  return b.step();
}

/** Builds CONNECT from the options (3.1.1 carries no properties). */
export function buildConnect(o: ResolvedOptions): ConnectPacket {
  const packet: ConnectPacket = {
    type: 'connect',
    protocolVersion: o.protocolVersion,
    clean: o.clean,
    keepAliveSec: o.keepAliveSec,
    clientId: o.clientId,
  };
  if (o.will) {
    const will = { topic: o.will.topic, payload: o.will.payload, qos: o.will.qos, retain: o.will.retain };
    packet.will = o.protocolVersion === 5 && o.will.properties ? { ...will, properties: o.will.properties } : will;
  }
  if (o.username !== undefined) packet.username = o.username;
  if (o.password !== undefined) packet.password = o.password;
  if (o.protocolVersion === 5) {
    const p: Properties = {};
    if (o.sessionExpiryIntervalSec > 0) p.sessionExpiryIntervalSec = o.sessionExpiryIntervalSec;
    if (o.receiveMaximum !== 65535) p.receiveMaximum = o.receiveMaximum;
    if (o.topicAliasMaximum > 0) p.topicAliasMaximum = o.topicAliasMaximum;
    if (o.maximumPacketSize !== undefined) p.maximumPacketSize = o.maximumPacketSize;
    if (o.userProperties && o.userProperties.length > 0) p.userProperties = o.userProperties;
    if (Object.keys(p).length > 0) packet.properties = p;
  }
  return packet;
}

/** NET.OPENED: the first packet on the connection is CONNECT (MQTT-3.1.0-1). */
export function sendConnect(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  const o = ctx.options ?? resolveOptions();
  const packet = buildConnect(o);
  b.send(packet);
  b.explain('firstPacketConnect', 'client.connect.sent', {
    clientId: o.clientId === '' ? '""' : o.clientId,
    clean: o.clean,
    keepAliveSec: o.keepAliveSec,
    will: o.will !== undefined,
  });
  return b.step();
}

/** What a CONNACK means for this client. */
export type ConnackOutcome = 'accepted' | 'refused' | 'unexpected-session';

export function connackOutcome(ctx: ClientContext, packet: ConnackPacket): ConnackOutcome {
  if (packet.reasonCode !== 0) return 'refused';
  const o = ctx.options;
  if (o && o.protocolVersion === 5 && !o.clean && packet.sessionPresent && !ctx.hasSessionState) {
    return 'unexpected-session';
  }
  return 'accepted';
}

function hex(code: number): string {
  return `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
}

function codeName(version: ProtocolVersion, code: number, kind: 'connack' | 'other'): string {
  if (version === 4 && kind === 'connack') return CONNACK_RETURN_NAMES_V311[code] ?? 'reserved';
  return REASON_NAMES[code] ?? 'unknown';
}

/** CONNACK refused (3.1.1 return code 1..5, 5.0 reason code >= 0x80): record and close. */
export function connackRefused(ctx: ClientContext, packet: ConnackPacket, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  const name = codeName(b.version, packet.reasonCode, 'connack');
  b.set({
    lastConnack: { reasonCode: packet.reasonCode, sessionPresent: packet.sessionPresent },
    sessionPresent: false,
    lastCloseReason: { key: 'client.close.refused', params: { name } },
  });
  b.explain('connackRefused', 'client.connack.refused', { code: hex(packet.reasonCode), name });
  b.close();
  dropUnsendable(b);
  return b.step();
}

/** 5.0 CONNACK with Session Present = 1 for a client without session state (MQTT-3.2.2-4). */
export function connackUnexpectedSession(ctx: ClientContext, packet: ConnackPacket, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.set({
    lastConnack: { reasonCode: packet.reasonCode, sessionPresent: packet.sessionPresent },
    sessionPresent: true,
    lastCloseReason: { key: 'client.close.unexpected-session' },
  });
  b.explain('sessionUnexpected', 'client.connack.unexpected-session');
  b.close();
  return b.step();
}

/** CONNACK accepted: record what the broker said, then resume or start the session. */
export function connackAccepted(ctx: ClientContext, packet: ConnackPacket, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  const o = ctx.options ?? resolveOptions();
  const v = o.protocolVersion;
  const p = v === 5 ? (packet.properties ?? {}) : {};
  const server: ServerLimits = {
    receiveMaximum: p.receiveMaximum ?? 65535,
    maximumQoS: p.maximumQoS ?? 2,
    retainAvailable: p.retainAvailable !== 0,
    topicAliasMaximum: p.topicAliasMaximum ?? 0,
    maximumPacketSize: p.maximumPacketSize ?? null,
    assignedClientId: p.assignedClientIdentifier ?? null,
    serverKeepAliveSec: p.serverKeepAliveSec ?? null,
  };
  b.set({
    server,
    lastConnack: { reasonCode: packet.reasonCode, sessionPresent: packet.sessionPresent },
    sessionPresent: packet.sessionPresent,
    connectedAtMs: nowMs,
    pingSentAtMs: null,
    inboundAliases: IMap(),
  });
  b.explain({ ref: ref('sessionResumed', v) }, 'client.connack.accepted', {
    sessionPresent: packet.sessionPresent,
  });
  if (server.assignedClientId !== null) {
    b.set({ clientId: server.assignedClientId });
    b.explain('assignedId', 'client.connack.assigned-id', { clientId: server.assignedClientId });
  }
  if (server.serverKeepAliveSec !== null && server.serverKeepAliveSec !== o.keepAliveSec) {
    b.set({ keepAliveSec: server.serverKeepAliveSec });
    b.explain('serverKeepAlive', 'client.connack.server-keep-alive', {
      requested: o.keepAliveSec,
      granted: server.serverKeepAliveSec,
    });
  }
  if (v === 5) {
    const limits: string[] = [];
    if (p.receiveMaximum !== undefined) limits.push(`receive maximum ${p.receiveMaximum}`);
    if (p.maximumQoS !== undefined) limits.push(`maximum QoS ${p.maximumQoS}`);
    if (p.retainAvailable === 0) limits.push('retain not available');
    if (p.topicAliasMaximum !== undefined) limits.push(`topic alias maximum ${p.topicAliasMaximum}`);
    if (p.maximumPacketSize !== undefined) limits.push(`maximum packet size ${p.maximumPacketSize}`);
    if (limits.length > 0) b.explain({ ref: '3.2.2.3' }, 'client.connack.limits', { limits: limits.join(', ') });
  }

  const hadState = b.ctx.outgoing.size > 0 || b.ctx.incomingQos2.size > 0;
  if (!packet.sessionPresent && !o.clean && (hadState || b.ctx.subscriptions.size > 0)) {
    // 5.0 MQTT-3.2.2-5; 3.1.1 section 3.2.2.2 leaves it to the client: we discard too, since
    // the broker no longer knows these packet identifiers.
    b.explain('sessionLost', 'client.session.lost', {
      outgoing: b.ctx.outgoing.size,
      incoming: b.ctx.incomingQos2.size,
      subscriptions: b.ctx.subscriptions.size,
    });
    b.set({ outgoing: List(), incomingQos2: OrderedMap(), subscriptions: OrderedMap(), awaitingAck: IMap() });
  }
  b.set({ hasSessionState: sessionOutlivesConnection(o) || !o.clean });
  if (packet.sessionPresent && b.ctx.outgoing.size > 0) {
    b.set({ outgoing: b.ctx.outgoing.map((m) => ({ ...m, resend: true })) });
    b.explain('resend', 'client.session.resend', { count: b.ctx.outgoing.size });
  } else if (packet.sessionPresent) {
    b.explain('sessionResumed', 'client.session.resumed');
  }
  drain(b);
  return b.step();
}

// ── Sending: the send quota, resends and the queue ────────────────────────────────────────

/**
 * What the sending code asks of an outgoing list again and again, remembered per list: the used
 * send quota and the packet ids in use. A list made from another by one push, delete or edit
 * gets both from the other's (`derived`), so a publish or an acknowledgement does not walk the
 * whole list again (with 16k messages in flight that made a run quadratic, #13). Only an
 * optimization: a list without an entry (one rebuilt by `map`, or restored from a copy) is
 * counted once when first asked.
 */
interface OutgoingIndex {
  inFlight: number;
  ids: ISet<number>;
}
const outgoingIndexes = new WeakMap<List<OutgoingMessage>, OutgoingIndex>();

function indexOf(outgoing: List<OutgoingMessage>): OutgoingIndex {
  let index = outgoingIndexes.get(outgoing);
  if (index === undefined) {
    let inFlight = 0;
    const ids = ISet<number>().withMutations((set) => {
      outgoing.forEach((m) => {
        if (!m.resend) inFlight++;
        set.add(m.packetId);
      });
    });
    index = { inFlight, ids };
    outgoingIndexes.set(outgoing, index);
  }
  return index;
}

/** Unfinished QoS 1/2 messages sent on this connection (the used send quota). */
function inFlightCount(ctx: ClientContext): number {
  return ctx.outgoing.size === 0 ? 0 : indexOf(ctx.outgoing).inFlight;
}

/**
 * Records the index of `next`, made from `prev` by adding `delta` to the messages sent on this
 * connection and adding or removing one packet id.
 */
function derived(
  prev: List<OutgoingMessage>,
  next: List<OutgoingMessage>,
  delta: number,
  id?: { add: number } | { remove: number },
): List<OutgoingMessage> {
  const index = outgoingIndexes.get(prev);
  if (index !== undefined) {
    const ids = id === undefined ? index.ids : 'add' in id ? index.ids.add(id.add) : index.ids.remove(id.remove);
    outgoingIndexes.set(next, { inFlight: index.inFlight + delta, ids });
  }
  return next;
}

/** The next free packet identifier after the last one, wrapping 65535 -> 1, never 0. */
export function nextPacketId(ctx: ClientContext): number | null {
  if (ctx.outgoing.size === 0 && ctx.awaitingAck.size === 0) return ctx.lastPacketId >= MAX_PACKET_ID ? 1 : ctx.lastPacketId + 1;
  const ids = ctx.outgoing.size === 0 ? ISet<number>() : indexOf(ctx.outgoing).ids;
  const awaiting = ctx.awaitingAck;
  if (ids.size + awaiting.size >= MAX_PACKET_ID) return null; // disjoint: an id is used once
  let id = ctx.lastPacketId;
  for (let i = 0; i < MAX_PACKET_ID; i++) {
    id = id >= MAX_PACKET_ID ? 1 : id + 1;
    if (!ids.has(id) && !awaiting.has(id)) return id;
  }
  return null;
}

function stageFor(qos: QoS): OutgoingMessage['stage'] {
  return qos === 1 ? 'awaiting PUBACK' : 'awaiting PUBREC';
}

function publishPacket(version: ProtocolVersion, r: PublishRequest, packetId?: number): PublishPacket {
  // The packet ID inside the literal, not added afterwards (which costs a separate property store).
  const packet: PublishPacket =
    packetId === undefined
      ? { type: 'publish', topic: r.topic, payload: r.payload, qos: r.qos, retain: r.retain, dup: false }
      : { type: 'publish', topic: r.topic, payload: r.payload, qos: r.qos, retain: r.retain, dup: false, packetId };
  if (version === 5 && r.properties) packet.properties = r.properties;
  return packet;
}

/**
 * Pending lists known to hold only QoS 1/2 PUBLISHes waiting for the send quota (reason
 * 'receive-maximum'). For such a list `drain` only takes from the front: the full pass it would
 * otherwise make changes nothing behind the first message that must wait, and a full pass on
 * every PUBACK made a long queue quadratic (#13). Membership is only an optimization: a list
 * not in the set (one rebuilt elsewhere, or restored from a copy) gets the full pass.
 */
const quotaQueues = new WeakSet<List<PendingRequest>>();

function isQuotaQueue(pending: List<PendingRequest>): boolean {
  return pending.size === 0 || quotaQueues.has(pending);
}

function waitsForQuota(req: PendingRequest): boolean {
  return req.kind === 'publish' && req.request.qos > 0 && req.reason === 'receive-maximum';
}

/**
 * Sends what may go now, in order: first the re-sends of a resumed session (MQTT-4.6.0-1), then
 * the queue. QoS 1/2 PUBLISHes wait while the send quota is used up (MQTT-3.3.4-7); nothing
 * else waits for it (MQTT-3.3.4-8). Linear in what it sends, plus one pass over the queue when
 * the queue may hold something other than publishes waiting for the quota (see `quotaQueues`).
 */
function drain(b: Builder): void {
  const max = b.ctx.server.receiveMaximum;
  let blocked = false;
  // The used send quota, counted once and then kept up to date (a count per message made a
  // long resend or a long queue quadratic).
  let inFlight = inFlightCount(b.ctx);
  let outgoing = b.ctx.outgoing;
  if (outgoing.size > inFlight) {
    for (let i = 0; i < outgoing.size; i++) {
      const m = outgoing.get(i);
      if (!m || !m.resend) continue;
      if (inFlight >= max) {
        blocked = true;
        break;
      }
      inFlight++;
      if (m.stage === 'awaiting PUBCOMP') {
        outgoing = outgoing.set(i, { ...m, resend: false });
        b.set({ outgoing });
        b.send({ type: 'pubrel', packetId: m.packetId });
        b.explain('resend', 'client.resend.pubrel', { packetId: m.packetId });
      } else {
        const packet = { ...m.packet, dup: true };
        outgoing = outgoing.set(i, { ...m, packet, resend: false });
        b.set({ outgoing });
        b.send(packet);
        b.explain('dup', 'client.resend.publish', { packetId: m.packetId, topic: m.packet.topic });
      }
    }
  }
  if (blocked) b.explain('receiveMaximum', 'client.quota.resend-waits', { max });

  const queue = b.ctx.pending;
  if (queue.size === 0) return; // the usual case: nothing waits
  let start = 0;
  let pending = List<PendingRequest>();
  if (quotaQueues.has(queue)) {
    // Take from the front while the quota allows; everything behind the first that must wait
    // waits too, unchanged.
    for (; start < queue.size; start++) {
      const req = queue.get(start)!;
      if (blocked || inFlight >= max) {
        if (!blocked) b.explain('receiveMaximum', 'client.quota.publish-waits', { max, topic: (req as { request: PublishRequest }).request.topic });
        const rest = start === 0 ? queue : queue.slice(start);
        quotaQueues.add(rest);
        b.set({ pending: rest });
        return;
      }
      const sent = sendQosPublish(b, (req as { request: PublishRequest }).request);
      if (sent === 'no-id') {
        pending = pending.push(req); // every packet id is in use: the full pass below goes on
        start++;
        break;
      }
      if (sent === 'sent') inFlight++;
    }
  }
  let onlyQuota = true;
  for (let i = start; i < queue.size; i++) {
    const req = queue.get(i)!;
    if (req.kind === 'publish' && req.request.qos > 0) {
      if (blocked || inFlight >= max) {
        if (!blocked) b.explain('receiveMaximum', 'client.quota.publish-waits', { max, topic: req.request.topic });
        blocked = true;
        pending = pending.push(req.reason === 'receive-maximum' ? req : { ...req, reason: 'receive-maximum' });
        continue;
      }
      const sent = sendQosPublish(b, req.request);
      if (sent === 'sent') inFlight++;
      else if (sent === 'no-id') {
        pending = pending.push(req);
        if (!waitsForQuota(req)) onlyQuota = false;
      }
      continue;
    }
    if (req.kind === 'publish') sendQos0(b, req.request);
    else if (req.kind === 'subscribe') {
      if (!sendSubscribe(b, req.subscriptions, req.properties)) {
        pending = pending.push(req);
        onlyQuota = false;
      }
    } else if (!sendUnsubscribe(b, req.topicFilters, req.properties)) {
      pending = pending.push(req);
      onlyQuota = false;
    }
  }
  if (onlyQuota) quotaQueues.add(pending);
  b.set({ pending });
}

// ── What the client refuses to send ──────────────────────────────────────────────────────

/**
 * Why `packet` must not go to this broker, or null: the codec cannot encode it (a value out of
 * its range, No Local on a shared subscription, ...), or it is larger than the Maximum Packet
 * Size the broker announced in CONNACK (MQTT-3.2.2-15). A PUBLISH without properties always
 * encodes, and one clearly below the limit is not encoded here (this runs for every PUBLISH).
 */
function sendProblem(b: Builder, packet: Packet): Explain | null {
  const max = b.ctx.connectedAtMs === null ? null : b.ctx.server.maximumPacketSize;
  if (packet.type === 'publish' && packet.properties === undefined && (max === null || publishSizeBound(packet) <= max)) return null;
  const encoded = tryEncode(packet, b.version);
  const name = packet.type.toUpperCase();
  if (!encoded.ok) return { ref: encoded.error.ref, key: 'client.refuse.cannot-encode', params: { packet: name, message: encoded.error.message } };
  if (max !== null && encoded.bytes.length > max) {
    return { ref: ref('maximumPacketSize', b.version), key: 'client.refuse.too-large', params: { packet: name, size: encoded.bytes.length, max } };
  }
  return null;
}

/** An upper bound of the encoded size of a PUBLISH without properties (a UTF-16 unit is at most 3 UTF-8 bytes). */
function publishSizeBound(p: PublishPacket): number {
  return 5 + 2 + 3 * p.topic.length + 2 + 1 + p.payload.length;
}

/**
 * Whether a PUBLISH breaks a limit of the broker's CONNACK (5.0), checked when it is sent, so
 * that a message queued before CONNACK obeys it too: Maximum QoS (MQTT-3.2.2-11), Retain
 * Available (MQTT-3.2.2-14), Topic Alias Maximum (MQTT-3.3.2-9). Explained when it does.
 */
function publishLimitProblem(b: Builder, r: PublishRequest): boolean {
  if (b.version !== 5 || b.ctx.connectedAtMs === null) return false;
  const server = b.ctx.server;
  if (r.qos > server.maximumQoS) {
    b.explain('maximumQoS', 'client.publish.qos-not-supported', { qos: r.qos, max: server.maximumQoS });
    return true;
  }
  if (r.retain && !server.retainAvailable) {
    b.explain('retainAvailable', 'client.publish.retain-not-available', { topic: r.topic });
    return true;
  }
  const alias = r.properties?.topicAlias;
  if (alias !== undefined && alias > server.topicAliasMaximum) {
    b.explain('topicAliasMaximum', 'client.refuse.topic-alias', { alias, topic: r.topic, max: server.topicAliasMaximum });
    return true;
  }
  return false;
}

/** Explains why `packet` is not sent, if it must not be; true then. */
function refused(b: Builder, packet: Packet): boolean {
  const problem = sendProblem(b, packet);
  if (problem === null) return false;
  b.explained(problem);
  return true;
}

function sendQos0(b: Builder, r: PublishRequest): void {
  if (publishLimitProblem(b, r)) return;
  const packet = publishPacket(b.version, r);
  if (refused(b, packet)) return;
  b.send(packet);
  b.explain('qos0Send', 'client.publish.qos0', { topic: r.topic });
}

/**
 * Assigns a packet id and sends a QoS 1/2 PUBLISH: 'sent'; 'refused' when it must not be sent
 * (explained, and dropped); 'no-id' when every id is in use (it waits).
 */
function sendQosPublish(b: Builder, r: PublishRequest): 'sent' | 'refused' | 'no-id' {
  if (publishLimitProblem(b, r)) return 'refused';
  const id = nextPacketId(b.ctx);
  if (id === null) {
    b.explain('packetId', 'client.packet-id.exhausted');
    return 'no-id';
  }
  const packet = publishPacket(b.version, r, id);
  if (refused(b, packet)) return 'refused';
  const ctx = b.edit();
  ctx.lastPacketId = id;
  ctx.outgoing = derived(ctx.outgoing, ctx.outgoing.push({ packetId: id, packet, stage: stageFor(r.qos), resend: false }), 1, { add: id });
  b.send(packet);
  b.explain(r.qos === 1 ? 'qos1Send' : 'qos2Send', r.qos === 1 ? 'client.publish.qos1' : 'client.publish.qos2', {
    packetId: id,
    topic: r.topic,
  });
  return 'sent';
}

/** Explains topic problems found by the topic rules (src/core/mqtt), with their own keys. */
function explainTopicProblems(b: Builder, problems: TopicProblem[], key: string, what: string): boolean {
  if (problems.length === 0) return false;
  for (const p of problems) b.explain({ ref: p.ref }, p.key, { ...p.params });
  b.explain({ ref: problems[0]?.ref ?? '4.7' }, key, { topic: what });
  return true;
}

/** Whether this PUBLISH must not be sent (explained); checked before sending. */
function publishProblem(b: Builder, r: PublishRequest): boolean {
  if (explainTopicProblems(b, validateTopicName(r.topic, b.version), 'client.publish.topic-invalid', r.topic)) {
    return true;
  }
  if (b.version === 5 && b.ctx.connectedAtMs !== null) {
    if (r.qos > b.ctx.server.maximumQoS) {
      b.explain('maximumQoS', 'client.publish.qos-not-supported', { qos: r.qos, max: b.ctx.server.maximumQoS });
      return true;
    }
    if (r.retain && !b.ctx.server.retainAvailable) {
      b.explain('retainAvailable', 'client.publish.retain-not-available', { topic: r.topic });
      return true;
    }
  }
  return false;
}

/** The connection phase an application request meets. */
export type Phase = 'offline' | 'connecting' | 'connected';

/**
 * Must a new QoS 1/2 publish wait in `pending`: behind earlier ones that wait, for a free slot
 * of the send quota (Receive Maximum), or behind messages being re-sent? (The size checks skip
 * building iterators in the common case of nothing waiting.)
 */
function waitsBehindOthers(ctx: ClientContext): boolean {
  const inFlight = inFlightCount(ctx);
  return (
    (ctx.pending.size > 0 && (quotaQueues.has(ctx.pending) || ctx.pending.some((p) => p.kind === 'publish' && p.request.qos > 0))) ||
    inFlight >= ctx.server.receiveMaximum ||
    ctx.outgoing.size > inFlight // a message waits to be re-sent
  );
}

/** Queues a QoS 1/2 publish behind the others waiting for the send quota. */
function queueForQuota(b: Builder, r: PublishRequest): void {
  const before = b.ctx.pending;
  const pending = before.push({ kind: 'publish', request: r, reason: 'receive-maximum' });
  if (isQuotaQueue(before)) quotaQueues.add(pending);
  b.set({ pending });
}

/** APP.PUBLISH. */
export function publish(ctx: ClientContext, r: PublishRequest, phase: Phase, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  if (publishProblem(b, r)) return b.step();
  if (phase === 'connected') {
    if (r.qos === 0) sendQos0(b, r);
    else if (waitsBehindOthers(b.ctx)) {
      queueForQuota(b, r);
      b.explain('receiveMaximum', 'client.quota.publish-waits', { max: b.ctx.server.receiveMaximum, topic: r.topic });
    } else if (sendQosPublish(b, r) === 'no-id') {
      queueForQuota(b, r);
    }
    return b.step();
  }
  if (phase === 'connecting') {
    b.set({ pending: b.ctx.pending.push({ kind: 'publish', request: r, reason: 'connecting' }) });
    b.explain({ ref: '3.1.4' }, 'client.publish.waits-for-connack', { topic: r.topic, qos: r.qos });
    return b.step();
  }
  if (r.qos > 0 && keepsSessionOffline(ctx)) {
    b.set({ pending: b.ctx.pending.push({ kind: 'publish', request: r, reason: 'offline' }) });
    b.explain('sessionKept', 'client.publish.queued-offline', { topic: r.topic, qos: r.qos });
  } else {
    b.explain(
      { ref: '4.1' },
      r.qos === 0 ? 'client.publish.dropped-offline-qos0' : 'client.publish.dropped-offline-clean',
      { topic: r.topic, qos: r.qos },
    );
  }
  return b.step();
}

/**
 * Whether a message published while offline is kept for the next connection: whenever the
 * session outlives the connection. In 5.0 that is a Session Expiry Interval > 0 whatever Clean
 * Start was (Clean Start only decides whether an old session is resumed, MQTT-3.1.2-4/-5).
 */
function keepsSessionOffline(ctx: ClientContext): boolean {
  return sessionOutlivesConnection(ctx.options);
}

/** After a refused or failed connection: drop queued requests that no session keeps. */
function dropUnsendable(b: Builder): void {
  const keep = keepsSessionOffline(b.ctx);
  const before = b.ctx.pending.size;
  const pending = b.ctx.pending
    .filter((p) => keep && p.kind === 'publish' && p.request.qos > 0)
    .map((p) => ({ ...p, reason: 'offline' as const }));
  if (pending.size !== before) {
    b.explain({ ref: '4.1' }, 'client.pending.dropped', { count: before - pending.size });
  }
  b.set({ pending });
}

// ── SUBSCRIBE / UNSUBSCRIBE ───────────────────────────────────────────────────────────────

/** Sends SUBSCRIBE; false when every packet id is in use (it waits); true when sent or refused. */
function sendSubscribe(b: Builder, subscriptions: Subscription[], properties?: Properties): boolean {
  const id = nextPacketId(b.ctx);
  if (id === null) {
    b.explain('packetId', 'client.packet-id.exhausted');
    return false;
  }
  const packet: Packet = { type: 'subscribe', packetId: id, subscriptions, ...(b.version === 5 && properties ? { properties } : {}) };
  if (refused(b, packet)) return true;
  let subs = b.ctx.subscriptions;
  for (const s of subscriptions) {
    subs = subs.set(s.topicFilter, { topicFilter: s.topicFilter, requestedQoS: s.qos, code: null });
  }
  b.set({
    lastPacketId: id,
    awaitingAck: b.ctx.awaitingAck.set(id, { kind: 'subscribe', subscriptions }),
    subscriptions: subs,
  });
  b.send(packet);
  b.explain('packetId', 'client.subscribe.sent', {
    packetId: id,
    filters: subscriptions.map((s) => `${s.topicFilter} (QoS ${s.qos})`).join(', '),
  });
  return true;
}

/** Sends UNSUBSCRIBE; false when every packet id is in use (it waits); true when sent or refused. */
function sendUnsubscribe(b: Builder, topicFilters: string[], properties?: Properties): boolean {
  const id = nextPacketId(b.ctx);
  if (id === null) {
    b.explain('packetId', 'client.packet-id.exhausted');
    return false;
  }
  const packet: Packet = { type: 'unsubscribe', packetId: id, topicFilters, ...(b.version === 5 && properties ? { properties } : {}) };
  if (refused(b, packet)) return true;
  b.set({ lastPacketId: id, awaitingAck: b.ctx.awaitingAck.set(id, { kind: 'unsubscribe', topicFilters }) });
  b.send(packet);
  b.explain('packetId', 'client.unsubscribe.sent', { packetId: id, filters: topicFilters.join(', ') });
  return true;
}

/** APP.SUBSCRIBE / APP.UNSUBSCRIBE. */
export function subscribeOrUnsubscribe(
  ctx: ClientContext,
  req: Extract<PendingRequest, { kind: 'subscribe' | 'unsubscribe' }>,
  phase: Phase,
  nowMs: number,
): Step {
  const b = new Builder(ctx, nowMs);
  const list = req.kind === 'subscribe' ? req.subscriptions.map((s) => s.topicFilter) : req.topicFilters;
  if (list.length === 0) {
    b.explain('topicEmpty', 'client.subscribe.empty');
    return b.step();
  }
  for (const filter of list) {
    if (explainTopicProblems(b, validateTopicFilter(filter, b.version), 'client.subscribe.filter-invalid', filter)) {
      return b.step();
    }
  }
  if (phase === 'connected') {
    const ok =
      req.kind === 'subscribe'
        ? sendSubscribe(b, req.subscriptions, req.properties)
        : sendUnsubscribe(b, req.topicFilters, req.properties);
    if (!ok) b.set({ pending: b.ctx.pending.push(req) });
  } else if (phase === 'connecting') {
    b.set({ pending: b.ctx.pending.push(req) });
    b.explain({ ref: '3.1.4' }, 'client.subscribe.waits-for-connack', { filters: list.join(', ') });
  } else {
    b.explain({ ref: '4.1' }, 'client.subscribe.offline', { filters: list.join(', ') });
  }
  return b.step();
}

// ── Incoming packets while connected ──────────────────────────────────────────────────────

/** A packet that ends the connection: what to explain, what to send (5.0 DISCONNECT), why. */
export interface Closing {
  explain: Explain;
  /** 5.0: reason code of the DISCONNECT the client sends before closing. */
  disconnectReasonCode?: number;
  reason: CloseReason;
}

/** A protocol error that ends the connection (5.0: with a DISCONNECT carrying `reasonCode`). */
function protocolError(v: ProtocolVersion, reasonCode: number, r: string, key: string, params?: Explain['params']): Closing {
  return {
    explain: { ref: r, key, params: { ...(params ?? {}), code: hex(reasonCode), name: REASON_NAMES[reasonCode] ?? '' } },
    ...(v === 5 ? { disconnectReasonCode: reasonCode } : {}),
    reason: { key: 'client.close.protocol-error', params: { name: REASON_NAMES[reasonCode] ?? hex(reasonCode) } },
  };
}

/** Whether this incoming packet ends the connection (protocol error, server DISCONNECT). */
export function closingPacket(ctx: ClientContext, packet: Packet): Closing | null {
  const v = versionOf(ctx);
  switch (packet.type) {
    case 'disconnect': {
      const code = packet.reasonCode ?? 0;
      return {
        explain: {
          ref: ref('serverDisconnect', v),
          key: 'client.disconnect.by-server',
          params: { code: hex(code), name: REASON_NAMES[code] ?? '' },
        },
        reason: { key: 'client.close.by-broker', params: { name: REASON_NAMES[code] ?? hex(code) } },
      };
    }
    case 'connack':
      return protocolError(v, 0x82, ref('oneConnack', v), 'client.protocol.second-connack');
    case 'connect':
    case 'subscribe':
    case 'unsubscribe':
    case 'pingreq':
      return protocolError(v, 0x82, ref('protocolError', v), 'client.protocol.server-only-packet', { packet: packet.type.toUpperCase() });
    case 'auth':
      // We never send an Authentication Method, so the broker must not send AUTH (MQTT-4.12.0-6).
      return protocolError(v, 0x82, 'MQTT-4.12.0-6', 'client.protocol.unexpected-auth');
    case 'publish': {
      if (v !== 5) return null;
      const alias = packet.properties?.topicAlias;
      const max = ctx.options?.topicAliasMaximum ?? 0;
      if (alias !== undefined && (alias === 0 || alias > max)) {
        return protocolError(v, 0x94, ref('topicAliasAccepted', v), 'client.alias.out-of-range', { alias, max });
      }
      if (packet.topic === '' && alias === undefined) {
        return protocolError(v, 0x82, '3.3.2.1', 'client.alias.no-topic');
      }
      if (packet.topic === '' && alias !== undefined && !ctx.inboundAliases.has(alias)) {
        return protocolError(v, 0x82, ref('topicAliasUnknown', v), 'client.alias.unknown', { alias });
      }
      if (packet.qos === 2 && packet.packetId !== undefined && !ctx.incomingQos2.has(packet.packetId)) {
        const receiveMaximum = ctx.options?.receiveMaximum ?? 65535;
        if (ctx.incomingQos2.size >= receiveMaximum) {
          return protocolError(v, 0x93, ref('receiveMaximumExceeded', v), 'client.receive-maximum.exceeded', { max: receiveMaximum });
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** Before CONNACK the broker must send nothing else (MQTT-3.2.0-1). */
export function packetBeforeConnack(ctx: ClientContext, packet: Packet): Closing {
  const v = versionOf(ctx);
  return {
    explain: {
      ref: ref('connackFirst', v),
      key: 'client.protocol.before-connack',
      params: { packet: packet.type.toUpperCase() },
    },
    ...(v === 5 ? { disconnectReasonCode: 0x82 } : {}),
    reason: { key: 'client.close.packet-before-connack' },
  };
}

/** Ends the connection because of `closing`: 5.0 DISCONNECT with the reason code, then close. */
export function closeForPacket(ctx: ClientContext, closing: Closing, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explained(closing.explain);
  if (closing.disconnectReasonCode !== undefined) {
    b.send({ type: 'disconnect', reasonCode: closing.disconnectReasonCode });
  }
  b.close();
  return endConnection(b, closing.reason);
}

/** Bookkeeping when a connection ends, whatever the cause. */
function endConnection(b: Builder, reason: CloseReason): Step {
  b.set({
    connectedAtMs: null,
    pingSentAtMs: null,
    keepAliveArmed: false,
    lastCloseReason: reason,
    inboundAliases: IMap(),
    hasSessionState: sessionOutlivesConnection(b.ctx.options),
    // A SUBSCRIBE/UNSUBSCRIBE without its ack is not re-sent (only PUBLISH and PUBREL are).
    awaitingAck: IMap(),
    subscriptions: b.ctx.subscriptions.filter((s) => s.code !== null),
    outgoing: b.ctx.outgoing.map((m) => ({ ...m, resend: false })),
  });
  if (sessionOutlivesConnection(b.ctx.options)) {
    if (b.ctx.outgoing.size > 0 || b.ctx.incomingQos2.size > 0) {
      b.explain('sessionKept', 'client.session.kept', {
        outgoing: b.ctx.outgoing.size,
        incoming: b.ctx.incomingQos2.size,
      });
    }
  } else {
    if (b.ctx.outgoing.size > 0 || b.ctx.incomingQos2.size > 0) {
      b.explain({ ref: '4.1' }, 'client.session.ended', {
        outgoing: b.ctx.outgoing.size,
        incoming: b.ctx.incomingQos2.size,
      });
    }
    b.set({ outgoing: List(), incomingQos2: OrderedMap(), subscriptions: OrderedMap() });
  }
  dropUnsendable(b);
  return b.step();
}

/** Handles a packet that does not end the connection (see `closingPacket`). */
export function handlePacket(ctx: ClientContext, packet: Packet, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  switch (packet.type) {
    case 'publish':
      onPublish(b, packet);
      break;
    case 'pubrel':
      onPubrel(b, packet.packetId);
      break;
    case 'puback':
      onPuback(b, packet.packetId, packet.reasonCode ?? 0);
      break;
    case 'pubrec':
      onPubrec(b, packet.packetId, packet.reasonCode ?? 0);
      break;
    case 'pubcomp':
      onPubcomp(b, packet.packetId);
      break;
    case 'suback':
      onSuback(b, packet.packetId, packet.reasonCodes);
      break;
    case 'unsuback':
      onUnsuback(b, packet.packetId, packet.reasonCodes);
      break;
    case 'pingresp':
      b.explain('keepAliveSection', 'client.keepalive.pingresp-unsolicited');
      break;
    default:
      break;
  }
  return b.step();
}

function deliver(b: Builder, packet: PublishPacket): void {
  b.deliver(packet);
  b.edit().receivedCount++;
}

function onPublish(b: Builder, incoming: PublishPacket): void {
  let packet = incoming;
  if (b.version === 5) {
    const alias = packet.properties?.topicAlias;
    if (alias !== undefined) {
      if (packet.topic !== '') {
        b.set({ inboundAliases: b.ctx.inboundAliases.set(alias, packet.topic) });
        b.explain('topicAliasAccepted', 'client.alias.set', { alias, topic: packet.topic });
      } else {
        const topic = b.ctx.inboundAliases.get(alias) ?? '';
        packet = { ...packet, topic };
        b.explain('topicAliasPerConnection', 'client.alias.resolved', { alias, topic });
      }
    }
  }
  if (packet.qos === 0) {
    deliver(b, packet);
    b.explain('qos0Send', 'client.receive.qos0', { topic: packet.topic });
    return;
  }
  const id = packet.packetId ?? 0;
  if (packet.qos === 1) {
    // Deliver, then acknowledge (libmosquitto does the same: a crash in between means a re-send).
    deliver(b, packet);
    b.send({ type: 'puback', packetId: id });
    b.explain(packet.dup ? 'qos1NewAfterPuback' : 'qos1Receive', packet.dup ? 'client.receive.qos1-dup' : 'client.receive.qos1', {
      packetId: id,
      topic: packet.topic,
    });
    return;
  }
  if (b.ctx.incomingQos2.has(id)) {
    b.set({ incomingQos2: b.ctx.incomingQos2.set(id, packet) });
    b.send({ type: 'pubrec', packetId: id });
    b.explain('qos2Duplicate', 'client.receive.qos2-duplicate', { packetId: id, topic: packet.topic });
    return;
  }
  b.set({ incomingQos2: b.ctx.incomingQos2.set(id, packet) });
  b.send({ type: 'pubrec', packetId: id });
  b.explain('qos2Receive', 'client.receive.qos2-stored', { packetId: id, topic: packet.topic });
}

function onPubrel(b: Builder, id: number): void {
  const stored = b.ctx.incomingQos2.get(id);
  if (stored) {
    b.set({ incomingQos2: b.ctx.incomingQos2.delete(id) });
    deliver(b, stored);
    b.send({ type: 'pubcomp', packetId: id });
    b.explain('qos2Pubcomp', 'client.receive.qos2-released', { packetId: id, topic: stored.topic });
    return;
  }
  // Already released (a repeated PUBREL after a reconnect): answer anyway, deliver nothing.
  b.send(b.version === 5 ? { type: 'pubcomp', packetId: id, reasonCode: 0x92 } : { type: 'pubcomp', packetId: id });
  b.explain('qos2Pubcomp', 'client.receive.pubrel-unknown', { packetId: id });
}

/** The outgoing message with packet id `id` and its index, or undefined. */
function findOutgoing(b: Builder, id: number): { i: number; m: OutgoingMessage } | undefined {
  // A plain loop: Immutable's findIndex allocates a closure and an entry per call.
  const outgoing = b.ctx.outgoing;
  for (let i = 0; i < outgoing.size; i++) {
    const m = outgoing.get(i)!;
    if (m.packetId === id) return { i, m };
  }
  return undefined;
}

function onPuback(b: Builder, id: number, code: number): void {
  const { i, m } = findOutgoing(b, id) ?? { i: -1, m: undefined };
  if (!m || m.stage !== 'awaiting PUBACK') {
    b.explain({ ref: '4.3.2' }, 'client.ack.unknown', { packet: 'PUBACK', packetId: id });
    return;
  }
  b.edit().outgoing = derived(b.ctx.outgoing, b.ctx.outgoing.delete(i), m.resend ? 0 : -1, { remove: id });
  if (code >= 0x80) {
    b.explain('negativeAck', 'client.ack.failed', { packet: 'PUBACK', packetId: id, code: hex(code), name: REASON_NAMES[code] ?? '' });
  } else if (code === 0x10) {
    b.explain('qos1Send', 'client.ack.no-subscribers', { packet: 'PUBACK', packetId: id });
  } else {
    b.explain('qos1Send', 'client.ack.puback', { packetId: id });
  }
  drain(b);
}

function onPubrec(b: Builder, id: number, code: number): void {
  const { i, m } = findOutgoing(b, id) ?? { i: -1, m: undefined };
  if (!m || m.packet.qos !== 2) {
    if (b.version === 5) {
      b.send({ type: 'pubrel', packetId: id, reasonCode: 0x92 });
      b.explain({ ref: '3.6.2.1' }, 'client.ack.pubrec-unknown', { packetId: id });
    } else {
      b.explain({ ref: '4.3.3' }, 'client.ack.unknown', { packet: 'PUBREC', packetId: id });
    }
    return;
  }
  if (code >= 0x80) {
    b.edit().outgoing = derived(b.ctx.outgoing, b.ctx.outgoing.delete(i), m.resend ? 0 : -1, { remove: id });
    b.explain('negativeAck', 'client.ack.failed', { packet: 'PUBREC', packetId: id, code: hex(code), name: REASON_NAMES[code] ?? '' });
    drain(b);
    return;
  }
  b.set({ outgoing: derived(b.ctx.outgoing, b.ctx.outgoing.set(i, { ...m, stage: 'awaiting PUBCOMP' }), 0) });
  b.send({ type: 'pubrel', packetId: id });
  b.explain('qos2Pubrel', code === 0x10 ? 'client.ack.pubrec-no-subscribers' : 'client.ack.pubrec', { packetId: id });
}

function onPubcomp(b: Builder, id: number): void {
  const { i, m } = findOutgoing(b, id) ?? { i: -1, m: undefined };
  if (!m || m.stage !== 'awaiting PUBCOMP') {
    b.explain({ ref: '4.3.3' }, 'client.ack.unknown', { packet: 'PUBCOMP', packetId: id });
    return;
  }
  b.edit().outgoing = derived(b.ctx.outgoing, b.ctx.outgoing.delete(i), m.resend ? 0 : -1, { remove: id });
  b.explain('qos2Pubrel', 'client.ack.pubcomp', { packetId: id });
  drain(b);
}

function onSuback(b: Builder, id: number, codes: number[]): void {
  const waiting = b.ctx.awaitingAck.get(id);
  b.set({ lastSuback: { packetId: id, reasonCodes: codes } });
  if (!waiting || waiting.kind !== 'subscribe') {
    b.explain({ ref: '3.9' }, 'client.ack.unknown', { packet: 'SUBACK', packetId: id });
    return;
  }
  let subs = b.ctx.subscriptions;
  waiting.subscriptions.forEach((s, index) => {
    const code = codes[index] ?? 0x80;
    if (code >= 0x80) {
      subs = subs.delete(s.topicFilter);
      b.explain('suback', 'client.suback.failed', {
        filter: s.topicFilter,
        code: hex(code),
        name: b.version === 5 ? (REASON_NAMES[code] ?? '') : 'failure',
      });
    } else {
      subs = subs.set(s.topicFilter, { topicFilter: s.topicFilter, requestedQoS: s.qos, code });
      b.explain('suback', code < s.qos ? 'client.suback.downgraded' : 'client.suback.granted', {
        filter: s.topicFilter,
        requested: s.qos,
        granted: code,
      });
    }
  });
  if (codes.length !== waiting.subscriptions.length) {
    b.explain('subackOrder', 'client.suback.count-mismatch', { expected: waiting.subscriptions.length, got: codes.length });
  }
  b.set({ subscriptions: subs, awaitingAck: b.ctx.awaitingAck.delete(id) });
}

function onUnsuback(b: Builder, id: number, codes: number[] | undefined): void {
  const waiting = b.ctx.awaitingAck.get(id);
  if (!waiting || waiting.kind !== 'unsubscribe') {
    b.explain({ ref: '3.11' }, 'client.ack.unknown', { packet: 'UNSUBACK', packetId: id });
    return;
  }
  let subs = b.ctx.subscriptions;
  waiting.topicFilters.forEach((filter, index) => {
    const code = codes?.[index] ?? 0;
    if (code < 0x80) subs = subs.delete(filter);
    b.explain('unsuback', code === 0 ? 'client.unsuback.removed' : code === 0x11 ? 'client.unsuback.none' : 'client.unsuback.failed', {
      filter,
      code: hex(code),
      name: REASON_NAMES[code] ?? '',
    });
  });
  b.set({ subscriptions: subs, awaitingAck: b.ctx.awaitingAck.delete(id) });
}

// ── Keep-alive ────────────────────────────────────────────────────────────────────────────

/** Entering connected.idle: arm the keep-alive timer for the time left since the last send. */
export function armKeepAlive(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.set({ keepAliveArmed: true, pingSentAtMs: null });
  if (ctx.keepAliveSec > 0) {
    const dueMs = (ctx.lastSentMs ?? nowMs) + ctx.keepAliveSec * 1000;
    b.startTimer('keepAlive', Math.max(0, dueMs - nowMs));
  }
  return b.step();
}

/** Leaving connected.idle. */
export function disarmKeepAlive(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.set({ keepAliveArmed: false });
  if (ctx.keepAliveSec > 0) b.cancelTimer('keepAlive');
  return b.step();
}

/** TIMER.KEEPALIVE: nothing was sent for keepAliveSec, so send PINGREQ and wait for PINGRESP. */
export function sendPingreq(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder({ ...ctx, keepAliveArmed: false }, nowMs);
  b.send({ type: 'pingreq' });
  b.set({ pingSentAtMs: nowMs });
  b.explain('keepAlive', 'client.keepalive.pingreq', { keepAliveSec: ctx.keepAliveSec });
  b.startTimer('pingresp', ctx.keepAliveSec * 1000);
  return b.step();
}

/** PINGRESP in connected.awaitingPingresp (the state's exit cancels the timer). */
export function pingrespReceived(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('keepAliveSection', 'client.keepalive.pingresp', {
    roundTripMs: ctx.pingSentAtMs === null ? 0 : nowMs - ctx.pingSentAtMs,
  });
  return b.step();
}

/** TIMER.PINGRESP: no PINGRESP within keepAliveSec: the connection is considered dead. */
export function keepAliveTimeout(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('keepAliveSection', 'client.keepalive.timeout', { keepAliveSec: ctx.keepAliveSec });
  b.close();
  return endConnection(b, { key: 'client.close.keep-alive-timeout' });
}

/** Leaving awaitingPingresp any other way (the connection ended): cancel its timer. */
export function cancelPingresp(ctx: ClientContext, _nowMs: number): Step {
  return { context: ctx, effects: ctx.pingSentAtMs === null ? [] : [{ type: 'xstate.cancel', params: { sendId: 'pingresp' } }] };
}

// ── Ending a connection ───────────────────────────────────────────────────────────────────

/** APP.DISCONNECT while connected: DISCONNECT, then close (MQTT-3.14.4-1/-2). */
export function cleanDisconnect(
  ctx: ClientContext,
  reasonCode: number | undefined,
  properties: Properties | undefined,
  nowMs: number,
): Step {
  const b = new Builder(ctx, nowMs);
  const v = b.version;
  const code = reasonCode ?? 0;
  if (v === 5) {
    let props = properties;
    const expiry = props?.sessionExpiryIntervalSec;
    if (props && expiry !== undefined && expiry > 0 && (ctx.options?.sessionExpiryIntervalSec ?? 0) === 0) {
      // 3.14.2.2.2: after a CONNECT with Session Expiry 0, a non-zero one at DISCONNECT is a Protocol Error.
      b.explain('disconnectExpiryFromZero', 'client.refuse.disconnect-expiry', { expirySec: expiry });
      const { sessionExpiryIntervalSec: _left, ...rest } = props;
      props = Object.keys(rest).length > 0 ? rest : undefined;
    }
    let packet: Packet = { type: 'disconnect', ...(code !== 0 ? { reasonCode: code } : {}), ...(props ? { properties: props } : {}) };
    if (code !== 0 || props) {
      const problem = sendProblem(b, packet);
      if (problem) {
        b.explained(problem);
        b.explain('disconnectClose', 'client.disconnect.plain');
        packet = { type: 'disconnect' };
      }
    }
    b.send(packet);
    const sentExpiry = packet.properties?.sessionExpiryIntervalSec;
    if (sentExpiry !== undefined && ctx.options) {
      b.set({ options: { ...b.ctx.options!, sessionExpiryIntervalSec: sentExpiry } });
    }
  } else {
    b.send({ type: 'disconnect' });
  }
  b.explain('disconnectClose', v === 5 ? 'client.disconnect.sent' : 'client.disconnect.sent-311', { code: hex(code) });
  if (ctx.options?.will) {
    b.explain(
      'disconnectWill',
      v === 5 && code === 0x04 ? 'client.disconnect.will-kept' : 'client.disconnect.will-discarded',
      { topic: ctx.options.will.topic },
    );
  }
  b.close();
  return endConnection(b, { key: 'client.close.by-application' });
}

/** APP.DISCONNECT before CONNACK: just close the network connection. */
export function abortConnect(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain('disconnectClose', 'client.disconnect.abort');
  b.close();
  return endConnection(b, { key: 'client.close.by-application' });
}

/** NET.CLOSED: the driver reports the connection gone. */
export function networkClosed(ctx: ClientContext, why: 'peer-closed' | 'refused' | 'reset', nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain({ ref: '4.2' }, why === 'refused' ? 'client.net.refused' : 'client.net.closed', { why });
  return endConnection(b, { key: why === 'refused' ? 'client.close.connection-refused' : why === 'reset' ? 'client.close.reset' : 'client.close.peer-closed' });
}

/** NET.MALFORMED: 5.0 DISCONNECT with the error's reason code, then close; 3.1.1 close. */
export function malformed(ctx: ClientContext, error: { reasonCode: number; ref: string; message: string }, nowMs: number): Step {
  const b = new Builder(ctx, nowMs);
  b.explain({ ref: error.ref }, 'client.protocol.malformed', { message: error.message, code: hex(error.reasonCode) });
  if (b.version === 5) b.send({ type: 'disconnect', reasonCode: error.reasonCode });
  b.explain('protocolError', b.version === 5 ? 'client.protocol.close-v5' : 'client.protocol.close-v4', {
    code: hex(error.reasonCode),
  });
  b.close();
  return endConnection(b, { key: 'client.close.malformed', params: { message: error.message } });
}

/** SYS.CRASH: the process dies; its memory is gone (the world closes the socket). */
export function crash(ctx: ClientContext, nowMs: number): Step {
  const b = new Builder(initialContext(ctx.name), nowMs);
  b.set({ lastCloseReason: { key: 'client.close.crashed' } });
  b.explain({ ref: '4.1' }, 'client.crash', {
    outgoing: ctx.outgoing.size,
    incoming: ctx.incomingQos2.size,
    pending: ctx.pending.size,
  });
  return b.step();
}
