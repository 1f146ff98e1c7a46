/**
 * The broker's context (one immutable value per snapshot) and the transaction every event is
 * handled in.
 *
 * Theory of operation
 * -------------------
 * The machine hands each event to `step` (engine.ts) with a fresh `Tx`: the current
 * context plus an empty list of effects. Handlers change the context and append effects in the
 * order they happen. The machine then assigns `tx.ctx` and turns each effect into an xstate
 * action: `net.send`, `net.close`, `trace.explain`, or a delayed `raise` / `cancel` for timers.
 * The Tx object itself lives only for one event.
 *
 * Copy on first write. The world keeps every context it has seen (step back, fork), so nothing
 * reachable from an older context may ever change. But copying the context, a session and its
 * connection for every field a handler sets made one delivery cost several copies of each (and
 * object spread is slow in V8: ~0.3-0.9 µs for a dozen fields against ~25 ns for a literal).
 * So a step copies each object at most once, on its first change (`draft`, `editSession`,
 * `editConn`, the counters in `send`), remembers the copies in `tx.owned`, and edits those in
 * place: they are new, only this step can see them, and once the step returns nobody edits them
 * again (the next step starts with an empty `owned`). Immutable.js collections inside them are
 * never mutated, only replaced (`sessions.set(...)` returns a new map sharing the old nodes).
 * Reading is unchanged: `tx.ctx.sessions.get(id)` gives the latest version, draft or not.
 *
 * A run of steps (the world's `runUntil`) keeps only its last snapshot, so it lends the steps
 * one `owned` set for the whole run (actor-contract.ts, `RunScope`): the context, a session or
 * a connection is then copied once per run instead of once per event, and the maps that hold
 * them are set once per run too (a set copies a path of the 1,000-entry maps of a fleet).
 * The TCP driver does the same for the packets of one event-loop turn (socket-pump.ts, `turn`).
 * A handler must therefore not expect an object it read earlier in the step to keep its old
 * fields after an edit: read the field before the edit (tests/sim/run-batch.test.ts compares
 * runs with single steps).
 */
import { Map as IMap } from 'immutable';
import type { Packet, ProtocolVersion } from '../codec/types.ts';
import { ownedCopy, StepOwned, type ConnId, type Explain, type Owned } from '../mqtt/actor-contract.ts';
import type { RuleRef } from '../mqtt/spec.ts';
import type { ResolvedConfig } from './config.ts';
import type { BrokerMessageKey } from './messages.ts';
import type { RetainedNodes, RetainedStore } from './retained.ts';
import { copySession, type Session } from './sessions.ts';
import type { SubscriptionIndex } from './subscriptions.ts';
import type { SysCounters } from './sys.ts';

/** One network connection as the broker sees it. */
export interface Conn {
  connId: ConnId;
  state: 'awaiting-connect' | 'connected';
  openedAtMs: number;
  lastPacketAtMs: number;
  clientId?: string;
  version?: ProtocolVersion;
  username?: string;
  /** Effective keep alive (after a 5.0 Server Keep Alive), 0 = off. */
  keepAliveSec: number;
  /** The client's Receive Maximum (5.0), 65535 when absent. */
  receiveMaximum: number;
  /** The client's Maximum Packet Size (5.0), 0 = no limit. */
  maximumPacketSize: number;
  /** Topic aliases the client set up towards the broker (5.0). */
  inboundAliases: IMap<number, string>;
  /** The driver reported its socket backlog at the max_queued limits (`NET.BACKLOG`): QoS 0 is dropped. */
  backlogFull?: boolean;
  /** `use_identity_as_username` on the listener it came in on (see `NET.OPEN`). */
  identity?: { commonName?: string };
}

/** Timer events the broker raises to itself (the driver adds `nowMs` when they fire). */
export type BrokerTimerEvent =
  | { type: 'TIMER.KEEPALIVE'; connId: ConnId }
  | { type: 'TIMER.WILL'; clientId: string; generation: number }
  | { type: 'TIMER.SESSION_EXPIRY'; clientId: string; generation: number }
  | { type: 'TIMER.SYS' };

export interface BrokerContext {
  config: ResolvedConfig;
  startedAtMs: number;
  conns: IMap<ConnId, Conn>;
  sessions: IMap<string, Session>;
  subs: SubscriptionIndex;
  retained: RetainedStore;
  /** The retained-message tree's nodes in creation order (the order a new subscription gets them). */
  retainedNodes: RetainedNodes;
  counters: SysCounters;
  /** Last published `$SYS` values (Mosquitto publishes only what changed). */
  lastSys: IMap<string, string>;
  /** Counter for assigned client IDs (deterministic, never random). */
  autoIdCounter: number;
  /**
   * The turn order of each shared group (`group filter` → client ID → turn): the member with the
   * lowest turn gets the next message and then goes last; a new member joins last. This is
   * Mosquitto 2.0's rotating list (subs.c: the first member is sent the message, then moved to
   * the end). The spec leaves the choice to the server (4.8.2).
   */
  sharedTurns: IMap<string, IMap<string, number>>;
}

