/**
 * Sessions: what the broker keeps per client ID (section 4.1), as immutable values.
 *
 * A session lives from the first accepted CONNECT with that client ID until it ends (clean
 * start, session expiry, or a restart without persistence). While a connection is attached its
 * `connId` is set. Outgoing QoS 1/2 messages are either in flight (a packet ID is assigned and
 * the handshake stage recorded) or queued behind the in-flight window; incoming QoS 2 messages
 * wait in `inboundQos2` for their PUBREL (Mosquitto forwards a QoS 2 message on PUBREL).
 *
 * A session is never changed once a step or a run of steps has handed it over: the functions
 * below either return a new value or (marked as such) edit a copy that the current step or run
 * made and owns (context.ts).
 */
import { OrderedMap } from 'immutable';
import type { ProtocolVersion, Properties, QoS, Will } from '../codec/types.ts';
import { ownedCopy, type ConnId, type Owned } from '../mqtt/actor-contract.ts';
import { Fifo } from './fifo.ts';
import type { SubscriptionOptions } from './subscriptions.ts';

/** Session expiry "never" (0xFFFFFFFF, section 3.1.2.11.2); also a 3.1.1 clean=0 session. */
export const EXPIRY_NEVER = 0xffffffff;

/** An application message as the broker routes it. */
export interface Message {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** 5.0 properties to forward (without topic alias and subscription identifiers). */
  properties?: Properties;
  /** Absolute virtual time at which the message expires (5.0 message expiry). */
  expiresAtMs?: number;
  /** The publishing client, for No Local; absent for wills of ended sessions and $SYS. */
  fromClientId?: string;
}

/** One copy of a message on its way to one subscriber. */
export interface Delivery {
  message: Message;
  /** QoS on the wire: min(message QoS, granted QoS). */
  qos: QoS;
  /** RETAIN flag on the wire. */
  retain: boolean;
  subscriptionIds?: number[];
  /**
   * QoS 1/2: the packet ID given when the copy was offered, also when it waits in the queue
   * (Mosquitto numbers a copy when it routes it, not when it sends it).
   */
  packetId?: number;
}

export type OutboundStage = 'awaiting-puback' | 'awaiting-pubrec' | 'awaiting-pubcomp';

export interface InflightOut extends Delivery {
  packetId: number;
  stage: OutboundStage;
}

/**
 * The messages in flight towards one client, in the order they were sent: a readonly array,
 * never edited once a step or run has handed it over (a run copies it once and edits its own
 * copy, `editableInflight`); not frozen either (`Object.freeze` on an array costs microseconds
 * in V8). The window is small (max_inflight_messages, 20 by default here as
 * in Mosquitto, or the client's Receive Maximum), and for a few dozen entries copying an array
 * is far cheaper than a persistent map: Immutable's OrderedMap, with its periodic compaction,
 * took about a quarter of the broker's time per delivery in the loopback benchmark. Lookups
 * scan the array, as Mosquitto scans its own in-flight list.
 */
export type Inflight = readonly InflightOut[];

export const noInflight: Inflight = Object.freeze([]);

export function findInflight(list: Inflight, packetId: number): InflightOut | undefined {
  const i = indexOfInflight(list, packetId);
  return i < 0 ? undefined : list[i];
}

function indexOfInflight(list: Inflight, packetId: number): number {
  for (let i = 0; i < list.length; i++) if (list[i]!.packetId === packetId) return i;
  return -1;
}

/**
 * The session's in-flight array, as one the current run may edit in place: the array itself
 * when the run copied it (`owned`, see context.ts), else a copy that the run owns from now on.
 * A run that sends and acknowledges hundreds of messages to a client copies its list once.
 */
function editableInflight(s: Session, owned: Owned): InflightOut[] {
  const list = ownedCopy(owned, s.inflightOut as InflightOut[], (l) => l.slice());
  s.inflightOut = list;
  return list;
}

/**
 * Incoming QoS 2 messages waiting for their PUBREL, in the order they arrived: like `Inflight`,
 * a readonly array that a step or run copies once and then edits (`editableInbound`). A client
 * keeps few of them (its own in-flight window); Mosquitto too scans a list for each PUBREL.
 * Immutable's OrderedMap, used before, cost about 1.5 kB of garbage per QoS 2 message in the
 * loopback load (a map, a list and their nodes, on every set and delete).
 */
export type InboundQos2 = readonly InboundQos2Entry[];

export interface InboundQos2Entry {
  readonly packetId: number;
  readonly message: Message;
}

export const noInboundQos2: InboundQos2 = Object.freeze([]);

/** The message waiting under `packetId`, if any. */
export function findInbound(list: InboundQos2, packetId: number): Message | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]!.packetId === packetId) return list[i]!.message;
  return undefined;
}

function editableInbound(s: Session, owned: Owned): InboundQos2Entry[] {
  const list = ownedCopy(owned, s.inboundQos2 as InboundQos2Entry[], (l) => l.slice());
  s.inboundQos2 = list;
  return list;
}

/** Keeps `message` under `packetId` until its PUBREL (at the end: the ID is not there yet). */
export function addInbound(s: Session, packetId: number, message: Message, owned: Owned): void {
  editableInbound(s, owned).push({ packetId, message });
}

/** Forgets the message under `packetId` (its PUBREL came). */
export function removeInbound(s: Session, packetId: number, owned: Owned): void {
  let i = 0;
  while (i < s.inboundQos2.length && s.inboundQos2[i]!.packetId !== packetId) i++;
  if (i === s.inboundQos2.length) return;
  const list = editableInbound(s, owned);
  for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!;
  list.pop();
}

export interface StoredSubscription extends SubscriptionOptions {
  shareGroup?: string;
  /** The filter without `$share/group/`. */
  innerFilter: string;
}