export type Effect =
  | { type: 'net.send'; params: { connId: ConnId; packet: Packet; version: ProtocolVersion } }
  | { type: 'net.close'; params: { connId: ConnId } }
  | { type: 'trace.explain'; params: Explain }
  | { type: 'timer.start'; id: string; delayMs: number; event: BrokerTimerEvent }
  | { type: 'timer.cancel'; id: string };

export interface Tx {
  ctx: BrokerContext;
  effects: Effect[];
  nowMs: number;
  /** The objects this step (or its run) copied and may edit in place (theory of operation). */
  readonly owned: Owned;
  /** The run's plain-map mirrors of `conns` and `sessions` (`getConn`), when a run lent `owned`. */
  readonly mirrors: Mirrors | undefined;
  /**
   * Whether `explain` records its notes (`trace.explain` effects). Always in the simulator; a
   * driver nobody traces turns it off (`step`'s `explaining`) and saves building them.
   */
  readonly explaining: boolean;
}

/**
 * What a run has read of one persistent map, in a plain `Map`: valid while the context still
 * holds that same map (`source`). A fleet's broker looks up a connection and a session several
 * times per packet, and a plain map answers in a fraction of Immutable's time for a
 * 1,000-entry map (which hashes a short string anew on every lookup). `setConn`/`setSession`
 * keep it in step; any other replacement of the map (a delete, a restart) empties it.
 */
interface Mirror<K, V> {
  source: IMap<K, V>;
  readonly values: Map<K, V>;
}

interface Mirrors {
  conns: Mirror<ConnId, Conn>;
  sessions: Mirror<string, Session>;
}

/**
 * The mirrors of the run whose `owned` set is `mirroredRun` (the run of the last step: runs
 * follow one another, each step of a run after the other). A one-slot cache, not a WeakMap by
 * run: a WeakMap entry would outlive a run until a full collection, and keep the run's copies
 * from dying young. A new run goes on with the last run's mirror of a map that is still the
 * context's (a world run in slices of time, the TCP driver's turns): at 10,000 clients a slice
 * reads each entry only a few times, so reading them all from the trie again each slice cost
 * more than the lookups saved.
 */
let mirroredRun: Set<object> | undefined;
let runMirrors: Mirrors | undefined;

function mirrorsOf(ctx: BrokerContext, owned: Set<object>): Mirrors {
  if (owned !== mirroredRun || runMirrors === undefined) {
    const last = runMirrors;
    mirroredRun = owned;
    runMirrors = {
      conns: last?.conns.source === ctx.conns ? last.conns : { source: ctx.conns, values: new Map() },
      sessions: last?.sessions.source === ctx.sessions ? last.sessions : { source: ctx.sessions, values: new Map() },
    };
  }
  return runMirrors;
}

/**
 * `owned`: what a run of steps has copied already (see the theory of operation); else nothing.
 * A single step reads the maps directly: mirrors pay off only over many steps.
 */
export function newTx(ctx: BrokerContext, nowMs: number, owned?: Set<object>, explaining = true): Tx {
  return owned === undefined
    ? { ctx, effects: [], nowMs, owned: new StepOwned(), mirrors: undefined, explaining }
    : { ctx, effects: [], nowMs, owned, mirrors: mirrorsOf(ctx, owned), explaining };
}

function mirrored<K, V>(m: Mirror<K, V>, map: IMap<K, V>, key: K): V | undefined {
  if (m.source !== map) {
    m.source = map;
    m.values.clear();
  }
  let value = m.values.get(key);
  if (value === undefined) {
    value = map.get(key);
    if (value !== undefined) m.values.set(key, value);
  }
  return value;
}

/** The connection `connId` (what `tx.ctx.conns.get` gives, through the run's mirror). */
export function getConn(tx: Tx, connId: ConnId): Conn | undefined {
  return tx.mirrors === undefined ? tx.ctx.conns.get(connId) : mirrored(tx.mirrors.conns, tx.ctx.conns, connId);
}

/** The session of `clientId` (what `tx.ctx.sessions.get` gives, through the run's mirror). */
export function getSession(tx: Tx, clientId: string): Session | undefined {
  return tx.mirrors === undefined ? tx.ctx.sessions.get(clientId) : mirrored(tx.mirrors.sessions, tx.ctx.sessions, clientId);
}

/** `before.set(key, value)`; the run's mirror follows if it mirrored `before`. */
function setEntry<K, V>(before: IMap<K, V>, m: Mirror<K, V> | undefined, key: K, value: V): IMap<K, V> {
  const after = before.set(key, value);
  if (m !== undefined && m.source === before) {
    m.source = after;
    m.values.set(key, value);
  }
  return after;
}

/** `value` as this step's own copy, for editing in place (stored with `set` when first copied). */
function editOwned<V extends object>(tx: Tx, value: V | undefined, copy: (v: V) => V, set: (tx: Tx, v: V) => void): V | undefined {
  if (value === undefined) return undefined;
  const mine = ownedCopy(tx.owned, value, copy);
  if (mine !== value) set(tx, mine);
  return mine;
}