export interface PendingWill {
  will: Will;
  /** Username of the connection that registered it (ACL check when published). */
  username?: string;
  /** Set while a 5.0 will waits for its Will Delay Interval. */
  dueAtMs?: number;
}

export interface Session {
  clientId: string;
  connId: ConnId | null;
  version: ProtocolVersion;
  username?: string;
  /** Seconds; 0 = ends with the connection, EXPIRY_NEVER = never (3.1.1 clean=0). */
  expiryIntervalSec: number;
  /** Set while disconnected with a finite expiry. */
  expiresAtMs?: number;
  /** Filters as subscribed (with `$share/g/` where shared), in subscription order. */
  subscriptions: OrderedMap<string, StoredSubscription>;
  /** In the order they were sent (see `Inflight`). */
  inflightOut: Inflight;
  /** Waiting for room in the in-flight window or for the client to come back, oldest first. */
  queued: Fifo<Delivery>;
  /** Incoming QoS 2 packet IDs awaiting PUBREL, with the message to forward then (see `InboundQos2`). */
  inboundQos2: InboundQos2;
  /** Last packet ID used for outgoing messages (1..65535). */
  lastPacketId: number;
  will: PendingWill | null;
  /** Bumped on every attach/detach, so that stale timers can be recognised. */
  generation: number;
}

export function newSession(clientId: string, version: ProtocolVersion, expiryIntervalSec: number): Session {
  return {
    clientId,
    connId: null,
    version,
    expiryIntervalSec,
    subscriptions: OrderedMap(),
    inflightOut: noInflight,
    queued: Fifo.empty(),
    inboundQos2: noInboundQos2,
    lastPacketId: 0,
    will: null,
    generation: 0,
  };
}

/**
 * A shallow copy (the collections are shared: they are immutable). Written out field by field
 * because object spread is slow in V8 (see context.ts); optional fields stay absent when absent.
 */
export function copySession(s: Session): Session {
  const copy: Session = {
    clientId: s.clientId,
    connId: s.connId,
    version: s.version,
    expiryIntervalSec: s.expiryIntervalSec,
    subscriptions: s.subscriptions,
    inflightOut: s.inflightOut,
    queued: s.queued,
    inboundQos2: s.inboundQos2,
    lastPacketId: s.lastPacketId,
    will: s.will,
    generation: s.generation,
  };
  if (s.username !== undefined) copy.username = s.username;
  if (s.expiresAtMs !== undefined) copy.expiresAtMs = s.expiresAtMs;
  return copy;
}

/** Is the session kept after its connection closes? */
export function isPersistent(s: Pick<Session, 'expiryIntervalSec'>): boolean {
  return s.expiryIntervalSec > 0;
}

/**
 * The next free packet ID after `lastPacketId`, skipping IDs still in flight (MQTT-2.2.1-3/4).
 * Returns null when all 65535 are in use.
 */
export function nextPacketId(s: Session): number | null {
  let id = s.lastPacketId;
  for (let tries = 0; tries < 65535; tries++) {
    id = id >= 65535 ? 1 : id + 1;
    if (!findInflight(s.inflightOut, id)) return id;
  }
  return null;
}

/** A delivery numbered with `packetId` (a literal, not a spread: see `copySession`). */
export function numbered(d: Delivery, packetId: number): Delivery {
  const { message, qos, retain, subscriptionIds } = d;
  return subscriptionIds === undefined ? { message, qos, retain, packetId } : { message, qos, retain, subscriptionIds, packetId };
}

function inflightEntry(d: Delivery, packetId: number, stage: OutboundStage): InflightOut {
  const { message, qos, retain, subscriptionIds } = d;
  return subscriptionIds === undefined
    ? { message, qos, retain, packetId, stage }
    : { message, qos, retain, subscriptionIds, packetId, stage };
}

// ── Edits in place, of a session the current step owns (`editSession` in context.ts) ────────

/** Takes the next packet ID (see `nextPacketId`) and records it as the last one used. */
export function takePacketId(s: Session): number | null {
  const packetId = nextPacketId(s);
  if (packetId !== null) s.lastPacketId = packetId;
  return packetId;
}

// The in-flight edits take the run's `owned` set (tx.owned): see `editableInflight`.

/**
 * Puts a delivery in flight under `packetId` (taken with `takePacketId`), at the end or in
 * place of the entry with that ID; returns the entry.
 */
export function addInflight(s: Session, packetId: number, d: Delivery, owned: Owned): InflightOut {
  const entry = inflightEntry(d, packetId, d.qos === 1 ? 'awaiting-puback' : 'awaiting-pubrec');
  const i = indexOfInflight(s.inflightOut, packetId);
  const list = editableInflight(s, owned);
  if (i < 0) list.push(entry);
  else list[i] = entry;
  return entry;
}

export function setStage(s: Session, packetId: number, stage: OutboundStage, owned: Owned): void {
  const i = indexOfInflight(s.inflightOut, packetId);
  if (i >= 0) editableInflight(s, owned)[i] = inflightEntry(s.inflightOut[i]!, packetId, stage);
}

export function removeInflight(s: Session, packetId: number, owned: Owned): void {
  const i = indexOfInflight(s.inflightOut, packetId);
  if (i < 0) return;
  // Moved down by hand: `splice` would allocate an array for the entry it removes.
  const list = editableInflight(s, owned);
  for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!;
  list.pop();
}

/** Drops every outgoing message and subscription: a fresh start with the same client ID. */
export function clearState(s: Session): Session {
  return {
    ...s,
    subscriptions: OrderedMap(),
    inflightOut: noInflight,
    queued: Fifo.empty(),
    inboundQos2: noInboundQos2,
    lastPacketId: 0,
    will: null,
  };
}