// The copies are literals, not spreads (see the theory of operation); TypeScript flags a
// missing required field, and optional fields stay absent when absent.

function copyContext(c: BrokerContext): BrokerContext {
  return {
    config: c.config,
    startedAtMs: c.startedAtMs,
    conns: c.conns,
    sessions: c.sessions,
    subs: c.subs,
    retained: c.retained,
    retainedNodes: c.retainedNodes,
    counters: c.counters,
    lastSys: c.lastSys,
    autoIdCounter: c.autoIdCounter,
    sharedTurns: c.sharedTurns,
  };
}

function copyCounters(c: SysCounters): SysCounters {
  return {
    messagesReceived: c.messagesReceived,
    messagesSent: c.messagesSent,
    publishReceived: c.publishReceived,
    publishSent: c.publishSent,
    publishDropped: c.publishDropped,
  };
}

function copyConn(c: Conn): Conn {
  const copy: Conn = {
    connId: c.connId,
    state: c.state,
    openedAtMs: c.openedAtMs,
    lastPacketAtMs: c.lastPacketAtMs,
    keepAliveSec: c.keepAliveSec,
    receiveMaximum: c.receiveMaximum,
    maximumPacketSize: c.maximumPacketSize,
    inboundAliases: c.inboundAliases,
  };
  if (c.clientId !== undefined) copy.clientId = c.clientId;
  if (c.version !== undefined) copy.version = c.version;
  if (c.username !== undefined) copy.username = c.username;
  if (c.backlogFull) copy.backlogFull = true;
  if (c.identity !== undefined) copy.identity = c.identity;
  return copy;
}

/** The context as this step's own copy, for editing in place. */
export function draft(tx: Tx): BrokerContext {
  return (tx.ctx = ownedCopy(tx.owned, tx.ctx, copyContext));
}

/** Replaces some fields of the context. */
export function update(tx: Tx, fields: Partial<BrokerContext>): void {
  Object.assign(draft(tx), fields);
}

/** The counters as this step's own copy. */
function counters(tx: Tx): SysCounters {
  const ctx = draft(tx);
  return (ctx.counters = ownedCopy(tx.owned, ctx.counters, copyCounters));
}

export type ExplainParams = Record<string, string | number | boolean>;

/**
 * A note for the trace. Nothing when the step does not explain (`tx.explaining`); a call on the
 * path of every message tests `tx.explaining` itself, so it does not build the params either.
 */
export function explain(tx: Tx, ref: RuleRef, key: BrokerMessageKey, params?: ExplainParams): void {
  if (!tx.explaining) return;
  tx.effects.push({ type: 'trace.explain', params: params ? { ref, key, params } : { ref, key } });
}

export function send(tx: Tx, conn: Pick<Conn, 'connId' | 'version'>, packet: Packet, version?: ProtocolVersion): void {
  const v = version ?? conn.version ?? 4;
  tx.effects.push({ type: 'net.send', params: { connId: conn.connId, packet, version: v } });
  const c = counters(tx);
  c.messagesSent++;
  if (packet.type === 'publish') c.publishSent++;
}

/** Counts a packet received from a client. */
export function countReceived(tx: Tx, packet: Packet): void {
  const c = counters(tx);
  c.messagesReceived++;
  if (packet.type === 'publish') c.publishReceived++;
}

export function closeSocket(tx: Tx, connId: ConnId): void {
  tx.effects.push({ type: 'net.close', params: { connId } });
}

export function startTimer(tx: Tx, id: string, delayMs: number, event: BrokerTimerEvent): void {
  tx.effects.push({ type: 'timer.start', id, delayMs, event });
}

export function cancelTimer(tx: Tx, id: string): void {
  tx.effects.push({ type: 'timer.cancel', id });
}

export const keepAliveTimerId = (connId: ConnId) => `keepalive:${connId}`;
export const willTimerId = (clientId: string) => `will:${clientId}`;
export const expiryTimerId = (clientId: string) => `session-expiry:${clientId}`;
export const SYS_TIMER_ID = 'sys';

export function setSession(tx: Tx, session: Session): void {
  const ctx = draft(tx);
  ctx.sessions = setEntry(ctx.sessions, tx.mirrors?.sessions, session.clientId, session);
}

/** The session of `clientId` as this step's own copy, for editing in place; undefined if none. */
export function editSession(tx: Tx, clientId: string): Session | undefined {
  return editOwned(tx, getSession(tx, clientId), copySession, setSession);
}

export function setConn(tx: Tx, conn: Conn): void {
  const ctx = draft(tx);
  ctx.conns = setEntry(ctx.conns, tx.mirrors?.conns, conn.connId, conn);
}

/** The connection `connId` as this step's own copy, for editing in place; undefined if none. */
export function editConn(tx: Tx, connId: ConnId): Conn | undefined {
  return editOwned(tx, getConn(tx, connId), copyConn, setConn);
}

export function bumpDropped(tx: Tx): void {
  counters(tx).publishDropped++;
}
